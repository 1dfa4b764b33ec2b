// The PMT model without storage: the weights file, one household's estimate and the ranking into desil.
#include "pmt/pmt_model.hpp"

#include <algorithm>
#include <fstream>
#include <random>
#include <sstream>

#include <gtest/gtest.h>

#include "registry/fields.hpp"

namespace sinergi::pmt {
namespace {

std::vector<std::string> FieldsOf(const ValidationReport& report) {
    std::vector<std::string> fields;
    for (const auto& issue : report.issues()) {
        fields.push_back(issue.field + " " + issue.code);
    }
    return fields;
}

Weights Parsed(std::string_view text) {
    ValidationReport report;
    auto weights = Weights::Parse(text, report);
    EXPECT_TRUE(report.empty()) << ::testing::PrintToString(FieldsOf(report));
    return weights ? std::move(*weights) : Weights{};
}

constexpr std::string_view kHandWeights = R"({
  "format": "sinergi-pmt-weights/1",
  "version": "uji-1",
  "note": "Bobot uji / test weights",
  "intercept": 13.0,
  "terms": [
    {"variable": "floor_material", "weights": {"tanah": -0.2, "keramik": 0.1}},
    {"variable": "has_motorcycle", "weight": 0.1},
    {"variable": "has_car", "weight": 0.3},
    {"variable": "household_size", "weight": -0.35, "transform": "log"},
    {"variable": "electricity_va", "bands": [{"from": 900, "weight": 0.06}, {"from": 1300, "weight": 0.15}]},
    {"variable": "cattle_count", "weight": 0.04, "cap": 5},
    {"variable": "dependants_share", "weight": -0.3},
    {"variable": "head_education", "weights": {"smp": 0.06}},
    {"variable": "members_working", "weight": 0.05},
    {"variable": "floor_area_per_capita", "weight": 0.12, "transform": "log"},
    {"variable": "water_source", "weights": {"sungai_danau": -0.12}}
  ]
})";

// A family of four on 2026-11-23: the head (46, junior secondary school, working), the spouse (40, working) and two
// children aged 10 and 3; an earth floor, a motorcycle, no car, 900 VA, seven head of cattle, 48 m²; the water source
// is not recorded.
HouseholdFacts HandHousehold() {
    HouseholdFacts household;
    household.Set("floor_material", std::string("tanah"));
    household.Set("has_motorcycle", std::int64_t{1});
    household.Set("has_car", std::int64_t{0});
    household.Set("electricity_va", std::int64_t{900});
    household.Set("cattle_count", std::int64_t{7});
    household.Set("floor_area_m2", 48.0);
    household.members = {{"1980-05-01", "smp", "bekerja", true},
                         {"1986-11-23", "sd", "bekerja", false},
                         {"2016-01-15", std::nullopt, "sekolah", false},
                         {"2023-06-30", std::nullopt, std::nullopt, false}};
    return household;
}

TEST(PmtEstimate, AddsEachTermToTheInterceptAsWorkedOutByHand) {
    const auto weights = Parsed(kHandWeights);
    const auto estimate = EstimateHousehold(weights, HandHousehold(), "2026-11-23");
    // 13.0 − 0.2 (earth floor) + 0.1 (motorcycle) − 0.35·ln 4 + 0.06 (900 VA) + 0.04·5 (cattle capped at 5)
    // − 0.3·(2 dependants of 4) + 0.06 (head: smp) + 0.05·2 (working) + 0.12·ln(48/4)
    EXPECT_NEAR(estimate.log_consumption, 12.9829857715826, 1e-9);
    EXPECT_EQ(estimate.consumption_per_capita, 434950);
    ASSERT_EQ(estimate.missing.size(), 1U);
    EXPECT_EQ(estimate.missing[0]->name, "water_source");

    const auto top = TopContributions(estimate, 4);
    ASSERT_EQ(top.size(), 4U);
    EXPECT_EQ(top[0].variable->name, "household_size");
    EXPECT_NEAR(top[0].contribution, -0.485203026, 1e-8);
    EXPECT_EQ(std::get<double>(top[0].value), 4.0);
    EXPECT_EQ(top[1].variable->name, "floor_area_per_capita");
    EXPECT_EQ(std::get<double>(top[1].value), 12.0);
    // −0.2 and +0.2 weigh the same: the weights file's order decides.
    EXPECT_EQ(top[2].variable->name, "floor_material");
    EXPECT_EQ(std::get<std::string>(top[2].value), "tanah");
    EXPECT_EQ(top[3].variable->name, "cattle_count");
    EXPECT_EQ(std::get<double>(top[3].value), 7.0);  // shown as recorded, counted up to the cap
}

TEST(PmtEstimate, ZeroContributionsAreNotAmongTheTopOnes) {
    const auto estimate = EstimateHousehold(Parsed(kHandWeights), HandHousehold(), "2026-11-23");
    for (const auto& contribution : TopContributions(estimate, 20)) {
        EXPECT_NE(contribution.contribution, 0.0) << contribution.variable->name;
        EXPECT_NE(contribution.variable->name, "has_car");
    }
}

