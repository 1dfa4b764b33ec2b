// `sinergi link` from files to files: a list written here (people, some twice with a typing error), a column map,
// and the pairs and clusters read back. Also what a user sees for a bad map or a bad CSV.
#include "linkage/link_files.hpp"

#include <array>
#include <fstream>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "support/test_support.hpp"

namespace sinergi::linkage {
namespace {

void Write(const std::filesystem::path& file, const std::string& text) {
    std::ofstream out(file, std::ios::binary);
    out << text;
}

std::vector<std::vector<std::string>> ReadCsvLines(const std::filesystem::path& file) {
    std::ifstream in(file);
    std::vector<std::vector<std::string>> rows;
    std::string line;
    while (std::getline(in, line)) {
        std::vector<std::string> cells;
        std::stringstream cells_in(line);
        std::string cell;
        while (std::getline(cells_in, cell, ',')) {
            cells.push_back(cell);
        }
        rows.push_back(cells);
    }
    return rows;
}

struct Person {
    std::string id;
    std::string name;
    std::string birth_date;  // DD/MM/YYYY
    std::string nik;
    std::string village;
};

constexpr std::array<const char*, 24> kGiven{
    "Siti",  "Muhammad", "Nur",    "Agus",  "Budi", "Dewi",    "Sri",  "Eko",  "Rina",    "Joko",  "Wahyu",  "Yuni",
    "Ahmad", "Fitri",    "Hendra", "Indah", "Rudi", "Lestari", "Tono", "Wati", "Bambang", "Ratna", "Slamet", "Kartini"};
constexpr std::array<const char*, 20> kFamily{
    "Santoso", "Wibowo",  "Lestari", "Hidayat", "Saputra", "Rahayu",  "Setiawan",  "Purnomo",    "Susanto", "Kurniawan",
    "Hasanah", "Maulana", "Pratama", "Wijaya",  "Nugroho", "Suryani", "Handayani", "Firmansyah", "Utami",   "Prasetyo"};
constexpr std::array<const char*, 6> kVillages{"Karanglewas", "Sokaraja", "Kembaran",
                                               "Baturaden",   "Sumbang",  "Kedungbanteng"};

// 150 people and 15 of them written again with one error each: a dropped letter, a mistyped NIK digit, day and
// month swapped.
std::pair<std::vector<Person>, std::vector<std::pair<std::string, std::string>>> Population() {
    std::mt19937_64 random(2026);
    const auto pick = [&](std::size_t n) { return static_cast<std::size_t>(random() % n); };
    std::vector<Person> people;
    for (int i = 0; i < 150; ++i) {
        Person person;
        person.id = fmt::format("P{:03}", i);
        person.name = std::string(kGiven[pick(kGiven.size())]) + " " + kGiven[pick(kGiven.size())] + " " +
                      kFamily[pick(kFamily.size())];
        const auto day = 1 + pick(28);
        const auto month = 1 + pick(12);
        const auto year = 1950 + pick(55);
        person.birth_date = fmt::format("{:02}/{:02}/{}", day, month, year);
        person.nik = fmt::format("3302{:02}{:02}{:02}{:02}{:04}", 1 + pick(20), day, month, year % 100, 1 + pick(9999));
        person.village = kVillages[pick(kVillages.size())];
        people.push_back(person);
    }
    std::vector<std::pair<std::string, std::string>> duplicates;
    for (std::size_t i = 0; i < 15; ++i) {
        auto copy = people[i * 10];
        copy.id = fmt::format("D{:03}", i);
        if (i % 3 == 0) {
            copy.name.erase(copy.name.size() - 2, 1);
        } else if (i % 3 == 1) {
            copy.nik[12] = copy.nik[12] == '9' ? '1' : static_cast<char>(copy.nik[12] + 1);
        } else {
            std::swap(copy.birth_date[0], copy.birth_date[3]);
            std::swap(copy.birth_date[1], copy.birth_date[4]);
        }
        duplicates.emplace_back(people[i * 10].id, copy.id);
        people.push_back(copy);
    }
    return {people, duplicates};
}

std::string Csv(const std::vector<Person>& people) {
    std::string text = "ID;Nama Lengkap;Tgl Lahir;NIK;Desa\n";  // semicolons, as Excel writes in Indonesia
    for (const auto& p : people) {
        text += fmt::format("{};\"{}\";{};{};{}\n", p.id, p.name, p.birth_date, p.nik, p.village);
    }
    return text;
}

constexpr const char* kMap = R"({"id": "ID", "full_name": "Nama Lengkap", "birth_date": "Tgl Lahir",
    "birth_date_format": "DD/MM/YYYY", "nik": "NIK", "locality": "Desa"})";

