// Importing a stage's results from CSV (docs/formats/stage-results.md): every row checked first, all or nothing by
// default, exactly the bad rows left out with `partial`, each recorded line audited like a PATCH.
#include <boost/json.hpp>
#include <fmt/format.h>
#include <gtest/gtest.h>

#include "programs/enrolments.hpp"
#include "programs/stages.hpp"
#include "support/test_support.hpp"

namespace sinergi::programs {
namespace {

using identity::Caller;
using identity::Role;

class StageResultsTest : public ::testing::Test {
 protected:
    StageResultsTest()
        : db_(testing::MigratedDatabase(dir_)),
          clock_(*ParseTimestamp("2026-11-23T08:00:00Z")),
          identity_(*db_, clock_),
          regions_(*db_),
          registry_(*db_, identity_, regions_, clock_),
          programs_(*db_, identity_, registry_, clock_),
          enrolments_(*db_, identity_, registry_, programs_, clock_),
          stages_(*db_, identity_, registry_, programs_, clock_) {
        testing::InsertTestRegions(*db_);
        const auto dinsos =
            identity_.CreateAgency(system_, {"DINSOS", "Dinas Sosial", identity::AgencyKind::kDinas, "33.02"}).id;
        const auto dinkes =
            identity_.CreateAgency(system_, {"DINKES", "Dinas Kesehatan", identity::AgencyKind::kDinas, "33.02"}).id;
        staff_.user = identity_.CreateUser(system_, {"staf", "Staf Dinsos", dinsos, Role::kAgencyStaff, kPw});
        other_agency_.user =
            identity_.CreateUser(system_, {"staf.dinkes", "Staf Dinkes", dinkes, Role::kAgencyStaff, kPw});
        admin_.user = identity_.CreateUser(system_, {"admin", "Admin", dinsos, Role::kAdmin, kPw});
        for (int i = 1; i <= 8; ++i) {
            AddHousehold(fmt::format("330201120315000{}", i), fmt::format("330201120380000{}", i));
        }
        program_ = StartProgram("BPNT-2026");
        stages_.Freeze(staff_, program_.id, 1);
        stages_.Freeze(staff_, program_.id, 2);
        const auto lines = stages_.Lines(staff_, program_.id, 1, std::nullopt, PageRequest{});
        for (const auto& line : lines.items) {
            line_.push_back(line.id);
            nik_.push_back(*line.recipient_nik);
        }
        other_stage_line_ = stages_.Lines(staff_, program_.id, 2, std::nullopt, PageRequest{}).items.at(0).id;
    }

    void AddHousehold(std::string kk, std::string nik) {
        registry::NewHousehold household;
        household.fields = {
            {"village_code", std::string("33.02.01.2001")}, {"kk_number", std::move(kk)}, {"desil", std::int64_t{2}}};
        household.members = {{{"nik", std::move(nik)},
                              {"name", std::string("Kepala")},
                              {"sex", std::string("L")},
                              {"birth_date", std::string("1980-03-12")},
                              {"relation", std::string("kepala_keluarga")}}};
        registry_.Create(system_, household, registry::Source::kForm, "uji");
    }

    // An active programme with two stages whose eight eligible households are all active beneficiaries.
    Program StartProgram(std::string code) {
        ProgramInput input;
        input.code = std::move(code);
        input.name = "Bantuan Pangan";
        input.benefit_type = "cash";
        input.target_level = "household";
        input.amount_per_stage = std::optional<std::int64_t>(600000);
        input.period_start = "2026-01-01";
        input.period_end = "2026-12-31";
        input.stages = std::vector<StageInput>{{"Tahap 1", "2026-03-15"}, {"Tahap 2", "2026-06-15"}};
        input.eligibility_rule = boost::json::parse(R"({"all":[{"field":"desil","op":"<=","value":4}]})");
        const auto created = programs_.Create(staff_, input);
        ProgramInput start;
        start.status = "active";
        programs_.Update(staff_, created.id, 1, start);
        BulkEnrolRequest eligible;
        eligible.reason = "Penyaringan desil";
        enrolments_.EnrolMany(staff_, created.id, eligible);
        for (const auto& enrolment : enrolments_.List(staff_, created.id, {}, PageRequest{}).items) {
            enrolments_.Transition(staff_, enrolment.id, "verified", "cek lapangan");
            enrolments_.Transition(staff_, enrolment.id, "active", "SK penerima");
        }
        return programs_.Get(staff_, created.id);
    }

    std::string StatusOf(std::int64_t line) {
        auto connection = db_->Acquire();
        return connection->QueryOne("SELECT status FROM disbursements WHERE id = ?", {line})->Text(0);
    }

    std::int64_t AuditCount(std::string action) {
        identity::AuditFilter filter;
        filter.action = std::move(action);
        return identity_.ListAudit(admin_, filter, PageRequest{}).total;
    }

    StageResultsReport Import(const std::string& csv, bool partial = false) {
        return stages_.ImportResults(staff_, program_.id, 1, csv, partial);
    }

