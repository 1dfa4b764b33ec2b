// PMT runs over the register: ranking within each regency, the official desil staying authoritative, the list of
// disagreements and who may see what.
#include "pmt/pmt_service.hpp"

#include <algorithm>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "support/test_support.hpp"

namespace sinergi::pmt {
namespace {

using identity::Caller;
using identity::Role;

// Consumption rises with the floor area alone, so the ranking is known in advance.
constexpr std::string_view kAreaWeights = R"({
  "format": "sinergi-pmt-weights/1", "version": "uji-luas", "note": "Bobot uji / test weights", "intercept": 12.5,
  "terms": [
    {"variable": "floor_area_m2", "weight": 0.01},
    {"variable": "household_size", "weight": -0.35, "transform": "log"},
    {"variable": "has_car", "weight": 0.3}
  ]
})";

Weights AreaWeights() {
    ValidationReport report;
    return *Weights::Parse(kAreaWeights, report);
}

struct Planned {
    int official = 0;  // 0: none
    std::string source = "dtsen";
};

class PmtServiceTest : public ::testing::Test {
 protected:
    PmtServiceTest()
        : db_(testing::MigratedDatabase(dir_)),
          clock_(*ParseTimestamp("2026-11-23T08:00:00Z")),
          identity_(*db_, clock_),
          regions_(*db_),
          registry_(*db_, identity_, regions_, clock_),
          pmt_(*db_, identity_, registry_, clock_, AreaWeights()) {
        testing::InsertTestRegions(*db_);
        {
            auto connection = db_->Acquire();
            const char* sql = "INSERT INTO regions (code, parent_code, level, name, name_key) VALUES (?, ?, ?, ?, ?)";
            connection->Execute(sql, {"33.01", "33", "regency", "Kabupaten Cilacap", "kabupaten cilacap"});
            connection->Execute(sql, {"33.01.01", "33.01", "district", "Dayeuhluhur", "dayeuhluhur"});
            connection->Execute(sql, {"33.01.01.2001", "33.01.01", "village", "Hanum", "hanum"});
        }
        const auto dinsos =
            identity_.CreateAgency(system_, {"DINSOS", "Dinas Sosial", identity::AgencyKind::kDinas, "33.02"}).id;
        const auto desa =
            identity_
                .CreateAgency(system_, {"DESA-2001", "Desa Cingebul", identity::AgencyKind::kDesa, "33.02.01.2001"})
                .id;
        const auto lsm = identity_.CreateAgency(system_, {"LSM", "Yayasan", identity::AgencyKind::kNgo, "33.02"}).id;
        admin_.user = identity_.CreateUser(system_, {"admin", "Admin", dinsos, Role::kAdmin, kPw});
        operator_.user = identity_.CreateUser(system_, {"operator", "Operator", dinsos, Role::kRegistryOperator, kPw});
        staff_.user = identity_.CreateUser(system_, {"staf", "Staf", dinsos, Role::kAgencyStaff, kPw});
        village_.user = identity_.CreateUser(system_, {"desa", "Operator Desa", desa, Role::kVillageOperator, kPw});
        auditor_.user = identity_.CreateUser(system_, {"auditor", "Auditor", dinsos, Role::kAuditor, kPw});
        ngo_.user = identity_.CreateUser(system_, {"lsm", "Mitra", lsm, Role::kNgoPartner, kPw});

        // Twenty households in Banyumas, floor area 10 … 200 m²: household i is estimated in desil 1 + (i − 1) / 2.
        // Households 1-10 live in Cingebul (2001), 11-20 in Cidora (2002).
        const std::map<int, Planned> official{
            {1, {1}},
            {2, {1}},
            {3, {2}},
            {4, {2}},
            {5, {2}},                  // 5: one desil apart
            {6, {1}},                  // 6: estimate 3, two apart
            {7, {9}},                  // 7: estimate 4, five apart
            {9, {10, "pmt_sinergi"}},  // 9: not an official desil
            {10, {5}},
            {11, {6}},
            {12, {6}},
            {13, {7}},
            {14, {7}},
            {15, {8}},
            {16, {8}},
            {17, {9}},
            {18, {9}},
            {19, {10}},
            {20, {1}},  // 20: estimate 10, nine apart
        };
        for (int i = 1; i <= 20; ++i) {
            const auto it = official.find(i);
            household_[i] = Add(i <= 10 ? "33.02.01.2001" : "33.02.01.2002", 10.0 * i,
                                it == official.end() ? Planned{} : it->second, i);
        }
        cilacap_small_ = Add("33.01.01.2001", 10, {}, 30);
        cilacap_large_ = Add("33.01.01.2001", 20, {}, 31);
        closed_ = Add("33.02.01.2001", 300, {}, 32);
        nobody_left_ = Add("33.02.01.2001", 300, {}, 33);
        // Closing households is the change-request workflow's business; here the row is set directly.
        db_->Acquire()->Execute("UPDATE households SET status = 'closed', closed_reason = 'dissolved' WHERE id = ?",
                                {closed_.id});
        registry_.UpdatePerson(
            system_, nobody_left_.members.at(0).id, 1,
            {{"life_status", std::string("deceased")}, {"life_status_date", std::string("2026-10-01")}},
            "Meninggal dunia");
    }

