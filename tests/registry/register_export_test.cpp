#include "registry/register_export.hpp"

#include <fstream>

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "platform/csv_reader.hpp"
#include "registry/register_import.hpp"
#include "registry/registry_fixture.hpp"
#include "registry/xlsx_reader.hpp"

namespace sinergi::registry {
namespace {

class RegisterExportTest : public RegistryTest {
 protected:
    RegisterExportTest() : exporter_(registry_, identity_, clock_, dir_.path() / "work") {}

    // Two households in Cirahab (2001), one in Cidora (2002); a deceased member and a formula-like address.
    void Populate() {
        auto first = Family();
        first.fields["address"] = std::string("=HYPERLINK(\"http://x\")");
        first.fields["has_motorcycle"] = std::int64_t{1};
        first.fields["floor_area_m2"] = 36.5;
        registry_.Create(operator_, first, Source::kForm, "uji");
        NewHousehold second;
        second.fields = {{"village_code", std::string("33.02.01.2001")},
                         {"kk_number", std::string("3302011203150008")},
                         {"desil", std::int64_t{7}}};
        auto grandmother = Member("Sukinah", "P", "orang_tua", "3302014101400001", "1940-01-01");
        grandmother["life_status"] = std::string("deceased");
        grandmother["life_status_date"] = std::string("2025-02-01");
        second.members = {Member("Darsono", "L", "kepala_keluarga", "3302011005600006", "1960-05-10"), grandmother};
        registry_.Create(operator_, second, Source::kForm, "uji");
        NewHousehold third;
        third.fields = {{"village_code", std::string("33.02.01.2002")},
                        {"kk_number", std::string("3302011203150009")},
                        {"desil", std::int64_t{1}}};
        third.members = {Member("Karto", "L", "kepala_keluarga", "3302010303650007", "1965-03-03")};
        registry_.Create(operator_, third, Source::kForm, "uji");
    }

    static std::vector<std::vector<std::string>> ReadCsv(const std::string& bytes) {
        std::istringstream in(bytes);
        CsvReader reader(in);
        std::vector<std::vector<std::string>> rows;
        std::vector<std::string> fields;
        while (reader.Next(fields)) {
            rows.push_back(fields);
        }
        EXPECT_FALSE(reader.problem().has_value());
        return rows;
    }

    static std::string Cell(const std::vector<std::vector<std::string>>& rows, std::size_t row, std::string_view name) {
        const auto& header = rows.at(0);
        const auto column = std::find(header.begin(), header.end(), name) - header.begin();
        return rows.at(row).at(static_cast<std::size_t>(column));
    }

    std::vector<identity::AuditEntry> Audits(std::string_view action) {
        identity::AuditFilter filter;
        filter.action = std::string(action);
        PageRequest page;
        page.limit = 100;
        return identity_.ListAudit(system_, filter, page).items;
    }

    static constexpr const char* kPurpose = "Verifikasi lapangan bantuan pangan 2026";
    RegisterExporter exporter_;
};

TEST_F(RegisterExportTest, CsvHoldsOneRowPerMemberInTheImportColumnsWithFormulasDefused) {
    Populate();
    HouseholdQuery query;
    query.region = "33.02.01.2001";
    const auto file = exporter_.Export(operator_, query, ExportFormat::kCsv, kPurpose);
    EXPECT_EQ(file.households, 2);
    EXPECT_EQ(file.persons, 5);
    EXPECT_EQ(file.content_type, "text/csv; charset=utf-8");
    EXPECT_EQ(file.filename, "register-20261123-080000.csv");
    ASSERT_TRUE(file.bytes.starts_with("\xEF\xBB\xBF"));
    const auto rows = ReadCsv(file.bytes);
    ASSERT_EQ(rows.size(), 6U);
    ASSERT_EQ(rows[0].size(), RegisterImportColumns().size());
    EXPECT_EQ(rows[0][0], "no_kk");
    EXPECT_EQ(Cell(rows, 1, "nama"), "Moehammad Joesoef");
    EXPECT_EQ(Cell(rows, 1, "alamat"), "'=HYPERLINK(\"http://x\")");
    EXPECT_EQ(Cell(rows, 1, "punya_motor"), "ya");
    EXPECT_EQ(Cell(rows, 1, "luas_lantai"), "36.5");
    EXPECT_EQ(Cell(rows, 1, "desil"), "2");
    EXPECT_EQ(Cell(rows, 3, "nik"), "");  // Budi has no NIK
    EXPECT_EQ(Cell(rows, 5, "nama"), "Sukinah");
    EXPECT_EQ(Cell(rows, 5, "status_hidup"), "meninggal");
    EXPECT_EQ(Cell(rows, 5, "tanggal_status_hidup"), "2025-02-01");
    EXPECT_EQ(Cell(rows, 4, "status_hidup"), "hidup");
}

// A second, empty register with the same regions, to import an exported file into.
struct EmptyRegister {
    explicit EmptyRegister(const Clock& clock)
        : db(testing::MigratedDatabase(dir)),
          identity(*db, clock),
          regions(*db),
          registry(*db, identity, regions, clock),
          importer(*db, registry, identity),
          exporter(registry, identity, clock, dir.path()) {
        testing::InsertTestRegions(*db);
    }

