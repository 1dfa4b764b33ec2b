#include "regions/regions_service.hpp"

#include <fstream>

#include <gtest/gtest.h>

#include "support/test_support.hpp"

namespace sinergi::regions {
namespace {

void Write(const std::filesystem::path& path, const std::string& text) { std::ofstream(path) << text; }

void WriteValidFiles(const std::filesystem::path& dir) {
    Write(dir / "provinces.csv", "code,name\n33,Jawa Tengah\n34,Di Yogyakarta\n");
    Write(dir / "regencies.csv", "code,province_code,name\n33.02,33,Kabupaten Banyumas\n34.71,34,Kota Yogyakarta\n");
    Write(dir / "districts.csv", "code,regency_code,name\n33.02.01,33.02,Lumbir\n33.02.02,33.02,Wangon\n");
    Write(dir / "villages.csv",
          "code,district_code,name\n33.02.01.2001,33.02.01,Cirahab\n33.02.01.2002,33.02.01,\"Canduk, Lor\"\n");
}

TEST(RegionCode, LevelFollowsTheShape) {
    EXPECT_EQ(LevelOfCode("33"), Level::kProvince);
    EXPECT_EQ(LevelOfCode("33.02"), Level::kRegency);
    EXPECT_EQ(LevelOfCode("33.02.01"), Level::kDistrict);
    EXPECT_EQ(LevelOfCode("33.02.01.2001"), Level::kVillage);
    EXPECT_FALSE(LevelOfCode("33.2"));
    EXPECT_FALSE(LevelOfCode("33.02.01.201"));
    EXPECT_FALSE(LevelOfCode("3a"));
    EXPECT_FALSE(LevelOfCode(""));
}

TEST(Regions, LoadsBrowsesAndSearches) {
    testing::TempDir dir;
    auto db = testing::MigratedDatabase(dir);
    WriteValidFiles(dir.path());
    RegionsService regions(*db);
    auto report = regions.Load(dir.path());
    EXPECT_EQ(report.provinces, 2);
    EXPECT_EQ(report.villages, 2);

    PageRequest page;
    EXPECT_EQ(regions.List({}, page).total, 2);  // provinces by default
    auto districts = regions.List({"33.02", std::nullopt, std::nullopt}, page);
    EXPECT_EQ(districts.total, 2);
    auto found = regions.List({std::nullopt, Level::kVillage, "canduk"}, page);
    ASSERT_EQ(found.items.size(), 1u);
    EXPECT_EQ(found.items[0].name, "Canduk, Lor");

    auto village = regions.Get("33.02.01.2001");
    ASSERT_EQ(village.ancestors.size(), 3u);
    EXPECT_EQ(village.ancestors[0].code, "33");
    EXPECT_EQ(village.ancestors[2].name, "Lumbir");
    EXPECT_THROW(regions.Get("33.02.99"), Error);
}

TEST(Regions, ABrokenFileChangesNothingAndNamesTheLine) {
    testing::TempDir dir;
    auto db = testing::MigratedDatabase(dir);
    WriteValidFiles(dir.path());
    Write(dir.path() / "villages.csv",
          "code,district_code,name\n33.02.01.2001,33.02.01,Cirahab\n33.02.02.2001,33.02.01,Salah Induk\n");
    RegionsService regions(*db);
    try {
        regions.Load(dir.path());
        FAIL() << "expected the load to fail";
    } catch (const Error& error) {
        EXPECT_NE(error.message().en.find("villages.csv line 3"), std::string::npos) << error.message().en;
    }
    EXPECT_FALSE(regions.Exists("33"));
}

TEST(Regions, PagingWalksAllChildren) {
    testing::TempDir dir;
    auto db = testing::MigratedDatabase(dir);
    WriteValidFiles(dir.path());
    RegionsService regions(*db);
    regions.Load(dir.path());
    PageRequest page;
    page.limit = 1;
    auto first = regions.List({"33.02", std::nullopt, std::nullopt}, page);
    ASSERT_TRUE(first.next_key);
    page.after = first.next_key;
    auto second = regions.List({"33.02", std::nullopt, std::nullopt}, page);
    EXPECT_EQ(second.items[0].code, "33.02.02");
    EXPECT_FALSE(second.next_key);
}

}  // namespace
}  // namespace sinergi::regions
