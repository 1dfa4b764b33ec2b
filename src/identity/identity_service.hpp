// Identity owns who may do what: agencies, users and their roles (DESIGN.md §2), sign-in by session or API token,
// the one authorisation policy every route goes through, and the audit log of logins, changes and personal-data
// reads (UU 27/2022). Other modules include only this header.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/object.hpp>

#include "platform/clock.hpp"
#include "platform/database.hpp"
#include "platform/http.hpp"
#include "platform/paging.hpp"
#include "platform/router.hpp"

namespace sinergi::identity {

enum class Role {
    kAdmin,             // TKPKD secretariat (Bappeda): everything
    kCoordinator,       // TKPKD lead: reads all, meetings, indicators, approves the regency's reports
    kAgencyHead,        // kepala dinas: own agency
    kAgencyStaff,       // agency staff: own agency's programmes and drafts
    kRegistryOperator,  // social agency data staff: verifies and applies register changes
    kVillageOperator,   // village operator: proposes changes for own village only
    kNgoPartner,        // partner organisation: own cases and letters, no register browsing
    kFacilitator,       // pendamping: assigned villages and KUBE groups
    kAuditor,           // inspectorate, public: aggregate figures only
};
inline constexpr std::array kAllRoles{Role::kAdmin,       Role::kCoordinator,      Role::kAgencyHead,
                                      Role::kAgencyStaff, Role::kRegistryOperator, Role::kVillageOperator,
                                      Role::kNgoPartner,  Role::kFacilitator,      Role::kAuditor};
std::string_view ToString(Role role);
std::optional<Role> ParseRole(std::string_view text);

enum class AgencyKind { kBappeda, kDinas, kNgo, kKecamatan, kDesa };
inline constexpr std::array kAllAgencyKinds{AgencyKind::kBappeda, AgencyKind::kDinas, AgencyKind::kNgo,
                                            AgencyKind::kKecamatan, AgencyKind::kDesa};
std::string_view ToString(AgencyKind kind);
std::optional<AgencyKind> ParseAgencyKind(std::string_view text);

struct Agency {
    std::int64_t id = 0;
    std::string code;  // short unit code used in letter numbers, e.g. DINSOS
    std::string name;
    AgencyKind kind = AgencyKind::kDinas;
    std::string region_code;
    std::optional<std::string> region_name;
    bool active = true;
    std::string created_at;
    std::string updated_at;
};

struct User {
    std::int64_t id = 0;
    std::string username;
    std::string full_name;
    std::optional<std::int64_t> agency_id;
    std::optional<std::string> agency_name;
    std::optional<std::string> agency_region_code;
    Role role = Role::kAgencyStaff;
    bool active = true;
    std::string created_at;
    std::string updated_at;
    std::optional<std::string> last_login_at;
};

struct ApiToken {
    std::int64_t id = 0;
    std::int64_t user_id = 0;
    std::string username;
    std::string name;
    std::string created_at;
    std::optional<std::string> expires_at;
    std::optional<std::string> last_used_at;
    std::optional<std::string> revoked_at;
};

enum class AuthMethod { kNone, kSession, kBearer };

// Who is calling: the signed-in user (if any), how they proved it, and from where.
struct Caller {
    std::optional<User> user;
    AuthMethod method = AuthMethod::kNone;
    std::string session_key;  // hash of the session token, to end the session
    std::string csrf_token;   // session only
    std::string client_ip;
    bool signed_in() const { return user.has_value(); }
};

// ---- Authorisation ---------------------------------------------------------------------------------------------
// Every route names one action; the policy answers per role whether it is allowed and within which scope.
namespace actions {
inline constexpr std::string_view kPublic = "public";  // no sign-in needed
inline constexpr std::string_view kSelf = "self";      // any signed-in user, on their own account
inline constexpr std::string_view kUsersRead = "users.read";
inline constexpr std::string_view kUsersManage = "users.manage";
inline constexpr std::string_view kAgenciesRead = "agencies.read";
inline constexpr std::string_view kAgenciesManage = "agencies.manage";
inline constexpr std::string_view kTokensManage = "tokens.manage";
inline constexpr std::string_view kAuditRead = "audit.read";
inline constexpr std::string_view kRegionsRead = "regions.read";
inline constexpr std::string_view kRegistryRead = "registry.read";        // households and persons: personal data
inline constexpr std::string_view kRegistryWrite = "registry.write";      // create and change register records
inline constexpr std::string_view kRegistryPropose = "registry.propose";  // propose and follow change requests
inline constexpr std::string_view kRegistryVerify = "registry.verify";    // verify or reject change requests
inline constexpr std::string_view kRegistryFigures = "registry.figures";  // aggregate figures, no personal data
inline constexpr std::string_view kRegistryExport = "registry.export";    // personal data out as a file, with a purpose
inline constexpr std::string_view kProgramsRead = "programs.read";        // programmes: public administrative data
inline constexpr std::string_view kProgramsManage = "programs.manage";    // create and change an agency's programmes
inline constexpr std::string_view kProgramsPreview = "programs.preview";  // which households a rule selects
inline constexpr std::string_view kEnrolmentsRead = "enrolments.read";    // who is enrolled: personal data
inline constexpr std::string_view kPmtRead = "pmt.read";  // a household's PMT estimate, disagreements: personal data
inline constexpr std::string_view kPmtRun = "pmt.run";    // start and follow a Proxy Means Test run
inline constexpr std::string_view kAnalyticsFigures = "analytics.figures";  // overlap/coverage counts, no names
}  // namespace actions

// How far an allowed action reaches.
enum class Scope {
    kAll,        // everything in the installation
    kOwnAgency,  // records of the caller's agency
    kOwnRegion,  // records inside the caller's agency's region (a village operator's village)
    kAssigned,   // records the caller is assigned to (facilitators)
};

class Policy {
 public:
    // The scope within which `role` may do `action`, or nullopt when it may not.
    static std::optional<Scope> Decide(Role role, std::string_view action);
    // Every action the policy knows (for the endpoint × role tests).
    static std::vector<std::string_view> KnownActions();
};

// ---- Audit -----------------------------------------------------------------------------------------------------
enum class Outcome { kSuccess, kFailure, kDenied };

struct AuditRecord {
    std::string action;  // e.g. "user.create", "auth.login"
    std::string entity;  // e.g. "user"
    std::optional<std::string> entity_id;
    Outcome outcome = Outcome::kSuccess;
    boost::json::object detail;  // never secrets; personal data only as ids
};

struct AuditFilter {
    std::optional<std::string> actor;  // username
    std::optional<std::string> action;
    std::optional<std::string> entity;
    std::optional<std::string> entity_id;
    std::optional<std::string> outcome;
    std::optional<std::string> from;  // ISO time, inclusive
    std::optional<std::string> to;    // ISO time, exclusive
};

// ---- Service ---------------------------------------------------------------------------------------------------
struct IdentityOptions {
    std::chrono::seconds session_idle{std::chrono::hours(4)};
    std::chrono::seconds session_lifetime{std::chrono::hours(12)};
    int max_failed_logins = 5;
    std::chrono::seconds failed_login_window{std::chrono::minutes(15)};
    bool secure_cookies = false;  // set the Secure flag (behind TLS)
};

inline constexpr std::string_view kSessionCookie = "sinergi_session";

struct LoginResult {
    User user;
    std::string session_token;  // goes into the cookie; only its hash is stored
    std::string csrf_token;
};

struct UserFilter {
    std::optional<std::string> q;
    std::optional<std::int64_t> agency_id;
    std::optional<Role> role;
    std::optional<bool> active;
};

struct NewUser {
    std::string username;
    std::string full_name;
    std::optional<std::int64_t> agency_id;
    Role role = Role::kAgencyStaff;
    std::string password;
};

struct UserChanges {
    std::optional<std::string> full_name;
    std::optional<std::int64_t> agency_id;
    std::optional<Role> role;
};

struct AgencyFilter {
    std::optional<std::string> q;
    std::optional<AgencyKind> kind;
    std::optional<bool> active;
};

struct NewAgency {
    std::string code;
    std::string name;
    AgencyKind kind = AgencyKind::kDinas;
    std::string region_code;
};

struct AgencyChanges {
    std::optional<std::string> name;
    std::optional<AgencyKind> kind;
    std::optional<std::string> region_code;
    std::optional<bool> active;
};

template <typename T>
using Page = sinergi::Page<T>;

struct AuditEntry {
    std::int64_t id = 0;
    std::string at;
    std::optional<std::int64_t> actor_user_id;
    std::optional<std::string> actor_username;
    std::string action;
    std::string entity;
    std::optional<std::string> entity_id;
    std::string client_ip;
    std::string outcome;
    std::string detail_json;
};

struct CreatedToken {
    ApiToken token;
    std::string secret;  // shown once; only its hash is stored
};

class IdentityStore;

class IdentityService {
 public:
    IdentityService(db::Database& db, const Clock& clock, IdentityOptions options = {});
    ~IdentityService();
    IdentityService(const IdentityService&) = delete;
    IdentityService& operator=(const IdentityService&) = delete;

