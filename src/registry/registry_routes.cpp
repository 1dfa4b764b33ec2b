// HTTP for the register: search, read, create and change households and persons, and a household's history.
// Changes need If-Match with the record's version (ETag): a stale version gets 412, a missing one 428.
#include <algorithm>
#include <cmath>

#include <boost/json.hpp>
#include <fmt/format.h>

#include "platform/crypto.hpp"
#include "platform/json_body.hpp"
#include "registry/import_jobs.hpp"
#include "registry/register_export.hpp"
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

std::string ReadReason(const json::object& body, ValidationReport& report) {
    const auto* reason = body.if_contains("reason");
    std::string text = reason != nullptr && reason->is_string() ? std::string(reason->as_string()) : "";
    text.erase(0, text.find_first_not_of(" \t\r\n"));
    text.erase(text.find_last_not_of(" \t\r\n") + 1);
    if (text.size() < 3) {
        report.Add("REG-2110", "reason",
                   {"Alasan perubahan wajib diisi (minimal 3 karakter).",
                    "A reason for the change is required (at least 3 characters)."});
        return "";
    }
    return text;
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
    return http::Private(Response::Json(200, MakePage(std::move(items), page.total, page.next_key)));
}

json::object ChangeRequestJson(const ChangeRequest& request) {
    const auto opt = [](const auto& value) { return value ? json::value(*value) : json::value(nullptr); };
    boost::system::error_code ec;
    auto payload = json::parse(request.payload_json, ec);
    json::array attachments;
    for (const auto& attachment : request.attachments) {
        attachments.push_back(json::object{{"id", attachment.id},
                                           {"filename", attachment.filename},
                                           {"content_type", attachment.content_type},
                                           {"size_bytes", attachment.size_bytes},
                                           {"created_at", attachment.created_at}});
    }
    return {{"id", request.id},
            {"kind", ToString(request.kind)},
            {"status", request.status},
            {"village_code", request.village_code},
            {"household_id", opt(request.household_id)},
            {"person_id", opt(request.person_id)},
            {"payload", ec ? json::value(json::object{}) : payload},
            {"reason", request.reason},
            {"proposed_by", request.proposed_by_name},
            {"proposed_at", request.proposed_at},
            {"decided_by", opt(request.decided_by_name)},
            {"decided_at", opt(request.decided_at)},
            {"decision_note", opt(request.decision_note)},
            {"result_household_id", opt(request.result_household_id)},
            {"attachments", std::move(attachments)}};
}

constexpr std::size_t kMaxAttachmentBytes = std::size_t{5} * 1024 * 1024;

std::vector<NewAttachment> ReadAttachments(const json::object& body, ValidationReport& report) {
    std::vector<NewAttachment> out;
    const auto* list = body.if_contains("attachments");
    if (list == nullptr) {
        return out;
    }
    if (!list->is_array()) {
        report.Add("REG-2320", "attachments", {"'attachments' harus berupa daftar.", "'attachments' must be a list."});
        return out;
    }
    for (std::size_t i = 0; i < list->as_array().size(); ++i) {
        const auto path = fmt::format("attachments[{}]", i);
        const auto& item = list->as_array()[i];
        const auto* name = item.is_object() ? item.as_object().if_contains("filename") : nullptr;
        const auto* type = item.is_object() ? item.as_object().if_contains("content_type") : nullptr;
        const auto* data = item.is_object() ? item.as_object().if_contains("data_base64") : nullptr;
        NewAttachment attachment;
        if (name == nullptr || !name->is_string() || name->as_string().empty() || type == nullptr ||
            !type->is_string() || data == nullptr || !data->is_string()) {
            report.Add("REG-2321", path,
                       {"Lampiran perlu filename, content_type dan data_base64.",
                        "An attachment needs filename, content_type and data_base64."});
            continue;
        }
        std::string text(data->as_string());
        // Accept standard base64 too: map it onto the URL-safe alphabet and drop padding.
        for (auto& c : text) {
            c = c == '+' ? '-' : c == '/' ? '_' : c;
        }
        text.erase(std::remove(text.begin(), text.end(), '='), text.end());
        if (!crypto::Base64UrlDecode(text, attachment.bytes) || attachment.bytes.empty()) {
            report.Add("REG-2322", path + ".data_base64",
                       {"Isi lampiran bukan base64 yang valid.", "The attachment content is not valid base64."});
            continue;
        }
        if (attachment.bytes.size() > kMaxAttachmentBytes) {
            report.Add("REG-2323", path, {"Lampiran maksimal 5 MiB.", "An attachment can be at most 5 MiB."});
            continue;
        }
        const std::string content_type(type->as_string());
        if (content_type != "application/pdf" && content_type != "image/jpeg" && content_type != "image/png") {
            report.Add("REG-2324", path + ".content_type",
                       {"Lampiran harus PDF, JPEG atau PNG.", "An attachment must be a PDF, JPEG or PNG."});
            continue;
        }
        attachment.filename = std::string(name->as_string()).substr(0, 200);
        attachment.content_type = content_type;
        out.push_back(std::move(attachment));
    }
    return out;
}

