#include "linkage/link_files.hpp"

#include <algorithm>
#include <chrono>
#include <fstream>
#include <numeric>
#include <sstream>

#include <boost/json.hpp>
#include <fmt/format.h>

#include "platform/csv_reader.hpp"
#include "platform/csv_writer.hpp"

namespace sinergi::linkage {

std::string FileProblem::Describe() const {
    std::string where_id = file;
    std::string where_en = file;
    if (line > 0) {
        where_id += fmt::format(", baris {}", line);
        where_en += fmt::format(", line {}", line);
    }
    if (!column.empty()) {
        where_id += fmt::format(", kolom {}", column);
        where_en += fmt::format(", column {}", column);
    }
    return fmt::format("{}: {} / {}: {}", where_id, message_id, where_en, message_en);
}

namespace {

std::string Folded(std::string_view text) {
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) {
        return {};
    }
    const auto last = text.find_last_not_of(" \t\r\n");
    std::string out(text.substr(first, last - first + 1));
    std::transform(out.begin(), out.end(), out.begin(),
                   [](char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; });
    return out;
}

std::string Trimmed(std::string_view text) {
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) {
        return {};
    }
    const auto last = text.find_last_not_of(" \t\r\n");
    return std::string(text.substr(first, last - first + 1));
}

std::optional<Field> FieldByName(std::string_view name) {
    if (name == "full_name") {
        return Field::kGivenName;
    }
    for (const auto field : kAllFields) {
        if (FieldName(field) == name) {
            return field;
        }
    }
    return std::nullopt;
}

FileProblem Problem(const std::filesystem::path& file, std::int64_t line, std::string column, std::string id,
                    std::string en) {
    return {file.string(), line, std::move(column), std::move(id), std::move(en)};
}

}  // namespace

std::variant<ColumnMap, FileProblem> ReadColumnMap(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        return Problem(file, 0, "", "berkas tidak dapat dibaca", "the file cannot be read");
    }
    std::stringstream text;
    text << in.rdbuf();
    boost::system::error_code error;
    const auto json = boost::json::parse(text.str(), error);
    if (error || !json.is_object()) {
        return Problem(file, 0, "", "bukan objek JSON yang sah (" + error.message() + ")",
                       "not a valid JSON object (" + error.message() + ")");
    }
    ColumnMap map;
    for (const auto& [key, value] : json.as_object()) {
        const std::string name(key);
        const auto text_of = [&](const boost::json::value& item) -> std::optional<std::string> {
            if (!item.is_string() || item.as_string().empty()) {
                return std::nullopt;
            }
            return std::string(item.as_string());
        };
        if (name == "birth_date_format" || name == "id") {
            const auto column = text_of(value);
            if (!column) {
                return Problem(file, 0, name, "harus berupa teks", "must be a text");
            }
            (name == "id" ? map.id : map.birth_date_format) = *column;
            continue;
        }
        const auto field = FieldByName(name);
        if (!field) {
            return Problem(file, 0, name,
                           "kunci tidak dikenal (id, given_name, full_name, surname, birth_date, birth_date_format, "
                           "nik, sex, house_number, address, locality, postcode, region)",
                           "unknown key (id, given_name, full_name, surname, birth_date, birth_date_format, nik, sex, "
                           "house_number, address, locality, postcode, region)");
        }
        auto& columns = map.columns[Index(*field)];
        if (value.is_array()) {
            for (const auto& item : value.as_array()) {
                const auto column = text_of(item);
                if (!column) {
                    return Problem(file, 0, name, "daftar kolom harus berisi teks", "the column list must hold texts");
                }
                columns.push_back(*column);
            }
        } else if (const auto column = text_of(value)) {
            columns.push_back(*column);
        } else {
            return Problem(file, 0, name, "harus berupa nama kolom atau daftar nama kolom",
                           "must be a column name or a list of column names");
        }
    }
    if (map.id.empty()) {
        return Problem(file, 0, "id", "kolom id wajib disebut", "the id column is required");
    }
    return map;
}

std::variant<std::vector<RawRecord>, FileProblem> ReadRecords(const std::filesystem::path& file, const ColumnMap& map) {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        return Problem(file, 0, "", "berkas tidak dapat dibaca", "the file cannot be read");
    }
    std::string header_line;
    std::getline(in, header_line);
    in.clear();
    in.seekg(0);
    CsvReader reader(in, DetectCsvDelimiter(header_line));
    std::vector<std::string> fields;
    if (!reader.Next(fields)) {
        if (const auto& problem = reader.problem()) {
            return Problem(file, problem->line, fmt::format("{}", problem->column), problem->message_id,
                           problem->message_en);
        }
        return Problem(file, 0, "", "berkas kosong, tanpa baris judul", "the file is empty, without a header line");
    }
    std::vector<std::string> header;
    header.reserve(fields.size());
    for (const auto& name : fields) {
        header.push_back(Folded(name));
    }
    const auto column_of = [&](const std::string& name) -> std::optional<std::size_t> {
        const auto found = std::find(header.begin(), header.end(), Folded(name));
        if (found == header.end()) {
            return std::nullopt;
        }
        return static_cast<std::size_t>(found - header.begin());
    };
    const auto missing = [&](const std::string& name) {
        return Problem(file, 1, name, "kolom yang disebut di peta kolom tidak ada di baris judul",
                       "a column named in the column map is not in the header line");
    };
    const auto id_column = column_of(map.id);
    if (!id_column) {
        return missing(map.id);
    }
    std::array<std::vector<std::size_t>, kFieldCount> positions;
    for (const auto field : kAllFields) {
        for (const auto& name : map.columns[Index(field)]) {
            const auto position = column_of(name);
            if (!position) {
                return missing(name);
            }
            positions[Index(field)].push_back(*position);
        }
    }
    std::vector<RawRecord> records;
    while (reader.Next(fields)) {
        if (fields.size() == 1 && fields[0].empty()) {
            continue;  // a blank line
        }
        if (fields.size() != header.size()) {
            return Problem(file, reader.record_line(), "",
                           fmt::format("baris ini punya {} kolom, baris judul {}", fields.size(), header.size()),
                           fmt::format("this row has {} columns, the header line {}", fields.size(), header.size()));
        }
        RawRecord record;
        record.id = Trimmed(fields[*id_column]);
        if (record.id.empty()) {
            return Problem(file, reader.record_line(), map.id, "id kosong", "the id is empty");
        }
        for (const auto field : kAllFields) {
            auto& value = record.values[Index(field)];
            for (const auto position : positions[Index(field)]) {
                const auto part = Trimmed(fields[position]);
                if (!part.empty()) {
                    value += value.empty() ? part : " " + part;
                }
            }
        }
        records.push_back(std::move(record));
    }
    if (const auto& problem = reader.problem()) {
        return Problem(file, problem->line, fmt::format("{}", problem->column), problem->message_id,
                       problem->message_en);
    }
    return records;
}