    const IdentityOptions& options() const { return options_; }

    // Sign-in. Throws 401 (wrong credentials, disabled) or 429 (too many failures); every attempt is audited.
    LoginResult Login(std::string_view username, std::string_view password, const std::string& client_ip);
    void Logout(const Caller& caller);
    // The caller behind a request's session cookie or bearer token; anonymous when none is sent. An invalid,
    // revoked or expired bearer token throws 401 (a machine should learn at once that its token is dead).
    Caller Authenticate(const http::Request& request);
    void ChangeOwnPassword(const Caller& caller, std::string_view current_password, std::string_view new_password);

    Page<User> ListUsers(const Caller& caller, const UserFilter& filter, const PageRequest& page);
    User GetUser(const Caller& caller, std::int64_t id);
    // For the CLI and the demo, which name users and agencies by username and code.
    std::optional<User> FindUserByUsername(std::string_view username);
    std::optional<Agency> FindAgencyByCode(std::string_view code);
    // `prior` carries problems the caller already found in the input's shape, so one answer lists every problem.
    User CreateUser(const Caller& caller, const NewUser& user, ValidationReport prior = {});
    User UpdateUser(const Caller& caller, std::int64_t id, const UserChanges& changes);
    User SetUserActive(const Caller& caller, std::int64_t id, bool active);
    void ResetPassword(const Caller& caller, std::int64_t id, std::string_view password);

