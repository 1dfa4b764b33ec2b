#include "identity/identity_service.hpp"

#include <gtest/gtest.h>

#include "support/test_support.hpp"

namespace sinergi::identity {
namespace {

constexpr const char* kPassword = "kata-sandi-rahasia";

class IdentityTest : public ::testing::Test {
 protected:
    IdentityTest()
        : db_(testing::MigratedDatabase(dir_)),
          clock_(*ParseTimestamp("2026-11-23T08:00:00Z")),
          identity_(*db_, clock_) {
        testing::InsertTestRegions(*db_);
        dinsos_ = identity_.CreateAgency(system_, {"DINSOS", "Dinas Sosial", AgencyKind::kDinas, "33.02"});
        dinkes_ = identity_.CreateAgency(system_, {"DINKES", "Dinas Kesehatan", AgencyKind::kDinas, "33.02"});
        admin_ = identity_.CreateUser(system_, {"admin", "Admin TKPKD", dinsos_.id, Role::kAdmin, kPassword});
    }

    Caller SignedIn(const User& user) {
        Caller caller;
        caller.user = user;
        caller.client_ip = "127.0.0.1";
        return caller;
    }

    template <typename F>
    Error Catch(F&& f) {
        try {
            f();
        } catch (const Error& error) {
            return error;
        }
        ADD_FAILURE() << "expected an error";
        return Error(sinergi::errors::kInternal, {"", ""});
    }

    std::vector<AuditEntry> AuditFor(const std::string& action) {
        AuditFilter filter;
        filter.action = action;
        PageRequest page;
        page.limit = 100;
        return identity_.ListAudit(SignedIn(admin_), filter, page).items;
    }

