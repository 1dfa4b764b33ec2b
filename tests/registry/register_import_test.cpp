#include "registry/register_import.hpp"

#include <fstream>
#include <set>
#include <sstream>
#include <xlsxwriter.h>
#include <zip.h>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "registry/xlsx_reader.hpp"
#include "support/test_support.hpp"

namespace sinergi::registry {
namespace {

using Table = std::vector<std::vector<std::string>>;

// In the XLSX fixtures a cell written "date:1985-08-17" becomes a date-formatted serial number (as Excel stores a
// typed date), "number:5" a number and "formula:=1+1" a formula; any other text is a text cell.
constexpr std::string_view kDatePrefix = "date:";
constexpr std::string_view kNumberPrefix = "number:";
constexpr std::string_view kFormulaPrefix = "formula:";

const std::vector<std::string> kHeader = {
    "no_kk",     "nik", "nama", "jenis_kelamin", "tempat_lahir", "tanggal_lahir", "hubungan_keluarga",
    "kode_desa", "rt",  "rw",   "alamat",        "desil"};

std::vector<std::string> Person(std::string kk, std::string nik, std::string name, std::string sex,
                                std::string birth_date, std::string relation, std::string village = "33.02.01.2001") {
    return {
        std::move(kk),       std::move(nik),     std::move(name), std::move(sex), "Banyumas",    std::move(birth_date),
        std::move(relation), std::move(village), "001",           "002",          "Jl. Mawar 5", "2"};
}

// The issue's mixed file: valid households mixed with an impossible NIK (row 7), an unknown village (row 8), one NIK
// on two rows (10 and 11) and, last, a row with broken quoting (14). Rows as a spreadsheet numbers them, header = 1.
Table MixedRows() {
    return {
        kHeader,
        Person("3302011203150001", "3302011708850001", "Ahmad Fauzi", "L", "1985-08-17", "kepala_keluarga"),  // 2
        Person("3302011203150001", "3302015808870002", "Siti Aminah", "P", "18/08/1987", "istri_suami"),      // 3
        Person("3302011203150001", "", "Budi", "L", "01-03-2015", "anak"),                                    // 4
        Person("3302011203150002", "3302010101700003", "Slamet", "L", "1970-01-01", "kepala_keluarga"),       // 5
        Person("3302011203150002", "3302014202720004", "Sri Rahayu", "P", "1972-02-02", "istri_suami"),       // 6
        Person("3302011203150003", "3302013213800005", "Wahyu", "L", "1980-13-01", "kepala_keluarga",         // 7
               "33.02.01.2002"),
        Person("3302011203150004", "3302011005600006", "Darsono", "L", "1960-05-10", "kepala_keluarga",  // 8
               "33.02.01.2999"),
        Person("3302011203150005", "3302010303650007", "Karto", "L", "1965-03-03", "kepala_keluarga",  // 9
               "33.02.01.2002"),
        Person("3302011203150005", "3302014404900008", "Tini", "P", "1990-04-04", "istri_suami",  // 10
               "33.02.01.2002"),
        Person("3302011203150006", "3302014404900008", "Tini Lestari", "P", "1990-04-04", "kepala_keluarga"),  // 11
        Person("3302011203150007", "3302012512800009", "Joko Susilo", "L", "1980-12-25", "kepala_keluarga"),   // 12
        Person("3302011203150007", "", "Rina", "P", "2012-06-30", "anak"),                                     // 13
    };
}

// Row 14 of the CSV: a quote in the middle of the name, which the CSV reader cannot read past.
constexpr std::string_view kBrokenQuotingLine =
    "3302011203150008,3302010101900010,\"Bambang \"Ucok\" Santoso\",L,Banyumas,1990-01-01,kepala_keluarga,"
    "33.02.01.2001,001,002,Jl. Melati,3\n";

std::string CsvCell(std::string_view text) {
    if (text.find_first_of(",\"\n\r") == std::string_view::npos) {
        return std::string(text);
    }
    std::string quoted = "\"";
    for (char c : text) {
        quoted += c;
        if (c == '"') {
            quoted += '"';
        }
    }
    return quoted + "\"";
}

std::string Csv(const Table& rows, char delimiter = ',') {
    std::string out;
    for (const auto& row : rows) {
        for (std::size_t i = 0; i < row.size(); ++i) {
            out += (i == 0 ? "" : std::string(1, delimiter)) + CsvCell(row[i]);
        }
        out += "\r\n";
    }
    return out;
}

void WriteFile(const std::filesystem::path& path, std::string_view content) {
    std::ofstream out(path, std::ios::binary);
    out << content;
}

// Writes `rows` to an .xlsx with libxlsxwriter: shared strings normally, inline strings in constant-memory mode.
void WriteXlsx(const std::filesystem::path& path, const Table& rows, bool inline_strings) {
    lxw_workbook_options options{};
    options.constant_memory = inline_strings ? LXW_TRUE : LXW_FALSE;
    lxw_workbook* workbook = workbook_new_opt(path.c_str(), &options);
    ASSERT_NE(workbook, nullptr);
    lxw_worksheet* sheet = workbook_add_worksheet(workbook, "Register");
    lxw_format* date_format = workbook_add_format(workbook);
    format_set_num_format(date_format, "dd/mm/yyyy");
    for (std::size_t r = 0; r < rows.size(); ++r) {
        for (std::size_t c = 0; c < rows[r].size(); ++c) {
            const auto& text = rows[r][c];
            const auto row = static_cast<lxw_row_t>(r);
            const auto column = static_cast<lxw_col_t>(c);
            if (text.empty()) {
                continue;
            }
            if (text.starts_with(kDatePrefix)) {
                lxw_datetime date{std::stoi(text.substr(5, 4)),
                                  std::stoi(text.substr(10, 2)),
                                  std::stoi(text.substr(13, 2)),
                                  0,
                                  0,
                                  0};
                worksheet_write_datetime(sheet, row, column, &date, date_format);
            } else if (text.starts_with(kNumberPrefix)) {
                worksheet_write_number(sheet, row, column, std::stod(text.substr(kNumberPrefix.size())), nullptr);
            } else if (text.starts_with(kFormulaPrefix)) {
                worksheet_write_formula(sheet, row, column, text.substr(kFormulaPrefix.size()).c_str(), nullptr);
            } else {
                worksheet_write_string(sheet, row, column, text.c_str(), nullptr);
            }
        }
    }
    ASSERT_EQ(workbook_close(workbook), LXW_NO_ERROR);
}

class RegisterImportTest : public ::testing::Test {
 protected:
    RegisterImportTest()
        : db_(testing::MigratedDatabase(dir_)),
          clock_(*ParseTimestamp("2026-11-23T08:00:00Z")),
          identity_(*db_, clock_),
          regions_(*db_),
          registry_(*db_, identity_, regions_, clock_),
          importer_(*db_, registry_, identity_) {
        testing::InsertTestRegions(*db_);
    }