    Page<Agency> ListAgencies(const Caller& caller, const AgencyFilter& filter, const PageRequest& page);
    Agency GetAgency(const Caller& caller, std::int64_t id);
    Agency CreateAgency(const Caller& caller, const NewAgency& agency, ValidationReport prior = {});
    Agency UpdateAgency(const Caller& caller, std::int64_t id, const AgencyChanges& changes);

    Page<ApiToken> ListTokens(const Caller& caller, std::optional<std::int64_t> user_id, const PageRequest& page);
    CreatedToken CreateToken(const Caller& caller, std::int64_t user_id, const std::string& name,
                             const std::optional<std::string>& expires_at);
    ApiToken RevokeToken(const Caller& caller, std::int64_t id);

    // Writes one audit entry for `caller` (anonymous callers are recorded by address only).
    void Audit(const Caller& caller, const AuditRecord& record);
    Page<AuditEntry> ListAudit(const Caller& caller, const AuditFilter& filter, const PageRequest& page);

    // For the CLI and the demo: acts as the system itself (audited as actor "system").
    static Caller System();

 private:
    void RequireScope(const Caller& caller, std::string_view action, const User& target) const;
    void CheckPassword(std::string_view field, std::string_view username, std::string_view password,
                       ValidationReport& report) const;
    void ValidateUserAgency(db::Connection& connection, std::optional<std::int64_t> agency_id, Role role,
                            ValidationReport& report) const;

    db::Database& db_;
    const Clock& clock_;
    IdentityOptions options_;
    std::unique_ptr<IdentityStore> store_;
    std::string dummy_hash_;
};

// Errors of this module, with their stable codes.
namespace errors {
inline constexpr ErrorDef kInvalidCredentials{ErrorKind::kUnauthorized, "IDN-1001", "invalid-credentials",
                                              "Invalid credentials"};
inline constexpr ErrorDef kTooManyLoginAttempts{ErrorKind::kRateLimited, "IDN-1002", "too-many-login-attempts",
                                                "Too many login attempts"};
inline constexpr ErrorDef kCsrfMissing{ErrorKind::kForbidden, "IDN-1003", "csrf-token-missing", "CSRF token missing"};
inline constexpr ErrorDef kCsrfInvalid{ErrorKind::kForbidden, "IDN-1004", "csrf-token-invalid", "CSRF token invalid"};
inline constexpr ErrorDef kUsernameTaken{ErrorKind::kConflict, "IDN-1005", "username-taken", "Username taken"};
inline constexpr ErrorDef kAgencyCodeTaken{ErrorKind::kConflict, "IDN-1006", "agency-code-taken", "Agency code taken"};
// The gateway's refusal by role (same problem type as any 403; its own code tells a role refusal from a scope one).
inline constexpr ErrorDef kRoleNotAllowed{ErrorKind::kForbidden, "IDN-1008", "forbidden", "Forbidden"};
inline constexpr ErrorDef kInvalidToken{ErrorKind::kUnauthorized, "IDN-1007", "unauthenticated",
                                        "Authentication required"};
}  // namespace errors

// ---- HTTP gateway ------------------------------------------------------------------------------------------------
// Every API route is registered here with its action; Handle() authenticates, checks CSRF for session callers,
// asks the policy, audits refusals, and only then calls the handler. No handler checks roles by hand.
using RouteHandler = std::function<http::Response(http::Request&, const Caller&)>;

struct Endpoint {
    std::string_view action;
    RouteHandler handler;
};

class ApiGateway {
 public:
    explicit ApiGateway(IdentityService& identity) : identity_(identity) {}
    void Add(std::string method, std::string pattern, std::string_view action, RouteHandler handler);
    // Answers any request under /api/.
    http::Response Handle(http::Request& request);
    const http::Router<Endpoint>& router() const { return router_; }

 private:
    IdentityService& identity_;
    http::Router<Endpoint> router_;
};

// Registers the auth, users, agencies, tokens and audit endpoints.
void RegisterIdentityRoutes(ApiGateway& api, IdentityService& identity);

// JSON forms shared with other modules' routes.
boost::json::object ToJson(const User& user);
boost::json::object ToJson(const Agency& agency);

}  // namespace sinergi::identity