    registry::Household Add(std::string village, double area, const Planned& planned, int serial) {
        registry::NewHousehold household;
        household.fields = {{"village_code", std::move(village)}, {"floor_area_m2", area}};
        if (planned.official != 0) {
            household.fields["desil"] = std::int64_t{planned.official};
            household.fields["desil_source"] = planned.source;
            household.fields["desil_as_of"] = std::string("2026-07-01");
        }
        household.members = {{{"name", fmt::format("Kepala {}", serial)},
                              {"sex", std::string("L")},
                              {"birth_date", std::string("1980-03-12")},
                              {"relation", std::string("kepala_keluarga")}}};
        return registry_.Create(system_, household, registry::Source::kForm, "uji");
    }

    std::int64_t EstimatedDesil(const registry::Household& household) {
        return pmt_.ForHousehold(admin_, household.id).estimate.value().estimated_desil;
    }

    std::vector<std::int64_t> Listed(const Caller& caller, DisagreementFilter filter) {
        std::vector<std::int64_t> ids;
        for (const auto& item : pmt_.Disagreements(caller, filter, PageRequest{}).items) {
            ids.push_back(item.household_id);
        }
        return ids;
    }

    static constexpr const char* kPw = "kata-sandi-uji-123";
    testing::TempDir dir_;
    std::unique_ptr<db::Database> db_;
    ManualClock clock_;
    identity::IdentityService identity_;
    regions::RegionsService regions_;
    registry::RegistryService registry_;
    PmtService pmt_;
    Caller system_ = identity::IdentityService::System();
    Caller admin_;
    Caller operator_;
    Caller staff_;
    Caller village_;
    Caller auditor_;
    Caller ngo_;
    std::map<int, registry::Household> household_;
    registry::Household cilacap_small_;
    registry::Household cilacap_large_;
    registry::Household closed_;
    registry::Household nobody_left_;
};

