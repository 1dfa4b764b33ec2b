#include <gtest/gtest.h>

#include "registry/registry_fixture.hpp"

namespace sinergi::registry {
namespace {

class ChangeRequestTest : public RegistryTest {
 protected:
    ChangeRequestTest() {
        auto own = Family("33.02.01.2002");
        household_ = registry_.Create(operator_, own, Source::kForm, "Pendataan awal");
    }

    ProposedChange AddChild(std::string name = "Ani") {
        ProposedChange change;
        change.kind = ChangeKind::kAddMember;
        change.household_id = household_.id;
        change.reason = "Kelahiran, hasil musdes";
        change.payload = {
            {"member",
             boost::json::object{{"name", name}, {"sex", "P"}, {"birth_date", "2026-10-01"}, {"relation", "anak"}}}};
        return change;
    }

    template <typename F>
    Error Fails(F&& f) {
        try {
            f();
        } catch (const Error& error) {
            return error;
        }
        ADD_FAILURE() << "expected an error";
        return Error(sinergi::errors::kInternal, {"", ""});
    }

    Household household_;
};

TEST_F(ChangeRequestTest, VillageProposesAndTheRegistryOperatorVerifiesIntoTheRegister) {
    auto proposed = registry_.Propose(village_, AddChild());
    EXPECT_EQ(proposed.status, "proposed");
    EXPECT_EQ(proposed.village_code, "33.02.01.2002");
    EXPECT_EQ(registry_.Get(operator_, household_.id).members.size(), 3u);  // nothing applied yet

    auto verified = registry_.Verify(operator_, proposed.id, "Sesuai akta kelahiran");
    EXPECT_EQ(verified.status, "verified");
    EXPECT_EQ(verified.decided_by_name, "operator");
    auto after = registry_.Get(operator_, household_.id);
    ASSERT_EQ(after.members.size(), 4u);
    EXPECT_EQ(TextOf(after.members.back().fields, "name"), "Ani");
    PageRequest page;
    page.limit = 100;
    auto history = registry_.History(operator_, household_.id, page);
    EXPECT_EQ(history.items.back().source, "change_request");
    EXPECT_NE(history.items.back().reason.find("usulan #"), std::string::npos);
}

TEST_F(ChangeRequestTest, AVillageOperatorProposesOnlyForTheirOwnVillage) {
    auto elsewhere = Family("33.02.01.2001");
    elsewhere.fields["kk_number"] = std::string("3302011203150008");
    elsewhere.members = {Member("Sri Wahyuni", "P", "kepala_keluarga")};
    auto other = registry_.Create(operator_, elsewhere, Source::kForm, "uji");
    auto change = AddChild();
    change.household_id = other.id;
    EXPECT_EQ(Fails([&] { registry_.Propose(village_, change); }).slug(), "forbidden");
}

TEST_F(ChangeRequestTest, NobodyVerifiesTheirOwnProposalAndEachIsDecidedOnce) {
    auto own = registry_.Propose(operator_, AddChild());
    EXPECT_EQ(Fails([&] { registry_.Verify(operator_, own.id, ""); }).slug(), "forbidden");
    auto proposed = registry_.Propose(village_, AddChild("Tono"));
    registry_.Reject(operator_, proposed.id, "Akta kelahiran belum dilampirkan");
    EXPECT_EQ(Fails([&] { registry_.Verify(operator_, proposed.id, ""); }).slug(), "change-request-decided");
    EXPECT_EQ(Fails([&] { registry_.Withdraw(village_, proposed.id); }).slug(), "change-request-decided");
}

TEST_F(ChangeRequestTest, ARejectionMustSayWhy) {
    auto proposed = registry_.Propose(village_, AddChild());
    auto error = Fails([&] { registry_.Reject(operator_, proposed.id, ""); });
    ASSERT_EQ(error.issues().size(), 1u);
    EXPECT_EQ(error.issues()[0].field, "note");
}

TEST_F(ChangeRequestTest, VerificationRechecksTheRegisterAsItIsNow) {
    auto change = AddChild();
    change.payload["member"].as_object()["nik"] = "3302014110260001";  // a girl born 01-10-26
    auto proposed = registry_.Propose(village_, change);
    // Meanwhile the same NIK is registered elsewhere.
    auto other = Family("33.02.01.2001");
    other.fields["kk_number"] = std::string("3302011203150008");
    other.members = {Member("Ani Lain", "P", "kepala_keluarga", "3302014110260001")};
    registry_.Create(operator_, other, Source::kForm, "uji");
    auto error = Fails([&] { registry_.Verify(operator_, proposed.id, ""); });
    EXPECT_EQ(error.issues().at(0).code, "REG-2204");
    EXPECT_EQ(registry_.GetChangeRequest(operator_, proposed.id).status, "proposed");
}

TEST_F(ChangeRequestTest, DeathIsRecordedWithItsDate) {
    ProposedChange change;
    change.kind = ChangeKind::kDeath;
    change.person_id = household_.members[1].id;
    change.reason = "Meninggal dunia";
    change.payload = {{"date", "2026-11-01"}};
    auto proposed = registry_.Propose(village_, change);
    registry_.Verify(operator_, proposed.id, "");
    auto after = registry_.Get(operator_, household_.id);
    EXPECT_EQ(TextOf(after.members[1].fields, "life_status"), "deceased");
    EXPECT_EQ(TextOf(after.members[1].fields, "life_status_date"), "2026-11-01");
    EXPECT_EQ(after.member_count, 2);
}

TEST_F(ChangeRequestTest, ASplitFormsANewHouseholdWithItsOwnHead) {
    ProposedChange change;
    change.kind = ChangeKind::kSplit;
    change.household_id = household_.id;
    change.reason = "Anak menikah dan membuat KK sendiri";
    const auto child = household_.members[2].id;
    change.payload = {{"person_ids", boost::json::array{child}},
                      {"head_person_id", child},
                      {"household", boost::json::object{{"kk_number", "3302010101260002"}}}};
    auto proposed = registry_.Propose(village_, change);
    auto verified = registry_.Verify(operator_, proposed.id, "");
    ASSERT_TRUE(verified.result_household_id);
    auto split = registry_.Get(operator_, *verified.result_household_id);
    ASSERT_EQ(split.members.size(), 1u);
    EXPECT_EQ(split.head_person_id, child);
    EXPECT_EQ(TextOf(split.fields, "village_code"), "33.02.01.2002");
    EXPECT_EQ(registry_.Get(operator_, household_.id).members.size(), 2u);
}

TEST_F(ChangeRequestTest, ProposalsAreCheckedWhenMade) {
    ProposedChange change;
    change.kind = ChangeKind::kDeath;
    change.person_id = household_.members[1].id;
    change.reason = "Meninggal dunia";
    change.payload = {{"date", "2030-01-01"}};  // in the future
    auto error = Fails([&] { registry_.Propose(village_, change); });
    EXPECT_EQ(error.issues().at(0).field, "payload.date");
}

}  // namespace
}  // namespace sinergi::registry
