#include "registry/names.hpp"

#include <gtest/gtest.h>

namespace sinergi::registry {
namespace {

TEST(NameTokens, OldAndNewSpellingsMeet) {
    EXPECT_EQ(NameTokens("Moehammad Joesoef"), NameTokens("Muhamad Yusuf"));
    EXPECT_EQ(NameTokens("Soekarno"), NameTokens("Sukarno"));
    EXPECT_EQ(NameTokens("Tjahjo"), NameTokens("Cahyo"));
    EXPECT_EQ(NameTokens("Djoko"), NameTokens("Joko"));
    EXPECT_EQ(NameTokens("Siti Fatimah"), NameTokens("SITI FATIMA"));
    EXPECT_EQ(NameTokens("Khairul"), NameTokens("Hairul"));
}

TEST(NameTokens, DropsTitlesHonorificsAndPatronymicLinks) {
    EXPECT_EQ(NameTokens("Hj. Siti Aminah, S.Pd."), NameTokens("Siti Aminah"));
    EXPECT_EQ(NameTokens("Drs. H. Ahmad bin Sulaiman"), NameTokens("Ahmad Sulaiman"));
}

TEST(NameTokens, KeepsDifferentNamesApart) {
    EXPECT_NE(NameTokens("Budi Santoso"), NameTokens("Budi Susanto"));
    EXPECT_NE(NameTokens("Dewi"), NameTokens("Dewa"));
}

TEST(NameTokens, PunctuationOnlyGivesNoTokens) {
    EXPECT_TRUE(NameTokens(" . , - ").empty());
    EXPECT_TRUE(NameTokens("'; DROP TABLE persons; --").size() == 3);
}

}  // namespace
}  // namespace sinergi::registry