std::string ReadNote(const Request& request, bool required, ValidationReport& report) {
    if (request.body.empty()) {
        if (required) {
            report.Add("REG-2311", "note", {"Catatan keputusan wajib diisi.", "A decision note is required."});
        }
        return "";
    }
    const auto body = http::ParseJsonObject(request);
    const auto* note = body.if_contains("note");
    if (note != nullptr && note->is_string()) {
        return std::string(note->as_string());
    }
    if (required) {
        report.Add("REG-2311", "note", {"Catatan keputusan wajib diisi.", "A decision note is required."});
    }
    return "";
}

// The household search's filters, from the query string (GET /households) or an export's `filters`.
HouseholdQuery ReadHouseholdQuery(const Request& request) {
    HouseholdQuery query;
    query.q = QueryText(request, "q");
    query.region = QueryText(request, "region");
    query.desil_min = http::QueryInt(request, "desil_min");
    query.desil_max = http::QueryInt(request, "desil_max");
    query.status = QueryText(request, "status");
    ValidationReport report;
    if (query.status && *query.status != "active" && *query.status != "closed" && *query.status != "all") {
        report.Add("REG-2111", "status",
                   {"Status harus active, closed atau all.", "The status must be active, closed or all."});
    }
    // Any household attribute of the catalogue filters by equality (e.g. ?floor_material=tanah&has_car=0).
    for (const auto& [key, text] : request.query) {
        const auto* spec = FindField(HouseholdFields(), key);
        if (spec == nullptr || key == "village_code" || key == "desil") {
            continue;
        }
        if (auto value = ReadFieldText(*spec, text, key, std::nullopt, report)) {
            query.attributes[key] = std::move(*value);
        }
    }
    report.ThrowIfAny();
    return query;
}

}  // namespace

