#include "linkage/comparators.hpp"

#include <algorithm>
#include <chrono>
#include <random>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace sinergi::linkage {
namespace {

using std::chrono::day;
using std::chrono::month;
using std::chrono::year;
using std::chrono::year_month_day;

// Textbook dynamic programmes the bit-parallel code must agree with.
std::size_t ReferenceDistance(std::string_view a, std::string_view b, bool transpositions) {
    std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
    for (std::size_t i = 0; i <= a.size(); ++i) {
        d[i][0] = i;
    }
    for (std::size_t j = 0; j <= b.size(); ++j) {
        d[0][j] = j;
    }
    for (std::size_t i = 1; i <= a.size(); ++i) {
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
            if (transpositions && i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
                d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
            }
        }
    }
    return d[a.size()][b.size()];
}

double ReferenceJaro(std::string_view a, std::string_view b) {
    if (a.empty() && b.empty()) {
        return 1.0;
    }
    if (a.empty() || b.empty()) {
        return 0.0;
    }
    const std::size_t longer = std::max(a.size(), b.size());
    const std::size_t window = longer / 2 > 0 ? longer / 2 - 1 : 0;
    std::vector<bool> used_a(a.size());
    std::vector<bool> used_b(b.size());
    double matches = 0;
    for (std::size_t i = 0; i < a.size(); ++i) {
        for (std::size_t j = (i > window ? i - window : 0); j < std::min(b.size(), i + window + 1); ++j) {
            if (!used_b[j] && a[i] == b[j]) {
                used_a[i] = used_b[j] = true;
                ++matches;
                break;
            }
        }
    }
    if (matches == 0) {
        return 0.0;
    }
    std::string seq_a;
    std::string seq_b;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (used_a[i]) {
            seq_a.push_back(a[i]);
        }
    }
    for (std::size_t j = 0; j < b.size(); ++j) {
        if (used_b[j]) {
            seq_b.push_back(b[j]);
        }
    }
    double half = 0;
    for (std::size_t k = 0; k < seq_a.size(); ++k) {
        half += seq_a[k] != seq_b[k] ? 1 : 0;
    }
    const double t = std::floor(half / 2);
    return (matches / static_cast<double>(a.size()) + matches / static_cast<double>(b.size()) +
            (matches - t) / matches) /
           3.0;
}

std::string RandomString(std::mt19937& random, std::size_t length, int alphabet) {
    std::uniform_int_distribution<int> pick(0, alphabet - 1);
    std::string out;
    for (std::size_t i = 0; i < length; ++i) {
        // Alphabet 256 covers every byte value, including NUL and bytes past 127.
        out.push_back(static_cast<char>(alphabet == 256 ? pick(random) : 'a' + pick(random)));
    }
    return out;
}

// A copy of `s` with a few random edits, so pairs are close as linkage pairs are.
std::string Mutated(std::mt19937& random, std::string s, int alphabet) {
    std::uniform_int_distribution<int> edits(0, 4);
    const int count = edits(random);
    for (int e = 0; e < count; ++e) {
        std::uniform_int_distribution<int> kind(0, 3);
        const auto position = s.empty() ? 0 : std::uniform_int_distribution<std::size_t>(0, s.size() - 1)(random);
        const char letter = RandomString(random, 1, alphabet).front();
        switch (kind(random)) {
            case 0:
                s.insert(s.begin() + static_cast<std::ptrdiff_t>(position), letter);
                break;
            case 1:
                if (!s.empty()) {
                    s.erase(position, 1);
                }
                break;
            case 2:
                if (!s.empty()) {
                    s[position] = letter;
                }
                break;
            default:
                if (position + 1 < s.size()) {
                    std::swap(s[position], s[position + 1]);
                }
        }
    }
    return s;
}