TEST_F(PmtServiceTest, ARunRanksEveryActiveHouseholdIntoDesilWithinItsRegency) {
    const auto run = pmt_.RunNow(operator_);
    EXPECT_EQ(run.status, "finished");
    EXPECT_EQ(run.weights_version, "uji-luas");
    EXPECT_EQ(run.households, 22);  // 20 in Banyumas, 2 in Cilacap
    EXPECT_EQ(run.skipped, 1);      // the household whose only member died
    for (int i = 1; i <= 20; ++i) {
        EXPECT_EQ(EstimatedDesil(household_[i]), 1 + (i - 1) / 2) << "household " << i;
    }
    // Cilacap is ranked on its own: two households, the poorer in desil 1, the other at position 1 of 2.
    EXPECT_EQ(EstimatedDesil(cilacap_small_), 1);
    EXPECT_EQ(EstimatedDesil(cilacap_large_), 6);
    EXPECT_FALSE(pmt_.ForHousehold(admin_, closed_.id).estimate.has_value());
    EXPECT_FALSE(pmt_.ForHousehold(admin_, nobody_left_.id).estimate.has_value());

    const auto first = pmt_.ForHousehold(admin_, household_[1].id).estimate.value();
    // exp(12.5 + 0.01 × 10 − 0.35 × ln 1)
    EXPECT_EQ(first.consumption_per_capita, 296559);
    ASSERT_EQ(first.top.size(), 1U);  // a size of one and no car contribute nothing
    EXPECT_EQ(first.top[0].variable->name, "floor_area_m2");
    EXPECT_EQ(first.top[0].value.as_double(), 10.0);
    ASSERT_EQ(first.missing.size(), 1U);
    EXPECT_EQ(first.missing[0]->name, "has_car");

    // A second run replaces the first one's estimates.
    const auto again = pmt_.RunNow(operator_);
    EXPECT_EQ(pmt_.ForHousehold(admin_, household_[1].id).estimate->run_id, again.id);
    EXPECT_EQ(db_->Acquire()->QueryOne("SELECT COUNT(*) FROM pmt_estimates")->Int(0), 22);
}

TEST_F(PmtServiceTest, TheOfficialDesilStaysAuthoritativeWherePresent) {
    const auto before = pmt_.ForHousehold(staff_, household_[1].id);
    EXPECT_EQ(before.authoritative, "official");
    EXPECT_FALSE(before.estimate.has_value());
    EXPECT_EQ(pmt_.ForHousehold(staff_, household_[8].id).authoritative, "none");

    pmt_.RunNow(operator_);
    const auto official = pmt_.ForHousehold(staff_, household_[7].id);
    EXPECT_EQ(official.authoritative, "official");
    ASSERT_TRUE(official.official.has_value());
    EXPECT_EQ(official.official->desil, 9);
    EXPECT_EQ(official.official->source, "dtsen");
    EXPECT_EQ(official.official->as_of, "2026-07-01");
    EXPECT_EQ(official.estimate->estimated_desil, 4);

    const auto without = pmt_.ForHousehold(staff_, household_[8].id);
    EXPECT_EQ(without.authoritative, "estimate");
    EXPECT_FALSE(without.official.has_value());
    // A desil the register marks as Sinergi's own estimate is not an official one.
    const auto marked = pmt_.ForHousehold(staff_, household_[9].id);
    EXPECT_FALSE(marked.official.has_value());
    EXPECT_EQ(marked.authoritative, "estimate");
    EXPECT_FALSE(without.outdated);

    // The register changes after the run: the estimate says it is out of date.
    clock_.Advance(std::chrono::hours(1));
    registry_.Update(system_, household_[8].id, 1, {{"floor_area_m2", 500.0}}, "Renovasi");
    EXPECT_TRUE(pmt_.ForHousehold(staff_, household_[8].id).outdated);

    identity::AuditFilter filter;
    filter.action = "household.pmt.read";
    filter.actor = "staf";
    EXPECT_EQ(identity_.ListAudit(admin_, filter, PageRequest{}).total, 6);
}

