// HTTP for sign-in, users, agencies, API tokens and the audit log: parse, call IdentityService, render JSON.
#include <boost/json.hpp>
#include <fmt/format.h>

#include "identity/identity_service.hpp"
#include "platform/json_body.hpp"

namespace sinergi::identity {

namespace json = boost::json;
using http::JsonFields;
using http::Presence;
using http::Request;
using http::Response;

json::object ToJson(const User& user) {
    json::object out{{"id", user.id},
                     {"username", user.username},
                     {"full_name", user.full_name},
                     {"role", ToString(user.role)},
                     {"active", user.active},
                     {"created_at", user.created_at},
                     {"updated_at", user.updated_at}};
    out["agency_id"] = user.agency_id ? json::value(*user.agency_id) : json::value(nullptr);
    out["agency_name"] = user.agency_name ? json::value(*user.agency_name) : json::value(nullptr);
    out["last_login_at"] = user.last_login_at ? json::value(*user.last_login_at) : json::value(nullptr);
    return out;
}

json::object ToJson(const Agency& agency) {
    json::object out{{"id", agency.id},
                     {"code", agency.code},
                     {"name", agency.name},
                     {"kind", ToString(agency.kind)},
                     {"region_code", agency.region_code},
                     {"active", agency.active},
                     {"created_at", agency.created_at},
                     {"updated_at", agency.updated_at}};
    out["region_name"] = agency.region_name ? json::value(*agency.region_name) : json::value(nullptr);
    return out;
}

namespace {

json::value OrNull(const std::optional<std::string>& value) { return value ? json::value(*value) : nullptr; }

json::object ToJson(const ApiToken& token) {
    return {{"id", token.id},
            {"user_id", token.user_id},
            {"username", token.username},
            {"name", token.name},
            {"created_at", token.created_at},
            {"expires_at", OrNull(token.expires_at)},
            {"last_used_at", OrNull(token.last_used_at)},
            {"revoked_at", OrNull(token.revoked_at)}};
}

json::object ToJson(const AuditEntry& entry) {
    json::value detail;
    boost::system::error_code ec;
    detail = json::parse(entry.detail_json, ec);
    if (ec || !detail.is_object()) {
        detail = json::object{};
    }
    return {{"id", entry.id},
            {"at", entry.at},
            {"actor_user_id", entry.actor_user_id ? json::value(*entry.actor_user_id) : nullptr},
            {"actor_username", OrNull(entry.actor_username)},
            {"action", entry.action},
            {"entity", entry.entity},
            {"entity_id", OrNull(entry.entity_id)},
            {"client_ip", entry.client_ip},
            {"outcome", entry.outcome},
            {"detail", detail}};
}

template <typename T>
Response PageResponse(const Page<T>& page) {
    json::array items;
    for (const auto& item : page.items) {
        items.push_back(ToJson(item));
    }
    return Response::Json(200, MakePage(std::move(items), page.total, page.next_key));
}

std::string SessionCookie(const IdentityService& identity, const std::string& value, bool clear) {
    auto cookie = fmt::format("{}={}; Path=/; HttpOnly; SameSite=Strict", kSessionCookie, value);
    if (clear) {
        cookie += "; Max-Age=0";
    }
    if (identity.options().secure_cookies) {
        cookie += "; Secure";
    }
    return cookie;
}

template <typename Enum>
std::optional<Enum> ReadEnum(JsonFields& fields, ValidationReport& report, std::string_view key, Presence presence,
                             std::optional<Enum> (*parse)(std::string_view), std::string_view allowed) {
    auto text = fields.String(key, presence);
    if (!text) {
        return std::nullopt;
    }
    auto value = parse(*text);
    if (!value) {
        report.Add("IDN-1160", key,
                   {fmt::format("Nilai '{}' tidak dikenal untuk '{}'; pilih salah satu: {}.", *text, key, allowed),
                    fmt::format("Unknown value '{}' for '{}'; use one of: {}.", *text, key, allowed)});
    }
    return value;
}

constexpr std::string_view kRoleList =
    "admin, coordinator, agency_head, agency_staff, registry_operator, village_operator, ngo_partner, facilitator, "
    "auditor";
constexpr std::string_view kKindList = "bappeda, dinas, ngo, kecamatan, desa";

template <typename Enum>
std::optional<Enum> QueryEnum(const Request& request, std::string_view name,
                              std::optional<Enum> (*parse)(std::string_view), std::string_view allowed) {
    auto text = request.Query(name);
    if (!text || text->empty()) {
        return std::nullopt;
    }
    auto value = parse(*text);
    if (!value) {
        ValidationReport report;
        report.Add("IDN-1160", name,
                   {fmt::format("Nilai '{}' tidak dikenal untuk '{}'; pilih salah satu: {}.", *text, name, allowed),
                    fmt::format("Unknown value '{}' for '{}'; use one of: {}.", *text, name, allowed)});
        report.ThrowIfAny();
    }
    return value;
}

std::optional<std::string> QueryText(const Request& request, std::string_view name) {
    auto text = request.Query(name);
    if (!text || text->empty()) {
        return std::nullopt;
    }
    return text;
}

}  // namespace

void RegisterIdentityRoutes(ApiGateway& api, IdentityService& identity) {
    // ---- Sign-in ----
    api.Add("POST", "/api/v1/auth/login", actions::kPublic, [&identity](Request& request, const Caller&) {
        const auto body = http::ParseJsonObject(request);
        ValidationReport report;
        JsonFields fields(body, report);
        auto username = fields.String("username", Presence::kRequired, 1, 64);
        auto password = fields.String("password", Presence::kRequired, 1, 200);
        fields.RejectUnknown();
        report.ThrowIfAny();
        auto result = identity.Login(*username, *password, request.client_ip);
        auto response =
            Response::Json(200, json::object{{"user", ToJson(result.user)}, {"csrf_token", result.csrf_token}});
        response.WithHeader("Set-Cookie", SessionCookie(identity, result.session_token, false));
        response.WithHeader("Cache-Control", "no-store");
        return response;
    });
    api.Add("POST", "/api/v1/auth/logout", actions::kSelf, [&identity](Request&, const Caller& caller) {
        identity.Logout(caller);
        auto response = Response::NoContent();
        response.WithHeader("Set-Cookie", SessionCookie(identity, "", true));
        return response;
    });
    api.Add("GET", "/api/v1/auth/me", actions::kSelf, [](Request&, const Caller& caller) {
        json::object body{{"user", ToJson(*caller.user)}};
        body["csrf_token"] = caller.method == AuthMethod::kSession ? json::value(caller.csrf_token) : nullptr;
        auto response = Response::Json(200, body);
        response.WithHeader("Cache-Control", "no-store");
        return response;
    });
    api.Add("POST", "/api/v1/auth/password", actions::kSelf, [&identity](Request& request, const Caller& caller) {
        const auto body = http::ParseJsonObject(request);
        ValidationReport report;
        JsonFields fields(body, report);
        auto current = fields.String("current_password", Presence::kRequired, 1, 200);
        auto next = fields.String("new_password", Presence::kRequired, 1, 200);
        fields.RejectUnknown();
        report.ThrowIfAny();
        identity.ChangeOwnPassword(caller, *current, *next);
        return Response::NoContent();
    });

    // ---- Users ----
    api.Add("GET", "/api/v1/users", actions::kUsersRead, [&identity](Request& request, const Caller& caller) {
        UserFilter filter{QueryText(request, "q"), http::QueryInt(request, "agency_id"),
                          QueryEnum<Role>(request, "role", ParseRole, kRoleList), http::QueryBool(request, "active")};
        return PageResponse(identity.ListUsers(caller, filter, ParsePageRequest(request)));
    });
    api.Add("POST", "/api/v1/users", actions::kUsersManage, [&identity](Request& request, const Caller& caller) {
        const auto body = http::ParseJsonObject(request);
        ValidationReport report;
        JsonFields fields(body, report);
        NewUser user;
        user.username = fields.String("username", Presence::kRequired, 1, 64).value_or("");
        user.full_name = fields.String("full_name", Presence::kRequired, 1, 200).value_or("");
        user.agency_id = fields.Int("agency_id", Presence::kRequired);
        auto role = ReadEnum<Role>(fields, report, "role", Presence::kRequired, ParseRole, kRoleList);
        user.password = fields.String("password", Presence::kRequired, 1, 200).value_or("");
        fields.RejectUnknown();
        user.role = role.value_or(Role::kAgencyStaff);
        return Response::Json(201, ToJson(identity.CreateUser(caller, user, std::move(report))));
    });
    api.Add("GET", "/api/v1/users/{id}", actions::kUsersRead, [&identity](Request& request, const Caller& caller) {
        return Response::Json(200, ToJson(identity.GetUser(caller, http::PathId(request))));
    });
    api.Add("PATCH", "/api/v1/users/{id}", actions::kUsersManage, [&identity](Request& request, const Caller& caller) {
        const auto id = http::PathId(request);
        const auto body = http::ParseJsonObject(request);
        ValidationReport report;
        JsonFields fields(body, report);
        UserChanges changes;
        changes.full_name = fields.String("full_name", Presence::kOptional, 1, 200);
        changes.agency_id = fields.Int("agency_id", Presence::kOptional);
        changes.role = ReadEnum<Role>(fields, report, "role", Presence::kOptional, ParseRole, kRoleList);
        fields.RejectUnknown();
        report.ThrowIfAny();
        return Response::Json(200, ToJson(identity.UpdateUser(caller, id, changes)));
    });
    api.Add("POST", "/api/v1/users/{id}/disable", actions::kUsersManage,
            [&identity](Request& request, const Caller& caller) {
                return Response::Json(200, ToJson(identity.SetUserActive(caller, http::PathId(request), false)));
            });
    api.Add("POST", "/api/v1/users/{id}/enable", actions::kUsersManage,
            [&identity](Request& request, const Caller& caller) {
                return Response::Json(200, ToJson(identity.SetUserActive(caller, http::PathId(request), true)));
            });
    api.Add("POST", "/api/v1/users/{id}/password", actions::kUsersManage,
            [&identity](Request& request, const Caller& caller) {
                const auto id = http::PathId(request);
                const auto body = http::ParseJsonObject(request);
                ValidationReport report;
                JsonFields fields(body, report);
                auto password = fields.String("password", Presence::kRequired, 1, 200);
                fields.RejectUnknown();
                report.ThrowIfAny();
                identity.ResetPassword(caller, id, *password);
                return Response::NoContent();
            });

    // ---- Agencies ----
    api.Add("GET", "/api/v1/agencies", actions::kAgenciesRead, [&identity](Request& request, const Caller& caller) {
        AgencyFilter filter{QueryText(request, "q"), QueryEnum<AgencyKind>(request, "kind", ParseAgencyKind, kKindList),
                            http::QueryBool(request, "active")};
        return PageResponse(identity.ListAgencies(caller, filter, ParsePageRequest(request)));
    });
    api.Add("POST", "/api/v1/agencies", actions::kAgenciesManage, [&identity](Request& request, const Caller& caller) {
        const auto body = http::ParseJsonObject(request);
        ValidationReport report;
        JsonFields fields(body, report);
        NewAgency agency;
        agency.code = fields.String("code", Presence::kRequired, 1, 20).value_or("");
        agency.name = fields.String("name", Presence::kRequired, 1, 200).value_or("");
        auto kind = ReadEnum<AgencyKind>(fields, report, "kind", Presence::kRequired, ParseAgencyKind, kKindList);
        agency.region_code = fields.String("region_code", Presence::kRequired, 1, 20).value_or("");
        fields.RejectUnknown();
        agency.kind = kind.value_or(AgencyKind::kDinas);
        return Response::Json(201, ToJson(identity.CreateAgency(caller, agency, std::move(report))));
    });
    api.Add("GET", "/api/v1/agencies/{id}", actions::kAgenciesRead,
            [&identity](Request& request, const Caller& caller) {
                return Response::Json(200, ToJson(identity.GetAgency(caller, http::PathId(request))));
            });
    api.Add("PATCH", "/api/v1/agencies/{id}", actions::kAgenciesManage,
            [&identity](Request& request, const Caller& caller) {
                const auto id = http::PathId(request);
                const auto body = http::ParseJsonObject(request);
                ValidationReport report;
                JsonFields fields(body, report);
                AgencyChanges changes;
                changes.name = fields.String("name", Presence::kOptional, 1, 200);
                changes.kind =
                    ReadEnum<AgencyKind>(fields, report, "kind", Presence::kOptional, ParseAgencyKind, kKindList);
                changes.region_code = fields.String("region_code", Presence::kOptional, 1, 20);
                changes.active = fields.Bool("active", Presence::kOptional);
                fields.RejectUnknown();
                report.ThrowIfAny();
                return Response::Json(200, ToJson(identity.UpdateAgency(caller, id, changes)));
            });

    // ---- API tokens ----
    api.Add("GET", "/api/v1/tokens", actions::kTokensManage, [&identity](Request& request, const Caller& caller) {
        return PageResponse(identity.ListTokens(caller, http::QueryInt(request, "user_id"), ParsePageRequest(request)));
    });
    api.Add("POST", "/api/v1/tokens", actions::kTokensManage, [&identity](Request& request, const Caller& caller) {
        const auto body = http::ParseJsonObject(request);
        ValidationReport report;
        JsonFields fields(body, report);
        auto user_id = fields.Int("user_id", Presence::kRequired);
        auto name = fields.String("name", Presence::kRequired, 1, 100);
        auto expires_at = fields.String("expires_at", Presence::kOptional, 1, 40);
        fields.RejectUnknown();
        report.ThrowIfAny();
        auto created = identity.CreateToken(caller, *user_id, *name, expires_at);
        auto response = Response::Json(201, json::object{{"token", ToJson(created.token)}, {"secret", created.secret}});
        response.WithHeader("Cache-Control", "no-store");
        return response;
    });
    api.Add("POST", "/api/v1/tokens/{id}/revoke", actions::kTokensManage,
            [&identity](Request& request, const Caller& caller) {
                return Response::Json(200, ToJson(identity.RevokeToken(caller, http::PathId(request))));
            });

    // ---- Audit ----
    api.Add("GET", "/api/v1/audit", actions::kAuditRead, [&identity](Request& request, const Caller& caller) {
        AuditFilter filter{QueryText(request, "actor"),     QueryText(request, "action"),  QueryText(request, "entity"),
                           QueryText(request, "entity_id"), QueryText(request, "outcome"), QueryText(request, "from"),
                           QueryText(request, "to")};
        return PageResponse(identity.ListAudit(caller, filter, ParsePageRequest(request)));
    });
}

}  // namespace sinergi::identity
