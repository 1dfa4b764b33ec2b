#include <boost/json.hpp>
#include <fmt/format.h>
#include <gtest/gtest.h>

#include "analytics/analytics_service.hpp"
#include "analytics/rule_sets.hpp"
#include "demo/demo_programs.hpp"
#include "demo/demo_service.hpp"
#include "demo/population.hpp"
#include "programs/enrolments.hpp"
#include "support/test_support.hpp"

namespace sinergi::analytics {
namespace {

using identity::Caller;

constexpr auto kAsOf = "2026-01-15";

// The demo register (600 households, its injected problems) with the seven demo programmes, asked through the
// snapshot and, independently, through plain SQL or the household-by-household walk.
class AnalyticsTest : public ::testing::Test {
 protected:
    AnalyticsTest()
        : db_(testing::MigratedDatabase(dir_)),
          clock_(*ParseTimestamp("2026-01-15T08:00:00Z")),
          identity_(*db_, clock_),
          regions_(*db_),
          registry_(*db_, identity_, regions_, clock_),
          programs_(*db_, identity_, registry_, clock_),
          enrolments_(*db_, identity_, registry_, programs_, clock_),
          analytics_(*db_, identity_, registry_, clock_) {
        testing::InsertTestRegions(*db_);
        demo::DemoOptions demo;
        demo.password = "kata-sandi-demo-123";
        demo::SeedDemo(identity_, regions_, demo);
        demo::PopulationOptions population;
        population.households = 600;
        population.seed = 3;
        population.as_of =
            std::chrono::year_month_day{std::chrono::year{2026}, std::chrono::month{1}, std::chrono::day{15}};
        demo::GeneratePopulation(registry_, regions_, population, dir_.path() / "truth.csv");
        demo::SeedDemoPrograms(identity_, registry_, programs_, enrolments_, 3, kAsOf, "33.02");
        analytics_.Load();
    }

    std::int64_t Count(const std::string& sql, const db::Params& params = {}) {
        auto connection = db_->Acquire();
        return connection->QueryOne(sql, params)->Int(0);
    }

    std::int64_t ProgramId(const std::string& code) { return Count("SELECT id FROM programs WHERE code = ?", {code}); }

    Caller As(const std::string& username) {
        Caller caller;
        caller.user = *identity_.FindUserByUsername(username);
        return caller;
    }

    // The reference: the rule evaluated household by household on what RegistryService reads from SQL.
    programs::EligibleHouseholdFinder::Found Walked(const std::string& rule_json,
                                                    const std::optional<std::string>& region = std::nullopt) {
        ValidationReport report;
        auto rule = programs::EligibilityRule::Parse(boost::json::parse(rule_json), report);
        EXPECT_TRUE(rule.has_value()) << rule_json;
        return programs_.FindEligible(system_, identity::actions::kProgramsPreview, *rule, region, kAsOf);
    }

    programs::EligibleHouseholdFinder::Found FromSnapshot(const std::string& rule_json,
                                                          const std::optional<std::string>& region = std::nullopt) {
        ValidationReport report;
        auto rule = programs::EligibilityRule::Parse(boost::json::parse(rule_json), report);
        EXPECT_TRUE(rule.has_value()) << rule_json;
        return analytics_.FindEligible(*rule, "", region, kAsOf);
    }

