#include "identity/identity_service.hpp"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>

#include "identity/identity_store.hpp"
#include "platform/crypto.hpp"
#include "platform/text.hpp"

namespace sinergi::identity {

namespace {

constexpr std::array<std::pair<Role, std::string_view>, 9> kRoleNames{{
    {Role::kAdmin, "admin"},
    {Role::kCoordinator, "coordinator"},
    {Role::kAgencyHead, "agency_head"},
    {Role::kAgencyStaff, "agency_staff"},
    {Role::kRegistryOperator, "registry_operator"},
    {Role::kVillageOperator, "village_operator"},
    {Role::kNgoPartner, "ngo_partner"},
    {Role::kFacilitator, "facilitator"},
    {Role::kAuditor, "auditor"},
}};

constexpr std::array<std::pair<AgencyKind, std::string_view>, 5> kKindNames{{
    {AgencyKind::kBappeda, "bappeda"},
    {AgencyKind::kDinas, "dinas"},
    {AgencyKind::kNgo, "ngo"},
    {AgencyKind::kKecamatan, "kecamatan"},
    {AgencyKind::kDesa, "desa"},
}};

bool ValidUsername(std::string_view username) {
    return username.size() >= 3 && username.size() <= 64 && std::all_of(username.begin(), username.end(), [](char c) {
               return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
           });
}

bool ValidAgencyCode(std::string_view code) {
    return code.size() >= 2 && code.size() <= 20 && std::all_of(code.begin(), code.end(), [](char c) {
               return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
           });
}

Error NotFound(std::string_view what_id, std::string_view what_en, std::int64_t id) {
    return Error(sinergi::errors::kNotFound, {fmt::format("{} dengan id {} tidak ditemukan.", what_id, id),
                                              fmt::format("No {} with id {}.", what_en, id)});
}

Error Forbidden() {
    return Error(sinergi::errors::kForbidden,
                 {"Anda tidak berwenang melakukan tindakan ini.", "You are not allowed to do this."});
}

}  // namespace

std::string_view ToString(Role role) {
    for (const auto& [value, name] : kRoleNames) {
        if (value == role) {
            return name;
        }
    }
    return "auditor";
}

std::optional<Role> ParseRole(std::string_view text) {
    for (const auto& [value, name] : kRoleNames) {
        if (name == text) {
            return value;
        }
    }
    return std::nullopt;
}

std::string_view ToString(AgencyKind kind) {
    for (const auto& [value, name] : kKindNames) {
        if (value == kind) {
            return name;
        }
    }
    return "dinas";
}

std::optional<AgencyKind> ParseAgencyKind(std::string_view text) {
    for (const auto& [value, name] : kKindNames) {
        if (name == text) {
            return value;
        }
    }
    return std::nullopt;
}

IdentityService::IdentityService(db::Database& db, const Clock& clock, IdentityOptions options)
    : db_(db), clock_(clock), options_(options), store_(std::make_unique<IdentityStore>()) {
    crypto::Initialise();
    // Unknown usernames are checked against this hash so a wrong name takes as long as a wrong password.
    dummy_hash_ = crypto::HashPassword(crypto::RandomToken(16));
}

IdentityService::~IdentityService() = default;

Caller IdentityService::System() {
    Caller caller;
    User system;
    system.id = 0;
    system.username = "system";
    system.full_name = "Sinergi";
    system.role = Role::kAdmin;
    caller.user = system;
    caller.client_ip = "local";
    return caller;
}

// ---- Sign-in -----------------------------------------------------------------------------------------------------

LoginResult IdentityService::Login(std::string_view username_in, std::string_view password,
                                   const std::string& client_ip) {
    const std::string username = text::LowerAscii(username_in);
    const auto now = clock_.Now();
    const auto now_text = FormatTimestamp(now);
    Caller anonymous;
    anonymous.client_ip = client_ip;
    AuditRecord record{"auth.login", "user", std::nullopt, Outcome::kFailure, {}};

    auto connection = db_.Acquire();
    // 1. Too many recent failures: refuse before looking at the password, and do not count this attempt.
    const auto window_start = FormatTimestamp(now - options_.failed_login_window);
    auto failures = store_->RecentFailures(*connection, username, window_start, options_.max_failed_logins);
    if (static_cast<int>(failures.size()) >= options_.max_failed_logins) {
        const auto oldest = ParseTimestamp(failures.back()).value_or(now);
        const auto retry = std::max<std::int64_t>(1, (oldest + options_.failed_login_window - now).count());
        record.outcome = Outcome::kDenied;
        record.detail = {{"username", username}, {"reason", "too_many_failures"}};
        anonymous.user = User{};
        anonymous.user->username = username;
        anonymous.user->id = 0;
        Audit(anonymous, record);
        const auto minutes = (retry + 59) / 60;
        throw Error(errors::kTooManyLoginAttempts,
                    {fmt::format("Terlalu banyak percobaan masuk yang gagal. Coba lagi dalam {} menit.", minutes),
                     fmt::format("Too many failed sign-in attempts. Try again in {} minute(s).", minutes)})
            .WithExtension("retry_after_seconds", retry);
    }

    // 2. Check the password (against a dummy hash for unknown users, to keep timing alike).
    auto found = store_->FindUserForLogin(*connection, username);
    const bool password_ok = crypto::VerifyPassword(password, found ? found->second : dummy_hash_);
    const bool ok = found && password_ok && found->first.active;
    {
        db::Transaction tx(*connection, db::TxMode::kWrite);
        store_->InsertLoginAttempt(*connection, username, now_text, ok, client_ip);
        tx.Commit();
    }
    anonymous.user = User{};
    anonymous.user->username = username;
    if (!ok) {
        record.entity_id = found ? std::optional(std::to_string(found->first.id)) : std::nullopt;
        record.detail = {{"reason", !found ? "unknown_user" : !password_ok ? "wrong_password" : "disabled"}};
        Audit(anonymous, record);
        // One message for every cause, so nobody learns which usernames exist.
        throw Error(errors::kInvalidCredentials,
                    {"Nama pengguna atau kata sandi salah.", "Wrong username or password."});
    }

    LoginResult result{found->first, crypto::RandomToken(32), crypto::RandomToken(24)};
    {
        db::Transaction tx(*connection, db::TxMode::kWrite);
        store_->InsertSession(*connection, crypto::HashHex(result.session_token), result.user.id, result.csrf_token,
                              now_text, FormatTimestamp(now + options_.session_lifetime), client_ip);
        store_->SetLastLogin(*connection, result.user.id, now_text);
        tx.Commit();
    }
    result.user.last_login_at = now_text;
    Caller signed_in;
    signed_in.user = result.user;
    signed_in.client_ip = client_ip;
    record.outcome = Outcome::kSuccess;
    record.entity_id = std::to_string(result.user.id);
    Audit(signed_in, record);
    return result;
}

void IdentityService::Logout(const Caller& caller) {
    if (caller.method == AuthMethod::kSession) {
        auto connection = db_.Acquire();
        store_->DeleteSession(*connection, caller.session_key);
    }
    Audit(caller, {"auth.logout", "user", std::to_string(caller.user->id), Outcome::kSuccess, {}});
}

Caller IdentityService::Authenticate(const http::Request& request) {
    Caller caller;
    caller.client_ip = request.client_ip;
    const auto now = clock_.Now();
    const auto now_text = FormatTimestamp(now);

    if (auto authorization = request.Header("Authorization")) {
        constexpr std::string_view kBearer = "Bearer ";
        const auto invalid = [] {
            return Error(errors::kInvalidToken, {"Token API tidak valid, sudah dicabut, atau kedaluwarsa.",
                                                 "The API token is invalid, revoked or expired."});
        };
        if (!authorization->starts_with(kBearer)) {
            throw invalid();
        }
        const auto secret = authorization->substr(kBearer.size());
        auto connection = db_.Acquire();
        auto row = store_->FindTokenByHash(*connection, crypto::HashHex(secret));
        if (!row || row->token.revoked_at || !row->user_active ||
            (row->token.expires_at && *row->token.expires_at <= now_text)) {
            throw invalid();
        }
        // Record use at most once a minute: enough for "last used", without a write per request.
        if (!row->token.last_used_at ||
            ParseTimestamp(*row->token.last_used_at).value_or(now) + std::chrono::minutes(1) <= now) {
            store_->TouchToken(*connection, row->token.id, now_text);
        }
        caller.user = store_->FindUser(*connection, row->token.user_id);
        caller.method = AuthMethod::kBearer;
        return caller;
    }

    auto token = request.Cookie(kSessionCookie);
    if (!token || token->empty()) {
        return caller;
    }
    const auto key = crypto::HashHex(*token);
    auto connection = db_.Acquire();
    auto session = store_->FindSession(*connection, key);
    if (!session) {
        return caller;
    }
    const auto last_seen = ParseTimestamp(session->last_seen_at).value_or(now);
    if (session->expires_at <= now_text || last_seen + options_.session_idle <= now) {
        store_->DeleteSession(*connection, key);
        return caller;
    }
    auto user = store_->FindUser(*connection, session->user_id);
    if (!user || !user->active) {
        return caller;
    }
    if (last_seen + std::chrono::minutes(1) <= now) {
        store_->TouchSession(*connection, key, now_text);
    }
    caller.user = std::move(user);
    caller.method = AuthMethod::kSession;
    caller.session_key = key;
    caller.csrf_token = session->csrf_token;
    return caller;
}

void IdentityService::CheckPassword(std::string_view field, std::string_view username, std::string_view password,
                                    ValidationReport& report) const {
    const auto length = text::Utf8Length(password);
    if (length < 10) {
        report.Add("IDN-1101", field,
                   {"Kata sandi minimal 10 karakter.", "The password must be at least 10 characters long."});
    } else if (length > 200) {
        report.Add("IDN-1101", field,
                   {"Kata sandi maksimal 200 karakter.", "The password must be at most 200 characters long."});
    }
    if (!username.empty() && text::LowerAscii(password).find(text::LowerAscii(username)) != std::string::npos) {
        report.Add("IDN-1102", field,
                   {"Kata sandi tidak boleh memuat nama pengguna.", "The password must not contain the username."});
    }
}

void IdentityService::ChangeOwnPassword(const Caller& caller, std::string_view current_password,
                                        std::string_view new_password) {
    auto connection = db_.Acquire();
    auto found = store_->FindUserForLogin(*connection, caller.user->username);
    if (!found || !crypto::VerifyPassword(current_password, found->second)) {
        ValidationReport report;
        report.Add("IDN-1103", "current_password", {"Kata sandi saat ini salah.", "The current password is wrong."});
        Audit(caller, {"auth.password_change", "user", std::to_string(caller.user->id), Outcome::kFailure, {}});
        report.ThrowIfAny();
    }
    ValidationReport report;
    CheckPassword("new_password", caller.user->username, new_password, report);
    report.ThrowIfAny();
    db::Transaction tx(*connection, db::TxMode::kWrite);
    store_->SetPassword(*connection, caller.user->id, crypto::HashPassword(new_password),
                        FormatTimestamp(clock_.Now()));
    // Other sessions end: a changed password must lock out whoever knew the old one.
    store_->DeleteUserSessionsExcept(*connection, caller.user->id, caller.session_key);
    tx.Commit();
    Audit(caller, {"auth.password_change", "user", std::to_string(caller.user->id), Outcome::kSuccess, {}});
}

// ---- Users -------------------------------------------------------------------------------------------------------

void IdentityService::RequireScope(const Caller& caller, std::string_view action, const User& target) const {
    const auto scope = Policy::Decide(caller.user->role, action);
    if (!scope) {
        throw Forbidden();
    }
    if (*scope == Scope::kOwnAgency && (!caller.user->agency_id || target.agency_id != caller.user->agency_id)) {
        throw Forbidden();
    }
}

Page<User> IdentityService::ListUsers(const Caller& caller, const UserFilter& filter, const PageRequest& page) {
    const auto scope = Policy::Decide(caller.user->role, actions::kUsersRead);
    if (!scope) {
        throw Forbidden();
    }
    std::optional<std::int64_t> only_agency;
    if (*scope == Scope::kOwnAgency) {
        only_agency = caller.user->agency_id.value_or(-1);
    }
    auto connection = db_.Acquire();
    auto result = store_->ListUsers(*connection, filter, only_agency, page);
    Audit(caller, {"user.list",
                   "user",
                   std::nullopt,
                   Outcome::kSuccess,
                   {{"returned", result.items.size()}, {"total", result.total}}});
    return result;
}

User IdentityService::GetUser(const Caller& caller, std::int64_t id) {
    auto connection = db_.Acquire();
    auto user = store_->FindUser(*connection, id);
    if (!user) {
        throw NotFound("Pengguna", "user", id);
    }
    RequireScope(caller, actions::kUsersRead, *user);
    Audit(caller, {"user.read", "user", std::to_string(id), Outcome::kSuccess, {}});
    return *user;
}

std::optional<User> IdentityService::FindUserByUsername(std::string_view username) {
    auto connection = db_.Acquire();
    auto id = store_->UserIdByUsername(*connection, text::LowerAscii(username));
    return id ? store_->FindUser(*connection, *id) : std::nullopt;
}

std::optional<Agency> IdentityService::FindAgencyByCode(std::string_view code) {
    auto connection = db_.Acquire();
    auto id = store_->AgencyIdByCode(*connection, std::string(code));
    return id ? store_->FindAgency(*connection, *id) : std::nullopt;
}

void IdentityService::ValidateUserAgency(db::Connection& connection, std::optional<std::int64_t> agency_id, Role role,
                                         ValidationReport& report) const {
    if (!agency_id) {
        report.Add("IDN-1110", "agency_id", {"Instansi wajib dipilih.", "An agency must be chosen."});
        return;
    }
    auto agency = store_->FindAgency(connection, *agency_id);
    if (!agency) {
        report.Add("IDN-1111", "agency_id",
                   {fmt::format("Instansi dengan id {} tidak ada.", *agency_id),
                    fmt::format("There is no agency with id {}.", *agency_id)});
        return;
    }
    if (!agency->active) {
        report.Add("IDN-1112", "agency_id",
                   {fmt::format("Instansi {} sudah tidak aktif.", agency->name),
                    fmt::format("Agency {} is no longer active.", agency->name)});
    }
    // Partner organisations see only their own cases and letters: their staff must be ngo_partner, and only they.
    if ((role == Role::kNgoPartner) != (agency->kind == AgencyKind::kNgo)) {
        report.Add("IDN-1113", "role",
                   {"Peran mitra LSM hanya untuk pengguna dari instansi berjenis LSM, dan sebaliknya.",
                    "The ngo_partner role is for users of an NGO agency only, and NGO users must have it."});
    }
    // A village operator's scope is the village of their agency.
    if (role == Role::kVillageOperator && agency->kind != AgencyKind::kDesa) {
        report.Add("IDN-1114", "role",
                   {"Operator desa harus berasal dari instansi berjenis desa/kelurahan.",
                    "A village operator must belong to a village (desa/kelurahan) agency."});
    }
}

User IdentityService::CreateUser(const Caller& caller, const NewUser& input, ValidationReport prior) {
    NewUser user = input;
    user.username = text::LowerAscii(user.username);
    ValidationReport& report = prior;
    const auto already_reported = [&report](std::string_view field) {
        return std::any_of(report.issues().begin(), report.issues().end(),
                           [field](const Issue& issue) { return issue.field == field; });
    };
    if (!already_reported("username") && !ValidUsername(user.username)) {
        report.Add("IDN-1120", "username",
                   {"Nama pengguna 3–64 karakter: huruf kecil, angka, titik, garis bawah atau tanda hubung.",
                    "The username must be 3–64 characters: lower-case letters, digits, '.', '_' or '-'."});
    }
    const auto name_length = text::Utf8Length(user.full_name);
    if (!already_reported("full_name") && (name_length < 3 || name_length > 200)) {
        report.Add("IDN-1121", "full_name",
                   {"Nama lengkap 3–200 karakter.", "The full name must be 3–200 characters long."});
    }
    if (!already_reported("password")) {
        CheckPassword("password", user.username, user.password, report);
    }
    auto connection = db_.Acquire();
    if (!already_reported("agency_id") && !already_reported("role")) {
        ValidateUserAgency(*connection, user.agency_id, user.role, report);
    }
    report.ThrowIfAny();

    const auto hash = crypto::HashPassword(user.password);
    db::Transaction tx(*connection, db::TxMode::kWrite);
    if (store_->UsernameExists(*connection, user.username)) {
        throw Error(errors::kUsernameTaken, {fmt::format("Nama pengguna '{}' sudah dipakai.", user.username),
                                             fmt::format("The username '{}' is already taken.", user.username)})
            .WithIssues({Issue{"IDN-1122",
                               "username",
                               std::nullopt,
                               {"Nama pengguna sudah dipakai.", "The username is already taken."}}});
    }
    const auto id = store_->InsertUser(*connection, user, hash, FormatTimestamp(clock_.Now()));
    tx.Commit();
    Audit(caller, {"user.create",
                   "user",
                   std::to_string(id),
                   Outcome::kSuccess,
                   {{"username", user.username}, {"role", ToString(user.role)}, {"agency_id", *user.agency_id}}});
    return *store_->FindUser(*connection, id);
}

User IdentityService::UpdateUser(const Caller& caller, std::int64_t id, const UserChanges& changes) {
    auto connection = db_.Acquire();
    auto user = store_->FindUser(*connection, id);
    if (!user) {
        throw NotFound("Pengguna", "user", id);
    }
    ValidationReport report;
    if (changes.full_name) {
        const auto length = text::Utf8Length(*changes.full_name);
        if (length < 3 || length > 200) {
            report.Add("IDN-1121", "full_name",
                       {"Nama lengkap 3–200 karakter.", "The full name must be 3–200 characters long."});
        }
    }
    if (changes.agency_id || changes.role) {
        ValidateUserAgency(*connection, changes.agency_id ? changes.agency_id : user->agency_id,
                           changes.role.value_or(user->role), report);
    }
    if (user->id == caller.user->id && changes.role && *changes.role != Role::kAdmin) {
        report.Add("IDN-1123", "role",
                   {"Anda tidak dapat mencabut peran admin Anda sendiri.", "You cannot remove your own admin role."});
    }
    report.ThrowIfAny();
    db::Transaction tx(*connection, db::TxMode::kWrite);
    store_->UpdateUser(*connection, id, changes, FormatTimestamp(clock_.Now()));
    tx.Commit();
    boost::json::object detail;
    if (changes.full_name) {
        detail["full_name"] = "changed";
    }
    if (changes.agency_id) {
        detail["agency_id"] = *changes.agency_id;
    }
    if (changes.role) {
        detail["role"] = ToString(*changes.role);
    }
    Audit(caller, {"user.update", "user", std::to_string(id), Outcome::kSuccess, detail});
    return *store_->FindUser(*connection, id);
}

User IdentityService::SetUserActive(const Caller& caller, std::int64_t id, bool active) {
    auto connection = db_.Acquire();
    auto user = store_->FindUser(*connection, id);
    if (!user) {
        throw NotFound("Pengguna", "user", id);
    }
    if (!active && user->id == caller.user->id) {
        ValidationReport report;
        report.Add("IDN-1124", "id",
                   {"Anda tidak dapat menonaktifkan akun Anda sendiri.", "You cannot disable your own account."});
        report.ThrowIfAny();
    }
    db::Transaction tx(*connection, db::TxMode::kWrite);
    store_->SetUserActive(*connection, id, active, FormatTimestamp(clock_.Now()));
    if (!active) {
        store_->DeleteUserSessions(*connection, id);
    }
    tx.Commit();
    Audit(caller, {active ? "user.enable" : "user.disable", "user", std::to_string(id), Outcome::kSuccess, {}});
    return *store_->FindUser(*connection, id);
}

void IdentityService::ResetPassword(const Caller& caller, std::int64_t id, std::string_view password) {
    auto connection = db_.Acquire();
    auto user = store_->FindUser(*connection, id);
    if (!user) {
        throw NotFound("Pengguna", "user", id);
    }
    ValidationReport report;
    CheckPassword("password", user->username, password, report);
    report.ThrowIfAny();
    db::Transaction tx(*connection, db::TxMode::kWrite);
    store_->SetPassword(*connection, id, crypto::HashPassword(password), FormatTimestamp(clock_.Now()));
    store_->DeleteUserSessions(*connection, id);
    tx.Commit();
    Audit(caller, {"user.password_reset", "user", std::to_string(id), Outcome::kSuccess, {}});
}

// ---- Agencies ----------------------------------------------------------------------------------------------------

Page<Agency> IdentityService::ListAgencies(const Caller& /*caller*/, const AgencyFilter& filter,
                                           const PageRequest& page) {
    auto connection = db_.Acquire();
    return store_->ListAgencies(*connection, filter, page);
}

Agency IdentityService::GetAgency(const Caller& /*caller*/, std::int64_t id) {
    auto connection = db_.Acquire();
    auto agency = store_->FindAgency(*connection, id);
    if (!agency) {
        throw NotFound("Instansi", "agency", id);
    }
    return *agency;
}

namespace {
void ValidateAgencyName(std::string_view name, ValidationReport& report) {
    const auto length = text::Utf8Length(name);
    if (length < 3 || length > 200) {
        report.Add("IDN-1131", "name",
                   {"Nama instansi 3–200 karakter.", "The agency name must be 3–200 characters long."});
    }
}
}  // namespace

Agency IdentityService::CreateAgency(const Caller& caller, const NewAgency& input, ValidationReport prior) {
    NewAgency agency = input;
    std::transform(agency.code.begin(), agency.code.end(), agency.code.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    ValidationReport& report = prior;
    const auto already_reported = [&report](std::string_view field) {
        return std::any_of(report.issues().begin(), report.issues().end(),
                           [field](const Issue& issue) { return issue.field == field; });
    };
    if (!already_reported("code") && !ValidAgencyCode(agency.code)) {
        report.Add("IDN-1130", "code",
                   {"Kode instansi 2–20 karakter: huruf besar, angka atau tanda hubung (mis. DINSOS).",
                    "The agency code must be 2–20 characters: capital letters, digits or '-' (e.g. DINSOS)."});
    }
    if (!already_reported("name")) {
        ValidateAgencyName(agency.name, report);
    }
    auto connection = db_.Acquire();
    if (!already_reported("region_code") && !store_->RegionExists(*connection, agency.region_code)) {
        report.Add("IDN-1132", "region_code",
                   {fmt::format("Kode wilayah '{}' tidak dikenal.", agency.region_code),
                    fmt::format("Unknown region code '{}'.", agency.region_code)});
    }
    report.ThrowIfAny();
    db::Transaction tx(*connection, db::TxMode::kWrite);
    if (store_->AgencyCodeExists(*connection, agency.code)) {
        throw Error(errors::kAgencyCodeTaken, {fmt::format("Kode instansi '{}' sudah dipakai.", agency.code),
                                               fmt::format("The agency code '{}' is already taken.", agency.code)})
            .WithIssues({Issue{"IDN-1133",
                               "code",
                               std::nullopt,
                               {"Kode instansi sudah dipakai.", "The agency code is already taken."}}});
    }
    const auto id = store_->InsertAgency(*connection, agency, FormatTimestamp(clock_.Now()));
    tx.Commit();
    Audit(caller, {"agency.create",
                   "agency",
                   std::to_string(id),
                   Outcome::kSuccess,
                   {{"code", agency.code}, {"kind", ToString(agency.kind)}}});
    return *store_->FindAgency(*connection, id);
}

Agency IdentityService::UpdateAgency(const Caller& caller, std::int64_t id, const AgencyChanges& changes) {
    auto connection = db_.Acquire();
    if (!store_->FindAgency(*connection, id)) {
        throw NotFound("Instansi", "agency", id);
    }
    ValidationReport report;
    if (changes.name) {
        ValidateAgencyName(*changes.name, report);
    }
    if (changes.region_code && !store_->RegionExists(*connection, *changes.region_code)) {
        report.Add("IDN-1132", "region_code",
                   {fmt::format("Kode wilayah '{}' tidak dikenal.", *changes.region_code),
                    fmt::format("Unknown region code '{}'.", *changes.region_code)});
    }
    report.ThrowIfAny();
    db::Transaction tx(*connection, db::TxMode::kWrite);
    store_->UpdateAgency(*connection, id, changes, FormatTimestamp(clock_.Now()));
    tx.Commit();
    boost::json::object detail;
    if (changes.name) {
        detail["name"] = *changes.name;
    }
    if (changes.kind) {
        detail["kind"] = ToString(*changes.kind);
    }
    if (changes.region_code) {
        detail["region_code"] = *changes.region_code;
    }
    if (changes.active) {
        detail["active"] = *changes.active;
    }
    Audit(caller, {"agency.update", "agency", std::to_string(id), Outcome::kSuccess, detail});
    return *store_->FindAgency(*connection, id);
}

// ---- API tokens --------------------------------------------------------------------------------------------------

Page<ApiToken> IdentityService::ListTokens(const Caller& /*caller*/, std::optional<std::int64_t> user_id,
                                           const PageRequest& page) {
    auto connection = db_.Acquire();
    return store_->ListTokens(*connection, user_id, page);
}

CreatedToken IdentityService::CreateToken(const Caller& caller, std::int64_t user_id, const std::string& name,
                                          const std::optional<std::string>& expires_at) {
    auto connection = db_.Acquire();
    ValidationReport report;
    auto user = store_->FindUser(*connection, user_id);
    if (!user) {
        report.Add("IDN-1140", "user_id",
                   {fmt::format("Pengguna dengan id {} tidak ada.", user_id),
                    fmt::format("There is no user with id {}.", user_id)});
    } else if (!user->active) {
        report.Add("IDN-1141", "user_id", {"Pengguna ini tidak aktif.", "This user is disabled."});
    }
    const auto name_length = text::Utf8Length(name);
    if (name_length < 3 || name_length > 100) {
        report.Add("IDN-1142", "name", {"Nama token 3–100 karakter.", "The token name must be 3–100 characters."});
    }
    std::optional<std::string> expiry;
    if (expires_at) {
        auto parsed = ParseTimestamp(*expires_at);
        if (!parsed || *parsed <= clock_.Now()) {
            report.Add("IDN-1143", "expires_at",
                       {"Tanggal kedaluwarsa harus waktu di masa depan (YYYY-MM-DD atau YYYY-MM-DDTHH:MM:SSZ).",
                        "The expiry must be a future time (YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ)."});
        } else {
            expiry = FormatTimestamp(*parsed);
        }
    }
    report.ThrowIfAny();
    CreatedToken created;
    created.secret = "snrg_" + crypto::RandomToken(32);
    db::Transaction tx(*connection, db::TxMode::kWrite);
    const auto id =
        store_->InsertToken(*connection, user_id, name, crypto::HashHex(created.secret), FormatTimestamp(clock_.Now()),
                            caller.user->id > 0 ? std::optional(caller.user->id) : std::nullopt, expiry);
    tx.Commit();
    created.token = *store_->FindToken(*connection, id);
    Audit(caller, {"token.create", "api_token", std::to_string(id), Outcome::kSuccess, {{"user_id", user_id}}});
    return created;
}

ApiToken IdentityService::RevokeToken(const Caller& caller, std::int64_t id) {
    auto connection = db_.Acquire();
    if (!store_->FindToken(*connection, id)) {
        throw NotFound("Token API", "API token", id);
    }
    store_->RevokeToken(*connection, id, FormatTimestamp(clock_.Now()));
    Audit(caller, {"token.revoke", "api_token", std::to_string(id), Outcome::kSuccess, {}});
    return *store_->FindToken(*connection, id);
}

// ---- Audit -------------------------------------------------------------------------------------------------------

void IdentityService::Audit(const Caller& caller, const AuditRecord& record) {
    auto connection = db_.Acquire();
    std::optional<std::int64_t> actor_id;
    std::optional<std::string> actor_name;
    if (caller.user) {
        if (caller.user->id > 0) {
            actor_id = caller.user->id;
        }
        actor_name = caller.user->username;
    }
    store_->InsertAudit(*connection, FormatTimestamp(clock_.Now()), actor_id, actor_name, record, caller.client_ip);
}

Page<AuditEntry> IdentityService::ListAudit(const Caller& caller, const AuditFilter& filter, const PageRequest& page) {
    ValidationReport report;
    for (const auto& [value, field] : {std::pair{filter.from, "from"}, std::pair{filter.to, "to"}}) {
        if (value && !ParseTimestamp(*value)) {
            report.Add("IDN-1150", field,
                       {"Waktu harus berformat YYYY-MM-DD atau YYYY-MM-DDTHH:MM:SSZ.",
                        "The time must look like YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ."});
        }
    }
    if (filter.outcome && *filter.outcome != "success" && *filter.outcome != "failure" && *filter.outcome != "denied") {
        report.Add("IDN-1151", "outcome",
                   {"Hasil harus success, failure atau denied.", "The outcome must be success, failure or denied."});
    }
    report.ThrowIfAny();
    AuditFilter normalised = filter;
    if (filter.from) {
        normalised.from = FormatTimestamp(*ParseTimestamp(*filter.from));
    }
    if (filter.to) {
        normalised.to = FormatTimestamp(*ParseTimestamp(*filter.to));
    }
    auto connection = db_.Acquire();
    auto page_result = store_->ListAudit(*connection, normalised, page);
    Audit(caller,
          {"audit.read", "audit_log", std::nullopt, Outcome::kSuccess, {{"returned", page_result.items.size()}}});
    return page_result;
}

}  // namespace sinergi::identity
