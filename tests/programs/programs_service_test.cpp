#include "programs/programs_service.hpp"

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "support/test_support.hpp"

namespace sinergi::programs {
namespace {

using identity::Caller;
using identity::Role;

class ProgramsServiceTest : public ::testing::Test {
 protected:
    ProgramsServiceTest()
        : db_(testing::MigratedDatabase(dir_)),
          clock_(*ParseTimestamp("2026-11-23T08:00:00Z")),
          identity_(*db_, clock_),
          regions_(*db_),
          registry_(*db_, identity_, regions_, clock_),
          programs_(*db_, identity_, registry_, clock_) {
        testing::InsertTestRegions(*db_);
        dinsos_ = identity_.CreateAgency(system_, {"DINSOS", "Dinas Sosial", identity::AgencyKind::kDinas, "33.02"}).id;
        dinkes_ =
            identity_.CreateAgency(system_, {"DINKES", "Dinas Kesehatan", identity::AgencyKind::kDinas, "33.02"}).id;
        head_ = SignedIn(identity_.CreateUser(system_, {"kadinsos", "Kepala Dinsos", dinsos_, Role::kAgencyHead, kPw}));
        health_staff_ =
            SignedIn(identity_.CreateUser(system_, {"staf.dinkes", "Staf Dinkes", dinkes_, Role::kAgencyStaff, kPw}));
        operator_ = SignedIn(
            identity_.CreateUser(system_, {"operator", "Operator DTKS", dinsos_, Role::kRegistryOperator, kPw}));
    }

    static Caller SignedIn(identity::User user) {
        Caller caller;
        caller.user = std::move(user);
        return caller;
    }

    static ProgramInput Food() {
        ProgramInput input;
        input.code = "BPNT-2026";
        input.name = "Bantuan Pangan Non Tunai 2026";
        input.benefit_type = "cash";
        input.target_level = "household";
        input.amount_per_stage = std::optional<std::int64_t>(600000);
        input.period_start = "2026-01-01";
        input.period_end = "2026-12-31";
        input.stages = std::vector<StageInput>{{"Tahap 1", "2026-03-15"}, {"Tahap 2", "2026-06-15"}};
        input.eligibility_rule = boost::json::parse(R"({"all":[{"field":"desil","op":"<=","value":4}]})");
        return input;
    }

    void AddHousehold(std::string kk, std::string nik, std::string name, std::int64_t desil) {
        registry::NewHousehold household;
        household.fields = {
            {"village_code", std::string("33.02.01.2001")}, {"kk_number", std::move(kk)}, {"desil", desil}};
        household.members = {{{"nik", std::move(nik)},
                              {"name", std::move(name)},
                              {"sex", std::string("L")},
                              {"birth_date", std::string("1980-03-12")},
                              {"relation", std::string("kepala_keluarga")}}};
        registry_.Create(system_, household, registry::Source::kForm, "uji");
    }

    static std::vector<std::string> Codes(const Error& error) {
        std::vector<std::string> codes;
        for (const auto& issue : error.issues()) {
            codes.push_back(issue.field + ":" + issue.code);
        }
        return codes;
    }

