#include "programs/eligibility.hpp"

#include <fstream>
#include <set>
#include <sstream>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <fmt/format.h>
#include <gtest/gtest.h>

namespace sinergi::programs {
namespace {

using registry::FieldValues;
using registry::Household;
using registry::Person;

FieldValues Fields(std::initializer_list<std::pair<std::string, db::Param>> values) {
    FieldValues out;
    for (const auto& [name, value] : values) {
        out[name] = value.value();
    }
    return out;
}

Person Member(std::initializer_list<std::pair<std::string, db::Param>> values) {
    Person person;
    person.fields = Fields(values);
    return person;
}

Household Family(std::initializer_list<std::pair<std::string, db::Param>> values, std::vector<Person> members = {}) {
    Household household;
    household.fields = Fields(values);
    household.members = std::move(members);
    return household;
}

EligibilityRule Rule(std::string_view json) {
    ValidationReport report;
    auto rule = EligibilityRule::Parse(boost::json::parse(json), report);
    std::string problems;
    for (const auto& issue : report.issues()) {
        problems += issue.code + " " + issue.field + ": " + issue.message.en + "\n";
    }
    EXPECT_TRUE(rule.has_value()) << json << "\n" << problems;
    return rule ? *rule : *EligibilityRule::Parse(boost::json::parse(R"({"all": []})"), report);
}

std::vector<Issue> Problems(std::string_view json, const std::function<bool(std::string_view)>& known = {}) {
    ValidationReport report;
    auto rule = EligibilityRule::Parse(boost::json::parse(json), report, "eligibility_rule", known);
    EXPECT_EQ(rule.has_value(), report.empty());
    return report.issues();
}

// The one problem a rule has: "CODE at path".
std::string Problem(std::string_view json, const std::function<bool(std::string_view)>& known = {}) {
    const auto issues = Problems(json, known);
    if (issues.size() != 1) {
        return fmt::format("{} problems", issues.size());
    }
    EXPECT_FALSE(issues[0].message.id.empty());
    EXPECT_FALSE(issues[0].message.en.empty());
    return issues[0].code + " at " + issues[0].field;
}

struct Enrolments {
    std::set<std::string, std::less<>> programs;
    EligibilityContext Context(std::string as_of = "2026-07-01") const {
        return {std::move(as_of), [this](std::string_view code) { return programs.contains(code); }};
    }
};

EligibilityContext On(std::string as_of) {
    return {std::move(as_of), [](std::string_view) { return false; }};
}

std::vector<std::string> Indonesian(const EligibilityVerdict& verdict) {
    std::vector<std::string> out;
    for (const auto& reason : verdict.reasons) {
        out.push_back(reason.id);
    }
    return out;
}

std::vector<std::string> English(const EligibilityVerdict& verdict) {
    std::vector<std::string> out;
    for (const auto& reason : verdict.reasons) {
        out.push_back(reason.en);
    }
    return out;
}

using Strings = std::vector<std::string>;

// ---- Household conditions -------------------------------------------------------------------------------------------

TEST(EligibilityRule, EmptyAllIsForEveryone) {
    const auto rule = Rule(R"({"all": []})");
    const auto verdict = rule.Evaluate(Family({{"village_code", "33.02.01.2001"}}), On("2026-07-01"));
    EXPECT_TRUE(verdict.eligible);
    EXPECT_EQ(Indonesian(verdict), Strings{"tanpa syarat"});
    EXPECT_EQ(English(verdict), Strings{"no conditions"});
}

TEST(EligibilityRule, ComparesNumbersWithEveryOperator) {
    struct Case {
        std::string_view rule;
        bool at_2;
        bool at_4;
        bool at_5;
    };
    const Case cases[] = {
        {R"({"field": "desil", "op": "=", "value": 4})", false, true, false},
        {R"({"field": "desil", "op": "!=", "value": 4})", true, false, true},
        {R"({"field": "desil", "op": "<", "value": 4})", true, false, false},
        {R"({"field": "desil", "op": "<=", "value": 4})", true, true, false},
        {R"({"field": "desil", "op": ">", "value": 4})", false, false, true},
        {R"({"field": "desil", "op": ">=", "value": 4})", false, true, true},
        {R"({"field": "desil", "op": "in", "value": [1, 2, 3]})", true, false, false},
        {R"({"field": "desil", "op": "not_in", "value": [1, 2, 3]})", false, true, true},
        {R"({"field": "desil", "op": "between", "value": [2, 4]})", true, true, false},
        {R"({"field": "desil", "op": "present"})", true, true, true},
        {R"({"field": "desil", "op": "missing"})", false, false, false},
    };
    for (const auto& c : cases) {
        const auto rule = Rule(c.rule);
        for (auto [desil, expected] : {std::pair{2, c.at_2}, std::pair{4, c.at_4}, std::pair{5, c.at_5}}) {
            const auto household = Family({{"desil", desil}});
            EXPECT_EQ(rule.Matches(household, On("2026-07-01")), expected) << c.rule << " at desil " << desil;
            EXPECT_EQ(rule.Evaluate(household, On("2026-07-01")).eligible, expected) << c.rule;
        }
    }
}

TEST(EligibilityRule, ExplainsComparisonsWithTheRecordedValue) {
    const auto ctx = On("2026-07-01");
    const auto poor = Family({{"desil", 2}});
    const auto richer = Family({{"desil", 6}});
    auto at_most_4 = Rule(R"({"field": "desil", "op": "<=", "value": 4})");
    EXPECT_EQ(Indonesian(at_most_4.Evaluate(poor, ctx)), Strings{"desil 2 ≤ 4"});
    EXPECT_EQ(Indonesian(at_most_4.Evaluate(richer, ctx)), Strings{"desil 6 > 4"});
    auto between = Rule(R"({"field": "desil", "op": "between", "value": [1, 4]})");
    EXPECT_EQ(Indonesian(between.Evaluate(poor, ctx)), Strings{"desil 2 dalam rentang 1–4"});
    EXPECT_EQ(English(between.Evaluate(richer, ctx)), Strings{"desil 6 outside 1–4"});
    auto listed = Rule(R"({"field": "desil", "op": "in", "value": [1, 2, 3]})");
    EXPECT_EQ(Indonesian(listed.Evaluate(poor, ctx)), Strings{"desil 2 termasuk 1, 2 atau 3"});
    EXPECT_EQ(English(listed.Evaluate(richer, ctx)), Strings{"desil 6 is not 1, 2 or 3"});
}

TEST(EligibilityRule, AnUnrecordedFieldFailsEveryComparison) {
    const auto ctx = On("2026-07-01");
    const auto unknown = Family({{"village_code", "33.02.01.2001"}});
    for (auto op : {R"("=", "value": 4)", R"("!=", "value": 4)", R"("<", "value": 4)", R"(">=", "value": 4)",
                    R"("in", "value": [1, 2])", R"("not_in", "value": [1, 2])", R"("between", "value": [1, 4])",
                    R"("present")"}) {
        const auto rule = Rule(fmt::format(R"({{"field": "desil", "op": {}}})", op));
        const auto verdict = rule.Evaluate(unknown, ctx);
        EXPECT_FALSE(verdict.eligible) << op;
        EXPECT_EQ(Indonesian(verdict), Strings{"desil tidak tercatat"}) << op;
        EXPECT_EQ(English(verdict), Strings{"desil not recorded"}) << op;
    }
    const auto missing = Rule(R"({"field": "desil", "op": "missing"})").Evaluate(unknown, ctx);
    EXPECT_TRUE(missing.eligible);
    EXPECT_EQ(English(missing), Strings{"desil not recorded"});
    // not turns the failed comparison around, and the reason stays the fact.
    const auto negated = Rule(R"({"not": {"field": "desil", "op": "<=", "value": 4}})").Evaluate(unknown, ctx);
    EXPECT_TRUE(negated.eligible);
    EXPECT_EQ(Indonesian(negated), Strings{"desil tidak tercatat"});
}

TEST(EligibilityRule, TestsChoicesAgainstCatalogueCodes) {
    const auto ctx = On("2026-07-01");
    const auto earthen = Family({{"floor_material", "tanah"}, {"wall_material", "anyaman_bambu"}});
    const auto tiled = Family({{"floor_material", "keramik"}, {"wall_material", "tembok"}});
    const auto rule = Rule(R"({"field": "floor_material", "op": "in", "value": ["tanah", "bambu"]})");
    EXPECT_EQ(Indonesian(rule.Evaluate(earthen, ctx)), Strings{"lantai tanah"});
    const auto refused = rule.Evaluate(tiled, ctx);
    EXPECT_FALSE(refused.eligible);
    EXPECT_EQ(Indonesian(refused), Strings{"lantai keramik (bukan tanah atau bambu)"});
    EXPECT_EQ(English(refused), Strings{"floor keramik (not tanah or bambu)"});
    EXPECT_TRUE(Rule(R"({"field": "wall_material", "op": "=", "value": "anyaman_bambu"})").Matches(earthen, ctx));
    EXPECT_FALSE(Rule(R"({"field": "wall_material", "op": "!=", "value": "anyaman_bambu"})").Matches(earthen, ctx));
    EXPECT_TRUE(Rule(R"({"field": "wall_material", "op": "not_in", "value": ["anyaman_bambu"]})").Matches(tiled, ctx));
    const auto wall = Rule(R"({"field": "wall_material", "op": "=", "value": "anyaman_bambu"})").Evaluate(earthen, ctx);
    EXPECT_EQ(Indonesian(wall), Strings{"dinding anyaman bambu"});
}

TEST(EligibilityRule, TestsYesNoFieldsAndSaysThemPlainly) {
    const auto ctx = On("2026-07-01");
    const auto rule = Rule(R"({"field": "has_motorcycle", "op": "=", "value": false})");
    const auto without = rule.Evaluate(Family({{"has_motorcycle", false}}), ctx);
    EXPECT_TRUE(without.eligible);
    EXPECT_EQ(Indonesian(without), Strings{"tidak memiliki sepeda motor"});
    const auto with = rule.Evaluate(Family({{"has_motorcycle", true}}), ctx);
    EXPECT_FALSE(with.eligible);
    EXPECT_EQ(English(with), Strings{"owns a motorcycle"});
    EXPECT_TRUE(Rule(R"({"field": "has_car", "op": "!=", "value": true})").Matches(Family({{"has_car", false}}), ctx));
}

TEST(EligibilityRule, ComparesRealsAndDates) {
    const auto ctx = On("2026-07-01");
    const auto household = Family({{"floor_area_m2", 7.5}, {"verified_at", "2024-03-01"}});
    const auto small = Rule(R"({"field": "floor_area_m2", "op": "<=", "value": 8})").Evaluate(household, ctx);
    EXPECT_TRUE(small.eligible);
    EXPECT_EQ(Indonesian(small), Strings{"luas lantai 7,5 m² ≤ 8 m²"});
    EXPECT_EQ(English(small), Strings{"floor area 7.5 m² ≤ 8 m²"});
    const auto stale = Rule(R"({"field": "verified_at", "op": "<", "value": "2025-01-01"})").Evaluate(household, ctx);
    EXPECT_TRUE(stale.eligible);
    EXPECT_EQ(English(stale), Strings{"verification date 2024-03-01 < 2025-01-01"});
    EXPECT_FALSE(Rule(R"({"field": "verified_at", "op": "between", "value": ["2025-01-01", "2025-12-31"]})")
                     .Matches(household, ctx));
}

TEST(EligibilityRule, RegionMatchesTheVillageAndEverythingAboveIt) {
    const auto ctx = On("2026-07-01");
    auto household = Family({{"village_code", "33.02.01.2001"}});
    household.village_name = "Karangsari";
    EXPECT_TRUE(Rule(R"({"region": "33"})").Matches(household, ctx));
    EXPECT_TRUE(Rule(R"({"region": "33.02"})").Matches(household, ctx));
    EXPECT_TRUE(Rule(R"({"region": "33.02.01"})").Matches(household, ctx));
    EXPECT_TRUE(Rule(R"({"region": "33.02.01.2001"})").Matches(household, ctx));
    EXPECT_FALSE(Rule(R"({"region": "33.02.01.2002"})").Matches(household, ctx));
    EXPECT_FALSE(Rule(R"({"region": "33.02.02"})").Matches(household, ctx));

    const auto listed = Rule(R"({"region": ["33.02.02", "33.02.01"]})").Evaluate(household, ctx);
    EXPECT_TRUE(listed.eligible);
    EXPECT_EQ(Indonesian(listed), Strings{"desa Karangsari (33.02.01.2001) di wilayah 33.02.01"});
    const auto outside = Rule(R"({"region": ["33.02.02", "33.02.03"]})").Evaluate(household, ctx);
    EXPECT_FALSE(outside.eligible);
    EXPECT_EQ(English(outside), Strings{"village Karangsari (33.02.01.2001) outside 33.02.02 or 33.02.03"});
}

TEST(EligibilityRule, RegionTextIsRejectedWhenMalformed) {
    EXPECT_EQ(Problem(R"({"region": "33.2"})"), "PRG-2113 at eligibility_rule.region");
    EXPECT_EQ(Problem(R"({"region": []})"), "PRG-2113 at eligibility_rule.region");
    EXPECT_EQ(Problem(R"({"region": ["33.02", 33]})"), "PRG-2113 at eligibility_rule.region[1]");
}

TEST(EligibilityRule, EnrolmentAsksTheContext) {
    Enrolments enrolments{{"PKH"}};
    const auto household = Family({{"desil", 2}});
    const auto in_pkh = Rule(R"({"enrolled_in": "PKH"})").Evaluate(household, enrolments.Context());
    EXPECT_TRUE(in_pkh.eligible);
    EXPECT_EQ(English(in_pkh), Strings{"enrolled in PKH"});
    const auto not_in_bpnt = Rule(R"({"not": {"enrolled_in": "BPNT"}})").Evaluate(household, enrolments.Context());
    EXPECT_TRUE(not_in_bpnt.eligible);
    EXPECT_EQ(Indonesian(not_in_bpnt), Strings{"tidak terdaftar di BPNT"});
    EXPECT_EQ(English(not_in_bpnt), Strings{"not enrolled in BPNT"});
    const auto known = [](std::string_view code) { return code == "PKH" || code == "BPNT"; };
    EXPECT_EQ(Problem(R"({"enrolled_in": "KIP"})", known), "PRG-2115 at eligibility_rule.enrolled_in");
    EXPECT_EQ(Problem(R"({"enrolled_in": ""})"), "PRG-2115 at eligibility_rule.enrolled_in");
    EXPECT_EQ(Problem(R"({"enrolled_in": ["PKH"]})"), "PRG-2115 at eligibility_rule.enrolled_in");
    EXPECT_EQ(Problems(R"({"enrolled_in": "PKH"})", known).size(), 0u);
}

// ---- Members ----------------------------------------------------------------------------------------------------

Household Pkh() {
    return Family({{"desil", 2}, {"village_code", "33.02.01.2001"}},
                  {
                      Member({{"name", "Sutrisno"},
                              {"sex", "L"},
                              {"relation", "kepala_keluarga"},
                              {"birth_date", "1980-05-12"},
                              {"work_status", "bekerja"}}),
                      Member({{"name", "Wati"},
                              {"sex", "P"},
                              {"relation", "istri_suami"},
                              {"birth_date", "1985-02-03"},
                              {"pregnant", true},
                              {"work_status", "mengurus_rumah_tangga"}}),
                      Member({{"name", "Dimas"},
                              {"sex", "L"},
                              {"relation", "anak"},
                              {"birth_date", "2017-03-20"},
                              {"schooling", "sd"}}),
                      Member({{"name", "Sari"},
                              {"sex", "P"},
                              {"relation", "anak"},
                              {"birth_date", "2013-08-01"},
                              {"schooling", "smp"}}),
                      Member({{"name", "Mbah Karto"},
                              {"sex", "L"},
                              {"relation", "orang_tua"},
                              {"birth_date", "1940-01-01"},
                              {"life_status", "deceased"}}),
                  });
}

TEST(EligibilityRule, CountsMembersAtLeastAtMostExactly) {
    const auto ctx = On("2026-07-01");
    const auto household = Pkh();
    const auto children = R"({"field": "relation", "op": "=", "value": "anak"})";
    const auto with = [&](std::string_view counts) {
        return Rule(fmt::format(R"({{"members": {{"where": {}{}}}}})", children, counts)).Matches(household, ctx);
    };
    EXPECT_TRUE(with(""));  // at least one by default
    EXPECT_TRUE(with(R"(, "at_least": 2)"));
    EXPECT_FALSE(with(R"(, "at_least": 3)"));
    EXPECT_TRUE(with(R"(, "at_most": 2)"));
    EXPECT_FALSE(with(R"(, "at_most": 1)"));
    EXPECT_TRUE(with(R"(, "exactly": 2)"));
    EXPECT_FALSE(with(R"(, "exactly": 1)"));
    EXPECT_TRUE(with(R"(, "at_least": 1, "at_most": 2)"));
    EXPECT_FALSE(with(R"(, "at_least": 3, "at_most": 4)"));
    EXPECT_TRUE(Rule(R"({"members": {"where": {"field": "work_status", "op": "=", "value": "tidak_bekerja"},
                                       "exactly": 0}})")
                    .Matches(household, ctx));
}