    testing::TempDir dir_;
    std::unique_ptr<db::Database> db_;
    ManualClock clock_;
    IdentityService identity_;
    Caller system_ = IdentityService::System();
    Agency dinsos_;
    Agency dinkes_;
    User admin_;
};

TEST_F(IdentityTest, LoginWithTheRightPasswordStartsASession) {
    auto result = identity_.Login("Admin", kPassword, "10.0.0.1");
    EXPECT_EQ(result.user.username, "admin");
    EXPECT_FALSE(result.session_token.empty());
    http::Request request;
    request.headers = {{"Cookie", std::string(kSessionCookie) + "=" + result.session_token}};
    auto caller = identity_.Authenticate(request);
    ASSERT_TRUE(caller.signed_in());
    EXPECT_EQ(caller.user->id, admin_.id);
    EXPECT_EQ(caller.csrf_token, result.csrf_token);
    EXPECT_EQ(AuditFor("auth.login").front().outcome, "success");
}

TEST_F(IdentityTest, WrongPasswordAndUnknownUserGiveTheSameIndonesianMessage) {
    auto wrong = Catch([&] { identity_.Login("admin", "salah-sekali-123", "10.0.0.1"); });
    auto unknown = Catch([&] { identity_.Login("siapa", "salah-sekali-123", "10.0.0.1"); });
    EXPECT_EQ(wrong.slug(), "invalid-credentials");
    EXPECT_EQ(wrong.message().id, "Nama pengguna atau kata sandi salah.");
    EXPECT_EQ(unknown.message().id, wrong.message().id);
    auto attempts = AuditFor("auth.login");
    ASSERT_EQ(attempts.size(), 2u);
    EXPECT_EQ(attempts[0].outcome, "failure");
    EXPECT_NE(attempts[0].detail_json.find("unknown_user"), std::string::npos);
}

TEST_F(IdentityTest, SixthAttemptWithinFifteenMinutesIsRefusedUntilTheWindowPasses) {
    for (int i = 0; i < 5; ++i) {
        Catch([&] { identity_.Login("admin", "salah-sekali-123", "10.0.0.1"); });
        clock_.Advance(std::chrono::seconds(60));
    }
    // Even the right password is refused now, and says when to come back.
    auto refused = Catch([&] { identity_.Login("admin", kPassword, "10.0.0.1"); });
    EXPECT_EQ(refused.slug(), "too-many-login-attempts");
    const auto retry = refused.extensions().at("retry_after_seconds").as_int64();
    EXPECT_EQ(retry, 15 * 60 - 5 * 60);  // the first failure leaves the window 10 minutes from now
    clock_.Advance(std::chrono::seconds(retry));
    EXPECT_NO_THROW(identity_.Login("admin", kPassword, "10.0.0.1"));
    EXPECT_EQ(AuditFor("auth.login").size(), 7u);
}

TEST_F(IdentityTest, DisabledUserCannotSignInAndLosesOpenSessions) {
    auto staff = identity_.CreateUser(system_, {"staf", "Staf Dinsos", dinsos_.id, Role::kAgencyStaff, kPassword});
    auto session = identity_.Login("staf", kPassword, "10.0.0.2");
    identity_.SetUserActive(SignedIn(admin_), staff.id, false);
    http::Request request;
    request.headers = {{"Cookie", std::string(kSessionCookie) + "=" + session.session_token}};
    EXPECT_FALSE(identity_.Authenticate(request).signed_in());
    EXPECT_EQ(Catch([&] { identity_.Login("staf", kPassword, "10.0.0.2"); }).slug(), "invalid-credentials");
}

TEST_F(IdentityTest, SessionEndsAfterIdleTime) {
    auto session = identity_.Login("admin", kPassword, "10.0.0.1");
    http::Request request;
    request.headers = {{"Cookie", std::string(kSessionCookie) + "=" + session.session_token}};
    clock_.Advance(std::chrono::hours(3));
    EXPECT_TRUE(identity_.Authenticate(request).signed_in());
    clock_.Advance(std::chrono::hours(4) + std::chrono::seconds(1));
    EXPECT_FALSE(identity_.Authenticate(request).signed_in());
}

TEST_F(IdentityTest, PasswordPolicyNamesTheField) {
    auto short_one = Catch([&] {
        identity_.CreateUser(system_, {"budi", "Budi Santoso", dinsos_.id, Role::kAgencyStaff, "pendek"});
    });
    ASSERT_EQ(short_one.issues().size(), 1u);
    EXPECT_EQ(short_one.issues()[0].field, "password");
    auto with_name = Catch([&] {
        identity_.CreateUser(system_, {"budi", "Budi Santoso", dinsos_.id, Role::kAgencyStaff, "budi-1234567"});
    });
    EXPECT_EQ(with_name.issues()[0].code, "IDN-1102");
}

TEST_F(IdentityTest, UsernamesAreUniqueCaseInsensitively) {
    auto taken = Catch([&] {
        identity_.CreateUser(system_, {"ADMIN", "Admin Lain", dinsos_.id, Role::kAdmin, kPassword});
    });
    EXPECT_EQ(taken.slug(), "username-taken");
}

TEST_F(IdentityTest, NgoRoleAndNgoAgencyGoTogether) {
    auto error = Catch([&] {
        identity_.CreateUser(system_, {"mitra", "Mitra LSM", dinsos_.id, Role::kNgoPartner, kPassword});
    });
    EXPECT_EQ(error.issues()[0].field, "role");
}

TEST_F(IdentityTest, AgencyHeadSeesOnlyOwnAgencyStaff) {
    auto head = identity_.CreateUser(system_, {"kadinsos", "Kepala Dinsos", dinsos_.id, Role::kAgencyHead, kPassword});
    auto other = identity_.CreateUser(system_, {"stafkes", "Staf Dinkes", dinkes_.id, Role::kAgencyStaff, kPassword});
    PageRequest page;
    auto visible = identity_.ListUsers(SignedIn(head), {}, page);
    EXPECT_EQ(visible.total, 2);  // admin_ and the head, both of Dinsos
    for (const auto& user : visible.items) {
        EXPECT_EQ(user.agency_id, dinsos_.id);
    }
    EXPECT_EQ(Catch([&] { identity_.GetUser(SignedIn(head), other.id); }).slug(), "forbidden");
}

TEST_F(IdentityTest, ListsPageWithCursorsThatWalkEveryItemOnce) {
    for (int i = 0; i < 7; ++i) {
        identity_.CreateUser(system_,
                             {"staf" + std::to_string(i), "Staf Nomor", dinkes_.id, Role::kAgencyStaff, kPassword});
    }
    PageRequest page;
    page.limit = 3;
    std::vector<std::string> seen;
    for (;;) {
        auto result = identity_.ListUsers(SignedIn(admin_), {}, page);
        EXPECT_EQ(result.total, 8);
        for (const auto& user : result.items) {
            seen.push_back(user.username);
        }
        if (!result.next_key) {
            break;
        }
        page.after = result.next_key;
    }
    EXPECT_EQ(seen.size(), 8u);
}

TEST_F(IdentityTest, BearerTokenWorksUntilRevoked) {
    auto created = identity_.CreateToken(SignedIn(admin_), admin_.id, "integrasi SIKS-NG", std::nullopt);
    EXPECT_TRUE(created.secret.starts_with("snrg_"));
    http::Request request;
    request.headers = {{"Authorization", "Bearer " + created.secret}};
    auto caller = identity_.Authenticate(request);
    EXPECT_EQ(caller.method, AuthMethod::kBearer);
    identity_.RevokeToken(SignedIn(admin_), created.token.id);
    EXPECT_EQ(Catch([&] { identity_.Authenticate(request); }).slug(), "unauthenticated");
}

TEST_F(IdentityTest, ExpiredTokenIsRefused) {
    auto created = identity_.CreateToken(SignedIn(admin_), admin_.id, "sementara", "2026-11-24");
    http::Request request;
    request.headers = {{"Authorization", "Bearer " + created.secret}};
    EXPECT_NO_THROW(identity_.Authenticate(request));
    clock_.Advance(std::chrono::hours(24));
    EXPECT_THROW(identity_.Authenticate(request), Error);
}

TEST_F(IdentityTest, AgencyNeedsAKnownRegionAndAUniqueCode) {
    auto error = Catch([&] {
        identity_.CreateAgency(system_, {"dinsos", "Dinas Sosial Lagi", AgencyKind::kDinas, "99.99"});
    });
    EXPECT_EQ(error.issues()[0].field, "region_code");
    EXPECT_EQ(Catch([&] {
                  identity_.CreateAgency(system_, {"dinsos", "Dinas Sosial Lagi", AgencyKind::kDinas, "33.02"});
              }).slug(),
              "agency-code-taken");
}

TEST(Policy, OnlyDeclaredActionsAreAllowed) {
    EXPECT_EQ(Policy::Decide(Role::kAdmin, actions::kUsersManage), Scope::kAll);
    EXPECT_EQ(Policy::Decide(Role::kAgencyHead, actions::kUsersRead), Scope::kOwnAgency);
    EXPECT_FALSE(Policy::Decide(Role::kAuditor, actions::kUsersRead));
    EXPECT_FALSE(Policy::Decide(Role::kAdmin, "something.undeclared"));
}

}  // namespace
}  // namespace sinergi::identity