std::vector<std::pair<std::string, std::string>> PropertyCases() {
    std::vector<std::pair<std::string, std::string>> cases;
    std::mt19937 random(20261123);
    const std::vector<std::size_t> edge_lengths{0, 1, 2, 31, 32, 63, 64, 65, 127, 128, 129, 130, 200};
    for (int alphabet : {2, 4, 26, 256}) {
        for (std::size_t la : edge_lengths) {
            for (std::size_t lb : edge_lengths) {
                cases.emplace_back(RandomString(random, la, alphabet), RandomString(random, lb, alphabet));
            }
            const auto s = RandomString(random, la, alphabet);
            cases.emplace_back(s, s);
            cases.emplace_back(s, Mutated(random, s, alphabet));
        }
        std::uniform_int_distribution<std::size_t> length(0, 140);
        for (int i = 0; i < 600; ++i) {
            const auto s = RandomString(random, length(random), alphabet);
            cases.emplace_back(
                s, i % 2 == 0 ? Mutated(random, s, alphabet) : RandomString(random, length(random), alphabet));
        }
    }
    // Nothing in common, and every byte moved by one place.
    cases.emplace_back(std::string(65, 'a'), std::string(65, 'b'));
    cases.emplace_back(std::string(130, 'x'), std::string(64, 'y'));
    std::string ramp;
    for (int c = 1; c < 131; ++c) {
        ramp.push_back(static_cast<char>(c));
    }
    cases.emplace_back(ramp, ramp.substr(1) + ramp.front());
    std::string swapped = ramp;
    for (std::size_t i = 0; i + 1 < swapped.size(); i += 2) {
        std::swap(swapped[i], swapped[i + 1]);
    }
    cases.emplace_back(ramp, swapped);
    return cases;
}

TEST(Distances, BitParallelAgreesWithDynamicProgrammingOnRandomAndEdgeStrings) {
    const auto cases = PropertyCases();
    ASSERT_GT(cases.size(), 2500u);
    for (const auto& [a, b] : cases) {
        SCOPED_TRACE(::testing::Message() << "lengths " << a.size() << "/" << b.size());
        ASSERT_EQ(Levenshtein(a, b), ReferenceDistance(a, b, false));
        ASSERT_EQ(Levenshtein(b, a), ReferenceDistance(a, b, false));
        ASSERT_EQ(DamerauLevenshtein(a, b), ReferenceDistance(a, b, true));
        ASSERT_EQ(DamerauLevenshtein(b, a), ReferenceDistance(b, a, true));
    }
}

TEST(Distances, KnownValues) {
    EXPECT_EQ(Levenshtein("", ""), 0u);
    EXPECT_EQ(Levenshtein("", "budi"), 4u);
    EXPECT_EQ(Levenshtein("kitten", "sitting"), 3u);
    EXPECT_EQ(Levenshtein("sujono", "sujnoo"), 2u);
    EXPECT_EQ(DamerauLevenshtein("sujono", "sujnoo"), 1u);
    // Optimal string alignment: "ca" → "abc" needs 3, not the 2 of unrestricted Damerau.
    EXPECT_EQ(DamerauLevenshtein("ca", "abc"), 3u);
    EXPECT_EQ(Levenshtein(std::string(64, 'a'), std::string(65, 'a')), 1u);
    EXPECT_EQ(Levenshtein(std::string(130, 'a'), std::string(130, 'b')), 130u);
}

TEST(Jaro, BitParallelAgreesWithTheTextbookAlgorithm) {
    for (const auto& [a, b] : PropertyCases()) {
        SCOPED_TRACE(::testing::Message() << "lengths " << a.size() << "/" << b.size());
        ASSERT_NEAR(Jaro(a, b), ReferenceJaro(a, b), 1e-12);
    }
}

