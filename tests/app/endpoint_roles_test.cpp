// Every API endpoint × every role (and no one signed in): who gets through the policy and who gets 401/403.
// The table below must name every registered route, so a new endpoint cannot ship without its access decision.
#include <map>
#include <set>

#include <gtest/gtest.h>

#include "app/app.hpp"
#include "support/test_support.hpp"

namespace sinergi {
namespace {

using identity::Role;

struct Case {
    std::string method;
    std::string pattern;     // as registered
    std::string path;        // a concrete path; {target}, {token} are filled in
    std::string query;       // "k=v&k2=v2"
    std::string body;        // JSON, empty for none
    std::set<Role> allowed;  // roles the policy lets through; empty = public
    bool public_endpoint = false;
};

const std::set<Role> kEveryRole{Role::kAdmin,       Role::kCoordinator,      Role::kAgencyHead,
                                Role::kAgencyStaff, Role::kRegistryOperator, Role::kVillageOperator,
                                Role::kNgoPartner,  Role::kFacilitator,      Role::kAuditor};

std::vector<Case> Table() {
    const std::set<Role> admin{Role::kAdmin};
    // Personal data: never NGO partners, never auditors (aggregates only).
    const std::set<Role> register_readers{Role::kAdmin,       Role::kCoordinator,      Role::kAgencyHead,
                                          Role::kAgencyStaff, Role::kRegistryOperator, Role::kVillageOperator,
                                          Role::kFacilitator};
    const std::set<Role> register_writers{Role::kAdmin, Role::kRegistryOperator};
    std::set<Role> figures_readers = register_readers;
    figures_readers.insert(Role::kAuditor);
    const std::set<Role> proposers{Role::kAdmin, Role::kRegistryOperator, Role::kVillageOperator};
    // Staff run their own agency's programmes; the admin any.
    const std::set<Role> program_managers{Role::kAdmin, Role::kAgencyHead, Role::kAgencyStaff};
    return {
        {"GET", "/api/v1/health", "/api/v1/health", "", "", {}, true},
        {"GET", "/api/v1/openapi.yaml", "/api/v1/openapi.yaml", "", "", {}, true},
        {"POST",
         "/api/v1/auth/login",
         "/api/v1/auth/login",
         "",
         R"({"username":"u.auditor","password":"kata-sandi-uji-123"})",
         {},
         true},
        {"GET", "/api/v1/auth/me", "/api/v1/auth/me", "", "", kEveryRole},
        {"POST", "/api/v1/auth/password", "/api/v1/auth/password", "",
         R"({"current_password":"salah-salah-salah","new_password":"kata-sandi-baru-1"})", kEveryRole},
        {"POST", "/api/v1/auth/logout", "/api/v1/auth/logout", "", "", kEveryRole},
        {"GET", "/api/v1/users", "/api/v1/users", "", "", {Role::kAdmin, Role::kAgencyHead}},
        {"POST", "/api/v1/users", "/api/v1/users", "",
         R"({"username":"baru","full_name":"Pengguna Baru","agency_id":2,"role":"agency_staff","password":"kata-sandi-baru-1"})",
         admin},
        {"GET", "/api/v1/users/{id}", "/api/v1/users/{target}", "", "", {Role::kAdmin, Role::kAgencyHead}},
        {"PATCH", "/api/v1/users/{id}", "/api/v1/users/{target}", "", R"({"full_name":"Nama Diubah"})", admin},
        {"POST", "/api/v1/users/{id}/disable", "/api/v1/users/{target}/disable", "", "", admin},
        {"POST", "/api/v1/users/{id}/enable", "/api/v1/users/{target}/enable", "", "", admin},
        {"POST", "/api/v1/users/{id}/password", "/api/v1/users/{target}/password", "",
         R"({"password":"kata-sandi-baru-2"})", admin},
        {"GET", "/api/v1/agencies", "/api/v1/agencies", "", "", kEveryRole},
        {"POST", "/api/v1/agencies", "/api/v1/agencies", "",
         R"({"code":"DINKOP","name":"Dinas Koperasi","kind":"dinas","region_code":"33.02"})", admin},
        {"GET", "/api/v1/agencies/{id}", "/api/v1/agencies/2", "", "", kEveryRole},
        {"PATCH", "/api/v1/agencies/{id}", "/api/v1/agencies/2", "", R"({"name":"Dinas Sosial PPPA"})", admin},
        {"GET", "/api/v1/tokens", "/api/v1/tokens", "", "", admin},
        {"POST", "/api/v1/tokens", "/api/v1/tokens", "", R"({"user_id":{target},"name":"uji coba"})", admin},
        {"POST", "/api/v1/tokens/{id}/revoke", "/api/v1/tokens/{token}/revoke", "", "", admin},
        {"GET", "/api/v1/audit", "/api/v1/audit", "", "", admin},
        {"GET", "/api/v1/regions", "/api/v1/regions", "parent=33.02", "", kEveryRole},
        {"GET", "/api/v1/regions/{code}", "/api/v1/regions/33.02", "", "", kEveryRole},
        {"GET", "/api/v1/households", "/api/v1/households", "q=siti", "", register_readers},
        {"POST", "/api/v1/households", "/api/v1/households", "", R"({"reason":"uji","household":{},"members":[]})",
         register_writers},
        {"GET", "/api/v1/households/{id}", "/api/v1/households/{household}", "", "", register_readers},
        {"PATCH", "/api/v1/households/{id}", "/api/v1/households/{household}", "", R"({"reason":"uji","rt":"003"})",
         register_writers},
        {"GET", "/api/v1/households/{id}/history", "/api/v1/households/{household}/history", "", "", register_readers},
        {"GET", "/api/v1/persons", "/api/v1/persons", "q=siti", "", register_readers},
        {"GET", "/api/v1/registry/currency", "/api/v1/registry/currency", "", "", figures_readers},
        {"PATCH", "/api/v1/persons/{id}", "/api/v1/persons/{person}", "", R"({"reason":"uji","occupation":"petani"})",
         register_writers},
        {"POST", "/api/v1/change-requests", "/api/v1/change-requests", "",
         R"({"kind":"death","person_id":{person},"reason":"uji","payload":{"date":"2026-11-01"}})", proposers},
        {"GET", "/api/v1/change-requests", "/api/v1/change-requests", "", "", proposers},
        {"GET", "/api/v1/change-requests/{id}", "/api/v1/change-requests/{request}", "", "", proposers},
        {"POST", "/api/v1/change-requests/{id}/verify", "/api/v1/change-requests/{request}/verify", "", "",
         register_writers},
        {"POST", "/api/v1/change-requests/{id}/reject", "/api/v1/change-requests/{request}/reject", "",
         R"({"note":"data belum lengkap"})", register_writers},
        {"POST", "/api/v1/change-requests/{id}/withdraw", "/api/v1/change-requests/{request}/withdraw", "", "",
         proposers},
        {"GET", "/api/v1/change-requests/{id}/attachments/{attachment}",
         "/api/v1/change-requests/{request}/attachments/999", "", "", proposers},
        {"POST", "/api/v1/registry/exports", "/api/v1/registry/exports", "",
         R"({"format":"csv","purpose":"uji hak akses ekspor"})", register_readers},
        // Sent as JSON here, so the writers get past the policy to a 415.
        {"POST", "/api/v1/registry/imports", "/api/v1/registry/imports", "", "{}", register_writers},
        {"GET", "/api/v1/registry/imports", "/api/v1/registry/imports", "", "", register_writers},
        {"GET", "/api/v1/registry/imports/{id}", "/api/v1/registry/imports/999", "", "", register_writers},
        {"GET", "/api/v1/registry/imports/{id}/report", "/api/v1/registry/imports/999/report", "", "",
         register_writers},
        {"GET", "/api/v1/programs", "/api/v1/programs", "", "", kEveryRole},
        {"POST", "/api/v1/programs", "/api/v1/programs", "", "{}", program_managers},
        {"GET", "/api/v1/programs/{id}", "/api/v1/programs/999", "", "", kEveryRole},
        {"PATCH", "/api/v1/programs/{id}", "/api/v1/programs/999", "", R"({"name":"Program Baru"})", program_managers},
        {"POST", "/api/v1/programs/eligibility-preview", "/api/v1/programs/eligibility-preview", "",
         R"({"eligibility_rule":{"all":[]},"limit":0})", register_readers},
        {"GET", "/api/v1/programs/{id}/eligibility/{household_id}", "/api/v1/programs/999/eligibility/{household}", "",
         "", register_readers},
        {"GET", "/api/v1/programs/{id}/enrolments", "/api/v1/programs/999/enrolments", "", "", register_readers},
        {"POST", "/api/v1/programs/{id}/enrolments", "/api/v1/programs/999/enrolments", "",
         R"({"household_id":{household},"reason":"uji"})", program_managers},
        {"POST", "/api/v1/programs/{id}/enrolments/bulk", "/api/v1/programs/999/enrolments/bulk", "",
         R"({"source":"eligible","reason":"uji"})", program_managers},
        {"POST", "/api/v1/enrolments/{id}/transition", "/api/v1/enrolments/999/transition", "",
         R"({"to":"verified","reason":"uji"})", program_managers},
        {"GET", "/api/v1/programs/{id}/stages/{number}", "/api/v1/programs/999/stages/1", "", "", kEveryRole},
        {"GET", "/api/v1/households/{id}/programs", "/api/v1/households/{household}/programs", "", "",
         register_readers},
        {"POST", "/api/v1/programs/{id}/stages/{number}/freeze", "/api/v1/programs/999/stages/1/freeze", "", "",
         program_managers},
        {"GET", "/api/v1/programs/{id}/stages/{number}/disbursements", "/api/v1/programs/999/stages/1/disbursements",
         "", "", register_readers},
        {"PATCH", "/api/v1/disbursements/{id}", "/api/v1/disbursements/999", "",
         R"({"status":"paid","status_date":"2026-11-01"})", program_managers},
        // Analytics: counts for everyone who may see aggregates, the households behind them for register readers.
        {"GET", "/api/v1/analytics/overview", "/api/v1/analytics/overview", "", "", figures_readers},
        {"GET", "/api/v1/analytics/overlap", "/api/v1/analytics/overlap", "", "", figures_readers},
        {"GET", "/api/v1/analytics/overlap/households", "/api/v1/analytics/overlap/households", "a=999&b=998", "",
         register_readers},
        {"GET", "/api/v1/analytics/duplicate-benefits", "/api/v1/analytics/duplicate-benefits", "", "",
         figures_readers},
        {"GET", "/api/v1/analytics/duplicate-benefits/households", "/api/v1/analytics/duplicate-benefits/households",
         "benefit_type=cash", "", register_readers},
        {"GET", "/api/v1/analytics/coverage", "/api/v1/analytics/coverage", "", "", figures_readers},
        {"GET", "/api/v1/analytics/coverage/uncovered", "/api/v1/analytics/coverage/uncovered", "", "",
         register_readers},
        {"GET", "/api/v1/analytics/snapshot", "/api/v1/analytics/snapshot", "", "", figures_readers},
        {"GET", "/api/v1/programs/{id}/targeting", "/api/v1/programs/999/targeting", "", "", figures_readers},
        {"GET", "/api/v1/programs/{id}/targeting/households", "/api/v1/programs/999/targeting/households",
         "list=excluded", "", register_readers},
        {"GET", "/api/v1/households/{id}/benefits", "/api/v1/households/{household}/benefits", "", "",
         register_readers},
        // Sent as JSON here, so the programme managers get past the policy to a 415.
        {"POST", "/api/v1/programs/{id}/stages/{number}/results", "/api/v1/programs/999/stages/1/results", "", "{}",
         program_managers},
        // A PMT estimate is about a named household; a run rewrites every estimate (the second writer gets a 409).
        {"GET", "/api/v1/households/{id}/pmt", "/api/v1/households/{household}/pmt", "", "", register_readers},
        {"GET", "/api/v1/registry/pmt/disagreements", "/api/v1/registry/pmt/disagreements", "", "", register_readers},
        {"POST", "/api/v1/registry/pmt/runs", "/api/v1/registry/pmt/runs", "", "", register_writers},
        {"GET", "/api/v1/registry/pmt/runs", "/api/v1/registry/pmt/runs", "", "", register_writers},
        {"GET", "/api/v1/registry/pmt/runs/{id}", "/api/v1/registry/pmt/runs/999", "", "", register_writers},
    };
}

std::string Fill(std::string text, const std::map<std::string, std::string>& values) {
    for (const auto& [key, value] : values) {
        for (auto pos = text.find(key); pos != std::string::npos; pos = text.find(key)) {
            text.replace(pos, key.size(), value);
        }
    }
    return text;
}

class EndpointRoles : public ::testing::Test {
 protected:
    EndpointRoles() : db_(testing::MigratedDatabase(dir_)), clock_(*ParseTimestamp("2026-11-23T08:00:00Z")) {
        testing::InsertTestRegions(*db_);
        AppOptions options;
        options.web_root = dir_.path() / "no-web";
        options.work_dir = dir_.path() / "work";
        app_ = std::make_unique<App>(*db_, clock_, options);
        auto& identity = app_->identity();
        const auto system = identity::IdentityService::System();
        const auto bappeda =
            identity.CreateAgency(system, {"BAPPEDA", "Bappeda", identity::AgencyKind::kBappeda, "33.02"});
        const auto dinsos =
            identity.CreateAgency(system, {"DINSOS", "Dinas Sosial", identity::AgencyKind::kDinas, "33.02"});
        const auto desa =
            identity.CreateAgency(system, {"DESA-2001", "Desa Cingebul", identity::AgencyKind::kDesa, "33.02.01.2001"});
        const auto lsm = identity.CreateAgency(system, {"LSM", "Yayasan Mitra", identity::AgencyKind::kNgo, "33.02"});
        for (auto role : kEveryRole) {
            const auto agency = role == Role::kAdmin || role == Role::kCoordinator ? bappeda.id
                                : role == Role::kVillageOperator                   ? desa.id
                                : role == Role::kNgoPartner                        ? lsm.id
                                                                                   : dinsos.id;
            const std::string username = "u." + std::string(identity::ToString(role));
            identity.CreateUser(system, {username, "Pengguna Uji", agency, role, kPassword});
            SignIn(role);
        }
        const auto target =
            identity.CreateUser(system, {"sasaran", "Staf Sasaran", dinsos.id, Role::kAgencyStaff, kPassword});
        const auto token = identity.CreateToken(system, target.id, "token uji", std::nullopt);
        registry::NewHousehold household;
        household.fields = {{"village_code", std::string("33.02.01.2001")}};
        household.members = {{{"name", std::string("Siti Aminah")},
                              {"sex", std::string("P")},
                              {"relation", std::string("kepala_keluarga")}}};
        const auto created = app_->registry().Create(system, household, registry::Source::kForm, "uji akses");
        registry::ProposedChange change;
        change.kind = registry::ChangeKind::kChangeHousehold;
        change.household_id = created.id;
        change.payload = {{"changes", boost::json::object{{"rt", "004"}}}};
        change.reason = "uji akses";
        const auto request = app_->registry().Propose(system, change);
        values_ = {{"{target}", std::to_string(target.id)},
                   {"{request}", std::to_string(request.id)},
                   {"{token}", std::to_string(token.token.id)},
                   {"{household}", std::to_string(created.id)},
                   {"{person}", std::to_string(created.members.front().id)}};
    }