TEST(EligibilityRule, CountsOnlyLivingMembers) {
    const auto ctx = On("2026-07-01");
    auto household = Pkh();
    const auto elderly = Rule(R"({"members": {"where": {"field": "age", "op": ">=", "value": 60}}})");
    EXPECT_FALSE(elderly.Matches(household, ctx)) << "the grandfather has died";
    household.members[4].fields["life_status"] = std::string("moved_out");
    EXPECT_FALSE(elderly.Matches(household, ctx));
    household.members[4].fields["life_status"] = std::string("alive");
    EXPECT_TRUE(elderly.Matches(household, ctx));
    household.members[4].fields.erase("life_status");
    EXPECT_TRUE(elderly.Matches(household, ctx)) << "an unrecorded life status counts as alive";
    EXPECT_TRUE(Rule(R"({"members": {"exactly": 5}})").Matches(household, ctx));
    household.members[4].fields["life_status"] = std::string("deceased");
    EXPECT_TRUE(Rule(R"({"members": {"exactly": 4}})").Matches(household, ctx));
}

TEST(EligibilityRule, AgeIsWholeYearsOnTheEvaluationDate) {
    const auto household = Family({}, {Member({{"birth_date", "2020-07-01"}})});
    const auto six = Rule(R"({"members": {"where": {"field": "age", "op": "=", "value": 6}}})");
    EXPECT_FALSE(six.Matches(household, On("2026-06-30"))) << "the day before the sixth birthday";
    EXPECT_TRUE(six.Matches(household, On("2026-07-01"))) << "on the birthday";
    EXPECT_TRUE(six.Matches(household, On("2027-06-30")));
    EXPECT_FALSE(six.Matches(household, On("2027-07-01")));

    const auto infant = Rule(R"({"members": {"where": {"field": "age", "op": "between", "value": [0, 6]}}})");
    EXPECT_TRUE(infant.Matches(Family({}, {Member({{"birth_date", "2026-07-01"}})}), On("2026-07-01")));
    EXPECT_FALSE(infant.Matches(Family({}, {Member({{"birth_date", "2026-07-02"}})}), On("2026-07-01")))
        << "not yet born on the evaluation date";

    const auto leap = Family({}, {Member({{"birth_date", "2008-02-29"}})});
    const auto adult = Rule(R"({"members": {"where": {"field": "age", "op": ">=", "value": 18}}})");
    EXPECT_FALSE(adult.Matches(leap, On("2026-02-28")));
    EXPECT_TRUE(adult.Matches(leap, On("2026-03-01")));
}