    static constexpr const char* kPw = "kata-sandi-uji-123";
    testing::TempDir dir_;
    std::unique_ptr<db::Database> db_;
    ManualClock clock_;
    identity::IdentityService identity_;
    regions::RegionsService regions_;
    registry::RegistryService registry_;
    ProgramsService programs_;
    Caller system_ = identity::IdentityService::System();
    std::int64_t dinsos_ = 0;
    std::int64_t dinkes_ = 0;
    Caller head_;
    Caller health_staff_;
    Caller operator_;
};

TEST_F(ProgramsServiceTest, AHeadOfAgencyCreatesAProgrammeOfTheirAgency) {
    const auto program = programs_.Create(head_, Food());
    EXPECT_EQ(program.agency_id, dinsos_);
    EXPECT_EQ(program.agency_code, "DINSOS");
    EXPECT_EQ(program.status, "draft");
    EXPECT_EQ(program.version, 1);
    ASSERT_EQ(program.stages.size(), 2U);
    EXPECT_EQ(program.stages[1].number, 2);
    EXPECT_EQ(program.stages[1].planned_date, "2026-06-15");
    EXPECT_NE(program.eligibility_rule_json.find("desil"), std::string::npos);
    EXPECT_EQ(programs_.Get(operator_, program.id).code, "BPNT-2026");
}

TEST_F(ProgramsServiceTest, EveryMistakeIsNamedAtOnce) {
    auto input = Food();
    input.code = "bpnt";
    input.benefit_type = "voucher";
    input.period_end = "2025-01-01";
    input.stages = std::vector<StageInput>{{"", "2026-02-30"}};
    input.amount_per_stage = std::optional<std::int64_t>(-5);
    try {
        programs_.Create(head_, input);
        FAIL() << "expected a validation error";
    } catch (const Error& error) {
        const auto codes = Codes(error);
        for (const auto* expected : {"code:PRG-2001", "benefit_type:PRG-2003", "period_end:PRG-2005",
                                     "stages[0].name:PRG-2006", "amount_per_stage:PRG-2004"}) {
            EXPECT_NE(std::find(codes.begin(), codes.end(), expected), codes.end()) << expected;
        }
    }
}

TEST_F(ProgramsServiceTest, StaffChangeOnlyTheirOwnAgencysProgrammes) {
    const auto program = programs_.Create(head_, Food());
    ProgramInput changes;
    changes.name = "Diambil alih";
    EXPECT_THROW(programs_.Update(health_staff_, program.id, 1, changes), Error);
    auto input = Food();
    input.code = "PBI-2026";
    input.agency_id = std::optional<std::int64_t>(dinsos_);
    try {
        programs_.Create(health_staff_, input);
        FAIL() << "a health-agency clerk cannot create for the social agency";
    } catch (const Error& error) {
        EXPECT_EQ(error.kind(), ErrorKind::kForbidden);
    }
    EXPECT_THROW(programs_.Create(operator_, input), Error);
}

TEST_F(ProgramsServiceTest, TheLifecycleGoesForwardOnlyAndClosedIsFinal) {
    const auto program = programs_.Create(head_, Food());
    ProgramInput start;
    start.status = "active";
    const auto active = programs_.Update(head_, program.id, 1, start);
    EXPECT_EQ(active.status, "active");
    EXPECT_EQ(active.version, 2);
    ProgramInput back;
    back.status = "draft";
    try {
        programs_.Update(head_, program.id, 2, back);
        FAIL() << "active cannot return to draft";
    } catch (const Error& error) {
        EXPECT_EQ(Codes(error), std::vector<std::string>{"status:PRG-2011"});
    }
    try {
        programs_.Update(head_, program.id, 1, start);
        FAIL() << "a stale version";
    } catch (const Error& error) {
        EXPECT_EQ(error.slug(), "version-mismatch");
    }
    ProgramInput close;
    close.status = "closed";
    EXPECT_EQ(programs_.Update(head_, program.id, 2, close).status, "closed");
    ProgramInput rename;
    rename.name = "Bantuan Pangan (revisi)";
    try {
        programs_.Update(head_, program.id, 3, rename);
        FAIL() << "closed is final";
    } catch (const Error& error) {
        EXPECT_EQ(Codes(error), std::vector<std::string>{"status:PRG-2010"});
    }
}

TEST_F(ProgramsServiceTest, ThePreviewCountsAndListsTheHouseholdsTheRuleSelects) {
    AddHousehold("3302011203150001", "3302011203800001", "Warsono", 2);
    AddHousehold("3302011203150002", "3302011203800002", "Sugeng", 7);
    AddHousehold("3302011203150003", "3302011203800003", "Darsono", 4);
    PreviewRequest request;
    request.eligibility_rule = *Food().eligibility_rule;
    request.limit = 1;
    const auto preview = programs_.Preview(head_, request);
    EXPECT_EQ(preview.checked, 3);
    EXPECT_EQ(preview.eligible, 2);
    EXPECT_EQ(preview.as_of, "2026-11-23");
    ASSERT_EQ(preview.items.size(), 1U);
    EXPECT_EQ(preview.items[0].head_name, "Warsono");
    EXPECT_EQ(preview.items[0].desil, 2);
    EXPECT_FALSE(preview.items[0].reasons.empty());

    const auto program = programs_.Create(head_, Food());
    registry::HouseholdQuery by_name;
    by_name.q = "Sugeng";
    const auto sugeng = registry_.SearchHouseholds(system_, by_name, PageRequest{}).items.at(0).id;
    const auto verdict = programs_.Explain(head_, program.id, sugeng, std::nullopt);
    EXPECT_FALSE(verdict.eligible);
    ASSERT_FALSE(verdict.reasons.empty());
    EXPECT_NE(verdict.reasons[0].en.find('7'), std::string::npos) << verdict.reasons[0].en;
}

}  // namespace
}  // namespace sinergi::programs