TEST(PmtEstimate, BandsTakeTheLastBandReached) {
    const auto weights = Parsed(kHandWeights);
    auto household = HandHousehold();
    const auto base = EstimateHousehold(weights, household, "2026-11-23").log_consumption;
    household.Set("electricity_va", std::int64_t{450});
    EXPECT_NEAR(EstimateHousehold(weights, household, "2026-11-23").log_consumption, base - 0.06, 1e-12);
    household.Set("electricity_va", std::int64_t{2200});
    EXPECT_NEAR(EstimateHousehold(weights, household, "2026-11-23").log_consumption, base - 0.06 + 0.15, 1e-12);
}

TEST(PmtDesil, EqualSizeDecilesFromThePoorestUp) {
    std::vector<double> values(20);
    for (std::size_t i = 0; i < values.size(); ++i) {
        values[i] = 20.0 - static_cast<double>(i);  // the last one is the poorest
    }
    const auto desil = RankIntoDesil(values);
    EXPECT_EQ(desil[19], 1);
    EXPECT_EQ(desil[18], 1);
    EXPECT_EQ(desil[17], 2);
    EXPECT_EQ(desil[0], 10);
    for (int d = 1; d <= 10; ++d) {
        EXPECT_EQ(std::count(desil.begin(), desil.end(), d), 2) << "desil " << d;
    }

    std::mt19937_64 random(7);
    std::uniform_real_distribution<double> spread(10.0, 16.0);
    std::vector<double> many(1000);
    std::generate(many.begin(), many.end(), [&] { return spread(random); });
    const auto many_desil = RankIntoDesil(many);
    for (int d = 1; d <= 10; ++d) {
        EXPECT_EQ(std::count(many_desil.begin(), many_desil.end(), d), 100) << "desil " << d;
    }
}

TEST(PmtDesil, TiesNeverSpreadOverTwoDesil) {
    // Twenty households; positions 1 and 2 hold the same estimate, straddling the line between desil 1 and 2.
    std::vector<double> values{1.0,  2.0,  2.0,  3.0,  4.0,  5.0,  6.0,  7.0,  8.0,  9.0,
                               10.0, 11.0, 12.0, 13.0, 14.0, 15.0, 16.0, 17.0, 18.0, 19.0};
    const auto desil = RankIntoDesil(values);
    EXPECT_EQ(desil[0], 1);
    EXPECT_EQ(desil[1], 1);
    EXPECT_EQ(desil[2], 1);  // the tie goes to the poorer desil
    EXPECT_EQ(desil[3], 2);
    EXPECT_EQ(desil[4], 3);

    const std::vector<double> all_equal(7, 13.5);
    const auto same = RankIntoDesil(all_equal);
    EXPECT_TRUE(std::all_of(same.begin(), same.end(), [](int d) { return d == 1; }));
    EXPECT_TRUE(RankIntoDesil(std::vector<double>{}).empty());
}

TEST(PmtWeights, EveryMistakeIsNamedByItsPlace) {
    ValidationReport report;
    const auto weights = Weights::Parse(R"({
      "format": "sinergi-pmt-weights/2",
      "version": "x",
      "intercept": "13",
      "extra": 1,
      "terms": [
        {"variable": "luas_sawah", "weight": 0.1},
        {"variable": "floor_material", "weights": {"tanahh": -0.2, "tanah": "banyak"}},
        {"variable": "cattle_count", "weight": 0.04, "transform": "log"},
        {"variable": "floor_material", "weights": {}},
        {"variable": "electricity_va", "bands": [{"from": 1300, "weight": 0.1}, {"from": 900, "weight": 0.05}]},
        {"variable": "has_car", "weight": "0.3", "cap": 2},
        {"variable": "household_size", "weight": 0.1, "cap": 0}
      ]
    })",
                                        report);
    EXPECT_FALSE(weights.has_value());
    const auto fields = FieldsOf(report);
    for (const auto* expected :
         {"extra PMT-1003", "format PMT-1004", "note PMT-1006", "intercept PMT-1007", "terms[0].variable PMT-1009",
          "terms[1].weights.tanahh PMT-1012", "terms[1].weights.tanah PMT-1013", "terms[2].transform PMT-1014",
          "terms[3].variable PMT-1010", "terms[4].bands[1].from PMT-1016", "terms[5].cap PMT-1003",
          "terms[5].weight PMT-1013", "terms[6].cap PMT-1015"}) {
        EXPECT_NE(std::find(fields.begin(), fields.end(), expected), fields.end())
            << expected << " not in " << ::testing::PrintToString(fields);
    }
    EXPECT_EQ(fields.size(), 13U) << ::testing::PrintToString(fields);
    for (const auto& issue : report.issues()) {
        EXPECT_FALSE(issue.message.id.empty());
        EXPECT_FALSE(issue.message.en.empty());
    }
}

TEST(PmtWeights, BrokenJsonNamesItsLineAndColumn) {
    ValidationReport report;
    EXPECT_FALSE(Weights::Parse("{\n  \"format\": \"sinergi-pmt-weights/1\",\n  \"version\" \"1\"\n}", report));
    ASSERT_EQ(report.issues().size(), 1U);
    EXPECT_EQ(report.issues()[0].code, "PMT-1001");
    EXPECT_NE(report.issues()[0].message.en.find("line 3 column 13"), std::string::npos)
        << report.issues()[0].message.en;
}