    testing::TempDir dir_;
    std::unique_ptr<db::Database> db_;
    ManualClock clock_;
    identity::IdentityService identity_;
    regions::RegionsService regions_;
    registry::RegistryService registry_;
    programs::ProgramsService programs_;
    programs::EnrolmentService enrolments_;
    AnalyticsService analytics_;
    Caller system_ = identity::IdentityService::System();
};

TEST_F(AnalyticsTest, TheSnapshotSelectsExactlyTheHouseholdsTheRegisterWalkSelects) {
    std::vector<std::string> rules;
    auto connection = db_->Acquire();
    connection->ForEach("SELECT eligibility_rule FROM programs ORDER BY id", {},
                        [&rules](const db::Row& row) { rules.push_back(row.Text(0)); });
    ASSERT_EQ(rules.size(), 7U);
    const std::vector<std::string> more = {
        R"({"all": []})",
        R"({"not": {"field": "desil", "op": "<=", "value": 4}})",
        R"({"field": "desil", "op": "missing"})",
        R"({"any": [{"field": "floor_material", "op": "not_in", "value": ["keramik", "ubin_tegel"]},
                    {"field": "has_motorcycle", "op": "=", "value": false}]})",
        R"({"all": [{"field": "floor_area_m2", "op": "between", "value": [20, 45.5]},
                    {"field": "electricity_va", "op": "!=", "value": 900}]})",
        R"({"field": "verified_at", "op": "<", "value": "2025-06-01"})",
        R"({"field": "kk_number", "op": "present"})",
        R"({"region": ["33.02.01", "33.02.05.2001", "33.02.27"]})",
        R"({"members": {"where": {"field": "age", "op": "between", "value": [0, 6]}, "at_least": 2}})",
        R"({"members": {"where": {"field": "disability_type", "op": "not_in", "value": ["tidak_ada"]},
                        "at_most": 0}})",
        R"({"members": {"where": {"any": [{"field": "pregnant", "op": "=", "value": true},
                                          {"not": {"field": "sex", "op": "=", "value": "L"}}]},
                        "exactly": 2}})",
        R"({"members": {"where": {"field": "age", "op": "missing"}}})",
        R"({"members": {"where": {"field": "nik", "op": "missing"}}})",
        R"({"members": {"exactly": 1}})",
        R"({"all": [{"field": "desil", "op": "<=", "value": 5}, {"not": {"enrolled_in": "PBI-JK-2026"}}]})",
        R"({"any": [{"enrolled_in": "PKH-2026"}, {"enrolled_in": "PELATIHAN-KERJA-2026"}]})",
    };
    rules.insert(rules.end(), more.begin(), more.end());
    for (const auto& rule : rules) {
        const auto walked = Walked(rule);
        const auto snapshot = FromSnapshot(rule);
        EXPECT_EQ(snapshot.household_ids, walked.household_ids) << rule;
        EXPECT_EQ(snapshot.checked, walked.checked) << rule;
        EXPECT_EQ(Walked(rule, "33.02.01").household_ids, FromSnapshot(rule, "33.02.01").household_ids) << rule;
    }
    // The battery is not trivially empty or full.
    EXPECT_GT(FromSnapshot(more[8]).household_ids.size(), 0U);
    EXPECT_LT(FromSnapshot(more[8]).household_ids.size(), 600U);
}

TEST_F(AnalyticsTest, TheOverlapMatrixAgreesWithPlainSql) {
    const auto admin = As("admin");
    const auto matrix = analytics_.GetOverlap(admin, std::nullopt, {});
    ASSERT_EQ(matrix.programs.size(), 7U);
    for (std::size_t i = 0; i < matrix.programs.size(); ++i) {
        for (std::size_t j = 0; j < matrix.programs.size(); ++j) {
            const auto sql = Count(
                "SELECT COUNT(DISTINCT a.household_id) FROM enrolments a JOIN enrolments b "
                "ON b.household_id = a.household_id WHERE a.program_id = ? AND b.program_id = ? "
                "AND a.status = 'active' AND b.status = 'active'",
                {matrix.programs[i].id, matrix.programs[j].id});
            EXPECT_EQ(matrix.shared[i][j], sql) << matrix.programs[i].code << " × " << matrix.programs[j].code;
        }
    }
    EXPECT_EQ(matrix.households_in_two_or_more,
              Count("SELECT COUNT(*) FROM (SELECT household_id FROM enrolments WHERE status = 'active' "
                    "GROUP BY household_id HAVING COUNT(DISTINCT program_id) >= 2)"));
    EXPECT_GT(matrix.households_in_two_or_more, 0);
    // A district's matrix counts only its households.
    const auto district = analytics_.GetOverlap(admin, std::string("33.02.01"), {});
    EXPECT_EQ(district.shared[0][1],
              Count("SELECT COUNT(DISTINCT a.household_id) FROM enrolments a JOIN enrolments b "
                    "ON b.household_id = a.household_id JOIN households h ON h.id = a.household_id "
                    "WHERE a.program_id = ? AND b.program_id = ? AND a.status = 'active' AND b.status = 'active' "
                    "AND h.village_code LIKE '33.02.01.%'",
                    {matrix.programs[0].id, matrix.programs[1].id}));
    // The list behind a cell is those households.
    const auto list = analytics_.OverlapHouseholds(admin, matrix.programs[0].id, matrix.programs[1].id, std::nullopt,
                                                   PageRequest{.limit = 500, .after = std::nullopt});
    EXPECT_EQ(list.total, matrix.shared[0][1]);
    EXPECT_EQ(static_cast<std::int64_t>(list.items.size()), std::min<std::int64_t>(500, list.total));
}