TEST(EligibilityRule, AnUnknownBirthDateMatchesNoAge) {
    const auto household = Family({}, {Member({{"name", "Tanpa Tanggal"}})});
    const auto ctx = On("2026-07-01");
    EXPECT_FALSE(Rule(R"({"members": {"where": {"field": "age", "op": "<=", "value": 150}}})").Matches(household, ctx));
    EXPECT_FALSE(Rule(R"({"members": {"where": {"field": "age", "op": ">=", "value": 0}}})").Matches(household, ctx));
    EXPECT_TRUE(Rule(R"({"members": {"where": {"field": "age", "op": "missing"}}})").Matches(household, ctx));
    const auto verdict = Rule(R"({"members": {"where": {"field": "age", "op": "missing"}}})").Evaluate(household, ctx);
    EXPECT_EQ(Indonesian(verdict), Strings{"anggota tanggal lahir tidak tercatat"});
}

TEST(EligibilityRule, ExplainsTheMembersThatQualify) {
    const auto rule = Rule(R"({"all": [
        {"field": "desil", "op": "<=", "value": 4},
        {"members": {"where": {"all": [{"field": "age", "op": "between", "value": [6, 18]},
                                       {"field": "schooling", "op": "in", "value": ["sd", "smp", "sma"]}]}}}]})");
    auto household = Pkh();
    household.members.erase(household.members.begin() + 3);  // Sari left for boarding school elsewhere
    const auto verdict = rule.Evaluate(household, On("2026-07-01"));
    EXPECT_TRUE(verdict.eligible);
    EXPECT_EQ(Indonesian(verdict), (Strings{"desil 2 ≤ 4", "anggota berumur 9 tahun, bersekolah SD"}));
    EXPECT_EQ(English(verdict), (Strings{"desil 2 ≤ 4", "a member aged 9, attending SD"}));
    EXPECT_EQ(Summarise(verdict).id, "layak: desil 2 ≤ 4; anggota berumur 9 tahun, bersekolah SD");
    EXPECT_EQ(Summarise(verdict).en, "eligible: desil 2 ≤ 4; a member aged 9, attending SD");

    const auto both = rule.Evaluate(Pkh(), On("2026-07-01"));
    EXPECT_EQ(English(both), (Strings{"desil 2 ≤ 4", "2 members: aged 9, attending SD; aged 12, attending SMP"}));
}

