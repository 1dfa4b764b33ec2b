#include "demo/demo_programs.hpp"

#include <gtest/gtest.h>

#include "demo/demo_service.hpp"
#include "demo/population.hpp"
#include "support/test_support.hpp"

namespace sinergi::demo {
namespace {

class DemoPrograms : public ::testing::Test {
 protected:
    DemoPrograms()
        : db_(testing::MigratedDatabase(dir_)),
          clock_(*ParseTimestamp("2026-01-15T08:00:00Z")),
          identity_(*db_, clock_),
          regions_(*db_),
          registry_(*db_, identity_, regions_, clock_),
          programs_(*db_, identity_, registry_, clock_),
          enrolments_(*db_, identity_, registry_, programs_, clock_) {
        testing::InsertTestRegions(*db_);
        DemoOptions demo;
        demo.password = "kata-sandi-demo-123";
        SeedDemo(identity_, regions_, demo);
        PopulationOptions population;
        population.households = 600;
        population.seed = 3;
        population.as_of =
            std::chrono::year_month_day{std::chrono::year{2026}, std::chrono::month{1}, std::chrono::day{15}};
        GeneratePopulation(registry_, regions_, population, dir_.path() / "truth.csv");
    }

    std::int64_t Count(const std::string& sql, const db::Params& params = {}) {
        auto connection = db_->Acquire();
        return connection->QueryOne(sql, params)->Int(0);
    }

    testing::TempDir dir_;
    std::unique_ptr<db::Database> db_;
    ManualClock clock_;
    identity::IdentityService identity_;
    regions::RegionsService regions_;
    registry::RegistryService registry_;
    programs::ProgramsService programs_;
    programs::EnrolmentService enrolments_;
};

TEST_F(DemoPrograms, SevenAgencyProgrammesWithMostEligibleHouseholdsEnrolledAndSomeWhoAreNot) {
    const auto counts = SeedDemoPrograms(identity_, registry_, programs_, enrolments_, 3, "2026-01-15", "33.02");
    ASSERT_EQ(counts.size(), 7U);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM programs WHERE status = 'active'"), 7);
    EXPECT_EQ(Count("SELECT COUNT(DISTINCT agency_id) FROM programs"), 5);
    for (const auto& count : counts) {
        EXPECT_EQ(count.beneficiaries,
                  Count("SELECT COUNT(*) FROM enrolments e JOIN programs p ON p.id = e.program_id WHERE p.code = ? "
                        "AND e.status = 'active'",
                        {count.code}))
            << count.code;
        EXPECT_LE(count.beneficiaries, count.eligible + count.not_eligible) << count.code;
    }
    const auto& food = counts[1];
    ASSERT_EQ(food.code, "BPNT-2026");
    EXPECT_GT(food.beneficiaries, food.eligible / 2);  // most eligible households receive food aid
    EXPECT_LT(food.beneficiaries, food.eligible);      // and some are left out
    // The inclusion errors are exactly the enrolled households the rule (desil ≤ 4) does not select, by plain SQL.
    EXPECT_EQ(food.not_eligible,
              Count("SELECT COUNT(*) FROM enrolments e JOIN programs p ON p.id = e.program_id JOIN households h "
                    "ON h.id = e.household_id WHERE p.code = 'BPNT-2026' AND (h.desil IS NULL OR h.desil > 4)"));
    EXPECT_GT(food.not_eligible, 0);
    // Households receive several programmes at once: the overlap the analytics will show.
    EXPECT_GT(Count("SELECT COUNT(*) FROM (SELECT household_id FROM enrolments GROUP BY household_id "
                    "HAVING COUNT(DISTINCT program_id) >= 3)"),
              0);
}

TEST_F(DemoPrograms, ASecondRunLeavesTheProgrammesAsTheyAre) {
    SeedDemoPrograms(identity_, registry_, programs_, enrolments_, 3, "2026-01-15", "33.02");
    const auto enrolled = Count("SELECT COUNT(*) FROM enrolments");
    EXPECT_TRUE(SeedDemoPrograms(identity_, registry_, programs_, enrolments_, 3, "2026-01-15", "33.02").empty());
    EXPECT_EQ(Count("SELECT COUNT(*) FROM enrolments"), enrolled);
}

}  // namespace
}  // namespace sinergi::demo