TEST(PmtWeights, AFileThatCannotBeUsedIsRefusedWithEveryMistake) {
    const auto path = std::filesystem::temp_directory_path() / "sinergi-pmt-weights-test.json";
    {
        std::ofstream out(path);
        out << R"({"format": "sinergi-pmt-weights/1", "version": "1", "note": "n", "intercept": 13, "terms": []})";
    }
    try {
        Weights::Load(path);
        FAIL() << "a weights file without terms is refused";
    } catch (const Error& error) {
        ASSERT_EQ(error.issues().size(), 1U);
        EXPECT_EQ(error.issues()[0].field, "terms");
    }
    std::filesystem::remove(path);
    try {
        Weights::Load(path);
        FAIL() << "a missing file is refused";
    } catch (const Error& error) {
        EXPECT_EQ(error.issues().at(0).code, "PMT-1017");
    }
}

TEST(PmtWeights, TheShippedDefaultSaysItIsIllustrative) {
    const auto weights = Weights::Default();
    EXPECT_NE(weights.note.find("ILUSTRATIF"), std::string::npos);
    EXPECT_NE(weights.note.find("ILLUSTRATIVE"), std::string::npos);
    EXPECT_NE(weights.note.find("BUKAN bobot resmi"), std::string::npos);
    EXPECT_NE(weights.version.find("ilustratif"), std::string::npos);
    // It reads every variable there is, floor area only per person.
    EXPECT_EQ(weights.terms.size(), Variables().size() - 1);
    // A poor and a well-off household land where the weights mean them to: below and far above Rp 500,000.
    HouseholdFacts poor;
    poor.Set("floor_material", std::string("tanah"));
    poor.Set("wall_material", std::string("anyaman_bambu"));
    poor.Set("cooking_fuel", std::string("kayu_bakar"));
    poor.Set("toilet", std::string("tidak_ada"));
    poor.Set("electricity_va", std::int64_t{450});
    poor.Set("floor_area_m2", 36.0);
    poor.members = {{"1975-01-01", "tidak_sekolah", "bekerja", true},
                    {"1978-01-01", "sd", "tidak_bekerja", false},
                    {"2012-01-01", "sd", "sekolah", false},
                    {"2015-01-01", "sd", "sekolah", false},
                    {"2019-01-01", std::nullopt, std::nullopt, false},
                    {"2022-01-01", std::nullopt, std::nullopt, false}};
    HouseholdFacts well_off;
    well_off.Set("floor_material", std::string("marmer_granit"));
    well_off.Set("has_car", std::int64_t{1});
    well_off.Set("has_air_conditioner", std::int64_t{1});
    well_off.Set("electricity_va", std::int64_t{3500});
    well_off.Set("floor_area_m2", 150.0);
    well_off.members = {{"1975-01-01", "d4_s1", "bekerja", true}, {"1978-01-01", "d4_s1", "bekerja", false}};
    EXPECT_LT(EstimateHousehold(weights, poor, "2026-11-23").consumption_per_capita, 500'000);
    EXPECT_GT(EstimateHousehold(weights, well_off, "2026-11-23").consumption_per_capita, 3'000'000);
}

TEST(PmtWeights, TheGuidesExampleIsAValidWeightsFile) {
    std::ifstream in(std::string(SINERGI_SOURCE_DIR) + "/docs/pmt.md");
    ASSERT_TRUE(in) << "docs/pmt.md";
    std::stringstream text;
    text << in.rdbuf();
    const auto doc = text.str();
    const auto start = doc.find("```json\n");
    ASSERT_NE(start, std::string::npos);
    const auto end = doc.find("```", start + 8);
    ValidationReport report;
    EXPECT_TRUE(Weights::Parse(doc.substr(start + 8, end - start - 8), report).has_value())
        << ::testing::PrintToString(FieldsOf(report));
}

TEST(PmtVariables, FollowTheRegistersCatalogue) {
    for (const auto& variable : Variables()) {
        EXPECT_FALSE(variable.label_id.empty());
        EXPECT_FALSE(variable.label_en.empty());
        if (variable.derived != Derived::kNone) {
            continue;
        }
        const auto* spec = registry::FindField(registry::HouseholdFields(), variable.name);
        ASSERT_NE(spec, nullptr) << variable.name;
        const auto expected = spec->type == registry::FieldType::kEnum   ? VariableKind::kCategory
                              : spec->type == registry::FieldType::kBool ? VariableKind::kFlag
                                                                         : VariableKind::kNumber;
        EXPECT_EQ(variable.kind, expected) << variable.name;
        EXPECT_EQ(HouseholdAttributeNames()[static_cast<std::size_t>(variable.attribute)], variable.name);
    }
    EXPECT_FALSE(CategoryCodes(*FindVariable("head_education")).empty());
}

}  // namespace
}  // namespace sinergi::pmt