TEST(EligibilityRule, ANotEligibleVerdictGivesTheFailingConditions) {
    const auto rule = Rule(R"({"all": [
        {"field": "desil", "op": "<=", "value": 4},
        {"not": {"enrolled_in": "PKH"}},
        {"members": {"where": {"field": "age", "op": ">=", "value": 60}}}]})");
    Enrolments enrolments{{"PKH"}};
    const auto verdict = rule.Evaluate(Pkh(), enrolments.Context());
    EXPECT_FALSE(verdict.eligible);
    EXPECT_EQ(Indonesian(verdict),
              (Strings{"terdaftar di PKH", "tidak ada anggota yang memenuhi: berumur ≥ 60 tahun"}));
    EXPECT_EQ(English(verdict), (Strings{"enrolled in PKH", "no member meets: aged ≥ 60"}));
    EXPECT_EQ(Summarise(verdict).en, "not eligible: enrolled in PKH; no member meets: aged ≥ 60");
}

TEST(EligibilityRule, AnyGivesEveryComponentThatApplies) {
    // PKH components: each one met is a reason, since each is paid.
    const auto rule = Rule(R"({"any": [
        {"members": {"where": {"field": "pregnant", "op": "=", "value": true}}},
        {"members": {"where": {"field": "age", "op": "between", "value": [0, 6]}}},
        {"members": {"where": {"field": "schooling", "op": "=", "value": "sd"}}},
        {"members": {"where": {"field": "age", "op": ">=", "value": 70}}}]})");
    const auto verdict = rule.Evaluate(Pkh(), On("2026-07-01"));
    EXPECT_TRUE(verdict.eligible);
    EXPECT_EQ(Indonesian(verdict), (Strings{"anggota hamil", "anggota bersekolah SD"}));
    EXPECT_EQ(English(verdict), (Strings{"a member pregnant", "a member attending SD"}));

    const auto none =
        rule.Evaluate(Family({}, {Member({{"birth_date", "1990-01-01"}, {"pregnant", false}})}), On("2026-07-01"));
    EXPECT_FALSE(none.eligible);
    EXPECT_EQ(English(none), (Strings{"no member meets: pregnant", "no member meets: aged 0–6",
                                      "no member meets: attending SD", "no member meets: aged ≥ 70"}));
}

