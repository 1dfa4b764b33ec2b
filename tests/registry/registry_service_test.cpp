#include "registry/registry_service.hpp"

#include <gtest/gtest.h>

#include "registry/registry_fixture.hpp"

namespace sinergi::registry {
namespace {

TEST_F(RegistryTest, CreatesAHouseholdWithWarningsAndHistory) {
    auto household = registry_.Create(operator_, Family(), Source::kForm, "Pendataan awal");
    EXPECT_EQ(household.version, 1);
    ASSERT_EQ(household.members.size(), 3u);
    EXPECT_EQ(household.head_name, "Moehammad Joesoef");
    EXPECT_TRUE(household.members[0].warnings.empty());
    EXPECT_EQ(household.members[1].warnings, (std::vector<std::string>{"nik_birth_date_mismatch"}));
    EXPECT_EQ(household.members[2].warnings, (std::vector<std::string>{"nik_missing"}));
    PageRequest page;
    auto history = registry_.History(operator_, household.id, page);
    EXPECT_EQ(history.total, 4);  // the household and its three members
    EXPECT_EQ(history.items[0].reason, "Pendataan awal");
}

TEST_F(RegistryTest, CollectsEveryProblemOfAHouseholdAtOnce) {
    auto household = Family("33.02.01.9999");
    household.members[0]["nik"] = std::string("3302013208850003");      // day 32
    household.members[1]["relation"] = std::string("kepala_keluarga");  // two heads
    auto error = CreateFails(household);
    EXPECT_EQ(Fields(error), (std::vector<std::string>{"household.village_code", "members[0].nik", "members"}));
}

TEST_F(RegistryTest, OneNikBelongsToOneLivingPerson) {
    registry_.Create(operator_, Family(), Source::kForm, "uji");
    auto second = Family();
    second.members = {Member("Orang Lain", "L", "kepala_keluarga", "3302011708850003")};
    auto error = CreateFails(second);
    ASSERT_EQ(error.issues().size(), 1u);
    EXPECT_EQ(error.issues()[0].code, "REG-2204");
    EXPECT_EQ(error.issues()[0].field, "members[0].nik");
}

TEST_F(RegistryTest, AChangeNeedsTheCurrentVersionAndIsRecordedFieldByField) {
    auto household = registry_.Create(operator_, Family(), Source::kForm, "uji");
    auto changed =
        registry_.Update(operator_, household.id, 1, {{"floor_material", std::string("tanah")}}, "Verifikasi lapangan");
    EXPECT_EQ(changed.version, 2);
    try {
        registry_.Update(operator_, household.id, 1, {{"floor_material", std::string("keramik")}}, "terlambat");
        FAIL() << "a stale version must be refused";
    } catch (const Error& error) {
        EXPECT_EQ(error.slug(), "version-mismatch");
        EXPECT_EQ(error.extensions().at("current_version"), 2);
    }
    // Setting the same value again changes nothing and records nothing.
    EXPECT_EQ(registry_.Update(operator_, household.id, 2, {{"floor_material", std::string("tanah")}}, "sama").version,
              2);
    PageRequest page;
    auto history = registry_.History(operator_, household.id, page);
    ASSERT_EQ(history.total, 5);
    const auto& last = history.items.back();
    EXPECT_EQ(last.kind, "change");
    EXPECT_EQ(last.reason, "Verifikasi lapangan");
    EXPECT_EQ(last.changes_json, R"([{"field":"floor_material","before":null,"after":"tanah"}])");
}

TEST_F(RegistryTest, KkNumberKeepsItsHistoryAndStaysSearchable) {
    auto household = registry_.Create(operator_, Family(), Source::kForm, "uji");
    registry_.Update(operator_, household.id, 1, {{"kk_number", std::string("3302010101200001")}}, "KK baru");
    PageRequest page;
    HouseholdQuery old_number;
    old_number.q = "3302011203150007";
    EXPECT_EQ(registry_.SearchHouseholds(operator_, old_number, page).total, 1);
    HouseholdQuery new_number;
    new_number.q = "3302010101200001";
    EXPECT_EQ(registry_.SearchHouseholds(operator_, new_number, page).total, 1);
}

TEST_F(RegistryTest, SearchToleratesSpellingAndFiltersByRegionAndDesil) {
    registry_.Create(operator_, Family(), Source::kForm, "uji");
    auto other = Family("33.02.01.2002");
    other.fields["kk_number"] = std::string("3302011203150008");
    other.fields["desil"] = std::int64_t{7};
    other.members = {Member("Sri Wahyuni", "P", "kepala_keluarga")};
    registry_.Create(operator_, other, Source::kForm, "uji");
    PageRequest page;
    HouseholdQuery query;
    query.q = "muhamad yusuf";
    auto found = registry_.SearchHouseholds(operator_, query, page);
    ASSERT_EQ(found.total, 1);
    EXPECT_EQ(found.items[0].head_name, "Moehammad Joesoef");
    query.q = "3302015708870004";  // the wife's NIK finds her household
    EXPECT_EQ(registry_.SearchHouseholds(operator_, query, page).total, 1);
    HouseholdQuery by_region;
    by_region.region = "33.02.01";
    EXPECT_EQ(registry_.SearchHouseholds(operator_, by_region, page).total, 2);
    by_region.region = "33.02.01.2002";
    EXPECT_EQ(registry_.SearchHouseholds(operator_, by_region, page).total, 1);
    HouseholdQuery poor;
    poor.desil_max = 4;
    EXPECT_EQ(registry_.SearchHouseholds(operator_, poor, page).total, 1);
    HouseholdQuery by_attribute;
    by_attribute.attributes["desil_source"] = std::string("dtsen");
    EXPECT_EQ(registry_.SearchHouseholds(operator_, by_attribute, page).total, 0);
    by_attribute.attributes["desil_source"] = db::Value{};
    EXPECT_EQ(registry_.SearchHouseholds(operator_, by_attribute, page).total, 2);
    PersonQuery persons;
    persons.q = "wahyuni";
    EXPECT_EQ(registry_.SearchPersons(operator_, persons, page).total, 1);
}

TEST_F(RegistryTest, VillageOperatorSeesOnlyTheirVillage) {
    auto elsewhere = registry_.Create(operator_, Family("33.02.01.2001"), Source::kForm, "uji");
    auto own = Family("33.02.01.2002");
    own.fields["kk_number"] = std::string("3302011203150008");
    own.members = {Member("Sri Wahyuni", "P", "kepala_keluarga")};
    auto mine = registry_.Create(operator_, own, Source::kForm, "uji");
    PageRequest page;
    EXPECT_EQ(registry_.SearchHouseholds(village_, {}, page).total, 1);
    EXPECT_EQ(registry_.Get(village_, mine.id).id, mine.id);
    EXPECT_THROW(registry_.Get(village_, elsewhere.id), Error);
}

TEST_F(RegistryTest, RenamingAPersonUpdatesSearchAndRechecksTheNik) {
    auto household = registry_.Create(operator_, Family(), Source::kForm, "uji");
    const auto& child = household.members[2];
    auto renamed = registry_.UpdatePerson(operator_, child.id, 1,
                                          {{"name", std::string("Budi Santoso")},
                                           {"nik", std::string("3302010501220001")},
                                           {"birth_date", std::string("2022-01-05")}},
                                          "Perbaikan data");
    EXPECT_EQ(renamed.version, 2);
    EXPECT_TRUE(renamed.warnings.empty());
    PageRequest page;
    PersonQuery query;
    query.q = "santoso";
    EXPECT_EQ(registry_.SearchPersons(operator_, query, page).total, 1);
}

TEST_F(RegistryTest, ReadsAreAudited) {
    auto household = registry_.Create(operator_, Family(), Source::kForm, "uji");
    registry_.Get(operator_, household.id);
    identity::AuditFilter filter;
    filter.action = "household.read";
    PageRequest page;
    auto entries = identity_.ListAudit(system_, filter, page);
    ASSERT_EQ(entries.total, 1);
    EXPECT_EQ(entries.items[0].actor_username, "operator");
    EXPECT_EQ(entries.items[0].entity_id, std::to_string(household.id));
}

}  // namespace
}  // namespace sinergi::registry