    // "row:column:code" of every issue, in report order.
    static std::vector<std::string> Named(const StageResultsReport& report) {
        std::vector<std::string> named;
        for (const auto& issue : report.issues) {
            named.push_back(
                fmt::format("{}:{}:{}", issue.row ? std::to_string(*issue.row) : "-", issue.field, issue.code));
        }
        return named;
    }

    static std::string CodeOf(const Error& error) { return error.issues().empty() ? "" : error.issues()[0].code; }

    static constexpr const char* kPw = "kata-sandi-uji-123";
    testing::TempDir dir_;
    std::unique_ptr<db::Database> db_;
    ManualClock clock_;
    identity::IdentityService identity_;
    regions::RegionsService regions_;
    registry::RegistryService registry_;
    ProgramsService programs_;
    EnrolmentService enrolments_;
    StageService stages_;
    Caller system_ = identity::IdentityService::System();
    Caller staff_;
    Caller other_agency_;
    Caller admin_;
    Program program_;
    std::vector<std::int64_t> line_;  // stage 1's lines
    std::vector<std::string> nik_;    // their recipients' NIKs
    std::int64_t other_stage_line_ = 0;
};

TEST_F(StageResultsTest, EveryValidRowIsRecordedAndAuditedLikeOneRecordedByHand) {
    const auto csv = fmt::format(
        "id_penyaluran,status,tanggal,saluran,catatan\n"
        "{},dibayar,2026-03-16,Bank Himbara,\n"
        "{},GAGAL,2026-03-16,Pos,rekening ditutup\n\n",
        line_[0], line_[1]);
    const auto report = Import(csv);
    EXPECT_TRUE(report.committed);
    EXPECT_EQ(report.rows, 2);
    EXPECT_EQ(report.applied, 2);
    EXPECT_EQ(report.rejected, 0);
    EXPECT_TRUE(report.issues.empty());
    EXPECT_EQ(StatusOf(line_[0]), "paid");
    EXPECT_EQ(StatusOf(line_[1]), "failed");
    EXPECT_EQ(StatusOf(line_[2]), "planned");
    EXPECT_EQ(AuditCount("disbursement.update"), 2);
    EXPECT_EQ(AuditCount("stage.results.import"), 1);
    const auto summary = stages_.Summary(staff_, program_.id, 1);
    EXPECT_EQ(summary.by_status.at("paid").amount, 600000);

    // The recipient's NIK identifies a line when the file has no line numbers; English words and ; work too.
    const auto by_nik =
        Import(fmt::format("nik;status;tanggal\n{};paid;2026-03-20\n{};returned;2026-03-21\n", nik_[1], nik_[0]));
    EXPECT_EQ(by_nik.applied, 2) << ::testing::PrintToString(Named(by_nik));
    EXPECT_EQ(StatusOf(line_[1]), "paid");
    EXPECT_EQ(StatusOf(line_[0]), "returned");
}

TEST_F(StageResultsTest, OneBadRowMeansNothingIsRecorded) {
    const auto csv = fmt::format(
        "id_penyaluran,status,tanggal\n"
        "{},dibayar,2026-03-16\n"
        "{},dikembalikan,2026-03-16\n",
        line_[0], line_[1]);
    const auto report = Import(csv);
    EXPECT_FALSE(report.committed);
    EXPECT_EQ(report.applied, 0);
    EXPECT_EQ(report.rows, 2);
    EXPECT_EQ(report.rejected, 1);
    EXPECT_EQ(Named(report), std::vector<std::string>{"3:status:PRG-2303"});
    EXPECT_EQ(StatusOf(line_[0]), "planned");
    EXPECT_EQ(AuditCount("disbursement.update"), 0);
}

TEST_F(StageResultsTest, PartialRecordsTheValidRowsAndListsExactlyThoseLeftOut) {
    const auto csv = fmt::format(
        "id_penyaluran,status,tanggal\n"
        "{},dibayar,2026-03-16\n"
        "{},dikembalikan,2026-03-16\n"
        "{},gagal,2099-01-01\n",
        line_[0], line_[1], line_[2]);
    const auto report = Import(csv, true);
    EXPECT_TRUE(report.committed);
    EXPECT_EQ(report.applied, 1);
    EXPECT_EQ(report.rejected, 2);
    EXPECT_EQ(Named(report), (std::vector<std::string>{"3:status:PRG-2303", "4:tanggal:PRG-2304"}));
    EXPECT_EQ(StatusOf(line_[0]), "paid");
    EXPECT_EQ(StatusOf(line_[1]), "planned");
    EXPECT_EQ(StatusOf(line_[2]), "planned");
    EXPECT_EQ(AuditCount("disbursement.update"), 1);
}

TEST_F(StageResultsTest, EachBadRowIsNamedWithItsColumnAndCode) {
    const auto csv = fmt::format(
        "id_penyaluran,nik,status,tanggal,saluran,catatan\n"
        "999999,,dibayar,2026-03-16,,\n"              // 2: no such line
        "{},,dibayar,2026-03-16,,\n"                  // 3: a line of stage 2
        "{},,dibayar,2026-03-16,,\n"                  // 4: one line …
        "{},,gagal,2026-03-17,,\n"                    // 5: … twice
        "{},,lunas,2026-03-16,,\n"                    // 6: unknown status word
        "{},,dibayar,16-03-2026,,\n"                  // 7: not YYYY-MM-DD
        "{},,dibayar,2026-03-16,=1+1,\n"              // 8: formula-like cell
        "{},3302011203809999,dibayar,2026-03-16,,\n"  // 9: the NIK is not that line's
        ",3302019999990001,dibayar,2026-03-16,,\n"    // 10: nobody with this NIK
        "abc,,dibayar,2026-03-16,,\n"                 // 11: not a line number
        "{},,dibayar,2026-03-16\n",                   // 12: a cell missing
        other_stage_line_, line_[0], line_[0], line_[1], line_[2], line_[3], line_[4], line_[5]);
    const auto report = Import(csv, true);
    EXPECT_EQ(report.rows, 11);
    EXPECT_EQ(report.applied, 0);
    EXPECT_EQ(report.rejected, 11);
    EXPECT_EQ(Named(report), (std::vector<std::string>{
                                 "2:id_penyaluran:PRG-2321",
                                 "3:id_penyaluran:PRG-2322",
                                 "4:id_penyaluran:PRG-2325",
                                 "5:id_penyaluran:PRG-2325",
                                 "6:status:PRG-2326",
                                 "7:tanggal:PRG-2304",
                                 "8:saluran:PRG-2319",
                                 "9:nik:PRG-2324",
                                 "10:nik:PRG-2321",
                                 "11:id_penyaluran:PRG-2320",
                                 "12::PRG-2318",
                             }));
    for (const auto& issue : report.issues) {
        EXPECT_FALSE(issue.message.id.empty());
        EXPECT_FALSE(issue.message.en.empty());
    }
    EXPECT_NE(report.issues[2].message.en.find("row(s) 5"), std::string::npos) << report.issues[2].message.en;
}

TEST_F(StageResultsTest, BrokenFilesAreRefusedWithTheirPlace) {
    // Broken quoting stops the reading; the valid row before it is not recorded either (all or nothing).
    const auto broken =
        Import(fmt::format("id_penyaluran,status,tanggal,catatan\n{},dibayar,2026-03-16,ok\n"
                           "{},dibayar,2026-03-16,\"tidak ditutup\n",
                           line_[0], line_[1]));
    EXPECT_EQ(broken.stopped_at_row, 3);
    EXPECT_EQ(broken.rows, 2);
    EXPECT_EQ(Named(broken), std::vector<std::string>{"3:catatan:PRG-2314"});
    EXPECT_EQ(broken.applied, 0);
    EXPECT_EQ(StatusOf(line_[0]), "planned");

    // Windows-1252 text where UTF-8 belongs.
    const auto latin1 =
        Import(fmt::format("id_penyaluran,status,tanggal,catatan\n{},dibayar,2026-03-16,caf\xE9\n", line_[0]));
    EXPECT_EQ(Named(latin1), std::vector<std::string>{"2:catatan:PRG-2314"});
    EXPECT_NE(latin1.issues[0].message.en.find("UTF-8"), std::string::npos);

    const std::string utf16("\xFF\xFEi\0d\0", 6);
    EXPECT_EQ(Named(Import(utf16)), std::vector<std::string>{"-::PRG-2312"});
    EXPECT_EQ(Named(Import(std::string("PK\x03\x04rest", 8))), std::vector<std::string>{"-::PRG-2313"});

    EXPECT_EQ(Named(Import("id_penyaluran,status,jumlah,tanggal,status\n1,dibayar,5,2026-03-16,dibayar\n")),
              (std::vector<std::string>{"1:jumlah:PRG-2315", "1:status:PRG-2316"}));
    EXPECT_EQ(Named(Import("status,tanggal\ndibayar,2026-03-16\n")),
              std::vector<std::string>{"1:id_penyaluran:PRG-2317"});
    EXPECT_EQ(Named(Import("id_penyaluran,status,tanggal\n")), std::vector<std::string>{"-::PRG-2328"});
    EXPECT_EQ(AuditCount("disbursement.update"), 0);
    try {
        Import("");
        FAIL() << "an empty upload is refused";
    } catch (const Error& error) {
        EXPECT_EQ(CodeOf(error), "PRG-2310");
    }
}

TEST_F(StageResultsTest, OnlyTheOwningAgencyRecordsAndOnlyOnAFrozenList) {
    const auto csv = fmt::format("id_penyaluran,status,tanggal\n{},dibayar,2026-03-16\n", line_[0]);
    try {
        stages_.ImportResults(other_agency_, program_.id, 1, csv, false);
        FAIL() << "another agency's staff may not record";
    } catch (const Error& error) {
        EXPECT_EQ(error.kind(), ErrorKind::kForbidden);
    }
    EXPECT_EQ(StatusOf(line_[0]), "planned");
    const auto other = StartProgram("PKH-2026");
    try {
        stages_.ImportResults(staff_, other.id, 1, csv, false);
        FAIL() << "a stage not frozen has no list";
    } catch (const Error& error) {
        EXPECT_EQ(CodeOf(error), "PRG-2311");
    }
}

}  // namespace
}  // namespace sinergi::programs