TEST(EligibilityRule, ExplainsCountsThatFallShort) {
    const auto ctx = On("2026-07-01");
    const auto children = R"({"field": "relation", "op": "=", "value": "anak"})";
    const auto verdict = [&](std::string_view counts) {
        return Rule(fmt::format(R"({{"members": {{"where": {}, {}}}}})", children, counts)).Evaluate(Pkh(), ctx);
    };
    EXPECT_EQ(Indonesian(verdict(R"("at_least": 3)")),
              Strings{"hanya 2 anggota memenuhi: hubungan keluarga anak (perlu sedikitnya 3)"});
    EXPECT_EQ(English(verdict(R"("at_least": 3)")),
              Strings{"only 2 members meet: relation to the head anak (at least 3 needed)"});
    EXPECT_EQ(English(verdict(R"("at_most": 1)")),
              Strings{"2 members meet: relation to the head anak (at most 1 allowed)"});
    EXPECT_EQ(Indonesian(verdict(R"("exactly": 3)")),
              Strings{"hanya 2 anggota memenuhi: hubungan keluarga anak (harus tepat 3)"});
    const auto size = Rule(R"({"members": {"at_least": 5}})").Evaluate(Pkh(), ctx);
    EXPECT_EQ(Indonesian(size), Strings{"rumah tangga beranggota 4 orang (perlu sedikitnya 5)"});
}

TEST(EligibilityRule, DescribesMembersBySexDisabilityAndWork) {
    const auto ctx = On("2026-07-01");
    const auto household = Family({}, {Member({{"sex", "P"},
                                               {"birth_date", "1950-01-01"},
                                               {"disability_type", "fisik"},
                                               {"disability_severity", "berat"},
                                               {"work_status", "tidak_bekerja"}})});
    const auto rule = Rule(R"({"members": {"where": {"all": [
        {"field": "sex", "op": "=", "value": "P"},
        {"field": "disability_severity", "op": "=", "value": "berat"},
        {"field": "work_status", "op": "!=", "value": "bekerja"}]}}})");
    const auto verdict = rule.Evaluate(household, ctx);
    EXPECT_TRUE(verdict.eligible);
    EXPECT_EQ(Indonesian(verdict), Strings{"anggota perempuan, tingkat disabilitas berat, tidak bekerja"});
    EXPECT_EQ(English(verdict), Strings{"a member female, disability severity berat, not working"});
}

// ---- Describe, canonical JSON, what a rule reads ----------------------------------------------------------------

