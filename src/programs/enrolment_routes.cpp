// HTTP for enrolments: a programme's list, enrolling one target or many, and moving an enrolment along its lifecycle.
#include <boost/json.hpp>
#include <fmt/format.h>

#include "platform/json_body.hpp"
#include "programs/enrolments.hpp"

namespace sinergi::programs {

namespace json = boost::json;
using http::Request;
using http::Response;
using identity::Caller;

namespace {

json::object EnrolmentJson(const Enrolment& e) {
    return {{"id", e.id},
            {"program_id", e.program_id},
            {"program_code", e.program_code},
            {"household_id", e.household_id},
            {"person_id", http::OptionalJson(e.person_id)},
            {"status", e.status},
            {"status_reason", e.status_reason},
            {"source", e.source},
            {"head_name", http::OptionalJson(e.head_name)},
            {"person_name", http::OptionalJson(e.person_name)},
            {"village_code", e.village_code},
            {"village_name", http::OptionalJson(e.village_name)},
            {"desil", http::OptionalJson(e.desil)},
            {"created_at", e.created_at},
            {"updated_at", e.updated_at},
            {"version", e.version}};
}

// Reads the members of `body` named in `allowed`; any other member is reported.
void RejectUnknown(const json::object& body, std::initializer_list<std::string_view> allowed,
                   ValidationReport& report) {
    for (const auto& [key, value] : body) {
        if (std::find(allowed.begin(), allowed.end(), std::string_view(key)) == allowed.end()) {
            report.Add("PRG-2009", key,
                       {fmt::format("Kolom '{}' tidak dikenal.", std::string_view(key)),
                        fmt::format("Unknown field '{}'.", std::string_view(key))});
        }
    }
}

std::optional<std::string> TextMember(const json::object& body, std::string_view key) {
    const auto* value = body.if_contains(key);
    return value != nullptr && value->is_string() ? std::optional(std::string(value->as_string())) : std::nullopt;
}

std::optional<std::int64_t> IdMember(const json::object& body, std::string_view key, ValidationReport& report) {
    const auto* value = body.if_contains(key);
    if (value == nullptr || value->is_null()) {
        return std::nullopt;
    }
    if (!value->is_int64()) {
        report.Add("PRG-2013", key,
                   {fmt::format("{} harus bilangan bulat.", key), fmt::format("{} must be a whole number.", key)});
        return std::nullopt;
    }
    return value->as_int64();
}

}  // namespace

void RegisterEnrolmentRoutes(identity::ApiGateway& api, EnrolmentService& enrolments) {
    using identity::actions::kEnrolmentsRead;
    using identity::actions::kProgramsManage;

    api.Add("GET", "/api/v1/programs/{id}/enrolments", kEnrolmentsRead,
            [&enrolments](Request& request, const Caller& caller) {
                EnrolmentFilter filter;
                if (auto status = request.Query("status"); status && !status->empty()) {
                    filter.status = *status;
                }
                if (auto region = request.Query("region"); region && !region->empty()) {
                    filter.region = *region;
                }
                auto page = enrolments.List(caller, http::PathId(request), filter, ParsePageRequest(request));
                json::array items;
                for (const auto& enrolment : page.items) {
                    items.push_back(EnrolmentJson(enrolment));
                }
                return http::Private(Response::Json(200, MakePage(std::move(items), page.total, page.next_key)));
            });
    api.Add("GET", "/api/v1/households/{id}/programs", kEnrolmentsRead,
            [&enrolments](Request& request, const Caller& caller) {
                json::array items;
                for (const auto& item : enrolments.ForHousehold(caller, http::PathId(request))) {
                    auto entry = EnrolmentJson(item.enrolment);
                    entry["program_name"] = item.program_name;
                    entry["agency_code"] = item.agency_code;
                    entry["benefit_type"] = item.benefit_type;
                    entry["paid_lines"] = item.paid_lines;
                    entry["paid_amount"] = item.paid_amount;
                    items.push_back(std::move(entry));
                }
                return http::Private(Response::Json(200, json::object{{"items", std::move(items)}}));
            });
    api.Add("POST", "/api/v1/programs/{id}/enrolments", kProgramsManage,
            [&enrolments](Request& request, const Caller& caller) {
                const auto id = http::PathId(request);
                const auto body = http::ParseJsonObject(request);
                ValidationReport report;
                RejectUnknown(body, {"household_id", "person_id", "reason"}, report);
                const auto household = IdMember(body, "household_id", report);
                const auto person = IdMember(body, "person_id", report);
                report.ThrowIfAny();
                auto created = enrolments.Enrol(caller, id, household, person, TextMember(body, "reason").value_or(""));
                auto response = http::Private(Response::Json(201, EnrolmentJson(created)));
                response.WithHeader("Location", fmt::format("/api/v1/enrolments/{}", created.id));
                return response;
            });
    api.Add("POST", "/api/v1/programs/{id}/enrolments/bulk", kProgramsManage,
            [&enrolments](Request& request, const Caller& caller) {
                const auto id = http::PathId(request);
                const auto body = http::ParseJsonObject(request);
                ValidationReport report;
                RejectUnknown(body, {"source", "region", "as_of", "identifiers", "reason"}, report);
                BulkEnrolRequest bulk;
                const auto source = TextMember(body, "source");
                if (source == "eligible") {
                    bulk.source = BulkEnrolRequest::Source::kEligible;
                } else if (source == "list") {
                    bulk.source = BulkEnrolRequest::Source::kList;
                    const auto* list = body.if_contains("identifiers");
                    if (list == nullptr || !list->is_array()) {
                        report.Add("PRG-2207", "identifiers",
                                   {"Daftar 'identifiers' (NIK atau nomor KK) wajib ada.",
                                    "An 'identifiers' list (NIKs or KK numbers) is required."});
                    } else {
                        for (const auto& item : list->as_array()) {
                            bulk.identifiers.push_back(item.is_string() ? std::string(item.as_string()) : "");
                        }
                    }
                } else {
                    report.Add("PRG-2206", "source",
                               {"source harus eligible (rumah tangga layak) atau list (daftar NIK/KK).",
                                "source must be eligible (the eligible households) or list (NIKs/KK numbers)."});
                }
                bulk.region = TextMember(body, "region");
                bulk.as_of = TextMember(body, "as_of");
                bulk.reason = TextMember(body, "reason").value_or("");
                report.ThrowIfAny();
                const auto result = enrolments.EnrolMany(caller, id, bulk);
                json::array rows;
                for (const auto& row : result.rows) {
                    rows.push_back(json::object{
                        {"row", row.row},
                        {"value", row.value},
                        {"outcome", row.outcome},
                        {"problem", row.problem ? json::value(http::IssueJson(*row.problem)) : json::value(nullptr)}});
                }
                return http::Private(Response::Json(200, json::object{{"enrolled", result.enrolled},
                                                                      {"already_enrolled", result.already_enrolled},
                                                                      {"not_found", result.not_found},
                                                                      {"refused", result.refused},
                                                                      {"rows", std::move(rows)}}));
            });
    api.Add(
        "POST", "/api/v1/enrolments/{id}/transition", kProgramsManage,
        [&enrolments](Request& request, const Caller& caller) {
            const auto id = http::PathId(request);
            const auto body = http::ParseJsonObject(request);
            ValidationReport report;
            RejectUnknown(body, {"to", "reason"}, report);
            const auto to = TextMember(body, "to");
            if (!to) {
                report.Add("PRG-2209", "to",
                           {"Status tujuan (to) wajib: verified, active, graduated atau exited.",
                            "The status to move to (to) is required: verified, active, graduated or exited."});
            }
            report.ThrowIfAny();
            return http::Private(Response::Json(
                200, EnrolmentJson(enrolments.Transition(caller, id, *to, TextMember(body, "reason").value_or("")))));
        });
}

}  // namespace sinergi::programs
