#include "programs/enrolments.hpp"

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "support/test_support.hpp"

namespace sinergi::programs {
namespace {

using identity::Caller;
using identity::Role;

class EnrolmentsTest : public ::testing::Test {
 protected:
    EnrolmentsTest()
        : db_(testing::MigratedDatabase(dir_)),
          clock_(*ParseTimestamp("2026-11-23T08:00:00Z")),
          identity_(*db_, clock_),
          regions_(*db_),
          registry_(*db_, identity_, regions_, clock_),
          programs_(*db_, identity_, registry_, clock_),
          enrolments_(*db_, identity_, registry_, programs_, clock_) {
        testing::InsertTestRegions(*db_);
        const auto dinsos =
            identity_.CreateAgency(system_, {"DINSOS", "Dinas Sosial", identity::AgencyKind::kDinas, "33.02"}).id;
        staff_.user = identity_.CreateUser(system_, {"staf", "Staf Dinsos", dinsos, Role::kAgencyStaff, kPw});
        poor_ = AddHousehold("3302011203150001", "3302011203800001", 2);
        poor2_ = AddHousehold("3302011203150002", "3302011203800002", 3);
        better_off_ = AddHousehold("3302011203150003", "3302011203800003", 8);
    }

    registry::Household AddHousehold(std::string kk, std::string nik, std::int64_t desil) {
        registry::NewHousehold household;
        household.fields = {
            {"village_code", std::string("33.02.01.2001")}, {"kk_number", std::move(kk)}, {"desil", desil}};
        household.members = {{{"nik", std::move(nik)},
                              {"name", std::string("Kepala")},
                              {"sex", std::string("L")},
                              {"birth_date", std::string("1980-03-12")},
                              {"relation", std::string("kepala_keluarga")}}};
        return registry_.Create(system_, household, registry::Source::kForm, "uji");
    }

    Program CreateProgram(std::string code, std::string level) {
        ProgramInput input;
        input.code = std::move(code);
        input.name = "Program Uji";
        input.benefit_type = "cash";
        input.target_level = std::move(level);
        input.period_start = "2026-01-01";
        input.period_end = "2026-12-31";
        input.eligibility_rule = boost::json::parse(R"({"all":[{"field":"desil","op":"<=","value":4}]})");
        return programs_.Create(staff_, input);
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
    Caller system_ = identity::IdentityService::System();
    Caller staff_;
    registry::Household poor_;
    registry::Household poor2_;
    registry::Household better_off_;
};

TEST_F(EnrolmentsTest, TheEligibleHouseholdsAreProposedOnceAndTheLifecycleMovesForward) {
    const auto program = CreateProgram("BPNT-2026", "household");
    BulkEnrolRequest eligible;
    eligible.reason = "Penyaringan desil";
    const auto first = enrolments_.EnrolMany(staff_, program.id, eligible);
    EXPECT_EQ(first.enrolled, 2);
    EXPECT_EQ(enrolments_.EnrolMany(staff_, program.id, eligible).already_enrolled, 2);
    const auto list = enrolments_.List(staff_, program.id, {}, PageRequest{});
    ASSERT_EQ(list.total, 2);
    const auto id = list.items[0].id;
    EXPECT_EQ(list.items[0].status, "proposed");
    EXPECT_EQ(list.items[0].source, "eligible_list");
    EXPECT_EQ(enrolments_.Transition(staff_, id, "verified", "cek lapangan").status, "verified");
    EXPECT_EQ(enrolments_.Transition(staff_, id, "active", "SK tahap 1").status, "active");
    EXPECT_EQ(enrolments_.Transition(staff_, id, "graduated", "sudah mandiri").status, "graduated");
    try {
        enrolments_.Transition(staff_, id, "active", "kembali");
        FAIL() << "graduated is final";
    } catch (const Error& error) {
        EXPECT_EQ(CodeOf(error), "PRG-2209");
    }
    // After graduating, the household may be enrolled again.
    EXPECT_EQ(enrolments_.Enrol(staff_, program.id, list.items[0].household_id, std::nullopt, "usulan baru").status,
              "proposed");
}

TEST_F(EnrolmentsTest, AListIsMatchedExactlyAndEveryRowNotEnrolledIsReported) {
    const auto program = CreateProgram("BPNT-2026", "household");
    BulkEnrolRequest list;
    list.source = BulkEnrolRequest::Source::kList;
    list.reason = "Usulan desa";
    list.identifiers = {"3302011203800001", "3302011203150002", "33020112038000", "3302011203800001",
                        "3302019999990001"};
    const auto result = enrolments_.EnrolMany(staff_, program.id, list);
    EXPECT_EQ(result.enrolled, 2);          // by NIK (row 1) and by KK number (row 2)
    EXPECT_EQ(result.already_enrolled, 1);  // row 4 names row 1's household again
    EXPECT_EQ(result.not_found, 2);         // 14 digits, and a NIK nobody holds
    ASSERT_EQ(result.rows.size(), 3U);
    EXPECT_EQ(result.rows[0].row, 3);
    EXPECT_EQ(result.rows[0].problem->code, "PRG-2208");
    EXPECT_EQ(result.rows[1].outcome, "already_enrolled");
    EXPECT_EQ(result.rows[2].row, 5);
}

TEST_F(EnrolmentsTest, ClosedProgrammesAndDeceasedPersonsAreNotNewlyEnrolled) {
    const auto person_level = CreateProgram("PKH-LANSIA", "person");
    const auto head = poor_.members.at(0).id;
    registry::FieldValues deceased{{"life_status", std::string("deceased")},
                                   {"life_status_date", std::string("2026-10-01")}};
    registry_.UpdatePerson(system_, head, 1, deceased, "Meninggal dunia");
    try {
        enrolments_.Enrol(staff_, person_level.id, std::nullopt, head, "usulan");
        FAIL() << "a deceased person cannot be enrolled";
    } catch (const Error& error) {
        EXPECT_EQ(CodeOf(error), "PRG-2202");
    }
    BulkEnrolRequest eligible;
    eligible.reason = "Penyaringan";
    try {
        enrolments_.EnrolMany(staff_, person_level.id, eligible);
        FAIL() << "person-level programmes enrol from lists";
    } catch (const Error& error) {
        EXPECT_EQ(CodeOf(error), "PRG-2206");
    }
    const auto program = CreateProgram("BPNT-2026", "household");
    ProgramInput close;
    close.status = "closed";
    programs_.Update(staff_, program.id, 1, close);
    try {
        enrolments_.Enrol(staff_, program.id, poor2_.id, std::nullopt, "usulan");
        FAIL() << "a closed programme takes nobody new";
    } catch (const Error& error) {
        EXPECT_EQ(CodeOf(error), "PRG-2203");
    }
}

TEST_F(EnrolmentsTest, RulesSeeActiveEnrolmentsOfOtherProgrammes) {
    const auto food = CreateProgram("BPNT-2026", "household");
    const auto enrolment = enrolments_.Enrol(staff_, food.id, poor_.id, std::nullopt, "usulan");
    PreviewRequest preview;
    preview.eligibility_rule = boost::json::parse(R"({"not":{"enrolled_in":"BPNT-2026"}})");
    EXPECT_EQ(programs_.Preview(staff_, preview).eligible, 3);  // proposed is not yet receiving
    enrolments_.Transition(staff_, enrolment.id, "verified", "cek");
    enrolments_.Transition(staff_, enrolment.id, "active", "SK tahap 1");
    EXPECT_EQ(programs_.Preview(staff_, preview).eligible, 2);
}

}  // namespace
}  // namespace sinergi::programs
