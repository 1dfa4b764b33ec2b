// The files of `sinergi link`: the column map (which CSV column holds the id, the names, the birth date…), reading a
// CSV list into records through it, and writing pairs.csv and clusters.csv. A problem with a file is a value naming
// the file, row and column, in Indonesian and English; `RunLinkCommand` runs a whole dedupe or match from files.
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <ostream>
#include <string>
#include <variant>
#include <vector>

#include "linkage/linkage_service.hpp"
#include "linkage/records.hpp"

namespace sinergi::linkage {

struct FileProblem {
    std::string file;
    std::int64_t line = 0;  // 0 when the problem is with the file as a whole
    std::string column;
    std::string message_id;
    std::string message_en;

    // "file, baris 3, kolom nik: … / file, line 3, column nik: …"
    std::string Describe() const;
};

// Which columns of a list feed each field. Several columns of one field are joined with a space (address_1 and
// address_2).
struct ColumnMap {
    std::string id;
    std::array<std::vector<std::string>, kFieldCount> columns;
    std::string birth_date_format;  // see PrepareOptions
};

// Reads a JSON column map: {"id": "rec_id", "given_name": "given_name", "address": ["address_1", "address_2"],
// "birth_date": "date_of_birth", "birth_date_format": "YYYYMMDD", …}. "full_name" is another name for
// "given_name". An unknown key is a problem (a typo would otherwise leave a field out without a word).
std::variant<ColumnMap, FileProblem> ReadColumnMap(const std::filesystem::path& file);

// Reads a CSV list (separator detected from the header) into records through `map`. Header names are compared
// without surrounding spaces and case.
std::variant<std::vector<RawRecord>, FileProblem> ReadRecords(const std::filesystem::path& file, const ColumnMap& map);

// pairs.csv: left_id, right_id, weight, probability, decision, then per field in use <field>_level and
// <field>_weight. Pairs by descending weight.
void WritePairs(std::ostream& out, const RecordSet& records, const LinkResult& result);

// clusters.csv: id, cluster_id, cluster_size; every record, the cluster named by its first record's id.
void WriteClusters(std::ostream& out, const RecordSet& records, const LinkResult& result);

struct LinkCommand {
    bool matching = false;
    std::filesystem::path input;  // deduplication
    std::filesystem::path left;   // matching
    std::filesystem::path right;  // matching
    std::filesystem::path map;
    std::filesystem::path out;
    std::optional<std::filesystem::path> clusters;
    LinkOptions options;
};

struct LinkCommandOutcome {
    std::optional<FileProblem> problem;  // set when the run could not start or its output could not be written
    std::uint64_t records = 0;
    std::uint64_t candidate_pairs = 0;
    double pairs_scored_per_second = 0.0;
    std::uint64_t matches = 0;
    std::uint64_t reviews = 0;
    std::uint64_t clusters_of_two_or_more = 0;
    std::vector<RuleReport> blocking;
    double seconds = 0.0;
};

// Reads the files, links, writes pairs.csv (and clusters.csv when asked).
LinkCommandOutcome RunLinkCommand(const LinkCommand& command, const LinkProgress& progress = {});

}  // namespace sinergi::linkage
