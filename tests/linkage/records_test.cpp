#include "linkage/records.hpp"

#include <vector>

#include <gtest/gtest.h>

namespace sinergi::linkage {
namespace {

TEST(ParseBirthDate, ReadsTheDeclaredFormat) {
    EXPECT_EQ(ParseBirthDate("12/05/1980", "DD/MM/YYYY"), 19800512U);
    EXPECT_EQ(ParseBirthDate("1980-05-12", "YYYY-MM-DD"), 19800512U);
    EXPECT_EQ(ParseBirthDate(" 19800512 ", ""), 19800512U);
    EXPECT_EQ(ParseBirthDate("1980-05-12", ""), 19800512U);
}

TEST(ParseBirthDate, RefusesWhatIsNotACalendarDateInThatFormat) {
    EXPECT_EQ(ParseBirthDate("31/02/1980", "DD/MM/YYYY"), 0U);
    EXPECT_EQ(ParseBirthDate("1980-05-12", "DD/MM/YYYY"), 0U);
    EXPECT_EQ(ParseBirthDate("12/05/80", "DD/MM/YYYY"), 0U);
    EXPECT_EQ(ParseBirthDate("", ""), 0U);
}

TEST(PhoneticKey, GivesSpellingVariantsOneKey) {
    EXPECT_EQ(PhoneticKey("suharto"), PhoneticKey("suhartho"));
    EXPECT_EQ(PhoneticKey("kurniawan"), PhoneticKey("curniawan"));
    EXPECT_EQ(PhoneticKey("yusuf"), PhoneticKey("jusuf"));
    EXPECT_NE(PhoneticKey("budi"), PhoneticKey("bambang"));
    EXPECT_EQ(PhoneticKey("suharto"), "s63");
}

TEST(PrepareRecords, GivesEqualValuesOneCodeAndCountsNames) {
    std::vector<RawRecord> raw(3);
    raw[0].id = "a";
    raw[0].values[Index(Field::kGivenName)] = "H. Moch. Soedjono";
    raw[0].values[Index(Field::kNik)] = "3302 0112 0580 0001";
    raw[1].id = "b";
    raw[1].values[Index(Field::kGivenName)] = "Muhammad Sujono";
    raw[1].values[Index(Field::kNik)] = "3302011205800001";
    raw[2].id = "c";
    raw[2].values[Index(Field::kNik)] = "33020112x5800001";
    const auto records = PrepareRecords(raw, raw.size(), {});
    EXPECT_EQ(records.given_name[0], records.given_name[1]);
    EXPECT_EQ(records.given_name_count[records.given_name[0]], 2U);
    EXPECT_EQ(records.nik[0], records.nik[1]);
    EXPECT_EQ(records.nik[2], 0U);  // not a number: missing, not a different NIK
    EXPECT_FALSE(records.present[Index(Field::kBirthDate)]);
    EXPECT_EQ(records.Text(Field::kGivenName, 0), "muhamad sujono");
}

}  // namespace
}  // namespace sinergi::linkage