    RegisterImportResult Import(const std::string& bytes, std::string_view name) {
        const auto path = dir.path() / name;
        std::ofstream(path, std::ios::binary) << bytes;
        return importer.Import(identity::IdentityService::System(), path, {});
    }

    testing::TempDir dir;
    std::unique_ptr<db::Database> db;
    identity::IdentityService identity;
    regions::RegionsService regions;
    RegistryService registry;
    RegisterImporter importer;
    RegisterExporter exporter;
};

TEST_F(RegisterExportTest, AnExportedCsvImportsIntoAnEmptyRegisterUnchanged) {
    Populate();
    const auto file = exporter_.Export(operator_, {}, ExportFormat::kCsv, kPurpose);
    EXPECT_EQ(file.households, 3);
    EmptyRegister other(clock_);
    const auto result = other.Import(file.bytes, "export.csv");
    // The import drops the apostrophe that defused the formula-like address, as a spreadsheet does.
    EXPECT_TRUE(result.issues.empty()) << (result.issues.empty() ? "" : result.issues[0].message.en);
    EXPECT_EQ(result.households_imported, 3);
    EXPECT_EQ(result.persons_imported, 6);
    EXPECT_EQ(ReadCsv(other.exporter.Export(system_, {}, ExportFormat::kCsv, kPurpose).bytes), ReadCsv(file.bytes));
}

TEST_F(RegisterExportTest, XlsxKeepsNikTextAndNumbersNumericAndImportsAgain) {
    Populate();
    HouseholdQuery query;
    query.desil_max = 2;
    const auto file = exporter_.Export(operator_, query, ExportFormat::kXlsx, kPurpose);
    EXPECT_EQ(file.households, 2);
    EXPECT_EQ(file.persons, 4);
    EXPECT_EQ(file.filename, "register-20261123-080000.xlsx");
    const auto path = dir_.path() / "export.xlsx";
    std::ofstream(path, std::ios::binary) << file.bytes;
    std::vector<XlsxRow> rows;
    {
        XlsxReader reader(path);
        XlsxRow row;
        while (reader.Next(row)) {
            rows.push_back(row);
        }
        ASSERT_FALSE(reader.problem().has_value());
    }
    ASSERT_EQ(rows.size(), 5U);
    EXPECT_EQ(rows[0].cells.at(0).value, "no_kk");
    EXPECT_EQ(rows[1].cells.at(1).kind, XlsxCellKind::kText);  // a NIK stays text, all 16 digits
    EXPECT_EQ(rows[1].cells.at(1).value, "3302011708850003");
    const auto desil =
        static_cast<std::size_t>(std::find_if(RegisterImportColumns().begin(), RegisterImportColumns().end(),
                                              [](const auto& column) { return column.name == "desil"; }) -
                                 RegisterImportColumns().begin());
    EXPECT_EQ(rows[1].cells.at(desil).kind, XlsxCellKind::kNumber);
    EXPECT_EQ(rows[1].cells.at(desil).value, "2");
    // The temporary workbook is gone.
    EXPECT_TRUE(std::filesystem::is_empty(dir_.path() / "work"));

    EmptyRegister other(clock_);
    const auto result = other.Import(file.bytes, "export.xlsx");
    EXPECT_TRUE(result.issues.empty()) << (result.issues.empty() ? "" : result.issues[0].message.en);
    EXPECT_EQ(result.persons_imported, 4);
}

TEST_F(RegisterExportTest, APurposeIsRequiredAndEveryExportIsAudited) {
    Populate();
    try {
        exporter_.Export(operator_, {}, ExportFormat::kCsv, "  untuk   ");
        FAIL() << "a short purpose must be refused";
    } catch (const Error& error) {
        ASSERT_EQ(error.issues().size(), 1U);
        EXPECT_EQ(error.issues()[0].code, "REG-2340");
        EXPECT_EQ(error.issues()[0].field, "purpose");
    }
    EXPECT_TRUE(Audits("household.export").empty());
    HouseholdQuery query;
    query.q = "Joesoef";
    exporter_.Export(operator_, query, ExportFormat::kCsv, kPurpose);
    const auto audits = Audits("household.export");
    ASSERT_EQ(audits.size(), 1U);
    EXPECT_EQ(audits[0].actor_username, "operator");
    const auto detail = boost::json::parse(audits[0].detail_json).as_object();
    EXPECT_EQ(detail.at("purpose").as_string(), kPurpose);
    EXPECT_EQ(detail.at("households").as_int64(), 1);
    EXPECT_EQ(detail.at("persons").as_int64(), 3);
    // The filters are named, the searched name is not kept.
    EXPECT_EQ(boost::json::serialize(detail.at("filters")), R"(["q"])");
    EXPECT_EQ(audits[0].detail_json.find("Joesoef"), std::string::npos);
}

TEST_F(RegisterExportTest, AVillageOperatorExportsOnlyTheirVillage) {
    Populate();
    const auto file = exporter_.Export(village_, {}, ExportFormat::kCsv, kPurpose);
    EXPECT_EQ(file.households, 1);
    const auto rows = ReadCsv(file.bytes);
    ASSERT_EQ(rows.size(), 2U);
    EXPECT_EQ(Cell(rows, 1, "kode_desa"), "33.02.01.2002");
}

}  // namespace
}  // namespace sinergi::registry
