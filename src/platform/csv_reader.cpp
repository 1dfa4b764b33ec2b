#include "platform/csv_reader.hpp"

#include <fmt/format.h>

#include "platform/text.hpp"

namespace sinergi {

CsvReader::CsvReader(std::istream& in, char delimiter) : in_(in), delimiter_(delimiter) {}

int CsvReader::Get() {
    const int c = in_.get();
    if (c == '\n') {
        ++line_;
    }
    return c;
}

int CsvReader::Peek() { return in_.peek(); }

void CsvReader::Fail(std::int64_t column, std::string id, std::string en) {
    problem_ = CsvProblem{line_, column, std::move(id), std::move(en)};
}

bool CsvReader::Next(std::vector<std::string>& fields) {
    fields.clear();
    if (problem_) {
        return false;
    }
    if (!started_) {
        started_ = true;
        if (Peek() == 0xEF) {
            char bom[3];
            in_.read(bom, 3);
            if (in_.gcount() != 3 || bom[1] != '\xBB' || bom[2] != '\xBF') {
                Fail(1, "Awal berkas bukan UTF-8 yang valid.", "The file does not start with valid UTF-8.");
                return false;
            }
        }
    }
    if (Peek() == std::char_traits<char>::eof()) {
        return false;
    }
    record_line_ = line_;
    std::string field;
    for (;;) {
        int c = Get();
        const auto column = static_cast<std::int64_t>(fields.size()) + 1;
        if (c == '"' && field.empty()) {
            // Quoted field: runs to the closing quote; "" is a literal quote.
            for (;;) {
                c = Get();
                if (c == std::char_traits<char>::eof()) {
                    Fail(column,
                         fmt::format("Tanda kutip pada kolom {} tidak ditutup (dimulai di baris {}).", column,
                                     record_line_),
                         fmt::format("Unterminated quote in field {} (opened on line {}).", column, record_line_));
                    return false;
                }
                if (c == '"') {
                    if (Peek() == '"') {
                        Get();
                        field.push_back('"');
                        continue;
                    }
                    break;
                }
                field.push_back(static_cast<char>(c));
            }
            c = Get();
            if (c != delimiter_ && c != '\n' && c != '\r' && c != std::char_traits<char>::eof()) {
                Fail(column, fmt::format("Ada teks setelah tanda kutip penutup pada kolom {}.", column),
                     fmt::format("Text after the closing quote in field {}.", column));
                return false;
            }
        } else {
            while (c != delimiter_ && c != '\n' && c != '\r' && c != std::char_traits<char>::eof()) {
                if (c == '"') {
                    Fail(column,
                         fmt::format("Tanda kutip di tengah kolom {}; bungkus seluruh isi kolom dengan tanda kutip.",
                                     column),
                         fmt::format("A quote inside field {}; wrap the whole field in quotes.", column));
                    return false;
                }
                field.push_back(static_cast<char>(c));
                c = Get();
            }
        }
        if (!text::IsValidUtf8(field)) {
            // The terminator is already read; a line break moved the count past the field's own line.
            if (c == '\n') {
                --line_;
            }
            Fail(column, fmt::format("Kolom {} bukan teks UTF-8 yang valid; simpan berkas sebagai CSV UTF-8.", column),
                 fmt::format("Field {} is not valid UTF-8 text; save the file as CSV UTF-8.", column));
            return false;
        }
        fields.push_back(std::move(field));
        field.clear();
        if (c == delimiter_) {
            continue;
        }
        if (c == '\r' && Peek() == '\n') {
            Get();
        }
        return true;
    }
}

char DetectCsvDelimiter(std::string_view header_line) {
    std::size_t commas = 0;
    std::size_t semicolons = 0;
    std::size_t tabs = 0;
    bool quoted = false;
    for (char c : header_line) {
        if (c == '"') {
            quoted = !quoted;
        } else if (!quoted) {
            commas += c == ',' ? 1 : 0;
            semicolons += c == ';' ? 1 : 0;
            tabs += c == '\t' ? 1 : 0;
        }
    }
    if (semicolons > commas && semicolons >= tabs) {
        return ';';
    }
    if (tabs > commas && tabs > semicolons) {
        return '\t';
    }
    return ',';
}

}  // namespace sinergi
