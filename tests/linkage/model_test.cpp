#include "linkage/model.hpp"

#include <array>
#include <random>
#include <string>
#include <unordered_map>
#include <vector>

#include <gtest/gtest.h>

#include "linkage/records.hpp"

namespace sinergi::linkage {
namespace {

RawRecord Named(std::string id, std::string given, std::string birth_date = "", std::string nik = "") {
    RawRecord record;
    record.id = std::move(id);
    record.values[Index(Field::kGivenName)] = std::move(given);
    record.values[Index(Field::kBirthDate)] = std::move(birth_date);
    record.values[Index(Field::kNik)] = std::move(nik);
    return record;
}

TEST(ComparePair, GivesEachFieldItsLevel) {
    std::vector<RawRecord> raw{Named("a", "Siti Nurhasanah", "19800512", "3302011205800001"),
                               Named("b", "Nurhasanah Siti", "19801205", "3302011205800002"),
                               Named("c", "Siti Nurhasana", "19810512", "3302011205800010"), Named("d", "", "", "")};
    const auto records = PrepareRecords(raw, raw.size(), {});
    const auto ab = ComparePair(records, 0, 1);
    EXPECT_EQ(LevelName(Field::kGivenName, LevelOf(ab, Field::kGivenName)), "same_tokens");
    EXPECT_EQ(LevelName(Field::kBirthDate, LevelOf(ab, Field::kBirthDate)), "day_month_swapped");
    EXPECT_EQ(LevelName(Field::kNik, LevelOf(ab, Field::kNik)), "one_digit_off");
    const auto ac = ComparePair(records, 0, 2);
    EXPECT_EQ(LevelName(Field::kGivenName, LevelOf(ac, Field::kGivenName)), "close");
    EXPECT_EQ(LevelName(Field::kBirthDate, LevelOf(ac, Field::kBirthDate)), "one_digit_off");
    EXPECT_EQ(LevelName(Field::kNik, LevelOf(ac, Field::kNik)), "adjacent_swap");
    const auto ad = ComparePair(records, 0, 3);
    EXPECT_EQ(LevelOf(ad, Field::kGivenName), kMissingLevel);
    EXPECT_EQ(LevelOf(ad, Field::kSurname), kMissingLevel);
}

TEST(ComparePair, WeighsANiksBirthDateDigitsOnlyAsTheBirthDate) {
    // Digits 7-12 of a NIK are the birth date: two people born a month apart in one district, both first of their
    // day, differ in one of those digits. That is birth-date evidence, not a mistyped NIK.
    std::vector<RawRecord> raw{Named("a", "Rahma", "20070521", "3302016105070001"),
                               Named("b", "Riska", "20070621", "3302016106070001"),
                               Named("c", "Rahma", "20070521", "3302016105070002")};
    const auto records = PrepareRecords(raw, raw.size(), {});
    const auto ab = ComparePair(records, 0, 1);
    EXPECT_EQ(LevelName(Field::kNik, LevelOf(ab, Field::kNik)), "exact");
    EXPECT_EQ(LevelName(Field::kBirthDate, LevelOf(ab, Field::kBirthDate)), "one_digit_off");
    EXPECT_EQ(LevelName(Field::kNik, LevelOf(ComparePair(records, 0, 2), Field::kNik)), "one_digit_off");
}

TEST(ComparePair, ReadsSwappedGivenNameAndSurnameAsTheSameName) {
    std::vector<RawRecord> raw{Named("a", "Dewi"), Named("b", "Lestari")};
    raw[0].values[Index(Field::kSurname)] = "Lestari";
    raw[1].values[Index(Field::kSurname)] = "Dewi";
    const auto records = PrepareRecords(raw, raw.size(), {});
    const auto pattern = ComparePair(records, 0, 1);
    EXPECT_EQ(LevelOf(pattern, Field::kGivenName), 1);
    EXPECT_EQ(LevelOf(pattern, Field::kSurname), 1);
}

// Draws a level from a distribution over levels.
std::uint8_t Draw(std::mt19937_64& random, const std::array<double, kMaxLevels>& distribution, std::size_t levels) {
    std::uniform_real_distribution<double> uniform(0.0, 1.0);
    double x = uniform(random);
    for (std::size_t l = 0; l + 1 < levels; ++l) {
        if (x < distribution[l]) {
            return static_cast<std::uint8_t>(l);
        }
        x -= distribution[l];
    }
    return static_cast<std::uint8_t>(levels - 1);
}

TEST(EstimateM, RecoversKnownMAndMatchShareFromUnlabelledPatterns) {
    // Four fields, independent within each class, as the model assumes; 30 % of the pairs are matches.
    const std::array<Field, 4> fields{Field::kGivenName, Field::kSurname, Field::kBirthDate, Field::kNik};
    std::array<std::array<double, kMaxLevels>, 4> true_m{{{0.80, 0.05, 0.08, 0.04, 0.03},
                                                          {0.70, 0.10, 0.10, 0.05, 0.05},
                                                          {0.85, 0.03, 0.05, 0.02, 0.05},
                                                          {0.90, 0.05, 0.02, 0.03, 0.0}}};
    std::array<std::array<double, kMaxLevels>, 4> true_u{{{0.02, 0.01, 0.07, 0.20, 0.70},
                                                          {0.05, 0.01, 0.04, 0.15, 0.75},
                                                          {0.01, 0.01, 0.03, 0.15, 0.80},
                                                          {0.001, 0.01, 0.005, 0.984, 0.0}}};
    constexpr double kMatchShare = 0.3;
    std::mt19937_64 random(42);
    std::bernoulli_distribution is_match(kMatchShare);
    std::unordered_map<Pattern, std::uint64_t> histogram;
    for (int i = 0; i < 400'000; ++i) {
        const bool match = is_match(random);
        Pattern pattern = 0;
        for (const auto field : kAllFields) {
            pattern |= static_cast<Pattern>(kMissingLevel) << (3 * Index(field));
        }
        for (std::size_t f = 0; f < fields.size(); ++f) {
            const auto level = Draw(random, match ? true_m[f] : true_u[f], LevelCount(fields[f]));
            pattern &= ~(static_cast<Pattern>(7) << (3 * Index(fields[f])));
            pattern |= static_cast<Pattern>(level) << (3 * Index(fields[f]));
        }
        ++histogram[pattern];
    }
    std::array<FieldProbabilities, kFieldCount> probabilities{};
    for (const auto field : fields) {
        auto& p = probabilities[Index(field)];
        p.active = true;
        p.u.fill(1.0 / static_cast<double>(LevelCount(field)));  // knows nothing of the true u
    }
    const auto report = EstimateM(histogram, probabilities, true);
    EXPECT_TRUE(report.converged);
    EXPECT_NEAR(report.candidate_match_share, kMatchShare, 0.01);
    for (std::size_t f = 0; f < fields.size(); ++f) {
        for (std::size_t l = 0; l < LevelCount(fields[f]); ++l) {
            EXPECT_NEAR(probabilities[Index(fields[f])].m[l], true_m[f][l], 0.015)
                << FieldName(fields[f]) << " level " << l;
        }
    }

    // With u held at the non-matches' true u (as random pairs would give it), m comes out the same.
    for (std::size_t f = 0; f < fields.size(); ++f) {
        probabilities[Index(fields[f])].u = true_u[f];
    }
    const auto fixed_u = EstimateM(histogram, probabilities, false);
    EXPECT_NEAR(fixed_u.candidate_match_share, kMatchShare, 0.01);
    for (std::size_t f = 0; f < fields.size(); ++f) {
        for (std::size_t l = 0; l < LevelCount(fields[f]); ++l) {
            EXPECT_NEAR(probabilities[Index(fields[f])].m[l], true_m[f][l], 0.015)
                << FieldName(fields[f]) << " level " << l << " (u fixed)";
        }
    }
}

TEST(MatchModel, AgreementOnACommonNameWeighsLessThanOnARareOne) {
    std::vector<RawRecord> raw;
    raw.reserve(100);
    for (int i = 0; i < 40; ++i) {
        raw.push_back(Named("siti" + std::to_string(i), "Siti"));
    }
    raw.push_back(Named("r1", "Kusumawardhani"));
    raw.push_back(Named("r2", "Kusumawardhani"));
    for (int i = 0; i < 58; ++i) {
        raw.push_back(Named("o" + std::to_string(i), "Nama" + std::string(1, static_cast<char>('a' + i % 26)) +
                                                         std::string(1, static_cast<char>('a' + i / 26))));
    }
    const auto records = PrepareRecords(raw, raw.size(), {});
    auto fields = EstimateU(records, 20'000, 7);
    ASSERT_TRUE(fields[Index(Field::kGivenName)].active);
    fields[Index(Field::kGivenName)].m = {0.9, 0.02, 0.04, 0.02, 0.02};
    const MatchModel model(records, fields, 0.5, 10, 4950);
    const double siti = model.FieldWeight(Field::kGivenName, 0, 0, 1);
    const double rare = model.FieldWeight(Field::kGivenName, 0, 40, 41);
    EXPECT_LT(siti, rare);
    // Without the adjustment both would weigh log2(m/u) of exact agreement; the common name falls below it.
    const double plain = std::log2(0.9 / fields[Index(Field::kGivenName)].u[0]);
    EXPECT_LT(siti, plain);
    EXPECT_GT(rare, plain);
}

TEST(MatchModel, ProbabilityRisesWithWeightAndIsOneHalfAtZero) {
    EXPECT_DOUBLE_EQ(MatchModel::Probability(0.0), 0.5);
    EXPECT_NEAR(MatchModel::Probability(10.0), 1024.0 / 1025.0, 1e-12);
    EXPECT_LT(MatchModel::Probability(-3.0), MatchModel::Probability(-2.0));
}

}  // namespace
}  // namespace sinergi::linkage
