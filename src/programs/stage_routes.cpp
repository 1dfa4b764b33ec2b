// HTTP for aid per stage: a stage's totals, freezing its list, the list itself and recording what happened per line.
#include <boost/json.hpp>
#include <fmt/format.h>

#include "platform/json_body.hpp"
#include "programs/stages.hpp"

namespace sinergi::programs {

namespace json = boost::json;
using http::Request;
using http::Response;
using identity::Caller;

namespace {

json::value Opt(const auto& value) { return value ? json::value(*value) : json::value(nullptr); }

json::object TotalsJson(const StageTotals& totals) {
    return {{"lines", totals.lines}, {"amount", totals.amount}, {"quantity", totals.quantity}};
}

json::object SummaryJson(const StageSummary& summary) {
    json::object by_status;
    for (const auto& [status, totals] : summary.by_status) {
        by_status[status] = TotalsJson(totals);
    }
    return {{"program_id", summary.program_id},    {"number", summary.stage.number},
            {"name", summary.stage.name},          {"planned_date", summary.stage.planned_date},
            {"frozen_at", Opt(summary.frozen_at)}, {"frozen_by", Opt(summary.frozen_by)},
            {"total", TotalsJson(summary.total)},  {"by_status", std::move(by_status)}};
}

json::object DisbursementJson(const Disbursement& d) {
    return {{"id", d.id},
            {"program_id", d.program_id},
            {"stage_number", d.stage_number},
            {"enrolment_id", d.enrolment_id},
            {"household_id", d.household_id},
            {"person_id", Opt(d.person_id)},
            {"recipient_name", Opt(d.recipient_name)},
            {"recipient_nik", Opt(d.recipient_nik)},
            {"village_code", d.village_code},
            {"amount", Opt(d.amount)},
            {"quantity", Opt(d.quantity)},
            {"status", d.status},
            {"status_date", Opt(d.status_date)},
            {"channel", Opt(d.channel)},
            {"note", Opt(d.note)},
            {"updated_at", d.updated_at},
            {"version", d.version}};
}

std::optional<std::string> Text(const json::object& body, std::string_view key) {
    const auto* value = body.if_contains(key);
    return value != nullptr && value->is_string() ? std::optional(std::string(value->as_string())) : std::nullopt;
}

}  // namespace

void RegisterStageRoutes(identity::ApiGateway& api, StageService& stages) {
    api.Add("GET", "/api/v1/programs/{id}/stages/{number}", identity::actions::kProgramsRead,
            [&stages](Request& request, const Caller& caller) {
                return Response::Json(
                    200, SummaryJson(stages.Summary(caller, http::PathId(request), http::PathId(request, "number"))));
            });
    api.Add("POST", "/api/v1/programs/{id}/stages/{number}/freeze", identity::actions::kProgramsManage,
            [&stages](Request& request, const Caller& caller) {
                return Response::Json(
                    200, SummaryJson(stages.Freeze(caller, http::PathId(request), http::PathId(request, "number"))));
            });
    api.Add("GET", "/api/v1/programs/{id}/stages/{number}/disbursements", identity::actions::kEnrolmentsRead,
            [&stages](Request& request, const Caller& caller) {
                std::optional<std::string> status;
                if (auto text = request.Query("status"); text && !text->empty()) {
                    status = *text;
                }
                auto page = stages.Lines(caller, http::PathId(request), http::PathId(request, "number"), status,
                                         ParsePageRequest(request));
                json::array items;
                for (const auto& line : page.items) {
                    items.push_back(DisbursementJson(line));
                }
                auto response = Response::Json(200, MakePage(std::move(items), page.total, page.next_key));
                response.WithHeader("Cache-Control", "no-store");
                return response;
            });
    api.Add("PATCH", "/api/v1/disbursements/{id}", identity::actions::kProgramsManage,
            [&stages](Request& request, const Caller& caller) {
                const auto id = http::PathId(request);
                const auto body = http::ParseJsonObject(request);
                ValidationReport report;
                for (const auto& [key, value] : body) {
                    if (key != "status" && key != "status_date" && key != "channel" && key != "note") {
                        report.Add("PRG-2009", key,
                                   {fmt::format("Kolom '{}' tidak dikenal.", std::string_view(key)),
                                    fmt::format("Unknown field '{}'.", std::string_view(key))});
                    }
                }
                DisbursementUpdate update;
                update.status = Text(body, "status").value_or("");
                update.status_date = Text(body, "status_date");
                update.channel = Text(body, "channel");
                update.note = Text(body, "note");
                report.ThrowIfAny();
                auto response = Response::Json(200, DisbursementJson(stages.Record(caller, id, update)));
                response.WithHeader("Cache-Control", "no-store");
                return response;
            });
}

}  // namespace sinergi::programs