TEST(LinkCommand, DedupeFindsTheDuplicatesAndWritesPairsWithEvidence) {
    const testing::TempDir dir;
    const auto [people, duplicates] = Population();
    Write(dir.path() / "list.csv", Csv(people));
    Write(dir.path() / "map.json", kMap);
    LinkCommand command;
    command.input = dir.path() / "list.csv";
    command.map = dir.path() / "map.json";
    command.out = dir.path() / "pairs.csv";
    command.clusters = dir.path() / "clusters.csv";
    command.options.u_sample_pairs = 100'000;  // enough for 165 records, and quick under the sanitizers
    const auto outcome = RunLinkCommand(command);
    ASSERT_FALSE(outcome.problem) << outcome.problem->Describe();
    EXPECT_EQ(outcome.records, 165U);

    const auto rows = ReadCsvLines(command.out);
    ASSERT_FALSE(rows.empty());
    const std::vector<std::string> header_start{"left_id",  "right_id",         "weight",           "probability",
                                                "decision", "given_name_level", "given_name_weight"};
    EXPECT_EQ(std::vector<std::string>(rows[0].begin(), rows[0].begin() + 7), header_start);
    std::set<std::pair<std::string, std::string>> matched;
    for (std::size_t i = 1; i < rows.size(); ++i) {
        ASSERT_EQ(rows[i].size(), rows[0].size());
        if (rows[i][4] == "match") {
            matched.emplace(rows[i][0], rows[i][1]);
        }
    }
    std::size_t found = 0;
    for (const auto& pair : duplicates) {
        found += matched.count(pair);
    }
    EXPECT_EQ(found, duplicates.size());
    EXPECT_EQ(matched.size(), duplicates.size()) << "a match between two different people";
    EXPECT_EQ(outcome.matches, duplicates.size());

    const auto clusters = ReadCsvLines(*command.clusters);
    ASSERT_EQ(clusters.size(), 166U);
    EXPECT_EQ(clusters[0], (std::vector<std::string>{"id", "cluster_id", "cluster_size"}));
    EXPECT_EQ(clusters[151], (std::vector<std::string>{"D000", "P000", "2"}));
}

TEST(LinkCommand, MatchLinksEachRightRecordToItsLeftPerson) {
    const testing::TempDir dir;
    const auto [people, duplicates] = Population();
    Write(dir.path() / "left.csv", Csv(std::vector<Person>(people.begin(), people.begin() + 150)));
    Write(dir.path() / "right.csv", Csv(std::vector<Person>(people.begin() + 150, people.end())));
    Write(dir.path() / "map.json", kMap);
    LinkCommand command;
    command.matching = true;
    command.left = dir.path() / "left.csv";
    command.right = dir.path() / "right.csv";
    command.map = dir.path() / "map.json";
    command.out = dir.path() / "pairs.csv";
    const auto outcome = RunLinkCommand(command);
    ASSERT_FALSE(outcome.problem) << outcome.problem->Describe();
    std::set<std::pair<std::string, std::string>> matched;
    for (const auto& row : ReadCsvLines(command.out)) {
        if (row.size() > 4 && row[4] == "match") {
            matched.emplace(row[0], row[1]);
        }
    }
    const std::set<std::pair<std::string, std::string>> expected(duplicates.begin(), duplicates.end());
    EXPECT_EQ(matched, expected);
}