TEST(JaroWinkler, PublishedExamples) {
    EXPECT_NEAR(JaroWinkler("MARTHA", "MARHTA"), 0.961, 0.0005);
    EXPECT_NEAR(JaroWinkler("DWAYNE", "DUANE"), 0.840, 0.0005);
    EXPECT_NEAR(JaroWinkler("DIXON", "DICKSONX"), 0.813, 0.0005);
    EXPECT_NEAR(Jaro("MARTHA", "MARHTA"), 0.944, 0.0005);
    EXPECT_DOUBLE_EQ(JaroWinkler("budi", "budi"), 1.0);
    EXPECT_DOUBLE_EQ(JaroWinkler("", ""), 1.0);
    EXPECT_DOUBLE_EQ(JaroWinkler("abc", ""), 0.0);
    EXPECT_DOUBLE_EQ(JaroWinkler("abc", "xyz"), 0.0);
}

NameComparison Compare(std::string_view a, std::string_view b) {
    return CompareNames(NormaliseName(a), NormaliseName(b));
}

TEST(CompareNames, IndonesianVariantsMeetAtTheRightLevel) {
    EXPECT_EQ(Compare("H. Moch. Soedjono, S.Pd.", "Mochamad Sujono").level, NameLevel::kExact);
    EXPECT_EQ(Compare("Siti Nur Chasanah", "Siti Nurkhasanah").level, NameLevel::kSameTokens);
    EXPECT_EQ(Compare("Santoso Budi", "BUDI SANTOSO").level, NameLevel::kSameTokens);
    EXPECT_EQ(Compare("Tjahjono", "Cahyono").level, NameLevel::kExact);
    EXPECT_EQ(Compare("M. Sujono", "Muhammad Sujono").level, NameLevel::kVeryClose);
    EXPECT_EQ(Compare("Siti Nurhasanah", "Siti Nurhasana").level, NameLevel::kVeryClose);
    EXPECT_EQ(Compare("Nurhayati Siti", "Siti Nurhayaty").level, NameLevel::kVeryClose);
    EXPECT_EQ(Compare("Sujono Wibowo", "Wibowo Sujana").level, NameLevel::kSimilar);
    EXPECT_EQ(Compare("Siti Aminah", "Siti Aminah Lestari").level, NameLevel::kSubset);
    EXPECT_EQ(Compare("Dewi Lestari", "Agus Salim").level, NameLevel::kDifferent);
    EXPECT_EQ(Compare("Dr., S.Pd.", "Budi").level, NameLevel::kMissing);
}

TEST(CompareNames, ScoresFallAsNamesDrift) {
    const double variant = Compare("Budi Santoso", "Budi Santosa").score;
    const double other_surname = Compare("Budi Santoso", "Budi Hartono").score;
    const double other_person = Compare("Budi Santoso", "Rini Wulandari").score;
    EXPECT_GT(variant, other_surname);
    EXPECT_GT(other_surname, other_person);
    EXPECT_EQ(Compare("Budi Santoso", "Budi Santosa").level, NameLevel::kVeryClose);
}

year_month_day Date(int y, unsigned m, unsigned d) { return year_month_day{year{y}, month{m}, day{d}}; }

TEST(CompareDates, Levels) {
    EXPECT_EQ(CompareDates(Date(1980, 5, 12), Date(1980, 5, 12)), DateLevel::kExact);
    EXPECT_EQ(CompareDates(Date(1980, 5, 12), Date(1980, 12, 5)), DateLevel::kDayMonthSwapped);
    EXPECT_EQ(CompareDates(Date(1980, 5, 12), Date(1980, 5, 13)), DateLevel::kOneDigitOff);
    EXPECT_EQ(CompareDates(Date(1980, 5, 12), Date(1990, 5, 12)), DateLevel::kOneDigitOff);
    EXPECT_EQ(CompareDates(Date(1980, 5, 12), Date(1981, 2, 1)), DateLevel::kWithinYear);
    EXPECT_EQ(CompareDates(Date(1980, 5, 12), Date(1985, 7, 30)), DateLevel::kDifferent);
    EXPECT_EQ(CompareDates(std::nullopt, Date(1980, 5, 12)), DateLevel::kMissing);
    EXPECT_EQ(CompareDates(Date(1980, 2, 30), Date(1980, 2, 28)), DateLevel::kMissing);
}

