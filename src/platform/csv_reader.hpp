// A streaming RFC 4180 CSV reader: quoted fields with embedded commas, quotes ("") and line breaks, CRLF or LF, a
// UTF-8 byte-order mark skipped. It never guesses: an unterminated quote, text after a closing quote or invalid
// UTF-8 is reported with its line and column, so the person who made the file can find and fix it.
#pragma once

#include <cstdint>
#include <istream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sinergi {

struct CsvProblem {
    std::int64_t line = 0;    // 1-based physical line where the problem is
    std::int64_t column = 0;  // 1-based field number
    std::string message_id;
    std::string message_en;
};

class CsvReader {
 public:
    explicit CsvReader(std::istream& in, char delimiter = ',');

    // Reads the next record into `fields`. Returns false at the end of input or on a problem (see problem()).
    bool Next(std::vector<std::string>& fields);
    const std::optional<CsvProblem>& problem() const { return problem_; }
    // Physical line on which the last record returned started.
    std::int64_t record_line() const { return record_line_; }

 private:
    int Get();
    int Peek();
    void Fail(std::int64_t column, std::string id, std::string en);

    std::istream& in_;
    char delimiter_;
    std::int64_t line_ = 1;
    std::int64_t record_line_ = 0;
    bool started_ = false;
    std::optional<CsvProblem> problem_;
};

// The separator a CSV file uses, read from its header line: Excel saves "CSV" with the list separator of the
// computer's region — a semicolon where the decimal sign is a comma, as in Indonesia — or a tab.
char DetectCsvDelimiter(std::string_view header_line);

}  // namespace sinergi
