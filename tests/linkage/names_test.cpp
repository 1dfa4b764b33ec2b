#include "linkage/names.hpp"

#include <gtest/gtest.h>

namespace sinergi::linkage {
namespace {

using Tokens = std::vector<std::string>;

Tokens TokensOf(std::string_view name) { return NormaliseName(name).tokens; }

TEST(NormaliseName, TitlesAndHonorificsGoWhereverTheyStand) {
    EXPECT_EQ(TokensOf("H. Moch. Soedjono, S.Pd."), (Tokens{"muhamad", "sujono"}));
    EXPECT_EQ(TokensOf("Mochamad Sujono"), (Tokens{"muhamad", "sujono"}));
    EXPECT_EQ(TokensOf("Hj.Siti Aminah"), (Tokens{"siti", "aminah"}));
    EXPECT_EQ(TokensOf("Drs. H. Ahmad Fauzi, M.Pd."), (Tokens{"ahmad", "fauzi"}));
    EXPECT_EQ(TokensOf("dra siti rahayu spd"), (Tokens{"siti", "rahayu"}));
    EXPECT_EQ(TokensOf("Prof.Dr.Ir. Budi Santoso"), (Tokens{"budi", "santoso"}));
    EXPECT_EQ(TokensOf("Budi Santoso S.E."), (Tokens{"budi", "santoso"}));
    EXPECT_EQ(TokensOf("Budi Santoso, SE"), (Tokens{"budi", "santoso"}));
    EXPECT_EQ(TokensOf("Budi Santoso S. Kom."), (Tokens{"budi", "santoso"}));
    EXPECT_EQ(TokensOf("Dewi Lestari, S.H."), (Tokens{"dewi", "lestari"}));
    EXPECT_EQ(TokensOf("KH. Hasyim Asyari"), (Tokens{"hasyim", "asyari"}));
    EXPECT_EQ(TokensOf("R. Ayu Lestari"), (Tokens{"ayu", "lestari"}));
    EXPECT_EQ(TokensOf("Rr. Sri Wahyuni"), (Tokens{"sri", "wahyuni"}));
    EXPECT_EQ(TokensOf("Ir Joko Widodo"), (Tokens{"joko", "widodo"}));
    // "St." without a comma or inner dot is Siti abbreviated, not the degree S.T.
    EXPECT_EQ(TokensOf("St. Aminah"), (Tokens{"st", "aminah"}));
    EXPECT_TRUE(TokensOf("Dr., S.Pd.").empty());
}

TEST(NormaliseName, FathersNameAfterBinIsKeptApart) {
    const auto abdul = NormaliseName("Abdul bin Slamet");
    EXPECT_EQ(abdul.tokens, (Tokens{"abdul"}));
    EXPECT_EQ(abdul.father_tokens, (Tokens{"slamet"}));
    const auto siti = NormaliseName("Siti Aisyah binti H. Oemar");
    EXPECT_EQ(siti.tokens, (Tokens{"siti", "aisyah"}));
    EXPECT_EQ(siti.father_tokens, (Tokens{"umar"}));
    EXPECT_EQ(NormaliseName("Siti bt. Umar").father_tokens, (Tokens{"umar"}));
    EXPECT_TRUE(NormaliseName("Budi Santoso").father_tokens.empty());
}

TEST(NormaliseName, OldSpellingsBecomeTheCurrentOne) {
    EXPECT_EQ(TokensOf("Tjahjono"), TokensOf("Cahyono"));
    EXPECT_EQ(TokensOf("Soekarno"), (Tokens{"sukarno"}));
    EXPECT_EQ(TokensOf("Djojohadikoesoemo"), (Tokens{"joyohadikusumo"}));
    EXPECT_EQ(TokensOf("Joesoef"), (Tokens{"yusuf"}));
    EXPECT_EQ(TokensOf("Njoman"), (Tokens{"nyoman"}));
    EXPECT_EQ(TokensOf("Soenjoto"), (Tokens{"sunyoto"}));
    EXPECT_EQ(TokensOf("Sjarifuddin"), (Tokens{"syarifudin"}));
    EXPECT_EQ(TokensOf("Chairil"), (Tokens{"khairil"}));
    EXPECT_EQ(TokensOf("Siti Nur Chasanah"), (Tokens{"siti", "nur", "khasanah"}));
    // A j made from dj is today's j, and a modern nj stays: Pandjaitan is Panjaitan, Panji is not Panyi.
    EXPECT_EQ(TokensOf("Pandjaitan"), (Tokens{"panjaitan"}));
    EXPECT_EQ(TokensOf("Panji"), (Tokens{"panji"}));
    EXPECT_EQ(TokensOf("Joko"), (Tokens{"joko"}));
}

TEST(NormaliseName, CasePunctuationDigitsAndDoubledLetters) {
    EXPECT_EQ(TokensOf("BUDI-SANTOSO 2"), (Tokens{"budi", "santoso"}));
    EXPECT_EQ(TokensOf("Ma'ruf Amin"), (Tokens{"maruf", "amin"}));
    EXPECT_EQ(TokensOf("Abdullah  Ibrahim"), (Tokens{"abdulah", "ibrahim"}));
    EXPECT_EQ(TokensOf("Jos\xC3\xA9 Rizal"), (Tokens{"jose", "rizal"}));
    EXPECT_EQ(TokensOf("Muhammad"), TokensOf("Moehammad"));
    EXPECT_EQ(TokensOf("Muh. Yusuf"), TokensOf("Mohamad Yusuf"));
    EXPECT_EQ(NormaliseName("Siti Nur Chasanah").Joined(), "siti nur khasanah");
    EXPECT_EQ(NormaliseName("Siti Nur Chasanah").compact, "sitinurkhasanah");
}

TEST(NormaliseName, SortedTokensCompareMultiPartNamesInAnyOrder) {
    EXPECT_EQ(NormaliseName("Santoso Budi").sorted_tokens, NormaliseName("Budi Santoso").sorted_tokens);
    EXPECT_EQ(NormaliseName("Siti Siti Aminah").sorted_tokens, (Tokens{"aminah", "siti"}));
    EXPECT_EQ(NormaliseName("Santoso Budi").tokens, (Tokens{"santoso", "budi"}));
}

TEST(NormaliseAddress, AbbreviationsAndRtRw) {
    const std::string expected = "jalan merdeka nomor 5 rt 003 rw 005 dusun krajan";
    EXPECT_EQ(NormaliseAddress("Jl. Merdeka No.5 RT 3 / RW 05 Dsn. Krajan"), expected);
    EXPECT_EQ(NormaliseAddress("JLN MERDEKA NO 05, RT.003/RW.005, DUSUN KRAJAN"), expected);
    EXPECT_EQ(NormaliseAddress("jalan Merdeka no. 5 rt/rw 3/5 dsn krajan"), expected);
    EXPECT_EQ(NormaliseAddress("Gg. Mawar RT03RW05"), "gang mawar rt 003 rw 005");
    EXPECT_EQ(NormaliseAddress("Kp. Sukamaju Ds. Cibodas Kec. Lembang"),
              "kampung sukamaju desa cibodas kecamatan lembang");
    EXPECT_EQ(NormaliseAddress("RT 12"), "rt 012");
    EXPECT_EQ(NormaliseAddress(""), "");
}

}  // namespace
}  // namespace sinergi::linkage