TEST_F(PmtServiceTest, DisagreementsListOfficialAndEstimatedDesilAtLeastTheGapApart) {
    pmt_.RunNow(operator_);
    const auto all = pmt_.Disagreements(staff_, {}, PageRequest{});
    EXPECT_EQ(all.total, 3);
    ASSERT_EQ(all.items.size(), 3U);
    EXPECT_EQ(all.items[0].household_id, household_[6].id);
    EXPECT_EQ(all.items[0].official_desil, 1);
    EXPECT_EQ(all.items[0].estimated_desil, 3);
    EXPECT_EQ(all.items[0].gap, 2);
    EXPECT_EQ(all.items[0].head_name, "Kepala 6");
    EXPECT_EQ(all.items[0].village_name, "Cingebul");
    EXPECT_EQ(all.items[1].household_id, household_[7].id);
    EXPECT_EQ(all.items[1].gap, -5);
    EXPECT_EQ(all.items[2].household_id, household_[20].id);

    EXPECT_EQ(Listed(staff_, {std::nullopt, 5}), (std::vector{household_[7].id, household_[20].id}));
    EXPECT_EQ(Listed(staff_, {std::nullopt, 1}).size(), 4U);  // household 5 too
    EXPECT_EQ(Listed(staff_, {std::string("33.02.01.2002"), 2}), std::vector{household_[20].id});
    EXPECT_TRUE(Listed(staff_, {std::string("33.01"), 2}).empty());
    // A village operator sees their own village only, whatever region they ask for.
    EXPECT_EQ(Listed(village_, {}), (std::vector{household_[6].id, household_[7].id}));
    EXPECT_TRUE(Listed(village_, {std::string("33.02.01.2002"), 2}).empty());

    PageRequest two;
    two.limit = 2;
    const auto first = pmt_.Disagreements(staff_, {}, two);
    ASSERT_TRUE(first.next_key.has_value());
    two.after = first.next_key;
    const auto second = pmt_.Disagreements(staff_, {}, two);
    EXPECT_EQ(second.total, 3);
    ASSERT_EQ(second.items.size(), 1U);
    EXPECT_EQ(second.items[0].household_id, household_[20].id);
    EXPECT_FALSE(second.next_key.has_value());

    try {
        pmt_.Disagreements(staff_, {std::nullopt, 0}, PageRequest{});
        FAIL() << "a gap of 0 lists every household";
    } catch (const Error& error) {
        EXPECT_EQ(error.issues().at(0).code, "PMT-2001");
    }
}

TEST_F(PmtServiceTest, AccessFollowsTheRegistersRules) {
    pmt_.RunNow(operator_);
    EXPECT_EQ(pmt_.ForHousehold(village_, household_[1].id).authoritative, "official");
    EXPECT_THROW(pmt_.ForHousehold(village_, household_[15].id), Error);
    for (const auto* caller : {&auditor_, &ngo_}) {
        try {
            pmt_.ForHousehold(*caller, household_[1].id);
            FAIL() << caller->user->username << " reads no personal data";
        } catch (const Error& error) {
            EXPECT_EQ(error.kind(), ErrorKind::kForbidden);
        }
        EXPECT_THROW(pmt_.Disagreements(*caller, {}, PageRequest{}), Error);
    }
    try {
        pmt_.RunNow(staff_);
        FAIL() << "agency staff do not rewrite every estimate";
    } catch (const Error& error) {
        EXPECT_EQ(error.kind(), ErrorKind::kForbidden);
    }
    try {
        pmt_.ForHousehold(admin_, 999999);
        FAIL() << "no such household";
    } catch (const Error& error) {
        EXPECT_EQ(error.kind(), ErrorKind::kNotFound);
    }
}

TEST_F(PmtServiceTest, RunsGoThroughTheBackgroundWorkerOneAtATime) {
    const auto queued = pmt_.Submit(operator_);
    EXPECT_EQ(queued.status, "queued");
    try {
        pmt_.Submit(admin_);
        FAIL() << "one run at a time";
    } catch (const Error& error) {
        EXPECT_EQ(error.kind(), ErrorKind::kConflict);
    }
    // A run queued before the worker starts belongs to a process that ended: it is marked failed, never run.
    pmt_.StartWorker();
    pmt_.WaitIdle();
    const auto left = pmt_.GetRun(operator_, queued.id);
    EXPECT_EQ(left.status, "failed");
    ASSERT_TRUE(left.error.has_value());

    const auto submitted = pmt_.Submit(operator_);
    pmt_.WaitIdle();
    const auto done = pmt_.GetRun(operator_, submitted.id);
    EXPECT_EQ(done.status, "finished");
    EXPECT_EQ(done.households, 22);
    EXPECT_EQ(done.percent, 100);
    EXPECT_EQ(pmt_.ListRuns(admin_, PageRequest{}).items.front().id, submitted.id);
    EXPECT_EQ(EstimatedDesil(household_[20]), 10);
    EXPECT_THROW(pmt_.GetRun(staff_, submitted.id), Error);
}

}  // namespace
}  // namespace sinergi::pmt