    void SignIn(Role role) {
        auto result = app_->identity().Login("u." + std::string(identity::ToString(role)), kPassword, "127.0.0.1");
        sessions_[role] = {result.session_token, result.csrf_token};
    }

    // The status, and whether it was the gateway's refusal by role (as opposed to a scope or ownership rule).
    struct Outcome {
        unsigned status = 0;
        bool role_refused = false;
    };

    Outcome Call(const Case& c, std::optional<Role> role) {
        http::Request request;
        request.method = c.method;
        request.path = Fill(c.path, values_);
        request.client_ip = "127.0.0.1";
        if (!c.query.empty()) {
            const auto eq = c.query.find('=');
            request.query.emplace_back(c.query.substr(0, eq), c.query.substr(eq + 1));
        }
        if (!c.body.empty()) {
            request.headers.emplace_back("Content-Type", "application/json");
            request.body = Fill(c.body, values_);
        }
        if (role) {
            const auto& [token, csrf] = sessions_.at(*role);
            request.headers.emplace_back("Cookie", std::string(identity::kSessionCookie) + "=" + token);
            request.headers.emplace_back("X-CSRF-Token", csrf);
        }
        Outcome outcome;
        try {
            outcome.status = app_->Handle(request).status;
        } catch (const Error& error) {
            outcome.status = http::StatusOf(error.kind());
            outcome.role_refused = error.code() == identity::errors::kRoleNotAllowed.code;
        }
        if (role && c.pattern == "/api/v1/auth/logout" && outcome.status == 204) {
            SignIn(*role);
        }
        return outcome;
    }

