#include "identity/identity_store.hpp"

#include <boost/json/serialize.hpp>

namespace sinergi::identity {
namespace {

constexpr std::string_view kUserColumns =
    "SELECT u.id, u.username, u.full_name, u.agency_id, a.name, a.region_code, u.role, u.active, u.created_at, "
    "u.updated_at, u.last_login_at FROM users u LEFT JOIN agencies a ON a.id = u.agency_id";

User ReadUser(const db::Row& row) {
    User user;
    user.id = row.Int(0);
    user.username = row.Text(1);
    user.full_name = row.Text(2);
    user.agency_id = row.OptInt(3);
    user.agency_name = row.OptText(4);
    user.agency_region_code = row.OptText(5);
    user.role = ParseRole(row.Text(6)).value_or(Role::kAuditor);
    user.active = row.Bool(7);
    user.created_at = row.Text(8);
    user.updated_at = row.Text(9);
    user.last_login_at = row.OptText(10);
    return user;
}

constexpr std::string_view kAgencyColumns =
    "SELECT a.id, a.code, a.name, a.kind, a.region_code, r.name, a.active, a.created_at, a.updated_at "
    "FROM agencies a LEFT JOIN regions r ON r.code = a.region_code";

Agency ReadAgency(const db::Row& row) {
    Agency agency;
    agency.id = row.Int(0);
    agency.code = row.Text(1);
    agency.name = row.Text(2);
    agency.kind = ParseAgencyKind(row.Text(3)).value_or(AgencyKind::kDinas);
    agency.region_code = row.Text(4);
    agency.region_name = row.OptText(5);
    agency.active = row.Bool(6);
    agency.created_at = row.Text(7);
    agency.updated_at = row.Text(8);
    return agency;
}

constexpr std::string_view kTokenColumns =
    "SELECT t.id, t.user_id, u.username, t.name, t.created_at, t.expires_at, t.last_used_at, t.revoked_at, u.active "
    "FROM api_tokens t JOIN users u ON u.id = t.user_id";

ApiToken ReadToken(const db::Row& row) {
    ApiToken token;
    token.id = row.Int(0);
    token.user_id = row.Int(1);
    token.username = row.Text(2);
    token.name = row.Text(3);
    token.created_at = row.Text(4);
    token.expires_at = row.OptText(5);
    token.last_used_at = row.OptText(6);
    token.revoked_at = row.OptText(7);
    return token;
}

// Lists page by integer id: ascending for users, agencies and tokens, newest first for the audit log.
template <typename T, typename Reader>
Page<T> PageById(db::Connection& c, std::string_view select, std::string_view count_from, db::Conditions conditions,
                 const std::string& id_column, bool ascending, const PageRequest& page, Reader read) {
    return QueryPage<T>(c, select, count_from, std::move(conditions), id_column,
                        ascending ? KeyOrder::kAscending : KeyOrder::kDescending, true, page, read);
}

}  // namespace

std::optional<User> IdentityStore::FindUser(db::Connection& c, std::int64_t id) {
    auto row = c.QueryOne(std::string(kUserColumns) + " WHERE u.id = ?", {id});
    return row ? std::optional(ReadUser(*row)) : std::nullopt;
}

std::optional<std::pair<User, std::string>> IdentityStore::FindUserForLogin(db::Connection& c,
                                                                            const std::string& username) {
    auto row = c.QueryOne("SELECT u.id, u.password_hash FROM users u WHERE u.username = ?", {username});
    if (!row) {
        return std::nullopt;
    }
    auto user = FindUser(c, row->Int(0));
    return std::make_pair(*user, row->Text(1));
}

bool IdentityStore::UsernameExists(db::Connection& c, const std::string& username) {
    return c.QueryOne("SELECT 1 FROM users WHERE username = ?", {username}).has_value();
}

Page<User> IdentityStore::ListUsers(db::Connection& c, const UserFilter& filter,
                                    std::optional<std::int64_t> only_agency, const PageRequest& page) {
    db::Conditions where;
    if (filter.q) {
        const auto pattern = db::ContainsPattern(*filter.q);
        where.Add("(u.username LIKE ? ESCAPE '\\' OR lower(u.full_name) LIKE ? ESCAPE '\\')", {pattern, pattern});
    }
    if (filter.agency_id) {
        where.Add("u.agency_id = ?", {*filter.agency_id});
    }
    if (only_agency) {
        where.Add("u.agency_id = ?", {*only_agency});
    }
    if (filter.role) {
        where.Add("u.role = ?", {ToString(*filter.role)});
    }
    if (filter.active) {
        where.Add("u.active = ?", {*filter.active});
    }
    return PageById<User>(c, kUserColumns, "FROM users u", where, "u.id", true, page, ReadUser);
}

std::int64_t IdentityStore::InsertUser(db::Connection& c, const NewUser& user, const std::string& password_hash,
                                       const std::string& now) {
    auto row = c.QueryOne(
        "INSERT INTO users (username, full_name, agency_id, role, password_hash, active, created_at, updated_at, "
        "password_changed_at) VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?) RETURNING id",
        {user.username, user.full_name, user.agency_id, ToString(user.role), password_hash, now, now, now});
    return row->Int(0);
}

void IdentityStore::UpdateUser(db::Connection& c, std::int64_t id, const UserChanges& changes, const std::string& now) {
    if (changes.full_name) {
        c.Execute("UPDATE users SET full_name = ? WHERE id = ?", {*changes.full_name, id});
    }
    if (changes.agency_id) {
        c.Execute("UPDATE users SET agency_id = ? WHERE id = ?", {*changes.agency_id, id});
    }
    if (changes.role) {
        c.Execute("UPDATE users SET role = ? WHERE id = ?", {ToString(*changes.role), id});
    }
    c.Execute("UPDATE users SET updated_at = ? WHERE id = ?", {now, id});
}

void IdentityStore::SetUserActive(db::Connection& c, std::int64_t id, bool active, const std::string& now) {
    c.Execute("UPDATE users SET active = ?, updated_at = ? WHERE id = ?", {active, now, id});
}

void IdentityStore::SetPassword(db::Connection& c, std::int64_t id, const std::string& hash, const std::string& now) {
    c.Execute("UPDATE users SET password_hash = ?, password_changed_at = ?, updated_at = ? WHERE id = ?",
              {hash, now, now, id});
}

void IdentityStore::SetLastLogin(db::Connection& c, std::int64_t id, const std::string& now) {
    c.Execute("UPDATE users SET last_login_at = ? WHERE id = ?", {now, id});
}

std::optional<Agency> IdentityStore::FindAgency(db::Connection& c, std::int64_t id) {
    auto row = c.QueryOne(std::string(kAgencyColumns) + " WHERE a.id = ?", {id});
    return row ? std::optional(ReadAgency(*row)) : std::nullopt;
}

bool IdentityStore::AgencyCodeExists(db::Connection& c, const std::string& code) {
    return c.QueryOne("SELECT 1 FROM agencies WHERE code = ?", {code}).has_value();
}

std::optional<std::int64_t> IdentityStore::AgencyIdByCode(db::Connection& c, const std::string& code) {
    auto row = c.QueryOne("SELECT id FROM agencies WHERE code = ?", {code});
    return row ? std::optional(row->Int(0)) : std::nullopt;
}

std::optional<std::int64_t> IdentityStore::UserIdByUsername(db::Connection& c, const std::string& username) {
    auto row = c.QueryOne("SELECT id FROM users WHERE username = ?", {username});
    return row ? std::optional(row->Int(0)) : std::nullopt;
}

Page<Agency> IdentityStore::ListAgencies(db::Connection& c, const AgencyFilter& filter, const PageRequest& page) {
    db::Conditions where;
    if (filter.q) {
        const auto pattern = db::ContainsPattern(*filter.q);
        where.Add("(lower(a.code) LIKE ? ESCAPE '\\' OR lower(a.name) LIKE ? ESCAPE '\\')", {pattern, pattern});
    }
    if (filter.kind) {
        where.Add("a.kind = ?", {ToString(*filter.kind)});
    }
    if (filter.active) {
        where.Add("a.active = ?", {*filter.active});
    }
    return PageById<Agency>(c, kAgencyColumns, "FROM agencies a", where, "a.id", true, page, ReadAgency);
}

std::int64_t IdentityStore::InsertAgency(db::Connection& c, const NewAgency& agency, const std::string& now) {
    return c
        .QueryOne(
            "INSERT INTO agencies (code, name, kind, region_code, active, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, 1, ?, ?) RETURNING id",
            {agency.code, agency.name, ToString(agency.kind), agency.region_code, now, now})
        ->Int(0);
}

void IdentityStore::UpdateAgency(db::Connection& c, std::int64_t id, const AgencyChanges& changes,
                                 const std::string& now) {
    if (changes.name) {
        c.Execute("UPDATE agencies SET name = ? WHERE id = ?", {*changes.name, id});
    }
    if (changes.kind) {
        c.Execute("UPDATE agencies SET kind = ? WHERE id = ?", {ToString(*changes.kind), id});
    }
    if (changes.region_code) {
        c.Execute("UPDATE agencies SET region_code = ? WHERE id = ?", {*changes.region_code, id});
    }
    if (changes.active) {
        c.Execute("UPDATE agencies SET active = ? WHERE id = ?", {*changes.active, id});
    }
    c.Execute("UPDATE agencies SET updated_at = ? WHERE id = ?", {now, id});
}

bool IdentityStore::RegionExists(db::Connection& c, const std::string& code) {
    return c.QueryOne("SELECT 1 FROM regions WHERE code = ?", {code}).has_value();
}

void IdentityStore::InsertSession(db::Connection& c, const std::string& key, std::int64_t user_id,
                                  const std::string& csrf, const std::string& now, const std::string& expires_at,
                                  const std::string& client_ip) {
    c.Execute(
        "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, last_seen_at, expires_at, client_ip) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        {key, user_id, csrf, now, now, expires_at, client_ip});
}

std::optional<SessionRow> IdentityStore::FindSession(db::Connection& c, const std::string& key) {
    auto row =
        c.QueryOne("SELECT user_id, csrf_token, last_seen_at, expires_at FROM sessions WHERE token_hash = ?", {key});
    if (!row) {
        return std::nullopt;
    }
    return SessionRow{row->Int(0), row->Text(1), row->Text(2), row->Text(3)};
}

void IdentityStore::TouchSession(db::Connection& c, const std::string& key, const std::string& now) {
    c.Execute("UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?", {now, key});
}

void IdentityStore::DeleteSession(db::Connection& c, const std::string& key) {
    c.Execute("DELETE FROM sessions WHERE token_hash = ?", {key});
}

void IdentityStore::DeleteUserSessions(db::Connection& c, std::int64_t user_id) {
    c.Execute("DELETE FROM sessions WHERE user_id = ?", {user_id});
}

void IdentityStore::DeleteUserSessionsExcept(db::Connection& c, std::int64_t user_id, const std::string& keep_key) {
    c.Execute("DELETE FROM sessions WHERE user_id = ? AND token_hash <> ?", {user_id, keep_key});
}

std::int64_t IdentityStore::InsertToken(db::Connection& c, std::int64_t user_id, const std::string& name,
                                        const std::string& hash, const std::string& now,
                                        std::optional<std::int64_t> created_by,
                                        const std::optional<std::string>& expires_at) {
    return c
        .QueryOne(
            "INSERT INTO api_tokens (user_id, name, token_hash, created_at, created_by, expires_at) "
            "VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
            {user_id, name, hash, now, created_by, expires_at})
        ->Int(0);
}

std::optional<ApiToken> IdentityStore::FindToken(db::Connection& c, std::int64_t id) {
    auto row = c.QueryOne(std::string(kTokenColumns) + " WHERE t.id = ?", {id});
    return row ? std::optional(ReadToken(*row)) : std::nullopt;
}

std::optional<TokenRow> IdentityStore::FindTokenByHash(db::Connection& c, const std::string& hash) {
    auto row = c.QueryOne(std::string(kTokenColumns) + " WHERE t.token_hash = ?", {hash});
    if (!row) {
        return std::nullopt;
    }
    return TokenRow{ReadToken(*row), row->Bool(8)};
}

void IdentityStore::TouchToken(db::Connection& c, std::int64_t id, const std::string& now) {
    c.Execute("UPDATE api_tokens SET last_used_at = ? WHERE id = ?", {now, id});
}

void IdentityStore::RevokeToken(db::Connection& c, std::int64_t id, const std::string& now) {
    c.Execute("UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL", {now, id});
}

Page<ApiToken> IdentityStore::ListTokens(db::Connection& c, std::optional<std::int64_t> user_id,
                                         const PageRequest& page) {
    db::Conditions where;
    if (user_id) {
        where.Add("t.user_id = ?", {*user_id});
    }
    return PageById<ApiToken>(c, kTokenColumns, "FROM api_tokens t", where, "t.id", true, page, ReadToken);
}

void IdentityStore::InsertLoginAttempt(db::Connection& c, const std::string& username, const std::string& now,
                                       bool succeeded, const std::string& client_ip) {
    c.Execute("INSERT INTO login_attempts (username, at, succeeded, client_ip) VALUES (?, ?, ?, ?)",
              {username, now, succeeded, client_ip});
}

std::vector<std::string> IdentityStore::RecentFailures(db::Connection& c, const std::string& username,
                                                       const std::string& since, int limit) {
    std::vector<std::string> times;
    c.ForEach(
        "SELECT at FROM login_attempts WHERE username = ? AND succeeded = 0 AND at > ? AND at >= COALESCE("
        "(SELECT MAX(at) FROM login_attempts WHERE username = ? AND succeeded = 1), '') ORDER BY at DESC, id DESC "
        "LIMIT ?",
        {username, since, username, limit}, [&](const db::Row& row) { times.push_back(row.Text(0)); });
    return times;
}

void IdentityStore::InsertAudit(db::Connection& c, const std::string& at, std::optional<std::int64_t> actor_id,
                                const std::optional<std::string>& actor_username, const AuditRecord& record,
                                const std::string& client_ip) {
    const char* outcome = record.outcome == Outcome::kSuccess   ? "success"
                          : record.outcome == Outcome::kFailure ? "failure"
                                                                : "denied";
    c.Execute(
        "INSERT INTO audit_log (at, actor_user_id, actor_username, action, entity, entity_id, client_ip, outcome, "
        "detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        {at, actor_id, actor_username, record.action, record.entity, record.entity_id, client_ip, outcome,
         boost::json::serialize(record.detail)});
}

Page<AuditEntry> IdentityStore::ListAudit(db::Connection& c, const AuditFilter& filter, const PageRequest& page) {
    db::Conditions where;
    if (filter.actor) {
        where.Add("actor_username = ?", {*filter.actor});
    }
    if (filter.action) {
        where.Add("action = ?", {*filter.action});
    }
    if (filter.entity) {
        where.Add("entity = ?", {*filter.entity});
    }
    if (filter.entity_id) {
        where.Add("entity_id = ?", {*filter.entity_id});
    }
    if (filter.outcome) {
        where.Add("outcome = ?", {*filter.outcome});
    }
    if (filter.from) {
        where.Add("at >= ?", {*filter.from});
    }
    if (filter.to) {
        where.Add("at < ?", {*filter.to});
    }
    return PageById<AuditEntry>(
        c,
        "SELECT id, at, actor_user_id, actor_username, action, entity, entity_id, client_ip, outcome, detail "
        "FROM audit_log",
        "FROM audit_log", where, "id", false, page, [](const db::Row& row) {
            return AuditEntry{row.Int(0),  row.Text(1),    row.OptInt(2), row.OptText(3), row.Text(4),
                              row.Text(5), row.OptText(6), row.Text(7),   row.Text(8),    row.Text(9)};
        });
}

}  // namespace sinergi::identity