TEST_F(AnalyticsTest, ExclusionAndInclusionAgreeWithTheRulesWrittenInPlainSql) {
    const auto admin = As("admin");
    // Each demo rule written again by hand in SQL, as an auditor would check it.
    const std::map<std::string, std::string> eligible_sql = {
        {"BPNT-2026", "h.desil <= 4"},
        {"PBI-JK-2026", "h.desil <= 5"},
        {"RTLH-2026",
         "h.desil <= 4 AND (h.floor_material IN ('tanah', 'bambu') OR h.wall_material IN ('anyaman_bambu', "
         "'lainnya'))"},
        {"PIP-DAERAH-2026",
         "h.desil <= 4 AND EXISTS (SELECT 1 FROM persons m WHERE m.household_id = h.id AND m.life_status = 'alive' "
         "AND m.schooling IN ('sd', 'smp', 'sma'))"},
    };
    for (const auto& [code, condition] : eligible_sql) {
        const auto id = ProgramId(code);
        const auto targeting = analytics_.GetTargeting(admin, id, std::nullopt, "district", std::string(kAsOf));
        const auto enrolled = fmt::format(
            "EXISTS (SELECT 1 FROM enrolments e WHERE e.household_id = h.id AND e.program_id = {} AND "
            "e.status = 'active')",
            id);
        EXPECT_EQ(targeting.total.eligible,
                  Count(fmt::format("SELECT COUNT(*) FROM households h WHERE h.status = 'active' AND {}", condition)))
            << code;
        EXPECT_EQ(targeting.total.excluded,
                  Count(fmt::format("SELECT COUNT(*) FROM households h WHERE h.status = 'active' AND {} AND NOT {}",
                                    condition, enrolled)))
            << code;
        EXPECT_EQ(targeting.total.included_not_eligible,
                  Count(fmt::format("SELECT COUNT(*) FROM households h WHERE h.status = 'active' AND {} AND NOT ({})",
                                    enrolled, condition)))
            << code;
        EXPECT_GT(targeting.total.excluded, 0) << code;
        // Per district, the areas add up to the total.
        std::int64_t excluded = 0;
        for (const auto& area : targeting.areas) {
            excluded += area.excluded;
            EXPECT_EQ(area.region_code.size(), 8U);
        }
        EXPECT_EQ(excluded, targeting.total.excluded) << code;
        // The list behind the figure holds exactly those households.
        const auto list =
            analytics_.TargetingHouseholds(admin, id, TargetingList::kExcluded, std::nullopt, std::string(kAsOf),
                                           PageRequest{.limit = 500, .after = std::nullopt});
        EXPECT_EQ(list.total, targeting.total.excluded);
    }
    // BPNT's inclusion errors are the ones the demo seeded, by the demo's own count (desil above 4 or none).
    const auto food = analytics_.GetTargeting(admin, ProgramId("BPNT-2026"), std::nullopt, "village", kAsOf);
    EXPECT_EQ(food.total.included_not_eligible,
              Count("SELECT COUNT(*) FROM enrolments e JOIN households h ON h.id = e.household_id JOIN programs p "
                    "ON p.id = e.program_id WHERE p.code = 'BPNT-2026' AND e.status = 'active' "
                    "AND (h.desil IS NULL OR h.desil > 4)"));
    EXPECT_GT(food.total.included_not_eligible, 0);
}