TEST(EligibilityRule, DescribesItselfInBothLanguages) {
    const auto rule = Rule(R"({"all": [
        {"field": "desil", "op": "<=", "value": 4},
        {"not": {"enrolled_in": "PKH"}},
        {"any": [{"field": "floor_material", "op": "=", "value": "tanah"},
                 {"field": "wall_material", "op": "in", "value": ["anyaman_bambu", "plesteran_anyaman_bambu"]}]},
        {"members": {"where": {"field": "age", "op": "between", "value": [15, 64]}, "at_least": 1}}]})");
    EXPECT_EQ(rule.Describe().id,
              "desil ≤ 4 dan tidak terdaftar di PKH dan (lantai tanah atau dinding anyaman bambu atau plesteran "
              "anyaman bambu) dan sedikitnya 1 anggota: berumur 15–64 tahun");
    EXPECT_EQ(rule.Describe().en,
              "desil ≤ 4 and not enrolled in PKH and (floor tanah or walls anyaman bambu or plesteran anyaman "
              "bambu) and at least 1 member: aged 15–64");
}

TEST(EligibilityRule, ToJsonIsCanonicalAndRoundTrips) {
    const auto rule = Rule(R"({"all": [
        {"value": 4, "op": "<=", "field": "desil"},
        {"region": ["33.02.01"]},
        {"field": "has_motorcycle", "op": "=", "value": false},
        {"field": "floor_area_m2", "op": "between", "value": [1, 8.5]},
        {"field": "verified_at", "op": "missing"},
        {"not": {"enrolled_in": "PKH"}},
        {"members": {"where": {"any": [{"field": "age", "op": ">=", "value": 60},
                                       {"field": "disability_severity", "op": "=", "value": "berat"}]}}},
        {"members": {"at_most": 2, "where": {"field": "work_status", "op": "=", "value": "bekerja"}}},
        {"members": {"exactly": 0, "where": {"field": "schooling", "op": "=", "value": "perguruan_tinggi"}}}]})");
    const auto json = rule.ToJson();
    EXPECT_EQ(boost::json::serialize(json),
              R"({"all":[{"field":"desil","op":"<=","value":4},{"region":"33.02.01"},)"
              R"({"field":"has_motorcycle","op":"=","value":false},)"
              R"({"field":"floor_area_m2","op":"between","value":[1E0,8.5E0]},)"
              R"({"field":"verified_at","op":"missing"},{"not":{"enrolled_in":"PKH"}},)"
              R"({"members":{"at_least":1,"where":{"any":[{"field":"age","op":">=","value":60},)"
              R"({"field":"disability_severity","op":"=","value":"berat"}]}}},)"
              R"({"members":{"at_most":2,"where":{"field":"work_status","op":"=","value":"bekerja"}}},)"
              R"({"members":{"exactly":0,"where":{"field":"schooling","op":"=","value":"perguruan_tinggi"}}}]})");
    const auto again = Rule(boost::json::serialize(json));
    EXPECT_EQ(again.ToJson(), json);
    EXPECT_EQ(again.Describe().en, rule.Describe().en);
}

TEST(EligibilityRule, SaysWhichFieldsAndProgrammesItReads) {
    const auto rule = Rule(R"({"all": [
        {"field": "desil", "op": "<=", "value": 4},
        {"region": "33.02"},
        {"not": {"enrolled_in": "PKH"}},
        {"any": [{"enrolled_in": "BPNT"}, {"enrolled_in": "PKH"}]},
        {"members": {"where": {"all": [{"field": "schooling", "op": "=", "value": "sd"},
                                       {"field": "age", "op": "<", "value": 13}]}}}]})");
    EXPECT_EQ(rule.HouseholdFieldsRead(), (std::vector<std::string_view>{"village_code", "desil"}));
    EXPECT_EQ(rule.PersonFieldsRead(), (std::vector<std::string_view>{"birth_date", "schooling", "life_status"}));
    EXPECT_EQ(rule.ProgramsRead(), (std::vector<std::string>{"PKH", "BPNT"}));
    EXPECT_TRUE(Rule(R"({"all": []})").PersonFieldsRead().empty());
}

// ---- Validation -------------------------------------------------------------------------------------------------