TEST(LinkCommand, NamesTheMapColumnMissingFromTheList) {
    const testing::TempDir dir;
    Write(dir.path() / "list.csv", "ID;Nama Lengkap\nP1;Siti\n");
    Write(dir.path() / "map.json", kMap);
    LinkCommand command;
    command.input = dir.path() / "list.csv";
    command.map = dir.path() / "map.json";
    command.out = dir.path() / "pairs.csv";
    const auto outcome = RunLinkCommand(command);
    ASSERT_TRUE(outcome.problem);
    EXPECT_EQ(outcome.problem->line, 1);
    EXPECT_EQ(outcome.problem->column, "Tgl Lahir");
    EXPECT_NE(outcome.problem->Describe().find("list.csv, baris 1, kolom Tgl Lahir"), std::string::npos);
    EXPECT_NE(outcome.problem->Describe().find("not in the header line"), std::string::npos);
    EXPECT_FALSE(std::filesystem::exists(command.out));
}

TEST(LinkCommand, ReportsTheLineOfAMalformedRow) {
    const testing::TempDir dir;
    Write(dir.path() / "map.json", R"({"id": "id", "full_name": "name"})");
    Write(dir.path() / "short.csv", "id,name\n1,Siti\n2\n");
    Write(dir.path() / "quote.csv", "id,name\n1,Siti\n2,\"Budi\n");
    const auto map = std::get<ColumnMap>(ReadColumnMap(dir.path() / "map.json"));
    const auto short_row = ReadRecords(dir.path() / "short.csv", map);
    ASSERT_TRUE(std::holds_alternative<FileProblem>(short_row));
    EXPECT_EQ(std::get<FileProblem>(short_row).line, 3);
    const auto open_quote = ReadRecords(dir.path() / "quote.csv", map);
    ASSERT_TRUE(std::holds_alternative<FileProblem>(open_quote));
    // The quote opened on line 3 is still open where the file ends, on line 4.
    EXPECT_EQ(std::get<FileProblem>(open_quote).line, 4);
    EXPECT_FALSE(std::get<FileProblem>(open_quote).message_en.empty());
    const auto missing = ReadRecords(dir.path() / "none.csv", map);
    ASSERT_TRUE(std::holds_alternative<FileProblem>(missing));
    EXPECT_EQ(std::get<FileProblem>(missing).message_en, "the file cannot be read");
}

TEST(ColumnMap, RefusesAnUnknownKeyAndAMissingId) {
    const testing::TempDir dir;
    Write(dir.path() / "typo.json", R"({"id": "id", "given_nmae": "nama"})");
    const auto typo = ReadColumnMap(dir.path() / "typo.json");
    ASSERT_TRUE(std::holds_alternative<FileProblem>(typo));
    EXPECT_EQ(std::get<FileProblem>(typo).column, "given_nmae");
    Write(dir.path() / "no-id.json", R"({"given_name": "nama"})");
    ASSERT_TRUE(std::holds_alternative<FileProblem>(ReadColumnMap(dir.path() / "no-id.json")));
    Write(dir.path() / "broken.json", R"({"id": )");
    ASSERT_TRUE(std::holds_alternative<FileProblem>(ReadColumnMap(dir.path() / "broken.json")));
    Write(dir.path() / "two.json", R"({"id": "id", "address": ["jalan", "rt_rw"]})");
    const auto two = std::get<ColumnMap>(ReadColumnMap(dir.path() / "two.json"));
    EXPECT_EQ(two.columns[Index(Field::kAddress)], (std::vector<std::string>{"jalan", "rt_rw"}));
}

}  // namespace
}  // namespace sinergi::linkage
