// The SQL of the identity module, and nothing else: no rules, no policy. Every method takes the connection so the
// service decides the transaction.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "identity/identity_service.hpp"

namespace sinergi::identity {

struct SessionRow {
    std::int64_t user_id = 0;
    std::string csrf_token;
    std::string last_seen_at;
    std::string expires_at;
};

struct TokenRow {
    ApiToken token;
    bool user_active = false;
};

class IdentityStore {
 public:
    std::optional<User> FindUser(db::Connection& c, std::int64_t id);
    // The user and their password hash, for sign-in.
    std::optional<std::pair<User, std::string>> FindUserForLogin(db::Connection& c, const std::string& username);
    bool UsernameExists(db::Connection& c, const std::string& username);
    Page<User> ListUsers(db::Connection& c, const UserFilter& filter, std::optional<std::int64_t> only_agency,
                         const PageRequest& page);
    std::int64_t InsertUser(db::Connection& c, const NewUser& user, const std::string& password_hash,
                            const std::string& now);
    void UpdateUser(db::Connection& c, std::int64_t id, const UserChanges& changes, const std::string& now);
    void SetUserActive(db::Connection& c, std::int64_t id, bool active, const std::string& now);
    void SetPassword(db::Connection& c, std::int64_t id, const std::string& hash, const std::string& now);
    void SetLastLogin(db::Connection& c, std::int64_t id, const std::string& now);

    std::optional<Agency> FindAgency(db::Connection& c, std::int64_t id);
    bool AgencyCodeExists(db::Connection& c, const std::string& code);
    std::optional<std::int64_t> AgencyIdByCode(db::Connection& c, const std::string& code);
    std::optional<std::int64_t> UserIdByUsername(db::Connection& c, const std::string& username);
    Page<Agency> ListAgencies(db::Connection& c, const AgencyFilter& filter, const PageRequest& page);
    std::int64_t InsertAgency(db::Connection& c, const NewAgency& agency, const std::string& now);
    void UpdateAgency(db::Connection& c, std::int64_t id, const AgencyChanges& changes, const std::string& now);
    bool RegionExists(db::Connection& c, const std::string& code);

    void InsertSession(db::Connection& c, const std::string& key, std::int64_t user_id, const std::string& csrf,
                       const std::string& now, const std::string& expires_at, const std::string& client_ip);
    std::optional<SessionRow> FindSession(db::Connection& c, const std::string& key);
    void TouchSession(db::Connection& c, const std::string& key, const std::string& now);
    void DeleteSession(db::Connection& c, const std::string& key);
    void DeleteUserSessions(db::Connection& c, std::int64_t user_id);
    void DeleteUserSessionsExcept(db::Connection& c, std::int64_t user_id, const std::string& keep_key);

    std::int64_t InsertToken(db::Connection& c, std::int64_t user_id, const std::string& name, const std::string& hash,
                             const std::string& now, std::optional<std::int64_t> created_by,
                             const std::optional<std::string>& expires_at);
    std::optional<ApiToken> FindToken(db::Connection& c, std::int64_t id);
    std::optional<TokenRow> FindTokenByHash(db::Connection& c, const std::string& hash);
    void TouchToken(db::Connection& c, std::int64_t id, const std::string& now);
    void RevokeToken(db::Connection& c, std::int64_t id, const std::string& now);
    Page<ApiToken> ListTokens(db::Connection& c, std::optional<std::int64_t> user_id, const PageRequest& page);

    void InsertLoginAttempt(db::Connection& c, const std::string& username, const std::string& now, bool succeeded,
                            const std::string& client_ip);
    // Times of failed attempts for `username` after `since` and after its last success, newest first.
    std::vector<std::string> RecentFailures(db::Connection& c, const std::string& username, const std::string& since,
                                            int limit);

    void InsertAudit(db::Connection& c, const std::string& at, std::optional<std::int64_t> actor_id,
                     const std::optional<std::string>& actor_username, const AuditRecord& record,
                     const std::string& client_ip);
    Page<AuditEntry> ListAudit(db::Connection& c, const AuditFilter& filter, const PageRequest& page);
};

}  // namespace sinergi::identity