namespace sinergi::registry {
namespace {

TEST_F(RegistryTest, CurrencyCountsRecentlyVerifiedHouseholdsPerVillage) {
    auto fresh = Family("33.02.01.2001");
    fresh.fields["verified_at"] = std::string("2026-06-01");
    registry_.Create(operator_, fresh, Source::kForm, "uji");
    auto stale = Family("33.02.01.2001");
    stale.fields["kk_number"] = std::string("3302011203150008");
    stale.fields["verified_at"] = std::string("2023-01-15");
    stale.members = {Member("Sri Wahyuni", "P", "kepala_keluarga", "3302015005800001", "1980-05-10")};
    registry_.Create(operator_, stale, Source::kForm, "uji");
    PageRequest page;
    auto currency = registry_.Currency(operator_, std::string("33.02"), 12, page);
    ASSERT_EQ(currency.total, 1);
    const auto& village = currency.items[0];
    EXPECT_EQ(village.village_code, "33.02.01.2001");
    EXPECT_EQ(village.households, 2);
    EXPECT_EQ(village.verified_recently, 1);
    EXPECT_EQ(village.oldest_verified_at, "2023-01-15");
    EXPECT_EQ(village.with_warnings, 1);  // the first family: a child without NIK, a birth date mismatch
}

}  // namespace
}  // namespace sinergi::registry