    static constexpr const char* kPassword = "kata-sandi-uji-123";
    testing::TempDir dir_;
    std::unique_ptr<db::Database> db_;
    ManualClock clock_;
    std::unique_ptr<App> app_;
    std::map<Role, std::pair<std::string, std::string>> sessions_;
    std::map<std::string, std::string> values_;
};

TEST_F(EndpointRoles, TableNamesEveryRegisteredRoute) {
    std::set<std::pair<std::string, std::string>> covered;
    for (const auto& c : Table()) {
        covered.emplace(c.method, c.pattern);
    }
    for (const auto& route : app_->api().router().routes()) {
        EXPECT_TRUE(covered.contains({route.method, route.pattern}))
            << route.method << " " << route.pattern << " has no row in the endpoint × role table";
    }
}

TEST_F(EndpointRoles, EveryRoleGetsExactlyWhatThePolicyGrants) {
    for (const auto& c : Table()) {
        const auto anonymous = Call(c, std::nullopt);
        if (c.public_endpoint) {
            EXPECT_NE(anonymous.status, 401u) << c.method << " " << c.pattern << " should be public";
            continue;
        }
        EXPECT_EQ(anonymous.status, 401u) << c.method << " " << c.pattern << " without a session";
        for (auto role : kEveryRole) {
            const auto outcome = Call(c, role);
            const auto name = std::string(identity::ToString(role));
            if (c.allowed.contains(role)) {
                // Past the policy; a scope or ownership rule may still answer 403 for this particular record.
                EXPECT_TRUE(outcome.status != 401u && !outcome.role_refused)
                    << c.method << " " << c.pattern << " as " << name << " got " << outcome.status;
            } else {
                EXPECT_EQ(outcome.status, 403u) << c.method << " " << c.pattern << " as " << name;
                EXPECT_TRUE(outcome.role_refused) << c.method << " " << c.pattern << " as " << name;
            }
        }
    }
}

TEST_F(EndpointRoles, SessionWithoutCsrfTokenCannotChangeState) {
    http::Request request;
    request.method = "POST";
    request.path = "/api/v1/agencies";
    request.headers = {{"Cookie", std::string(identity::kSessionCookie) + "=" + sessions_.at(Role::kAdmin).first},
                       {"Content-Type", "application/json"}};
    request.body = R"({"code":"DINKOP","name":"Dinas Koperasi","kind":"dinas","region_code":"33.02"})";
    try {
        app_->Handle(request);
        FAIL() << "expected 403";
    } catch (const Error& error) {
        EXPECT_EQ(error.slug(), "csrf-token-missing");
    }
    request.headers.emplace_back("X-CSRF-Token", "not-the-token");
    try {
        app_->Handle(request);
        FAIL() << "expected 403";
    } catch (const Error& error) {
        EXPECT_EQ(error.slug(), "csrf-token-invalid");
    }
}

}  // namespace
}  // namespace sinergi