    std::filesystem::path File(std::string_view name, std::string_view content) {
        auto path = dir_.path() / name;
        WriteFile(path, content);
        return path;
    }

    RegisterImportResult Import(const std::filesystem::path& file, bool partial = false) {
        RegisterImportOptions options;
        options.partial = partial;
        return importer_.Import(system_, file, options);
    }

    std::int64_t Count(std::string_view table) {
        auto connection = db_->Acquire();
        return connection->QueryOne(fmt::format("SELECT COUNT(*) FROM {}", table))->Int(0);
    }

    std::set<std::string> Names() {
        std::set<std::string> names;
        auto connection = db_->Acquire();
        for (const auto& row : connection->Query("SELECT name FROM persons")) {
            names.insert(row.Text(0));
        }
        return names;
    }

    std::optional<std::string> BirthDate(std::string_view name) {
        auto connection = db_->Acquire();
        auto row = connection->QueryOne("SELECT birth_date FROM persons WHERE name = ?", {name});
        return row ? row->OptText(0) : std::nullopt;
    }

    static std::set<std::int64_t> Rows(const RegisterImportResult& result) {
        std::set<std::int64_t> rows;
        for (const auto& issue : result.issues) {
            if (issue.row) {
                rows.insert(*issue.row);
            }
        }
        return rows;
    }

    // "row:column:code" of every issue, in report order.
    static std::vector<std::string> Codes(const RegisterImportResult& result) {
        std::vector<std::string> codes;
        for (const auto& issue : result.issues) {
            codes.push_back(fmt::format("{}:{}:{}", issue.row.value_or(0), issue.field, issue.code));
        }
        return codes;
    }

    static bool Has(const RegisterImportResult& result, std::string_view row_column_code) {
        const auto codes = Codes(result);
        return std::find(codes.begin(), codes.end(), row_column_code) != codes.end();
    }

