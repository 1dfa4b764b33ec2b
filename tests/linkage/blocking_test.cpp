#include "linkage/blocking.hpp"

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "linkage/records.hpp"

namespace sinergi::linkage {
namespace {

RawRecord Person(std::string id, std::string given, std::string surname, std::string birth_date, std::string nik,
                 std::string postcode = "") {
    RawRecord record;
    record.id = std::move(id);
    record.values[Index(Field::kGivenName)] = std::move(given);
    record.values[Index(Field::kSurname)] = std::move(surname);
    record.values[Index(Field::kBirthDate)] = std::move(birth_date);
    record.values[Index(Field::kNik)] = std::move(nik);
    record.values[Index(Field::kPostcode)] = std::move(postcode);
    return record;
}

RawRecord NikOnly(std::string id, std::string nik) { return Person(std::move(id), "", "", "", std::move(nik)); }

bool Paired(const std::vector<RawRecord>& raw) {
    const auto records = PrepareRecords(raw, raw.size(), {});
    return !FindCandidates(records, {}).pairs.empty();
}

TEST(Blocking, EmitsAPairFoundByEveryRuleOnce) {
    const std::vector<RawRecord> raw{Person("a", "Budi", "Santoso", "19800512", "3302011205800001", "53111"),
                                     Person("b", "Budi", "Santoso", "19800512", "3302011205800001", "53111"),
                                     Person("c", "Agus", "Salim", "19671130", "3302013011670002", "53999")};
    const auto records = PrepareRecords(raw, raw.size(), {});
    const auto candidates = FindCandidates(records, {});
    ASSERT_EQ(candidates.pairs.size(), 1U);
    EXPECT_EQ(candidates.First(0), 0U);
    EXPECT_EQ(candidates.Second(0), 1U);
    std::uint64_t emitted = 0;
    for (const auto& rule : candidates.rules) {
        emitted += rule.pairs_emitted;
    }
    EXPECT_EQ(candidates.rules.size(), kBlockingRuleCount);
    EXPECT_GE(emitted, kBlockingRuleCount);  // every rule found the pair; it is a candidate once
}

TEST(Blocking, NikDeletionKeysCatchEveryOneDigitReplacement) {
    const std::string nik = "3302011205800001";
    for (std::size_t position = 0; position < nik.size(); ++position) {
        for (char digit = '0'; digit <= '9'; ++digit) {
            if (digit == nik[position]) {
                continue;
            }
            auto typed = nik;
            typed[position] = digit;
            EXPECT_TRUE(Paired({NikOnly("a", nik), NikOnly("b", typed)})) << typed;
        }
    }
}

TEST(Blocking, NikDeletionKeysCatchADroppedAddedOrSwappedDigit) {
    const std::string nik = "3302011205800001";
    for (std::size_t position = 0; position < nik.size(); ++position) {
        auto dropped = nik;
        dropped.erase(position, 1);
        EXPECT_TRUE(Paired({NikOnly("a", nik), NikOnly("b", dropped)})) << dropped;
        auto added = nik;
        added.insert(position, 1, '7');
        EXPECT_TRUE(Paired({NikOnly("a", nik), NikOnly("b", added)})) << added;
        if (position + 1 < nik.size()) {
            auto swapped = nik;
            std::swap(swapped[position], swapped[position + 1]);
            EXPECT_TRUE(Paired({NikOnly("a", nik), NikOnly("b", swapped)})) << swapped;
        }
    }
}

TEST(Blocking, NikDeletionKeysInTheBirthDateDigitsAlsoNeedTheNamesInitial) {
    // Digits 7-12 are the birth date: alone, a deletion there would pair everyone of a district born days apart.
    const auto person = [](std::string id, std::string name, std::string nik) {
        return Person(std::move(id), std::move(name), "", "", std::move(nik));
    };
    // Rahma and Riska share no phonetic key, so only the NIK rule can pair them.
    EXPECT_TRUE(Paired({person("a", "Rahma", "3302016105070001"), person("b", "Riska", "3302016106070001")}));
    EXPECT_TRUE(Paired({person("a", "Rahma", "3302016105070001"), person("b", "Riska", "330201610507001")}));
    EXPECT_FALSE(Paired({person("a", "Rahma", "3302016105070001"), person("b", "Dewi", "3302016106070001")}));
    // Outside the date digits the letter is not needed.
    EXPECT_TRUE(Paired({person("a", "Rahma", "3302016105070001"), person("b", "Dewi", "3302016105070002")}));
}

TEST(Blocking, NikDeletionKeysKeepNumbersTwoDigitsApartUnpaired) {
    EXPECT_FALSE(Paired({NikOnly("a", "3302011205800001"), NikOnly("b", "3302911205800071")}));
}

TEST(Blocking, PhoneticNameKeysPairSpellingVariantsAndSwappedNames) {
    EXPECT_TRUE(Paired({Person("a", "Soeharto", "Wibowo", "", ""), Person("b", "Suharto", "Wibowo", "", "")}));
    EXPECT_TRUE(Paired({Person("a", "Dewi", "Lestari", "", ""), Person("b", "Lestari", "Dewi", "", "")}));
    EXPECT_FALSE(Paired({Person("a", "Dewi", "Lestari", "", ""), Person("b", "Agus", "Salim", "", "")}));
}

TEST(Blocking, SkipsAndReportsABlockPastTheCap) {
    std::vector<RawRecord> raw;
    raw.reserve(5);
    for (int i = 0; i < 5; ++i) {
        raw.push_back(Person("p" + std::to_string(i), "", "", "19700101", ""));
    }
    const auto records = PrepareRecords(raw, raw.size(), {});
    BlockingOptions options;
    options.max_block_records = 4;
    const auto candidates = FindCandidates(records, options);
    EXPECT_TRUE(candidates.pairs.empty());
    ASSERT_EQ(candidates.rules.size(), 1U);
    EXPECT_EQ(candidates.rules[0].rule, BlockingRule::kBirthDate);
    EXPECT_EQ(candidates.rules[0].oversized_blocks, 1U);
    EXPECT_EQ(candidates.rules[0].oversized_records, 5U);

    options.max_block_records = 5;
    EXPECT_EQ(FindCandidates(records, options).pairs.size(), 10U);
}

TEST(Blocking, MatchingPairsOnlyLeftWithRightRecords) {
    const std::vector<RawRecord> raw{Person("l1", "", "", "19700101", ""), Person("l2", "", "", "19700101", ""),
                                     Person("r1", "", "", "19700101", "")};
    const auto records = PrepareRecords(raw, 2, {});
    const auto candidates = FindCandidates(records, {});
    ASSERT_EQ(candidates.pairs.size(), 2U);
    for (std::size_t i = 0; i < candidates.pairs.size(); ++i) {
        EXPECT_LT(candidates.First(i), 2U);
        EXPECT_EQ(candidates.Second(i), 2U);
    }
}

}  // namespace
}  // namespace sinergi::linkage