TEST(EligibilityRule, NamesEachProblemsPlaceAndCode) {
    struct Case {
        std::string_view rule;
        std::string_view expected;
    };
    const Case cases[] = {
        {R"(4)", "PRG-2101 at eligibility_rule"},
        {R"({"all": [4]})", "PRG-2101 at eligibility_rule.all[0]"},
        {R"({"desil": 4})", "PRG-2103 at eligibility_rule"},
        {R"({"all": [], "any": []})", "PRG-2103 at eligibility_rule"},
        {R"({"all": {}})", "PRG-2104 at eligibility_rule.all"},
        {R"({"any": []})", "PRG-2104 at eligibility_rule.any"},
        {R"({"field": "desil", "op": "<=", "value": 4, "label": "miskin"})", "PRG-2102 at eligibility_rule.label"},
        {R"({"not": {"enrolled_in": "PKH"}, "why": 1})", "PRG-2102 at eligibility_rule.why"},
        {R"({"field": "income", "op": "<", "value": 1})", "PRG-2105 at eligibility_rule.field"},
        {R"({"field": 4, "op": "<", "value": 1})", "PRG-2105 at eligibility_rule.field"},
        {R"({"field": "sex", "op": "=", "value": "P"})", "PRG-2105 at eligibility_rule.field"},
        {R"({"field": "age", "op": "<", "value": 6})", "PRG-2105 at eligibility_rule.field"},
        {R"({"members": {"where": {"field": "desil", "op": "=", "value": 1}}})",
         "PRG-2105 at eligibility_rule.members.where.field"},
        {R"({"field": "desil", "op": "≤", "value": 4})", "PRG-2106 at eligibility_rule.op"},
        {R"({"field": "desil", "value": 4})", "PRG-2106 at eligibility_rule.op"},
        {R"({"field": "floor_material", "op": "<", "value": "tanah"})", "PRG-2107 at eligibility_rule.op"},
        {R"({"field": "has_car", "op": "in", "value": [true]})", "PRG-2107 at eligibility_rule.op"},
        {R"({"field": "verified_at", "op": "in", "value": ["2025-01-01"]})", "PRG-2107 at eligibility_rule.op"},
        {R"({"field": "desil", "op": "<="})", "PRG-2108 at eligibility_rule.value"},
        {R"({"field": "desil", "op": "missing", "value": null})", "PRG-2108 at eligibility_rule.value"},
        {R"({"field": "desil", "op": "<=", "value": "4"})", "PRG-2109 at eligibility_rule.value"},
        {R"({"field": "desil", "op": "<=", "value": 11})", "PRG-2109 at eligibility_rule.value"},
        {R"({"field": "desil", "op": "<=", "value": 2.5})", "PRG-2109 at eligibility_rule.value"},
        {R"({"field": "desil", "op": "=", "value": null})", "PRG-2109 at eligibility_rule.value"},
        {R"({"field": "has_car", "op": "=", "value": 1})", "PRG-2109 at eligibility_rule.value"},
        {R"({"field": "verified_at", "op": "<", "value": "2025-02-30"})", "PRG-2109 at eligibility_rule.value"},
        {R"({"field": "rt", "op": "=", "value": ""})", "PRG-2109 at eligibility_rule.value"},
        {R"({"members": {"where": {"field": "age", "op": ">", "value": 151}}})",
         "PRG-2109 at eligibility_rule.members.where.value"},
        {R"({"field": "floor_material", "op": "=", "value": "kayu"})", "PRG-2110 at eligibility_rule.value"},
        {R"({"field": "desil", "op": "in", "value": []})", "PRG-2111 at eligibility_rule.value"},
        {R"({"field": "desil", "op": "in", "value": 3})", "PRG-2111 at eligibility_rule.value"},
        {R"({"field": "desil", "op": "between", "value": [1]})", "PRG-2111 at eligibility_rule.value"},
        {R"({"field": "desil", "op": "between", "value": [4, 1]})", "PRG-2112 at eligibility_rule.value"},
        {R"({"members": 1})", "PRG-2114 at eligibility_rule.members"},
        {R"({"members": {"at_least": 0}})", "PRG-2114 at eligibility_rule.members.at_least"},
        {R"({"members": {"at_least": 1.5}})", "PRG-2114 at eligibility_rule.members.at_least"},
        {R"({"members": {"at_most": -1}})", "PRG-2114 at eligibility_rule.members.at_most"},
        {R"({"members": {"exactly": 101}})", "PRG-2114 at eligibility_rule.members.exactly"},
        {R"({"members": {"exactly": 1, "at_least": 1}})", "PRG-2114 at eligibility_rule.members.exactly"},
        {R"({"members": {"at_least": 3, "at_most": 2}})", "PRG-2114 at eligibility_rule.members.at_most"},
        {R"({"members": {"count": 2}})", "PRG-2102 at eligibility_rule.members.count"},
        {R"({"field": "kk_number", "op": "=", "value": "3302011708850003"})", "PRG-2118 at eligibility_rule.op"},
        {R"({"members": {"where": {"field": "name", "op": "in", "value": ["Wati"]}}})",
         "PRG-2118 at eligibility_rule.members.where.op"},
        {R"({"members": {"where": {"region": "33.02"}}})", "PRG-2119 at eligibility_rule.members.where.region"},
        {R"({"members": {"where": {"members": {}}}})", "PRG-2119 at eligibility_rule.members.where.members"},
        {R"({"members": {"where": {"not": {"enrolled_in": "PKH"}}}})",
         "PRG-2119 at eligibility_rule.members.where.not.enrolled_in"},
    };
    for (const auto& c : cases) {
        EXPECT_EQ(Problem(c.rule), c.expected) << c.rule;
    }
}

TEST(EligibilityRule, ReportsEveryProblemAtOnce) {
    const auto issues = Problems(R"({"all": [
        {"field": "desil", "op": "<=", "value": 4},
        {"field": "floor_material", "op": "in", "value": ["tanah", "kayu", "lumpur"]},
        {"members": {"where": {"field": "age", "op": "between", "value": [6, "18"]}}},
        {"region": "Banyumas"}]})");
    ASSERT_EQ(issues.size(), 4u);
    EXPECT_EQ(issues[0].field, "eligibility_rule.all[1].value[1]");
    EXPECT_EQ(issues[1].field, "eligibility_rule.all[1].value[2]");
    EXPECT_EQ(issues[2].field, "eligibility_rule.all[2].members.where.value[1]");
    EXPECT_EQ(issues[3].field, "eligibility_rule.all[3].region");
}