TEST_F(AnalyticsTest, CoverageOfDesilOneToFourPerDistrictAgreesWithPlainSql) {
    const auto coverage = analytics_.GetCoverage(As("koordinator"), std::nullopt, "district");
    const auto covered =
        std::string("EXISTS (SELECT 1 FROM enrolments e WHERE e.household_id = h.id AND e.status = 'active')");
    EXPECT_EQ(coverage.total.households, Count("SELECT COUNT(*) FROM households WHERE status = 'active'"));
    EXPECT_EQ(coverage.total.desil_1_4,
              Count("SELECT COUNT(*) FROM households h WHERE h.status = 'active' AND h.desil <= 4"));
    EXPECT_EQ(coverage.total.desil_1_4_covered,
              Count("SELECT COUNT(*) FROM households h WHERE h.status = 'active' AND h.desil <= 4 AND " + covered));
    ASSERT_FALSE(coverage.areas.empty());
    for (const auto& area : coverage.areas) {
        EXPECT_EQ(area.desil_1_4_covered,
                  Count("SELECT COUNT(*) FROM households h WHERE h.status = 'active' AND h.desil <= 4 AND "
                        "SUBSTR(h.village_code, 1, 8) = ? AND " +
                            covered,
                        {area.region_code}))
            << area.region_code;
    }
}

TEST_F(AnalyticsTest, EditsAndEnrolmentChangesReachTheSnapshotThroughTheEvents) {
    const auto admin = As("admin");
    const auto food = ProgramId("BPNT-2026");
    const auto before = analytics_.GetTargeting(admin, food, std::nullopt, "district", kAsOf).total;
    // A desil 2 household enrolled in food aid is re-assessed as desil 8: no longer eligible, still enrolled.
    const auto household = Count(
        "SELECT h.id FROM households h JOIN enrolments e ON e.household_id = h.id WHERE e.program_id = ? AND "
        "e.status = 'active' AND h.desil = 2 AND h.status = 'active' ORDER BY h.id LIMIT 1",
        {food});
    const auto version = Count("SELECT version FROM households WHERE id = ?", {household});
    registry_.Update(admin, household, version, {{"desil", std::int64_t{8}}}, "Hasil verifikasi lapangan ulang");
    auto after = analytics_.GetTargeting(admin, food, std::nullopt, "district", kAsOf).total;
    EXPECT_EQ(after.eligible, before.eligible - 1);
    EXPECT_EQ(after.included_not_eligible, before.included_not_eligible + 1);
    // Its enrolment ends: it is no longer counted as enrolled.
    const auto enrolment =
        Count("SELECT id FROM enrolments WHERE program_id = ? AND household_id = ?", {food, household});
    enrolments_.Transition(admin, enrolment, "exited", "Tidak lagi memenuhi kriteria");
    after = analytics_.GetTargeting(admin, food, std::nullopt, "district", kAsOf).total;
    EXPECT_EQ(after.enrolled, before.enrolled - 1);
    EXPECT_EQ(after.included_not_eligible, before.included_not_eligible);
    const auto matrix = analytics_.GetOverlap(admin, std::nullopt, {food});
    EXPECT_EQ(matrix.enrolled[0], before.enrolled - 1);
    // Nothing was rebuilt: the snapshot applied the events.
    EXPECT_EQ(analytics_.Info().register_event, Count("SELECT MAX(id) FROM register_events"));
    EXPECT_EQ(analytics_.Info().enrolment_event, Count("SELECT MAX(id) FROM enrolment_events"));
}

