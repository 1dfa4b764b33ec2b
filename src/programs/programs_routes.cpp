// HTTP for programmes: list, read, create and change them (If-Match), preview a rule and explain it for a household.
#include <boost/json.hpp>
#include <fmt/format.h>

#include "platform/json_body.hpp"
#include "programs/programs_service.hpp"

namespace sinergi::programs {

namespace json = boost::json;
using http::Request;
using http::Response;
using identity::Caller;

namespace {

json::object ProgramJson(const Program& p) {
    json::array stages;
    for (const auto& stage : p.stages) {
        stages.push_back(
            json::object{{"number", stage.number}, {"name", stage.name}, {"planned_date", stage.planned_date}});
    }
    boost::system::error_code ec;
    auto rule = json::parse(p.eligibility_rule_json, ec);
    return {{"id", p.id},
            {"agency_id", p.agency_id},
            {"agency_code", p.agency_code},
            {"agency_name", p.agency_name},
            {"code", p.code},
            {"sipd_code", http::OptionalJson(p.sipd_code)},
            {"name", p.name},
            {"description", http::OptionalJson(p.description)},
            {"benefit_type", p.benefit_type},
            {"target_level", p.target_level},
            {"amount_per_stage", http::OptionalJson(p.amount_per_stage)},
            {"quantity_per_stage", http::OptionalJson(p.quantity_per_stage)},
            {"unit", http::OptionalJson(p.unit)},
            {"period_start", p.period_start},
            {"period_end", p.period_end},
            {"stages", std::move(stages)},
            {"budget", http::OptionalJson(p.budget)},
            {"target_count", http::OptionalJson(p.target_count)},
            {"eligibility_rule", ec ? json::value(json::object{}) : rule},
            {"status", p.status},
            {"version", p.version},
            {"created_at", p.created_at},
            {"updated_at", p.updated_at}};
}

json::array ReasonsJson(const std::vector<LocalizedText>& reasons) {
    json::array out;
    for (const auto& reason : reasons) {
        out.push_back(http::Localized(reason));
    }
    return out;
}

Response WithETag(Response response, std::int64_t version) {
    response.WithHeader("ETag", http::ETag(version));
    return response;
}

}  // namespace

void RegisterProgramRoutes(identity::ApiGateway& api, ProgramsService& programs) {
    using identity::actions::kProgramsManage;
    using identity::actions::kProgramsPreview;
    using identity::actions::kProgramsRead;

    api.Add("GET", "/api/v1/programs", kProgramsRead, [&programs](Request& request, const Caller& caller) {
        ProgramFilter filter;
        if (auto q = request.Query("q"); q && !q->empty()) {
            filter.q = *q;
        }
        filter.agency_id = http::QueryInt(request, "agency_id");
        if (auto status = request.Query("status"); status && !status->empty()) {
            filter.status = *status;
        }
        auto page = programs.List(caller, filter, ParsePageRequest(request));
        json::array items;
        for (const auto& program : page.items) {
            items.push_back(ProgramJson(program));
        }
        return Response::Json(200, MakePage(std::move(items), page.total, page.next_key));
    });
    api.Add("POST", "/api/v1/programs", kProgramsManage, [&programs](Request& request, const Caller& caller) {
        const auto body = http::ParseJsonObject(request);
        ValidationReport report;
        auto input = ReadProgramInput(body, true, report);
        report.ThrowIfAny();
        auto created = programs.Create(caller, input);
        auto response = WithETag(Response::Json(201, ProgramJson(created)), created.version);
        response.WithHeader("Location", fmt::format("/api/v1/programs/{}", created.id));
        return response;
    });
    api.Add("GET", "/api/v1/programs/{id}", kProgramsRead, [&programs](Request& request, const Caller& caller) {
        auto program = programs.Get(caller, http::PathId(request));
        return WithETag(Response::Json(200, ProgramJson(program)), program.version);
    });
    api.Add("PATCH", "/api/v1/programs/{id}", kProgramsManage, [&programs](Request& request, const Caller& caller) {
        const auto id = http::PathId(request);
        const auto version = http::RequiredVersion(request, errors::kProgramVersionRequired);
        const auto body = http::ParseJsonObject(request);
        ValidationReport report;
        if (body.empty()) {
            report.Add("PRG-2015", "", {"Tidak ada kolom yang diubah.", "No field to change was given."});
        }
        auto changes = ReadProgramInput(body, false, report);
        report.ThrowIfAny();
        auto program = programs.Update(caller, id, version, changes);
        return WithETag(Response::Json(200, ProgramJson(program)), program.version);
    });
    api.Add("POST", "/api/v1/programs/eligibility-preview", kProgramsPreview,
            [&programs](Request& request, const Caller& caller) {
                const auto body = http::ParseJsonObject(request);
                ValidationReport report;
                PreviewRequest preview;
                for (const auto& [key, value] : body) {
                    if (key == "eligibility_rule") {
                        preview.eligibility_rule = value;
                    } else if (key == "region" && value.is_string()) {
                        preview.region = std::string(value.as_string());
                    } else if (key == "as_of" && value.is_string()) {
                        preview.as_of = std::string(value.as_string());
                    } else if (key == "limit" && value.is_int64()) {
                        preview.limit = value.as_int64();
                    } else {
                        report.Add(
                            "PRG-2009", key,
                            {fmt::format("Kolom '{}' tidak dikenal atau jenis nilainya salah.", std::string_view(key)),
                             fmt::format("Unknown field '{}', or a value of the wrong type.", std::string_view(key))});
                    }
                }
                if (body.if_contains("eligibility_rule") == nullptr) {
                    report.Add("PRG-2100", "eligibility_rule",
                               {"Aturan kelayakan (eligibility_rule) wajib ada.", "An eligibility_rule is required."});
                }
                report.ThrowIfAny();
                const auto result = programs.Preview(caller, preview);
                json::array items;
                for (const auto& item : result.items) {
                    items.push_back(json::object{{"household_id", item.household_id},
                                                 {"head_name", http::OptionalJson(item.head_name)},
                                                 {"village_code", item.village_code},
                                                 {"village_name", http::OptionalJson(item.village_name)},
                                                 {"desil", http::OptionalJson(item.desil)},
                                                 {"reasons", ReasonsJson(item.reasons)}});
                }
                auto response = Response::Json(200, json::object{{"eligible", result.eligible},
                                                                 {"checked", result.checked},
                                                                 {"as_of", result.as_of},
                                                                 {"items", std::move(items)}});
                response.WithHeader("Cache-Control", "no-store");
                return response;
            });
    api.Add("GET", "/api/v1/programs/{id}/eligibility/{household_id}", kProgramsPreview,
            [&programs](Request& request, const Caller& caller) {
                std::optional<std::string> as_of;
                if (auto text = request.Query("as_of"); text && !text->empty()) {
                    as_of = *text;
                }
                const auto verdict =
                    programs.Explain(caller, http::PathId(request), http::PathId(request, "household_id"), as_of);
                auto response = Response::Json(
                    200, json::object{{"eligible", verdict.eligible}, {"reasons", ReasonsJson(verdict.reasons)}});
                response.WithHeader("Cache-Control", "no-store");
                return response;
            });
}

}  // namespace sinergi::programs