void RegisterRegistryRoutes(identity::ApiGateway& api, RegistryService& registry) {
    using identity::actions::kRegistryRead;
    using identity::actions::kRegistryWrite;

    api.Add("GET", "/api/v1/households", kRegistryRead, [&registry](Request& request, const Caller& caller) {
        return PageResponse(registry.SearchHouseholds(caller, ReadHouseholdQuery(request), ParsePageRequest(request)),
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
        auto created = registry.Create(caller, input, Source::kForm, reason, std::move(report));
        auto response = http::Private(Response::Json(201, HouseholdJson(created, true)));
        response.WithHeader("ETag", http::ETag(created.version));
        response.WithHeader("Location", fmt::format("/api/v1/households/{}", created.id));
        return response;
    });
    api.Add("GET", "/api/v1/households/{id}", kRegistryRead, [&registry](Request& request, const Caller& caller) {
        auto household = registry.Get(caller, http::PathId(request));
        auto response = http::Private(Response::Json(200, HouseholdJson(household, true)));
        response.WithHeader("ETag", http::ETag(household.version));
        return response;
    });
    api.Add("PATCH", "/api/v1/households/{id}", kRegistryWrite, [&registry](Request& request, const Caller& caller) {
        const auto id = http::PathId(request);
        const auto version = http::RequiredVersion(request, errors::kVersionRequired);
        const auto body = http::ParseJsonObject(request);
        ValidationReport report;
        const auto reason = ReadReason(body, report);
        auto changes = ReadFields(body, HouseholdFields(), "", {"reason"}, report);
        if (changes.empty() && report.empty()) {
            report.Add("REG-2115", "", {"Tidak ada kolom yang diubah.", "No field to change was given."});
        }
        report.ThrowIfAny();
        auto household = registry.Update(caller, id, version, changes, reason);
        auto response = http::Private(Response::Json(200, HouseholdJson(household, true)));
        response.WithHeader("ETag", http::ETag(household.version));
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
        const auto version = http::RequiredVersion(request, errors::kVersionRequired);
        const auto body = http::ParseJsonObject(request);
        ValidationReport report;
        const auto reason = ReadReason(body, report);
        auto changes = ReadFields(body, PersonFields(), "", {"reason"}, report);
        if (changes.empty() && report.empty()) {
            report.Add("REG-2115", "", {"Tidak ada kolom yang diubah.", "No field to change was given."});
        }
        report.ThrowIfAny();
        auto person = registry.UpdatePerson(caller, id, version, changes, reason);
        auto response = http::Private(Response::Json(200, PersonJson(person)));
        response.WithHeader("ETag", http::ETag(person.version));
        return response;
    });

    api.Add("GET", "/api/v1/registry/currency", identity::actions::kRegistryFigures,
            [&registry](Request& request, const Caller& caller) {
                const auto months = http::QueryInt(request, "months").value_or(12);
                if (months < 1 || months > 120) {
                    ValidationReport report;
                    report.Add("REG-2330", "months",
                               {"Parameter 'months' harus 1–120.", "Parameter 'months' must be from 1 to 120."});
                    report.ThrowIfAny();
                }
                auto page = registry.Currency(caller, QueryText(request, "region"), static_cast<int>(months),
                                              ParsePageRequest(request));
                return PageResponse(page, [](const VillageCurrency& v) {
                    const double share = v.households == 0 ? 0.0
                                                           : static_cast<double>(v.verified_recently) /
                                                                 static_cast<double>(v.households);
                    return json::object{
                        {"village_code", v.village_code},
                        {"village_name", v.village_name},
                        {"households", v.households},
                        {"verified_recently", v.verified_recently},
                        {"verified_share", std::round(share * 1000.0) / 1000.0},
                        {"never_verified", v.never_verified},
                        {"oldest_verified_at", v.oldest_verified_at ? json::value(*v.oldest_verified_at) : nullptr},
                        {"households_with_warnings", v.with_warnings}};
                });
            });

    using identity::actions::kRegistryPropose;
    using identity::actions::kRegistryVerify;
    api.Add("POST", "/api/v1/change-requests", kRegistryPropose, [&registry](Request& request, const Caller& caller) {
        const auto body = http::ParseJsonObject(request);
        ValidationReport report;
        ProposedChange change;
        const auto* kind = body.if_contains("kind");
        auto parsed = kind != nullptr && kind->is_string() ? ParseChangeKind(kind->as_string()) : std::nullopt;
        if (!parsed) {
            report.Add("REG-2325", "kind",
                       {"Jenis usulan wajib: new_household, add_member, member_left, death, move, split, "
                        "change_household atau change_person.",
                        "The kind is required: new_household, add_member, member_left, death, move, split, "
                        "change_household or change_person."});
        }
        change.kind = parsed.value_or(ChangeKind::kChangeHousehold);
        change.reason = ReadReason(body, report);
        for (const auto* key : {"household_id", "person_id"}) {
            if (const auto* value = body.if_contains(key); value != nullptr && !value->is_null()) {
                if (!value->is_int64()) {
                    report.Add(
                        "REG-2326", key,
                        {fmt::format("{} harus bilangan bulat.", key), fmt::format("{} must be a whole number.", key)});
                } else {
                    (std::string_view(key) == "household_id" ? change.household_id : change.person_id) =
                        value->as_int64();
                }
            }
        }
        if (const auto* payload = body.if_contains("payload"); payload != nullptr && payload->is_object()) {
            change.payload = payload->as_object();
        }
        change.attachments = ReadAttachments(body, report);
        for (const auto& [key, value] : body) {
            if (key != "kind" && key != "reason" && key != "household_id" && key != "person_id" && key != "payload" &&
                key != "attachments") {
                report.Add("HTTP-1016", key,
                           {fmt::format("Kolom '{}' tidak dikenal.", std::string_view(key)),
                            fmt::format("Unknown field '{}'.", std::string_view(key))});
            }
        }
        report.ThrowIfAny();
        auto created = registry.Propose(caller, change);
        auto response = http::Private(Response::Json(201, ChangeRequestJson(created)));
        response.WithHeader("Location", fmt::format("/api/v1/change-requests/{}", created.id));
        return response;
    });
    api.Add("GET", "/api/v1/change-requests", kRegistryPropose, [&registry](Request& request, const Caller& caller) {
        ChangeRequestFilter filter{QueryText(request, "status"), QueryText(request, "region"),
                                   http::QueryBool(request, "mine").value_or(false)};
        if (filter.status && *filter.status != "proposed" && *filter.status != "verified" &&
            *filter.status != "rejected" && *filter.status != "withdrawn") {
            ValidationReport report;
            report.Add("REG-2327", "status",
                       {"Status harus proposed, verified, rejected atau withdrawn.",
                        "The status must be proposed, verified, rejected or withdrawn."});
            report.ThrowIfAny();
        }
        return PageResponse(registry.ListChangeRequests(caller, filter, ParsePageRequest(request)), ChangeRequestJson);
    });
    api.Add("GET", "/api/v1/change-requests/{id}", kRegistryPropose,
            [&registry](Request& request, const Caller& caller) {
                return http::Private(
                    Response::Json(200, ChangeRequestJson(registry.GetChangeRequest(caller, http::PathId(request)))));
            });
    api.Add("POST", "/api/v1/change-requests/{id}/verify", kRegistryVerify,
            [&registry](Request& request, const Caller& caller) {
                const auto id = http::PathId(request);
                ValidationReport report;
                const auto note = ReadNote(request, false, report);
                return Response::Json(200, ChangeRequestJson(registry.Verify(caller, id, note)));
            });
    api.Add("POST", "/api/v1/change-requests/{id}/reject", kRegistryVerify,
            [&registry](Request& request, const Caller& caller) {
                const auto id = http::PathId(request);
                ValidationReport report;
                const auto note = ReadNote(request, true, report);
                report.ThrowIfAny();
                return Response::Json(200, ChangeRequestJson(registry.Reject(caller, id, note)));
            });
    api.Add("POST", "/api/v1/change-requests/{id}/withdraw", kRegistryPropose,
            [&registry](Request& request, const Caller& caller) {
                return Response::Json(200, ChangeRequestJson(registry.Withdraw(caller, http::PathId(request))));
            });
    api.Add("GET", "/api/v1/change-requests/{id}/attachments/{attachment}", kRegistryPropose,
            [&registry](Request& request, const Caller& caller) {
                auto [info, bytes] =
                    registry.GetAttachment(caller, http::PathId(request), http::PathId(request, "attachment"));
                Response response;
                response.content_type = info.content_type;
                response.body = std::move(bytes);
                // Served as a download, never rendered inline from our origin.
                response.WithHeader("Content-Disposition",
                                    fmt::format("attachment; filename=\"attachment-{}{}\"", info.id,
                                                info.content_type == "application/pdf" ? ".pdf"
                                                : info.content_type == "image/png"     ? ".png"
                                                                                       : ".jpg"));
                response.WithHeader("Cache-Control", "no-store");
                return response;
            });
}

namespace {

json::object ImportJobJson(const ImportJob& job) {
    const auto opt = [](const auto& value) { return value ? json::value(*value) : json::value(nullptr); };
    json::array issues;
    for (const auto& issue : job.issues) {
        issues.push_back(http::IssueJson(issue));
    }
    return {{"id", job.id},
            {"filename", job.filename},
            {"size_bytes", job.size_bytes},
            {"partial", job.partial},
            {"status", job.status},
            {"phase", job.phase ? json::value(*job.phase == ImportPhase::kChecking ? "checking" : "writing") : nullptr},
            {"progress_done", job.progress_done},
            {"progress_total", job.progress_total},
            {"percent", job.percent},
            {"rows_read", job.rows_read},
            {"rows_refused", job.rows_refused},
            {"households_imported", job.households_imported},
            {"persons_imported", job.persons_imported},
            {"committed", job.committed},
            {"stopped_at_row", opt(job.stopped_at_row)},
            {"issue_count", job.issue_count},
            {"issues", std::move(issues)},
            {"error", job.error ? json::value(http::Localized(*job.error)) : nullptr},
            {"created_by", job.created_by},
            {"created_at", job.created_at},
            {"started_at", opt(job.started_at)},
            {"finished_at", opt(job.finished_at)}};
}

// An export's `filters` object as the query string a search would carry, so both are read by ReadHouseholdQuery.
Request FiltersAsSearch(const json::object& body, ValidationReport& report) {
    Request search;
    const auto* filters = body.if_contains("filters");
    if (filters == nullptr || filters->is_null()) {
        return search;
    }
    if (!filters->is_object()) {
        report.Add("REG-2343", "filters", {"'filters' harus berupa objek.", "'filters' must be an object."});
        return search;
    }
    static constexpr std::string_view kSearchFilters[] = {"q", "region", "desil_min", "desil_max", "status"};
    for (const auto& [key, value] : filters->as_object()) {
        const std::string name(key);
        const bool known =
            std::find(std::begin(kSearchFilters), std::end(kSearchFilters), name) != std::end(kSearchFilters) ||
            (FindField(HouseholdFields(), name) != nullptr && name != "village_code" && name != "desil");
        std::optional<std::string> text;
        if (value.is_string()) {
            text = std::string(value.as_string());
        } else if (value.is_int64()) {
            text = std::to_string(value.as_int64());
        } else if (value.is_bool()) {
            text = value.as_bool() ? "1" : "0";
        }
        if (!known || !text) {
            report.Add("REG-2343", "filters." + name,
                       {known ? fmt::format("Filter '{}' harus teks, bilangan bulat atau true/false.", name)
                              : fmt::format("Filter '{}' tidak dikenal.", name),
                        known ? fmt::format("The filter '{}' must be text, a whole number or true/false.", name)
                              : fmt::format("Unknown filter '{}'.", name)});
            continue;
        }
        search.query.emplace_back(name, std::move(*text));
    }
    return search;
}

bool IsUploadMediaType(std::string_view content_type) {
    const auto media = content_type.substr(0, content_type.find(';'));
    // Browsers label CSV files variously (Windows says application/vnd.ms-excel); the import tells the format by
    // content, so the label only has to say "a file".
    for (const std::string_view accepted :
         {"text/csv", "text/plain", "application/csv", "application/vnd.ms-excel",
          "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "application/octet-stream"}) {
        if (media == accepted) {
            return true;
        }
    }
    return false;
}

}  // namespace

void RegisterTransferRoutes(identity::ApiGateway& api, ImportJobs& imports, RegisterExporter& exporter) {
    using identity::actions::kRegistryWrite;

    api.Add("POST", "/api/v1/registry/exports", identity::actions::kRegistryExport,
            [&exporter](Request& request, const Caller& caller) {
                const auto body = http::ParseJsonObject(request);
                ValidationReport report;
                const auto* format_value = body.if_contains("format");
                const auto format = format_value != nullptr && format_value->is_string()
                                        ? ParseExportFormat(format_value->as_string())
                                        : std::nullopt;
                if (!format) {
                    report.Add("REG-2341", "format",
                               {"Format ekspor harus csv atau xlsx.", "The export format must be csv or xlsx."});
                }
                const auto* purpose = body.if_contains("purpose");
                const std::string purpose_text =
                    purpose != nullptr && purpose->is_string() ? std::string(purpose->as_string()) : "";
                auto search = FiltersAsSearch(body, report);
                for (const auto& [key, value] : body) {
                    if (key != "format" && key != "purpose" && key != "filters") {
                        report.Add("HTTP-1016", key,
                                   {fmt::format("Kolom '{}' tidak dikenal.", std::string_view(key)),
                                    fmt::format("Unknown field '{}'.", std::string_view(key))});
                    }
                }
                report.ThrowIfAny();
                auto file = exporter.Export(caller, ReadHouseholdQuery(search), *format, purpose_text);
                Response response;
                response.content_type = file.content_type;
                response.body = std::move(file.bytes);
                response.WithHeader("Content-Disposition", fmt::format("attachment; filename=\"{}\"", file.filename));
                response.WithHeader("X-Export-Households", std::to_string(file.households));
                response.WithHeader("X-Export-Persons", std::to_string(file.persons));
                return http::Private(std::move(response));
            });

    api.Add("POST", "/api/v1/registry/imports", kRegistryWrite, [&imports](Request& request, const Caller& caller) {
        const auto content_type = request.Header("Content-Type").value_or("");
        if (!IsUploadMediaType(content_type)) {
            throw Error(http::errors::kUnsupportedMediaType,
                        {fmt::format("Unggah berkas CSV atau XLSX (Content-Type text/csv, application/vnd.openxml"
                                     "formats-officedocument.spreadsheetml.sheet atau application/octet-stream), "
                                     "bukan '{}'.",
                                     content_type),
                         fmt::format("Upload a CSV or XLSX file (Content-Type text/csv, application/vnd.openxml"
                                     "formats-officedocument.spreadsheetml.sheet or application/octet-stream), not "
                                     "'{}'.",
                                     content_type)});
        }
        const bool partial = http::QueryBool(request, "partial").value_or(false);
        auto job =
            imports.Submit(caller, std::move(request.body), QueryText(request, "filename").value_or(""), partial);
        auto response = http::Private(Response::Json(202, ImportJobJson(job)));
        response.WithHeader("Location", fmt::format("/api/v1/registry/imports/{}", job.id));
        return response;
    });
    api.Add("GET", "/api/v1/registry/imports", kRegistryWrite, [&imports](Request& request, const Caller& caller) {
        return PageResponse(imports.List(caller, ParsePageRequest(request)), ImportJobJson);
    });
    api.Add("GET", "/api/v1/registry/imports/{id}", kRegistryWrite, [&imports](Request& request, const Caller& caller) {
        return http::Private(Response::Json(200, ImportJobJson(imports.Get(caller, http::PathId(request)))));
    });
    api.Add("GET", "/api/v1/registry/imports/{id}/report", kRegistryWrite,
            [&imports](Request& request, const Caller& caller) {
                const auto id = http::PathId(request);
                Response response;
                response.content_type = "text/csv; charset=utf-8";
                response.body = imports.Report(caller, id);
                response.WithHeader("Content-Disposition",
                                    fmt::format("attachment; filename=\"import-{}-report.csv\"", id));
                return http::Private(std::move(response));
            });
}

}  // namespace sinergi::registry