TEST_F(AnalyticsTest, FiguresStayInsideTheCallersAreaAndListsNeedTheRegister) {
    // The village operator's agency is the village government of one village.
    const auto village = As("operator.desa");
    const auto own = *village.user->agency_region_code;
    const auto coverage = analytics_.GetCoverage(village, std::nullopt, "village");
    EXPECT_EQ(coverage.total.households,
              Count("SELECT COUNT(*) FROM households WHERE status = 'active' AND (village_code = ? OR "
                    "village_code LIKE ?)",
                    {own, own + ".%"}));
    // Asking for the whole regency still gives only their area.
    EXPECT_EQ(analytics_.GetCoverage(village, std::string("33.02"), "village").total.households,
              coverage.total.households);
    // The auditor sees figures, never the households behind them.
    const auto auditor = As("auditor");
    EXPECT_GT(analytics_.GetOverview(auditor, std::nullopt).households, 0);
    EXPECT_THROW(analytics_.UncoveredHouseholds(auditor, std::nullopt, PageRequest{}), Error);
    // NGO partners get no register figures at all.
    EXPECT_THROW(analytics_.GetOverview(As("mitra.lsm"), std::nullopt), Error);
    // An unknown region is a validation error naming the parameter.
    try {
        analytics_.GetCoverage(As("admin"), std::string("99.99"), "district");
        FAIL() << "expected a validation error";
    } catch (const Error& e) {
        ASSERT_EQ(e.issues().size(), 1U);
        EXPECT_EQ(e.issues()[0].field, "region");
    }
}

// ---- the register's name search from the snapshot ----------------------------------------------------------------

// Every id of a search, walked page by page (7 a page, so the cursor is exercised), with the total of the first page.
template <typename Search>
std::pair<std::int64_t, std::vector<std::int64_t>> AllPages(Search&& search) {
    std::pair<std::int64_t, std::vector<std::int64_t>> found;
    PageRequest page;
    page.limit = 7;
    for (int pages = 0; pages < 10000; ++pages) {
        auto result = search(page);
        if (pages == 0) {
            found.first = result.total;
        }
        for (const auto& item : result.items) {
            found.second.push_back(item.id);
        }
        if (!result.next_key) {
            break;
        }
        page.after = result.next_key;
    }
    return found;
}

class NameSearchTest : public AnalyticsTest {
 protected:
    // The same search answered by SQL (no index) and by the snapshot; both must find the same records.
    void ExpectSameHouseholds(const registry::HouseholdQuery& query, const Caller& caller) {
        registry_.UseSearchIndex(nullptr);
        const auto sql =
            AllPages([&](const PageRequest& page) { return registry_.SearchHouseholds(caller, query, page); });
        registry_.UseSearchIndex(&analytics_);
        const auto memory =
            AllPages([&](const PageRequest& page) { return registry_.SearchHouseholds(caller, query, page); });
        EXPECT_EQ(memory.first, sql.first) << query.q.value_or("(no text)");
        EXPECT_EQ(memory.second, sql.second) << query.q.value_or("(no text)");
        EXPECT_EQ(static_cast<std::int64_t>(sql.second.size()), sql.first) << query.q.value_or("(no text)");
        ++compared_;
        found_ += sql.first > 0 ? 1 : 0;
    }

    void ExpectSamePersons(const registry::PersonQuery& query, const Caller& caller) {
        registry_.UseSearchIndex(nullptr);
        const auto sql =
            AllPages([&](const PageRequest& page) { return registry_.SearchPersons(caller, query, page); });
        registry_.UseSearchIndex(&analytics_);
        const auto memory =
            AllPages([&](const PageRequest& page) { return registry_.SearchPersons(caller, query, page); });
        EXPECT_EQ(memory.first, sql.first) << query.q.value_or("(no text)");
        EXPECT_EQ(memory.second, sql.second) << query.q.value_or("(no text)");
        ++compared_;
        found_ += sql.first > 0 ? 1 : 0;
    }

