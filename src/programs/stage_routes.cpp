// HTTP for aid per stage: a stage's totals, freezing its list, the list itself and recording what happened per line,
// one at a time or from a results file.
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

json::object TotalsJson(const StageTotals& totals) {
    return {{"lines", totals.lines}, {"amount", totals.amount}, {"quantity", totals.quantity}};
}

json::object SummaryJson(const StageSummary& summary) {
    json::object by_status;
    for (const auto& [status, totals] : summary.by_status) {
        by_status[status] = TotalsJson(totals);
    }
    return {{"program_id", summary.program_id},
            {"number", summary.stage.number},
            {"name", summary.stage.name},
            {"planned_date", summary.stage.planned_date},
            {"frozen_at", http::OptionalJson(summary.frozen_at)},
            {"frozen_by", http::OptionalJson(summary.frozen_by)},
            {"total", TotalsJson(summary.total)},
            {"by_status", std::move(by_status)}};
}

json::object DisbursementJson(const Disbursement& d) {
    return {{"id", d.id},
            {"program_id", d.program_id},
            {"stage_number", d.stage_number},
            {"enrolment_id", d.enrolment_id},
            {"household_id", d.household_id},
            {"person_id", http::OptionalJson(d.person_id)},
            {"recipient_name", http::OptionalJson(d.recipient_name)},
            {"recipient_nik", http::OptionalJson(d.recipient_nik)},
            {"village_code", d.village_code},
            {"amount", http::OptionalJson(d.amount)},
            {"quantity", http::OptionalJson(d.quantity)},
            {"status", d.status},
            {"status_date", http::OptionalJson(d.status_date)},
            {"channel", http::OptionalJson(d.channel)},
            {"note", http::OptionalJson(d.note)},
            {"updated_at", d.updated_at},
            {"version", d.version}};
}

json::object ResultsReportJson(const StageResultsReport& report, bool partial) {
    json::array issues;
    for (const auto& issue : report.issues) {
        issues.push_back(http::IssueJson(issue));
    }
    return {{"partial", partial},
            {"rows", report.rows},
            {"applied", report.applied},
            {"rejected", report.rejected},
            {"committed", report.committed},
            {"stopped_at_row", http::OptionalJson(report.stopped_at_row)},
            {"issues", std::move(issues)}};
}

// Browsers label CSV files variously (Windows says application/vnd.ms-excel); the import reads the content as CSV
// and says so when it is not, so the label only has to say "a file".
bool IsCsvMediaType(std::string_view content_type) {
    const auto media = content_type.substr(0, content_type.find(';'));
    for (const std::string_view accepted :
         {"text/csv", "text/plain", "application/csv", "application/vnd.ms-excel", "application/octet-stream"}) {
        if (media == accepted) {
            return true;
        }
    }
    return false;
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
    api.Add("POST", "/api/v1/programs/{id}/stages/{number}/results", identity::actions::kProgramsManage,
            [&stages](Request& request, const Caller& caller) {
                const auto content_type = request.Header("Content-Type").value_or("");
                if (!IsCsvMediaType(content_type)) {
                    throw Error(http::errors::kUnsupportedMediaType,
                                {fmt::format("Unggah hasil penyaluran sebagai berkas CSV (Content-Type text/csv), "
                                             "bukan '{}'.",
                                             content_type),
                                 fmt::format("Upload the results as a CSV file (Content-Type text/csv), not '{}'.",
                                             content_type)});
                }
                const bool partial = http::QueryBool(request, "partial").value_or(false);
                const auto report = stages.ImportResults(caller, http::PathId(request), http::PathId(request, "number"),
                                                         request.body, partial);
                return http::Private(Response::Json(200, ResultsReportJson(report, partial)));
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
