#include "registry/nik.hpp"

#include <gtest/gtest.h>

namespace sinergi::registry {
namespace {

using std::chrono::day;
using std::chrono::month;
using std::chrono::year;
using std::chrono::year_month_day;

TEST(Nik, ReadsRegionBirthDateAndSex) {
    auto man = ParseNik("3302011708850003");
    ASSERT_TRUE(man.parts) << man.problem->message.en;
    EXPECT_EQ(man.parts->district_code, "33.02.01");
    EXPECT_EQ(man.parts->day, 17u);
    EXPECT_EQ(man.parts->month, 8u);
    EXPECT_EQ(man.parts->year_2digit, 85u);
    EXPECT_EQ(man.parts->sex, Sex::kMale);
    auto woman = ParseNik("3302015708850004");  // day 57 = 17 + 40
    ASSERT_TRUE(woman.parts);
    EXPECT_EQ(woman.parts->day, 17u);
    EXPECT_EQ(woman.parts->sex, Sex::kFemale);
}

TEST(Nik, RejectsWrongLengthAndNonDigits) {
    EXPECT_EQ(ParseNik("330201170885000").problem->code, "REG-2001");
    EXPECT_EQ(ParseNik("33020117088500O3").problem->code, "REG-2001");
    EXPECT_EQ(ParseNik("").problem->code, "REG-2001");
}

TEST(Nik, RejectsImpossibleBirthDay) {
    EXPECT_EQ(ParseNik("3302013208850003").problem->code, "REG-2003");  // 32
    EXPECT_EQ(ParseNik("3302010008850003").problem->code, "REG-2003");  // 00
    EXPECT_EQ(ParseNik("3302017208850003").problem->code, "REG-2003");  // 72
    EXPECT_EQ(ParseNik("3302014008850003").problem->code, "REG-2003");  // 40
}

TEST(Nik, RejectsImpossibleBirthDate) {
    EXPECT_EQ(ParseNik("3302013102850003").problem->code, "REG-2004");  // 31 February
    EXPECT_EQ(ParseNik("3302011713850003").problem->code, "REG-2004");  // month 13
    EXPECT_EQ(ParseNik("3302012902010003").problem->code, "REG-2004");  // 29 Feb 1901/2001
    EXPECT_TRUE(ParseNik("3302012902000003").parts);                    // 29 Feb 2000 exists
    EXPECT_TRUE(ParseNik("3302016902000003").parts);                    // and for a woman (69 = 29 + 40)
}

TEST(Nik, RejectsSerialZeroAndZeroRegion) {
    EXPECT_EQ(ParseNik("3302011708850000").problem->code, "REG-2005");
    EXPECT_EQ(ParseNik("0002011708850003").problem->code, "REG-2002");
    EXPECT_EQ(ParseNik("3302001708850003").problem->code, "REG-2002");
}

TEST(Nik, ProblemsNameTheFieldAndSpeakBothLanguages) {
    auto result = ParseNik("3302013208850003", "members[2].nik");
    ASSERT_TRUE(result.problem);
    EXPECT_EQ(result.problem->field, "members[2].nik");
    EXPECT_NE(result.problem->message.id.find("tanggal lahir"), std::string::npos);
    EXPECT_NE(result.problem->message.en.find("birth day"), std::string::npos);
}

TEST(Nik, WarnsWhenItDisagreesWithStatedFacts) {
    auto parts = *ParseNik("3302015708850004").parts;  // woman born 17-08-85
    EXPECT_TRUE(NikWarnings(parts, year_month_day{year{1985}, month{8}, day{17}}, Sex::kFemale, true).empty());
    EXPECT_EQ(NikWarnings(parts, year_month_day{year{1985}, month{8}, day{18}}, Sex::kFemale, true),
              (std::vector<std::string>{"nik_birth_date_mismatch"}));
    EXPECT_EQ(NikWarnings(parts, std::nullopt, Sex::kMale, true), (std::vector<std::string>{"nik_sex_mismatch"}));
    EXPECT_EQ(NikWarnings(parts, std::nullopt, std::nullopt, false), (std::vector<std::string>{"nik_region_unknown"}));
}

TEST(Kk, ChecksShapeRecordingDateAndSerial) {
    EXPECT_TRUE(ParseKk("3302011203150007").parts);
    EXPECT_EQ(ParseKk("3302011203150007").parts->district_code, "33.02.01");
    EXPECT_EQ(ParseKk("33020112031500").problem->code, "REG-2011");
    EXPECT_EQ(ParseKk("3302014203150007").problem->code, "REG-2012");  // no +40 in a KK
    EXPECT_EQ(ParseKk("3302011203150000").problem->code, "REG-2013");
}

}  // namespace
}  // namespace sinergi::registry