    // Names as people type them: whole names, one word, the start of a word, and two words of different members.
    std::vector<std::string> SampleQueries() {
        std::vector<std::string> queries;
        auto connection = db_->Acquire();
        std::int64_t previous_household = 0;
        std::string previous_first;
        connection->ForEach("SELECT household_id, name FROM persons WHERE id % 37 = 0 ORDER BY id", {},
                            [&](const db::Row& row) {
                                const auto name = row.Text(1);
                                const auto first = name.substr(0, name.find(' '));
                                queries.push_back(name);
                                queries.push_back(first);
                                if (first.size() > 3) {
                                    queries.push_back(first.substr(0, 3));
                                }
                                if (row.Int(0) == previous_household && !previous_first.empty()) {
                                    queries.push_back(previous_first + " " + first);
                                }
                                previous_household = row.Int(0);
                                previous_first = first;
                            });
        // Old spellings and titles meet the current spelling; a word nobody carries finds nothing.
        queries.insert(queries.end(), {"Moehammad", "Hj. Siti", "Djoko", "Zzyzx", "Siti Zzyzx"});
        return queries;
    }

    std::int64_t compared_ = 0;
    std::int64_t found_ = 0;
};

TEST_F(NameSearchTest, TheSnapshotFindsExactlyTheHouseholdsAndPersonsSqlFinds) {
    const auto admin = As("admin");
    {
        // Some households closed (as merges will close them), recorded as close events the snapshot catches up with,
        // so that the status filter has something to tell apart.
        auto connection = db_->Acquire();
        connection->Execute(
            "UPDATE households SET status = 'closed', closed_reason = 'merged', closed_at = '2026-01-15T08:00:00Z' "
            "WHERE id % 10 = 3");
        connection->Execute(
            "INSERT INTO register_events (at, actor_username, household_id, entity, entity_id, kind, source, reason, "
            "changes) SELECT '2026-01-15T08:00:00Z', 'uji', id, 'household', id, 'close', 'merge', 'uji', '[]' "
            "FROM households WHERE id % 10 = 3");
    }
    const auto queries = SampleQueries();
    ASSERT_GT(queries.size(), 100U);
    for (const auto& q : queries) {
        registry::HouseholdQuery households;
        households.q = q;
        ExpectSameHouseholds(households, admin);
        registry::PersonQuery persons;
        persons.q = q;
        ExpectSamePersons(persons, admin);
    }
    // With every other filter the search page offers, on a few names.
    for (std::size_t i = 0; i < queries.size(); i += 9) {
        registry::HouseholdQuery query;
        query.q = queries[i];
        query.region = "33.02.01";
        ExpectSameHouseholds(query, admin);
        query.region.reset();
        query.desil_min = 2;
        query.desil_max = 4;
        ExpectSameHouseholds(query, admin);
        query.desil_min.reset();
        query.desil_max.reset();
        query.status = "all";
        ExpectSameHouseholds(query, admin);
        query.status = "closed";
        ExpectSameHouseholds(query, admin);
        query.status.reset();
        query.attributes = {{"floor_material", std::string("tanah")}, {"electricity_va", std::int64_t{900}}};
        ExpectSameHouseholds(query, admin);
        registry::PersonQuery persons;
        persons.q = queries[i];
        persons.region = "33.02.05";
        ExpectSamePersons(persons, admin);
    }
    // Filters without a name: a district, villages, a desil range, an attribute, every status.
    std::vector<registry::HouseholdQuery> filters(6);
    filters[0].region = "33.02.05";
    filters[1].region = "33.02.01.2001";
    filters[2].desil_max = 4;
    filters[3].attributes = {{"wall_material", std::string("anyaman_bambu")}};
    filters[4].status = "closed";
    filters[5].q = "";
    filters[5].region = "33.02";
    filters[5].desil_min = 3;
    for (const auto& query : filters) {
        ExpectSameHouseholds(query, admin);
    }
    // A village operator sees only their village, from either path.
    const auto village = As("operator.desa");
    ExpectSameHouseholds(registry::HouseholdQuery{}, village);
    for (std::size_t i = 0; i < queries.size(); i += 5) {
        registry::HouseholdQuery query;
        query.q = queries[i];
        ExpectSameHouseholds(query, village);
    }
    // The comparison means something only if most searches found someone.
    EXPECT_GT(found_ * 2, compared_);
}