TEST(CompareNiks, Levels) {
    const std::string nik = "3302011205800001";
    EXPECT_EQ(CompareNiks(nik, "3302 0112 0580 0001"), NikLevel::kExact);
    EXPECT_EQ(CompareNiks(nik, "3302011205800007"), NikLevel::kOneDigitOff);
    EXPECT_EQ(CompareNiks(nik, "330201120580001"), NikLevel::kOneDigitOff);  // a digit dropped
    EXPECT_EQ(CompareNiks(nik, "3302011250800001"), NikLevel::kAdjacentSwap);
    EXPECT_EQ(CompareNiks(nik, "3302011205801100"), NikLevel::kDifferent);
    EXPECT_EQ(CompareNiks(nik, "3201015507920003"), NikLevel::kDifferent);
    EXPECT_EQ(CompareNiks(nik, ""), NikLevel::kMissing);
    EXPECT_EQ(CompareNiks("-", nik), NikLevel::kMissing);
    EXPECT_EQ(CompareNiks("belum ada", nik), NikLevel::kMissing);
}

TEST(NikConsistency, DayPlusFortyMarksWomen) {
    const auto woman = CheckNikConsistency("3302015205800001", Date(1980, 5, 12), Sex::kFemale);
    EXPECT_TRUE(woman.decodable);
    EXPECT_EQ(woman.birth_date_agrees, true);
    EXPECT_EQ(woman.sex_agrees, true);

    const auto stated_male = CheckNikConsistency("3302015205800001", Date(1980, 5, 12), Sex::kMale);
    EXPECT_EQ(stated_male.sex_agrees, false);

    const auto man = CheckNikConsistency("3302011205800001", Date(1980, 5, 21), Sex::kMale);
    EXPECT_EQ(man.birth_date_agrees, false);
    EXPECT_EQ(man.sex_agrees, true);

    const auto no_facts = CheckNikConsistency("3302011205800001", std::nullopt, std::nullopt);
    EXPECT_TRUE(no_facts.decodable);
    EXPECT_FALSE(no_facts.birth_date_agrees.has_value());
    EXPECT_FALSE(no_facts.sex_agrees.has_value());

    EXPECT_FALSE(CheckNikConsistency("3302019905800001", Date(1980, 5, 12), Sex::kMale).decodable);
    EXPECT_FALSE(CheckNikConsistency("3302011213800001", Date(1980, 5, 12), Sex::kMale).decodable);
    EXPECT_FALSE(CheckNikConsistency("33020112058000", Date(1980, 5, 12), Sex::kMale).decodable);
}

TEST(CompareRegions, Levels) {
    EXPECT_EQ(CompareRegions("33.02.01.2001", "3302012001"), RegionLevel::kSameVillage);
    EXPECT_EQ(CompareRegions("33.02.01.2001", "33.02.01.2005"), RegionLevel::kSameDistrict);
    EXPECT_EQ(CompareRegions("33.02.01.2001", "33.02.01"), RegionLevel::kSameDistrict);
    EXPECT_EQ(CompareRegions("33.02.01.2001", "33.02.14.1003"), RegionLevel::kSameRegency);
    EXPECT_EQ(CompareRegions("33.02.01.2001", "33.04.01.2001"), RegionLevel::kDifferent);
    EXPECT_EQ(CompareRegions("33.02.01.2001", "35"), RegionLevel::kDifferent);
    EXPECT_EQ(CompareRegions("33.02.01.2001", "33"), RegionLevel::kMissing);
    EXPECT_EQ(CompareRegions("", "33.02.01.2001"), RegionLevel::kMissing);
}

}  // namespace
}  // namespace sinergi::linkage