    testing::TempDir dir_;
    std::unique_ptr<db::Database> db_;
    ManualClock clock_;
    identity::IdentityService identity_;
    regions::RegionsService regions_;
    RegistryService registry_;
    RegisterImporter importer_;
    identity::Caller system_ = identity::IdentityService::System();
};

const std::set<std::int64_t> kBadRows = {7, 8, 10, 11, 14};

// ---- the issue's "Done when": the mixed file ----

TEST_F(RegisterImportTest, AMixedCsvIsRefusedWholeByDefaultWithAReportNamingExactlyTheBadRows) {
    const auto file = File("campur.csv", Csv(MixedRows()) + std::string(kBrokenQuotingLine));
    const auto result = Import(file);
    EXPECT_EQ(Rows(result), kBadRows);
    EXPECT_TRUE(Has(result, "7:nik:REG-2003"));            // day 32
    EXPECT_TRUE(Has(result, "7:tanggal_lahir:REG-2106"));  // month 13
    EXPECT_TRUE(Has(result, "8:kode_desa:REG-2201"));
    EXPECT_TRUE(Has(result, "10:nik:REG-3030"));
    EXPECT_TRUE(Has(result, "11:nik:REG-3030"));
    EXPECT_TRUE(Has(result, "14:nama:REG-3004"));
    EXPECT_EQ(result.rows_read, 12);
    EXPECT_EQ(result.rows_refused, 5);
    EXPECT_EQ(result.stopped_at_row, 14);
    EXPECT_FALSE(result.committed);
    EXPECT_EQ(result.households_imported, 0);
    EXPECT_EQ(Count("households"), 0);
    EXPECT_EQ(Count("persons"), 0);
    EXPECT_EQ(Count("register_events"), 0);
}

TEST_F(RegisterImportTest, AMixedCsvWithPartialImportsExactlyTheOtherHouseholds) {
    const auto file = File("campur.csv", Csv(MixedRows()) + std::string(kBrokenQuotingLine));
    const auto result = Import(file, true);
    // Row 9 is sound but its household (with row 10) is left out whole, and the report says so.
    auto refused = kBadRows;
    refused.insert(9);
    EXPECT_EQ(Rows(result), refused);
    EXPECT_TRUE(Has(result, "9::REG-3040"));
    EXPECT_TRUE(result.committed);
    EXPECT_EQ(result.households_imported, 3);
    EXPECT_EQ(result.persons_imported, 7);
    EXPECT_EQ(Count("households"), 3);
    EXPECT_EQ(Count("persons"), 7);
    EXPECT_EQ(Names(), (std::set<std::string>{"Ahmad Fauzi", "Siti Aminah", "Budi", "Slamet", "Sri Rahayu",
                                              "Joko Susilo", "Rina"}));
    // Dates written DD/MM/YYYY and DD-MM-YYYY are stored as YYYY-MM-DD.
    EXPECT_EQ(BirthDate("Siti Aminah"), "1987-08-18");
    EXPECT_EQ(BirthDate("Budi"), "2015-03-01");
    // Every created record is an event with the import as its source.
    auto connection = db_->Acquire();
    EXPECT_EQ(connection->QueryOne("SELECT COUNT(*) FROM register_events WHERE source = 'import'")->Int(0), 10);
    EXPECT_EQ(connection->QueryOne("SELECT COUNT(*) FROM households WHERE head_person_id IS NOT NULL")->Int(0), 3);
}

// The same content as XLSX (the broken-quoting row cannot exist in a workbook: row 14 holds a formula instead),
// once with shared strings and once with inline strings, with birth dates typed as dates on some rows.
class RegisterImportXlsxTest : public RegisterImportTest, public ::testing::WithParamInterface<bool> {
 protected:
    std::filesystem::path MixedWorkbook() {
        auto rows = MixedRows();
        rows[1][5] = "date:1985-08-17";
        rows[2][5] = "date:1987-08-18";
        rows[11][5] = "date:1980-12-25";
        auto formula_row = Person("3302011203150008", "3302010101900010", "formula:=\"Bambang\"", "L", "1990-01-01",
                                  "kepala_keluarga");
        rows.push_back(formula_row);
        const auto path = dir_.path() / "campur.xlsx";
        WriteXlsx(path, rows, GetParam());
        return path;
    }
};

TEST_P(RegisterImportXlsxTest, IsRefusedWholeByDefaultLikeTheCsv) {
    const auto result = Import(MixedWorkbook());
    EXPECT_EQ(Rows(result), kBadRows);
    EXPECT_TRUE(Has(result, "7:nik:REG-2003"));
    EXPECT_TRUE(Has(result, "8:kode_desa:REG-2201"));
    EXPECT_TRUE(Has(result, "10:nik:REG-3030"));
    EXPECT_TRUE(Has(result, "11:nik:REG-3030"));
    EXPECT_TRUE(Has(result, "14:nama:REG-3024"));
    EXPECT_EQ(result.rows_read, 13);
    EXPECT_EQ(Count("persons"), 0);
}

TEST_P(RegisterImportXlsxTest, WithPartialImportsTheSameHouseholdsAsTheCsv) {
    const auto result = Import(MixedWorkbook(), true);
    auto refused = kBadRows;
    refused.insert(9);
    EXPECT_EQ(Rows(result), refused);
    EXPECT_EQ(Count("households"), 3);
    EXPECT_EQ(Count("persons"), 7);
    EXPECT_EQ(Names(), (std::set<std::string>{"Ahmad Fauzi", "Siti Aminah", "Budi", "Slamet", "Sri Rahayu",
                                              "Joko Susilo", "Rina"}));
    // Birth dates stored by Excel as day numbers come back as calendar dates.
    EXPECT_EQ(BirthDate("Ahmad Fauzi"), "1985-08-17");
    EXPECT_EQ(BirthDate("Siti Aminah"), "1987-08-18");
    EXPECT_EQ(BirthDate("Joko Susilo"), "1980-12-25");
    EXPECT_EQ(BirthDate("Budi"), "2015-03-01");
}

INSTANTIATE_TEST_SUITE_P(SharedAndInlineStrings, RegisterImportXlsxTest, ::testing::Bool(),
                         [](const auto& param_info) { return param_info.param ? "InlineStrings" : "SharedStrings"; });

// ---- cells ----

TEST_F(RegisterImportTest, RefusesFormulaLikeCellsAsPossibleCsvInjection) {
    auto rows = Table{kHeader};
    auto injected_name = Person("3302011203150001", "3302011708850001", "=HYPERLINK(\"http://x\",\"klik\")", "L",
                                "1985-08-17", "kepala_keluarga");
    auto injected_address =
        Person("3302011203150002", "3302010101700003", "Slamet", "L", "1970-01-01", "kepala_keluarga");
    injected_address[10] = "+62 812 555";
    auto injected_place = Person("3302011203150003", "3302010303650007", "Karto", "L", "1965-03-03", "kepala_keluarga");
    injected_place[4] = "@SUM(A1)";
    // A leading minus in a number column is a (negative) number, judged by the number rules, not a formula.
    auto negative_desil = Person("3302011203150004", "3302012512800009", "Joko", "L", "1980-12-25", "kepala_keluarga");
    negative_desil[11] = "-2";
    // A lone "-" is the usual "nothing here" of Indonesian forms.
    auto dash = Person("3302011203150005", "3302011005600006", "Darsono", "L", "1960-05-10", "kepala_keluarga");
    dash[8] = "-";
    dash[4] = "-";
    rows.insert(rows.end(), {injected_name, injected_address, injected_place, negative_desil, dash});
    const auto result = Import(File("rumus.csv", Csv(rows)), true);
    EXPECT_EQ(Codes(result), (std::vector<std::string>{"2:nama:REG-3022", "3:alamat:REG-3022",
                                                       "4:tempat_lahir:REG-3022", "5:desil:REG-2103"}));
    EXPECT_EQ(Names(), (std::set<std::string>{"Darsono"}));
}

TEST_F(RegisterImportTest, RefusesFormulaCellsAndNumericNiksInAWorkbook) {
    auto rows = Table{kHeader};
    rows.push_back(Person("3302011203150001", "3302011708850001", "Ahmad", "L", "1985-08-17", "kepala_keluarga"));
    rows.back()[11] = "formula:=1+1";
    rows.push_back(Person("3302011203150002", "3302010101700003", "=1+1", "L", "1970-01-01", "kepala_keluarga"));
    rows.push_back(
        Person("3302011203150003", "number:3302010303650007", "Karto", "L", "1965-03-03", "kepala_keluarga"));
    rows.push_back(Person("3302011203150004", "3302012512800009", "Joko", "L", "1980-12-25", "kepala_keluarga"));
    rows.back()[11] = "number:3";
    const auto path = dir_.path() / "rumus.xlsx";
    WriteXlsx(path, rows, false);
    const auto result = Import(path, true);
    EXPECT_EQ(Codes(result), (std::vector<std::string>{"2:desil:REG-3024", "3:nama:REG-3022", "4:nik:REG-3023"}));
    EXPECT_EQ(Names(), (std::set<std::string>{"Joko"}));
}

TEST_F(RegisterImportTest, ReadsCodesAndDatesTheWayPeopleWriteThem) {
    // A semicolon-separated file (Excel in an Indonesian locale), header names in any case with spaces.
    auto rows = Table{{"No KK", " NIK ", "Nama", "Jenis Kelamin", "tanggal_lahir", "Hubungan Keluarga", "KODE_DESA",
                       "luas_lantai", "punya_motor", "status_hidup"},
                      {"3302011203150001", "3302011708850001", "Ahmad", "l", "17/8/1985", "Kepala Keluarga",
                       "33.02.01.2001", "36,5", "Ya", "hidup"},
                      {"3302011203150001", "", "Budi", "L", "31/02/2015", "anak", "33.02.01.2001", "", "", ""}};
    const auto result = Import(File("titik-koma.csv", Csv(rows, ';')));
    EXPECT_EQ(Codes(result), (std::vector<std::string>{"3:tanggal_lahir:REG-2106"}));
    EXPECT_NE(result.issues.at(0).message.id.find("'31/02/2015'"), std::string::npos);

    rows[2][4] = "28-02-2015";
    const auto fixed = Import(File("titik-koma.csv", Csv(rows, ';')));
    EXPECT_TRUE(fixed.issues.empty()) << (fixed.issues.empty() ? "" : fixed.issues[0].message.en);
    auto connection = db_->Acquire();
    auto household = connection->QueryOne("SELECT floor_area_m2, has_motorcycle FROM households");
    ASSERT_TRUE(household.has_value());
    EXPECT_DOUBLE_EQ(household->Real(0), 36.5);
    EXPECT_EQ(household->Int(1), 1);
    EXPECT_EQ(connection->QueryOne("SELECT sex, relation, birth_date FROM persons WHERE name = 'Ahmad'")->Text(2),
              "1985-08-17");
}

// ---- encodings, structure, columns ----

TEST_F(RegisterImportTest, AUtf16FileGetsASaveAsCsvUtf8Message) {
    std::string utf16 = "\xFF\xFE";
    for (char c : Csv(MixedRows())) {
        utf16 += c;
        utf16 += '\0';
    }
    const auto result = Import(File("unicode.csv", utf16), true);
    ASSERT_EQ(result.issues.size(), 1u);
    EXPECT_EQ(result.issues[0].code, "REG-3002");
    EXPECT_NE(result.issues[0].message.id.find("CSV UTF-8"), std::string::npos);
    EXPECT_EQ(result.rows_read, 0);
    EXPECT_EQ(Count("persons"), 0);
}

TEST_F(RegisterImportTest, ALatin1FileIsReportedAtTheFirstRowThatIsNotUtf8AndNothingIsImported) {
    auto rows = MixedRows();
    rows.resize(6);
    rows[4][2] = "Slamet Ren\xE9";  // é in Latin-1 (Windows-1252), as older Excel saves "CSV"
    const auto result = Import(File("latin1.csv", Csv(rows)));
    EXPECT_EQ(Codes(result), (std::vector<std::string>{"5:nama:REG-3004"}));
    EXPECT_NE(result.issues[0].message.id.find("UTF-8"), std::string::npos);
    EXPECT_EQ(result.stopped_at_row, 5);
    EXPECT_EQ(Count("persons"), 0);
}

TEST_F(RegisterImportTest, BrokenQuotingStopsReadingAndPartialKeepsTheHouseholdsBeforeIt) {
    // An unterminated quote on row 5 swallows the rest of the file: row 5's household (its no_kk is legible) lost a
    // member there, the row after it is never read, and the household of rows 2-4 is complete.
    auto rows = MixedRows();
    rows.resize(4);
    auto csv = Csv(rows) +
               "3302011203150002,3302010101700003,\"Slamet,L,Banyumas,1970-01-01,kepala_keluarga,33.02.01.2001,,,,\n" +
               Csv({Person("3302011203150002", "3302014202720004", "Sri", "P", "1972-02-02", "istri_suami")});
    const auto result = Import(File("kutip.csv", csv), true);
    EXPECT_EQ(Codes(result), (std::vector<std::string>{"5:nama:REG-3004"}));
    EXPECT_EQ(result.stopped_at_row, 5);
    EXPECT_EQ(result.rows_read, 3);
    EXPECT_EQ(Names(), (std::set<std::string>{"Ahmad Fauzi", "Siti Aminah", "Budi"}));
}

TEST_F(RegisterImportTest, WhenTheBrokenRowsHouseholdIsIllegibleTheHouseholdReadLastIsLeftOut) {
    // The quote opens in the first cell, so not even no_kk can be read: the household of rows 2-4 may continue on the
    // unread rows, so partial leaves it out and says why on each of its rows.
    auto rows = MixedRows();
    rows.resize(4);
    const auto result = Import(File("kutip.csv", Csv(rows) + "\"3302011203150001,3302010101700003,Slamet\n"), true);
    EXPECT_EQ(Codes(result),
              (std::vector<std::string>{"2::REG-3041", "3::REG-3041", "4::REG-3041", "5:no_kk:REG-3004"}));
    EXPECT_EQ(Count("persons"), 0);
}

// Replaces the sheet of a workbook with what precedes `cut_before` followed by `tail`, as a damaged copy would have it.
void DamageSheet(const std::filesystem::path& workbook, std::string_view cut_before, std::string_view tail) {
    int error = 0;
    zip_t* archive = zip_open(workbook.c_str(), 0, &error);
    ASSERT_NE(archive, nullptr);
    zip_file_t* entry = zip_fopen(archive, "xl/worksheets/sheet1.xml", 0);
    ASSERT_NE(entry, nullptr);
    std::string sheet;
    char buffer[4096];
    for (zip_int64_t read = 0; (read = zip_fread(entry, buffer, sizeof buffer)) > 0;) {
        sheet.append(buffer, static_cast<std::size_t>(read));
    }
    zip_fclose(entry);
    const auto cut = sheet.find(cut_before);
    ASSERT_NE(cut, std::string::npos);
    const std::string damaged = sheet.substr(0, cut) + std::string(tail);  // libzip reads it in zip_close
    zip_source_t* source = zip_source_buffer(archive, damaged.data(), damaged.size(), 0);
    ASSERT_GE(zip_file_add(archive, "xl/worksheets/sheet1.xml", source, ZIP_FL_OVERWRITE), 0);
    ASSERT_EQ(zip_close(archive), 0);
}

TEST_F(RegisterImportTest, ADamagedWorkbookStopsReadingAtTheDamagedRow) {
    auto rows = MixedRows();
    rows.resize(6);
    const auto path = dir_.path() / "rusak.xlsx";
    WriteXlsx(path, rows, true);
    DamageSheet(path, "<c r=\"C5\"", "<c r=\"C5\" t=\"inlineStr\"><is><t>Slamet</t></is></c><c r=\"D5\" t=");
    const auto result = Import(path, true);
    // Which household row 5 belongs to cannot be read, so the household read last (rows 2-4) may continue there.
    EXPECT_EQ(Codes(result), (std::vector<std::string>{"2::REG-3041", "3::REG-3041", "4::REG-3041", "5::REG-3005"}));
    EXPECT_NE(result.issues.back().message.id.find("rusak"), std::string::npos);
    EXPECT_EQ(result.stopped_at_row, 5);
    EXPECT_EQ(Count("persons"), 0);
}

TEST_F(RegisterImportTest, UnknownMissingAndDoubledColumnsAreNamedAndNothingIsRead) {
    auto rows = MixedRows();
    rows[0] = {"no_kk", "nama", "umur", "jenis_kelamin", "tanggal_lahir", "hubungan_keluarga", "kode_desa", "nama"};
    const auto result = Import(File("kolom.csv", Csv(rows)), true);
    EXPECT_EQ(Codes(result), (std::vector<std::string>{"1:umur:REG-3011", "1:nama:REG-3012", "1:nik:REG-3010"}));
    EXPECT_EQ(result.rows_read, 0);
    EXPECT_EQ(Count("persons"), 0);
}

TEST_F(RegisterImportTest, RowsWithExtraOrMissingCellsAreRefusedWithTheirHousehold) {
    auto csv = Csv(MixedRows());
    // Row 14 has an unquoted comma in its address (one cell too many); row 15 lacks the last cell; both belong to the
    // household of rows 12-13, which is left out whole.
    csv += "3302011203150007,3302014404950011,Ani,P,Banyumas,1995-04-04,anak,33.02.01.2001,001,002,Jl. Mawar, No 5,2\n";
    csv += "3302011203150007,3302014404960012,Ana,P,Banyumas,1996-04-04,anak,33.02.01.2001,001,002,Jl. Mawar 5\n";
    const auto result = Import(File("sel.csv", csv), true);
    EXPECT_TRUE(Has(result, "14::REG-3020"));
    EXPECT_TRUE(Has(result, "15::REG-3021"));
    EXPECT_TRUE(Has(result, "12::REG-3040"));
    EXPECT_TRUE(Has(result, "13::REG-3040"));
    EXPECT_EQ(Names().count("Joko Susilo"), 0u);
    EXPECT_EQ(Names().count("Ahmad Fauzi"), 1u);
}

// ---- households ----

TEST_F(RegisterImportTest, HouseholdProblemsAreReportedOnEveryRowOfTheHousehold) {
    auto rows = Table{kHeader};
    rows.push_back(Person("3302011203150001", "3302011708850001", "Ahmad", "L", "1985-08-17", "kepala_keluarga"));
    rows.push_back(Person("3302011203150001", "3302015808870002", "Siti", "P", "1987-08-18", "kepala_keluarga"));
    rows.push_back(Person("3302011203150002", "3302010101700003", "Slamet", "L", "1970-01-01", "anak"));
    const auto result = Import(File("kepala.csv", Csv(rows)));
    EXPECT_EQ(Codes(result), (std::vector<std::string>{"2:hubungan_keluarga:REG-2205", "3:hubungan_keluarga:REG-2205",
                                                       "4:hubungan_keluarga:REG-2205"}));
    EXPECT_NE(result.issues[0].message.en.find("found 2"), std::string::npos);
    EXPECT_NE(result.issues[2].message.en.find("found 0"), std::string::npos);
}

TEST_F(RegisterImportTest, GathersAHouseholdWhoseRowsAreSpreadOverTheFile) {
    auto rows = Table{kHeader};
    rows.push_back(Person("3302011203150001", "3302011708850001", "Ahmad", "L", "1985-08-17", "kepala_keluarga"));
    rows.push_back(Person("3302011203150002", "3302010101700003", "Slamet", "L", "1970-01-01", "kepala_keluarga"));
    rows.push_back(Person("3302011203150001", "3302015808870002", "Siti", "P", "1987-08-18", "istri_suami"));
    rows.push_back(Person("3302011203150002", "3302014202720004", "Sri", "P", "1972-02-02", "istri_suami"));
    rows.push_back(Person("3302011203150001", "", "Budi", "L", "2015-03-01", "anak"));
    const auto result = Import(File("acak.csv", Csv(rows)));
    EXPECT_TRUE(result.issues.empty());
    EXPECT_EQ(result.households_imported, 2);
    auto connection = db_->Acquire();
    const auto sizes = connection->Query(
        "SELECT h.kk_number, COUNT(*) FROM households h JOIN persons p ON p.household_id = h.id GROUP BY h.kk_number "
        "ORDER BY h.kk_number");
    ASSERT_EQ(sizes.size(), 2u);
    EXPECT_EQ(sizes[0].Int(1), 3);
    EXPECT_EQ(sizes[1].Int(1), 2);
}

TEST_F(RegisterImportTest, HouseholdColumnsMustAgreeBetweenMembersRows) {
    auto rows = Table{kHeader};
    rows.push_back(Person("3302011203150001", "3302011708850001", "Ahmad", "L", "1985-08-17", "kepala_keluarga"));
    rows.push_back(
        Person("3302011203150001", "3302015808870002", "Siti", "P", "1987-08-18", "istri_suami", "33.02.01.2002"));
    auto blank = Person("3302011203150001", "", "Budi", "L", "2015-03-01", "anak");
    blank[8] = blank[9] = blank[10] = blank[11] = "";  // left empty on a member's row: taken from the others
    rows.push_back(blank);
    const auto result = Import(File("beda.csv", Csv(rows)));
    EXPECT_EQ(Codes(result), (std::vector<std::string>{"3:kode_desa:REG-3031"}));

    rows.erase(rows.begin() + 2);
    const auto fixed = Import(File("beda.csv", Csv(rows)));
    EXPECT_TRUE(fixed.issues.empty());
    EXPECT_EQ(Count("persons"), 2);
}

TEST_F(RegisterImportTest, ANikAlreadyHeldByALivingPersonIsRefused) {
    auto rows = Table{kHeader};
    rows.push_back(Person("3302011203150001", "3302011708850001", "Ahmad", "L", "1985-08-17", "kepala_keluarga"));
    ASSERT_TRUE(Import(File("satu.csv", Csv(rows))).issues.empty());
    rows[1][2] = "Ahmad Lagi";
    const auto again = Import(File("satu.csv", Csv(rows)));
    EXPECT_EQ(Codes(again), (std::vector<std::string>{"2:nik:REG-2204"}));
    EXPECT_EQ(Count("persons"), 1);
}

// ---- the report ----

TEST_F(RegisterImportTest, TheReportIsACsvWithRowColumnCodeAndBothMessages) {
    std::ostringstream out;
    WriteImportReport(out, {Issue{"REG-2003", "nik", 7, {"NIK salah, \"32\"", "Wrong NIK"}},
                            Issue{"REG-3022", "nama", 9, {"=bukan rumus", "-not a formula"}},
                            Issue{"REG-3002", "", std::nullopt, {"UTF-16", "UTF-16"}}});
    EXPECT_EQ(out.str(),
              "\xEF\xBB\xBFrow,column,code,message_id,message_en\r\n"
              "7,nik,REG-2003,\"NIK salah, \"\"32\"\"\",Wrong NIK\r\n"
              "9,nama,REG-3022,'=bukan rumus,'-not a formula\r\n"
              ",,REG-3002,UTF-16,UTF-16\r\n");
}

TEST_F(RegisterImportTest, EveryCatalogueFieldHasAnImportColumn) {
    std::set<std::pair<bool, std::string_view>> covered;
    for (const auto& column : RegisterImportColumns()) {
        EXPECT_TRUE(covered.emplace(column.household, column.field).second) << column.name;
    }
    for (const auto& spec : HouseholdFields()) {
        EXPECT_TRUE(covered.contains({true, spec.name})) << spec.name;
    }
    for (const auto& spec : PersonFields()) {
        EXPECT_TRUE(covered.contains({false, spec.name})) << spec.name;
    }
}

// ---- the XLSX reader's pieces ----

TEST(XlsxReader, TurnsColumnLettersIntoIndexesAndBack) {
    EXPECT_EQ(ColumnIndexOf("A1"), 0u);
    EXPECT_EQ(ColumnIndexOf("Z9"), 25u);
    EXPECT_EQ(ColumnIndexOf("AA10"), 26u);
    EXPECT_EQ(ColumnIndexOf("XFD1048576"), 16383u);
    EXPECT_EQ(ColumnIndexOf("XFE1"), std::nullopt);
    EXPECT_EQ(ColumnIndexOf("12"), std::nullopt);
    EXPECT_EQ(ColumnLetters(0), "A");
    EXPECT_EQ(ColumnLetters(27), "AB");
    EXPECT_EQ(ColumnLetters(16383), "XFD");
}

TEST(XlsxReader, ConvertsExcelDateSerialsToCalendarDates) {
    EXPECT_EQ(ExcelSerialToIsoDate(1, false), "1900-01-01");
    EXPECT_EQ(ExcelSerialToIsoDate(59, false), "1900-02-28");
    EXPECT_EQ(ExcelSerialToIsoDate(60, false), std::nullopt);  // Excel's 29 February 1900
    EXPECT_EQ(ExcelSerialToIsoDate(61, false), "1900-03-01");
    EXPECT_EQ(ExcelSerialToIsoDate(31276, false), "1985-08-17");
    EXPECT_EQ(ExcelSerialToIsoDate(31276.75, false), "1985-08-17");
    EXPECT_EQ(ExcelSerialToIsoDate(29814, true), "1985-08-17");
    EXPECT_EQ(ExcelSerialToIsoDate(0, false), std::nullopt);
}

TEST(XlsxReader, ReportsAFileThatIsNotAWorkbook) {
    testing::TempDir dir;
    WriteFile(dir.path() / "bukan.xlsx", "PK\x03\x04 this is no zip archive");
    XlsxReader reader(dir.path() / "bukan.xlsx");
    XlsxRow row;
    EXPECT_FALSE(reader.Next(row));
    ASSERT_TRUE(reader.problem().has_value());
    EXPECT_NE(reader.problem()->message.id.find("XLSX"), std::string::npos);
}

}  // namespace
}  // namespace sinergi::registry
