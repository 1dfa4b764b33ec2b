// HTTP for the register: search, read, create and change households and persons, and a household's history.
// Changes need If-Match with the record's version (ETag): a stale version gets 412, a missing one 428.
#include <boost/json.hpp>
#include <fmt/format.h>

#include "platform/json_body.hpp"
#include "registry/registry_service.hpp"

namespace sinergi::registry {

namespace json = boost::json;
using http::Request;
using http::Response;
using identity::Caller;

namespace {

json::array WarningsJson(const std::vector<std::string>& codes) {
    json::array out;
    for (const auto& code : codes) {
        const auto text = DescribeWarning(code);
        out.push_back(json::object{{"code", code}, {"message", json::object{{"id", text.id}, {"en", text.en}}}});
    }
    return out;
}

json::object PersonJson(const Person& person) {
    json::object out{{"id", person.id},
                     {"household_id", person.household_id},
                     {"version", person.version},
                     {"warnings", WarningsJson(person.warnings)},
                     {"created_at", person.created_at},
                     {"updated_at", person.updated_at}};
    for (const auto& spec : PersonFields()) {
        auto it = person.fields.find(spec.name);
        out[spec.name] = it == person.fields.end() ? json::value(nullptr) : ToJson(it->second, spec.type);
    }
    return out;
}

json::object HouseholdJson(const Household& household, bool with_members) {
    json::object out{{"id", household.id},
                     {"version", household.version},
                     {"status", household.status},
                     {"member_count", household.member_count},
                     {"warnings", WarningsJson(household.warnings)},
                     {"created_at", household.created_at},
                     {"updated_at", household.updated_at}};
    const auto opt = [](const auto& value) { return value ? json::value(*value) : json::value(nullptr); };
    out["closed_reason"] = opt(household.closed_reason);
    out["closed_at"] = opt(household.closed_at);
    out["head_person_id"] = opt(household.head_person_id);
    out["head_name"] = opt(household.head_name);
    out["village_name"] = opt(household.village_name);
    for (const auto& spec : HouseholdFields()) {
        auto it = household.fields.find(spec.name);
        out[spec.name] = it == household.fields.end() ? json::value(nullptr) : ToJson(it->second, spec.type);
    }
    if (with_members) {
        json::array members;
        for (const auto& person : household.members) {
            members.push_back(PersonJson(person));
        }
        out["members"] = std::move(members);
    }
    return out;
}

std::string ETag(std::int64_t version) { return fmt::format("\"{}\"", version); }

// The version the client last saw, from If-Match ("3", W/"3" or 3).
std::int64_t RequiredVersion(const Request& request) {
    auto header = request.Header("If-Match");
    if (!header || header->empty()) {
        throw Error(errors::kVersionRequired,
                    {"Perubahan harus menyertakan versi data yang Anda lihat (header If-Match). Muat ulang halaman.",
                     "A change must carry the version you saw (If-Match header). Reload the page."});
    }
    std::string text = *header;
    if (text.starts_with("W/")) {
        text = text.substr(2);
    }
    if (text.size() >= 2 && text.front() == '"' && text.back() == '"') {
        text = text.substr(1, text.size() - 2);
    }
    try {
        std::size_t used = 0;
        const auto version = std::stoll(text, &used);
        if (used == text.size() && version > 0) {
            return version;
        }
    } catch (const std::exception&) {  // NOLINT(bugprone-empty-catch): answered below
    }
    throw Error(errors::kVersionRequired, {fmt::format("Header If-Match '{}' tidak berisi versi yang valid.", *header),
                                           fmt::format("The If-Match header '{}' holds no valid version.", *header)});
}

// Reads the catalogue fields present in `object` (others are reported unless `allowed_extra` lists them).
FieldValues ReadFields(const json::object& object, std::span<const FieldSpec> specs, std::string_view path_prefix,
                       std::initializer_list<std::string_view> allowed_extra, ValidationReport& report) {
    FieldValues values;
    for (const auto& [key, value] : object) {
        const std::string_view name = key;
        if (std::find(allowed_extra.begin(), allowed_extra.end(), name) != allowed_extra.end()) {
            continue;
        }
        const auto path = fmt::format("{}{}", path_prefix, name);
        const auto* spec = FindField(specs, name);
        if (spec == nullptr) {
            report.Add("REG-2109", path,
                       {fmt::format("Kolom '{}' tidak dikenal.", path), fmt::format("Unknown field '{}'.", path)});
            continue;
        }
        if (auto read = ReadField(*spec, value, path, report)) {
            values[std::string(name)] = std::move(*read);
        }
    }
    return values;
}

std::string ReadReason(const json::object& body, ValidationReport& report) {
    const auto* reason = body.if_contains("reason");
    if (reason == nullptr || !reason->is_string() || reason->as_string().size() < 3) {
        report.Add("REG-2110", "reason",
                   {"Alasan perubahan wajib diisi (minimal 3 karakter).",
                    "A reason for the change is required (at least 3 characters)."});
        return "";
    }
    return std::string(reason->as_string());
}

std::optional<std::string> QueryText(const Request& request, std::string_view name) {
    auto text = request.Query(name);
    return text && !text->empty() ? text : std::nullopt;
}

template <typename T, typename Render>
Response PageResponse(const identity::Page<T>& page, Render render) {
    json::array items;
    for (const auto& item : page.items) {
        items.push_back(render(item));
    }
    return Response::Json(200, MakePage(std::move(items), page.total, page.next_key));
}

}  // namespace

void RegisterRegistryRoutes(identity::ApiGateway& api, RegistryService& registry) {
    using identity::actions::kRegistryRead;
    using identity::actions::kRegistryWrite;

    api.Add("GET", "/api/v1/households", kRegistryRead, [&registry](Request& request, const Caller& caller) {
        HouseholdQuery query{QueryText(request, "q"), QueryText(request, "region"),
                             http::QueryInt(request, "desil_min"), http::QueryInt(request, "desil_max"),
                             QueryText(request, "status")};
        if (query.status && *query.status != "active" && *query.status != "closed" && *query.status != "all") {
            ValidationReport report;
            report.Add("REG-2111", "status",
                       {"Status harus active, closed atau all.", "The status must be active, closed or all."});
            report.ThrowIfAny();
        }
        return PageResponse(registry.SearchHouseholds(caller, query, ParsePageRequest(request)),
                            [](const Household& h) { return HouseholdJson(h, false); });
    });
    api.Add("POST", "/api/v1/households", kRegistryWrite, [&registry](Request& request, const Caller& caller) {
        const auto body = http::ParseJsonObject(request);
        ValidationReport report;
        const auto reason = ReadReason(body, report);
        NewHousehold input;
        const auto* household = body.if_contains("household");
        if (household == nullptr || !household->is_object()) {
            report.Add("REG-2112", "household",
                       {"Bagian 'household' (objek) wajib ada.", "A 'household' object is required."});
        } else {
            input.fields = ReadFields(household->as_object(), HouseholdFields(), "household.", {}, report);
        }
        const auto* members = body.if_contains("members");
        if (members == nullptr || !members->is_array()) {
            report.Add("REG-2113", "members",
                       {"Daftar 'members' (array) wajib ada.", "A 'members' array is required."});
        } else {
            for (std::size_t i = 0; i < members->as_array().size(); ++i) {
                const auto& member = members->as_array()[i];
                if (!member.is_object()) {
                    report.Add("REG-2114", fmt::format("members[{}]", i),
                               {"Setiap anggota harus berupa objek.", "Each member must be an object."});
                    continue;
                }
                input.members.push_back(
                    ReadFields(member.as_object(), PersonFields(), fmt::format("members[{}].", i), {}, report));
            }
        }
        for (const auto& [key, value] : body) {
            if (key != "reason" && key != "household" && key != "members") {
                report.Add("HTTP-1016", key,
                           {fmt::format("Kolom '{}' tidak dikenal.", std::string_view(key)),
                            fmt::format("Unknown field '{}'.", std::string_view(key))});
            }
        }
        report.ThrowIfAny();
        auto created = registry.Create(caller, input, Source::kForm, reason);
        auto response = Response::Json(201, HouseholdJson(created, true));
        response.WithHeader("ETag", ETag(created.version));
        response.WithHeader("Location", fmt::format("/api/v1/households/{}", created.id));
        return response;
    });
    api.Add("GET", "/api/v1/households/{id}", kRegistryRead, [&registry](Request& request, const Caller& caller) {
        auto household = registry.Get(caller, http::PathId(request));
        auto response = Response::Json(200, HouseholdJson(household, true));
        response.WithHeader("ETag", ETag(household.version));
        response.WithHeader("Cache-Control", "no-store");
        return response;
    });
    api.Add("PATCH", "/api/v1/households/{id}", kRegistryWrite, [&registry](Request& request, const Caller& caller) {
        const auto id = http::PathId(request);
        const auto version = RequiredVersion(request);
        const auto body = http::ParseJsonObject(request);
        ValidationReport report;
        const auto reason = ReadReason(body, report);
        auto changes = ReadFields(body, HouseholdFields(), "", {"reason"}, report);
        if (changes.empty() && report.empty()) {
            report.Add("REG-2115", "", {"Tidak ada kolom yang diubah.", "No field to change was given."});
        }
        report.ThrowIfAny();
        auto household = registry.Update(caller, id, version, changes, reason);
        auto response = Response::Json(200, HouseholdJson(household, true));
        response.WithHeader("ETag", ETag(household.version));
        return response;
    });
    api.Add("GET", "/api/v1/households/{id}/history", kRegistryRead,
            [&registry](Request& request, const Caller& caller) {
                auto page = registry.History(caller, http::PathId(request), ParsePageRequest(request));
                return PageResponse(page, [](const HistoryEvent& event) {
                    boost::system::error_code ec;
                    auto changes = json::parse(event.changes_json, ec);
                    return json::object{{"id", event.id},
                                        {"at", event.at},
                                        {"actor", event.actor_username},
                                        {"entity", event.entity},
                                        {"entity_id", event.entity_id},
                                        {"kind", event.kind},
                                        {"source", event.source},
                                        {"reason", event.reason},
                                        {"changes", ec ? json::value(json::array{}) : changes}};
                });
            });
    api.Add("GET", "/api/v1/persons", kRegistryRead, [&registry](Request& request, const Caller& caller) {
        PersonQuery query{QueryText(request, "q"), http::QueryInt(request, "household"), QueryText(request, "region")};
        return PageResponse(registry.SearchPersons(caller, query, ParsePageRequest(request)), PersonJson);
    });
    api.Add("PATCH", "/api/v1/persons/{id}", kRegistryWrite, [&registry](Request& request, const Caller& caller) {
        const auto id = http::PathId(request);
        const auto version = RequiredVersion(request);
        const auto body = http::ParseJsonObject(request);
        ValidationReport report;
        const auto reason = ReadReason(body, report);
        auto changes = ReadFields(body, PersonFields(), "", {"reason"}, report);
        if (changes.empty() && report.empty()) {
            report.Add("REG-2115", "", {"Tidak ada kolom yang diubah.", "No field to change was given."});
        }
        report.ThrowIfAny();
        auto person = registry.UpdatePerson(caller, id, version, changes, reason);
        auto response = Response::Json(200, PersonJson(person));
        response.WithHeader("ETag", ETag(person.version));
        return response;
    });
}

}  // namespace sinergi::registry