void WritePairs(std::ostream& out, const RecordSet& records, const LinkResult& result) {
    std::vector<Field> fields;
    for (const auto field : kAllFields) {
        if (result.model->active(field)) {
            fields.push_back(field);
        }
    }
    out << "left_id,right_id,weight,probability,decision";
    for (const auto field : fields) {
        out << ',' << FieldName(field) << "_level," << FieldName(field) << "_weight";
    }
    out << '\n';
    std::vector<std::size_t> order(result.pairs.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t x, std::size_t y) { return result.pairs[x].weight > result.pairs[y].weight; });
    std::string line;
    for (const auto index : order) {
        const auto& pair = result.pairs[index];
        line = CsvCell(records.ids[pair.a]);
        line += ',';
        line += CsvCell(records.ids[pair.b]);
        line += fmt::format(",{:.3f},{:.6f},{}", pair.weight, pair.probability,
                            pair.decision == Decision::kMatch ? "match" : "review");
        for (const auto field : fields) {
            const auto level = LevelOf(pair.pattern, field);
            line += fmt::format(",{},{:.3f}", LevelName(field, level),
                                result.model->FieldWeight(field, level, pair.a, pair.b));
        }
        line += '\n';
        out << line;
    }
}

void WriteClusters(std::ostream& out, const RecordSet& records, const LinkResult& result) {
    std::vector<std::uint32_t> size(records.size(), 0);
    for (const auto cluster : result.clusters.cluster_of) {
        ++size[cluster];
    }
    out << "id,cluster_id,cluster_size\n";
    for (std::uint32_t r = 0; r < records.size(); ++r) {
        const auto cluster = result.clusters.cluster_of[r];
        out << CsvCell(records.ids[r]) << ',' << CsvCell(records.ids[cluster]) << ',' << size[cluster] << '\n';
    }
}

LinkCommandOutcome RunLinkCommand(const LinkCommand& command, const LinkProgress& progress) {
    const auto started = std::chrono::steady_clock::now();
    LinkCommandOutcome outcome;
    const auto map = ReadColumnMap(command.map);
    if (const auto* problem = std::get_if<FileProblem>(&map)) {
        outcome.problem = *problem;
        return outcome;
    }
    const auto& columns = std::get<ColumnMap>(map);
    std::vector<RawRecord> raw;
    std::size_t left_count = 0;
    const auto files = command.matching ? std::vector{command.left, command.right} : std::vector{command.input};
    for (std::size_t f = 0; f < files.size(); ++f) {
        const auto& file = files[f];
        auto read = ReadRecords(file, columns);
        if (auto* problem = std::get_if<FileProblem>(&read)) {
            outcome.problem = std::move(*problem);
            return outcome;
        }
        auto& records = std::get<std::vector<RawRecord>>(read);
        std::move(records.begin(), records.end(), std::back_inserter(raw));
        if (f == 0) {
            left_count = raw.size();
        }
    }
    const auto records = PrepareRecords(raw, left_count, {columns.birth_date_format});
    raw = {};
    const auto result = Link(records, command.options, progress);

    std::ofstream pairs_out(command.out, std::ios::binary | std::ios::trunc);
    WritePairs(pairs_out, records, result);
    if (!pairs_out) {
        outcome.problem = Problem(command.out, 0, "", "berkas tidak dapat ditulis", "the file cannot be written");
        return outcome;
    }
    if (command.clusters) {
        std::ofstream clusters_out(*command.clusters, std::ios::binary | std::ios::trunc);
        WriteClusters(clusters_out, records, result);
        if (!clusters_out) {
            outcome.problem =
                Problem(*command.clusters, 0, "", "berkas tidak dapat ditulis", "the file cannot be written");
            return outcome;
        }
    }
    outcome.records = records.size();
    outcome.candidate_pairs = result.candidate_pairs;
    outcome.pairs_scored_per_second = result.PairsScoredPerSecond();
    outcome.matches = result.matches;
    outcome.reviews = result.reviews;
    outcome.blocking = result.blocking;
    std::vector<std::uint32_t> size(records.size(), 0);
    for (const auto cluster : result.clusters.cluster_of) {
        if (++size[cluster] == 2) {
            ++outcome.clusters_of_two_or_more;
        }
    }
    outcome.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return outcome;
}

}  // namespace sinergi::linkage