TEST(EligibilityRule, MessagesSayWhatIsAllowed) {
    const auto code = Problems(R"({"field": "floor_material", "op": "=", "value": "kayu"})");
    ASSERT_EQ(code.size(), 1u);
    EXPECT_EQ(code[0].code, "PRG-2110");
    EXPECT_EQ(code[0].message.id,
              "Kode 'kayu' tidak dikenal untuk floor_material; pilih: marmer_granit, keramik, parket_vinil, "
              "ubin_tegel, kayu_papan, semen_bata, bambu, tanah, lainnya.");
    EXPECT_EQ(code[0].message.en,
              "Unknown code 'kayu' for floor_material; use one of: marmer_granit, keramik, parket_vinil, "
              "ubin_tegel, kayu_papan, semen_bata, bambu, tanah, lainnya.");
    const auto op = Problems(R"({"field": "floor_material", "op": "<=", "value": "tanah"})");
    ASSERT_EQ(op.size(), 1u);
    EXPECT_EQ(op[0].message.en,
              "op '<=' cannot be used with floor_material (choice); use one of: =, !=, in, not_in, missing, present.");
    const auto member = Problems(R"({"field": "pregnant", "op": "=", "value": true})");
    ASSERT_EQ(member.size(), 1u);
    EXPECT_EQ(member[0].message.en, R"('pregnant' is a member field; use it inside {"members": {"where": …}}.)");
    const auto range = Problems(R"({"field": "desil", "op": "<=", "value": 11})");
    ASSERT_EQ(range.size(), 1u);
    EXPECT_EQ(range[0].message.id, "value untuk desil harus bilangan bulat 1–10.");
    EXPECT_EQ(range[0].message.en, "The value for desil must be a whole number from 1 to 10.");
}

TEST(EligibilityRule, PathsFollowTheCallersPrefix) {
    ValidationReport report;
    EXPECT_FALSE(EligibilityRule::Parse(boost::json::parse(R"({"all": [{"region": "x"}]})"), report,
                                        "programs[2].eligibility_rule"));
    ASSERT_EQ(report.issues().size(), 1u);
    EXPECT_EQ(report.issues()[0].field, "programs[2].eligibility_rule.all[0].region");
}

std::string Nested(int levels) {
    std::string json = R"({"field": "desil", "op": "<=", "value": 4})";
    for (int i = 1; i < levels; ++i) {
        json = fmt::format(R"({{"not": {}}})", json);
    }
    return json;
}

std::string Wide(int conditions) {
    std::string json = R"({"all": [)";
    for (int i = 1; i < conditions; ++i) {  // the all itself is one condition
        json += fmt::format(R"({}{{"field": "desil", "op": "<=", "value": {}}})", i == 1 ? "" : ", ", 1 + i % 10);
    }
    return json + "]}";
}

TEST(EligibilityRule, LimitsDepthAndSize) {
    EXPECT_TRUE(Problems(Nested(10)).empty());
    EXPECT_EQ(Problem(Nested(11)), "PRG-2116 at eligibility_rule.not.not.not.not.not.not.not.not.not.not");
    EXPECT_TRUE(Problems(Wide(200)).empty());
    EXPECT_EQ(Problem(Wide(201)), "PRG-2117 at eligibility_rule.all[199]");
    EXPECT_EQ(Problem(Wide(400)), "PRG-2117 at eligibility_rule.all[199]") << "reported once";
    // members.where counts as a level.
    const auto deep_members =
        fmt::format(R"({{"members": {{"where": {}}}}})",
                    fmt::format(R"({{"not": {}}})", R"({"field": "age", "op": "<", "value": 6})"));
    EXPECT_TRUE(Problems(deep_members).empty());
}

TEST(EligibilityRule, MatchesAgreesWithEvaluate) {
    Enrolments enrolments{{"BPNT"}};
    const auto rule = Rule(R"({"any": [
        {"all": [{"field": "desil", "op": "<=", "value": 1}, {"not": {"enrolled_in": "BPNT"}}]},
        {"members": {"where": {"field": "disability_severity", "op": "=", "value": "berat"}}},
        {"not": {"region": "33.02.01"}}]})");
    for (int desil = 1; desil <= 10; ++desil) {
        for (const auto* village : {"33.02.01.2001", "33.02.02.2001"}) {
            for (const auto* severity : {"ringan", "berat"}) {
                const auto household = Family({{"desil", desil}, {"village_code", village}},
                                              {Member({{"disability_severity", severity}})});
                EXPECT_EQ(rule.Matches(household, enrolments.Context()),
                          rule.Evaluate(household, enrolments.Context()).eligible);
            }
        }
    }
}

// The examples in the rule authors' guide are rules: every ```json block parses, unless the line before it says
// which problem it shows (<!-- error: CODE at path -->).
TEST(EligibilityRule, TheGuidesExamplesAreValid) {
    std::ifstream file(std::string(SINERGI_SOURCE_DIR) + "/docs/eligibility-rules.md");
    ASSERT_TRUE(file) << "docs/eligibility-rules.md";
    std::string line;
    std::string previous;
    std::string expected_error;
    int examples = 0;
    while (std::getline(file, line)) {
        if (line == "```json") {
            const auto marker = std::string("<!-- error: ");
            expected_error =
                previous.starts_with(marker) ? previous.substr(marker.size(), previous.size() - marker.size() - 4) : "";
            std::string block;
            while (std::getline(file, line) && line != "```") {
                block += line + "\n";
            }
            ++examples;
            if (expected_error.empty()) {
                EXPECT_TRUE(Problems(block).empty()) << block;
            } else {
                EXPECT_EQ(Problem(block), expected_error) << block;
            }
        }
        if (!line.empty()) {
            previous = line;
        }
    }
    EXPECT_GE(examples, 10);
}

}  // namespace
}  // namespace sinergi::programs