TEST_F(NameSearchTest, TheIndexAnswersItselfAndDeclinesWhatItDoesNotHold) {
    registry::HouseholdQuery query;
    query.q = "Siti";
    const auto answered = analytics_.FindHouseholds({"siti"}, query, "", std::nullopt, 50);
    ASSERT_TRUE(answered.has_value());
    EXPECT_GT(answered->total, 0);
    EXPECT_LE(answered->ids.size(), 51U);
    EXPECT_TRUE(std::is_sorted(answered->ids.begin(), answered->ids.end()));
    // The snapshot keeps identifying fields only as recorded or not: SQL must answer a filter on one.
    query.attributes = {{"kk_number", std::string("3302010101260002")}};
    EXPECT_FALSE(analytics_.FindHouseholds({"siti"}, query, "", std::nullopt, 50).has_value());
}

TEST_F(NameSearchTest, RenamesNewMembersAndSplitsReachTheNameSearchThroughTheEvents) {
    const auto admin = As("admin");
    registry_.UseSearchIndex(&analytics_);
    const auto person = Count("SELECT id FROM persons WHERE id % 11 = 5 ORDER BY id LIMIT 1");
    const auto household = Count("SELECT household_id FROM persons WHERE id = ?", {person});
    const auto version = Count("SELECT version FROM persons WHERE id = ?", {person});
    registry_.UpdatePerson(admin, person, version, {{"name", std::string("Kresnayana Wirabhumi")}},
                           "Perbaikan ejaan sesuai KTP");
    registry::HouseholdQuery query;
    query.q = "kresnayana wirabhumi";
    auto found = registry_.SearchHouseholds(admin, query, PageRequest{});
    ASSERT_EQ(found.total, 1);
    EXPECT_EQ(found.items.at(0).id, household);
    registry::PersonQuery persons;
    persons.q = "Kresnayana";
    auto person_found = registry_.SearchPersons(admin, persons, PageRequest{});
    ASSERT_EQ(person_found.total, 1);
    EXPECT_EQ(person_found.items.at(0).id, person);

    // The member splits off into a household of their own: the name now finds that one, and the old household
    // no longer carries it.
    registry::ProposedChange split;
    split.kind = registry::ChangeKind::kSplit;
    split.household_id = household;
    split.reason = "Menikah dan membuat KK sendiri";
    split.payload = {{"person_ids", boost::json::array{person}},
                     {"head_person_id", person},
                     {"household", boost::json::object{{"kk_number", "3302010101260002"}}}};
    const auto proposed = registry_.Propose(admin, split);
    const auto verified = registry_.Verify(As("operator.dtks"), proposed.id, "Sesuai KK baru");
    ASSERT_TRUE(verified.result_household_id.has_value());
    found = registry_.SearchHouseholds(admin, query, PageRequest{});
    ASSERT_EQ(found.total, 1);
    EXPECT_EQ(found.items.at(0).id, *verified.result_household_id);
    // Both paths still agree on everything the sample asks.
    for (const auto& q : {std::string("kresnayana"), std::string("Siti"), std::string("Muhammad")}) {
        registry::HouseholdQuery again;
        again.q = q;
        ExpectSameHouseholds(again, admin);
    }
    // Nothing was rebuilt: the snapshot applied the events.
    EXPECT_EQ(analytics_.Info().register_event, Count("SELECT MAX(id) FROM register_events"));
}

}  // namespace
}  // namespace sinergi::analytics
