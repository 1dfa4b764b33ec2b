// HTTP for the Proxy Means Test: starting and following runs, one household's estimate beside its official desil, and
// the households whose two desil disagree.
#include <cmath>

#include <boost/json.hpp>
#include <fmt/format.h>

#include "platform/json_body.hpp"
#include "platform/paging.hpp"
#include "pmt/pmt_service.hpp"

namespace sinergi::pmt {

namespace json = boost::json;
using http::Request;
using http::Response;
using identity::Caller;

namespace {

json::object Label(const Variable& variable) { return {{"id", variable.label_id}, {"en", variable.label_en}}; }

json::object RunJson(const PmtRun& run) {
    json::value phase = nullptr;
    if (run.phase) {
        phase = *run.phase == RunPhase::kEstimating ? "estimating" : "writing";
    }
    return {{"id", run.id},
            {"status", run.status},
            {"weights_version", run.weights_version},
            {"phase", phase},
            {"progress_done", run.progress_done},
            {"progress_total", run.progress_total},
            {"percent", run.percent},
            {"households", run.households},
            {"skipped", run.skipped},
            {"error", run.error ? json::value(http::Localized(*run.error)) : nullptr},
            {"created_by", run.created_by},
            {"created_at", run.created_at},
            {"started_at", http::OptionalJson(run.started_at)},
            {"finished_at", http::OptionalJson(run.finished_at)}};
}

json::object HouseholdPmtJson(const HouseholdPmt& pmt, const Weights& weights) {
    json::value official = nullptr;
    if (pmt.official) {
        official = json::object{{"desil", pmt.official->desil},
                                {"source", http::OptionalJson(pmt.official->source)},
                                {"as_of", http::OptionalJson(pmt.official->as_of)}};
    }
    json::value estimate = nullptr;
    if (pmt.estimate) {
        const auto& e = *pmt.estimate;
        json::array top;
        for (const auto& c : e.top) {
            // The contribution is in log points; people read it as "about this many percent more (or less)".
            top.push_back(json::object{{"variable", c.variable->name},
                                       {"label", Label(*c.variable)},
                                       {"value", c.value},
                                       {"contribution", c.contribution},
                                       {"effect_percent", std::round((std::exp(c.contribution) - 1) * 1000) / 10}});
        }
        json::array missing;
        for (const auto* variable : e.missing) {
            missing.push_back(json::object{{"variable", variable->name}, {"label", Label(*variable)}});
        }
        estimate = json::object{{"run_id", e.run_id},
                                {"consumption_per_capita", e.consumption_per_capita},
                                {"estimated_desil", e.estimated_desil},
                                {"weights_version", e.weights_version},
                                {"computed_at", e.computed_at},
                                {"outdated", pmt.outdated},
                                {"top_contributions", std::move(top)},
                                {"missing", std::move(missing)}};
    }
    json::value gap = nullptr;
    if (pmt.official && pmt.estimate) {
        gap = pmt.estimate->estimated_desil - pmt.official->desil;
    }
    return {{"household_id", pmt.household_id},
            {"village_code", pmt.village_code},
            {"authoritative", pmt.authoritative},
            {"official", std::move(official)},
            {"estimate", std::move(estimate)},
            {"gap", gap},
            {"weights", json::object{{"version", weights.version}, {"note", weights.note}}}};
}

json::object DisagreementJson(const Disagreement& d) {
    return {{"household_id", d.household_id},
            {"village_code", d.village_code},
            {"village_name", http::OptionalJson(d.village_name)},
            {"head_name", http::OptionalJson(d.head_name)},
            {"official_desil", d.official_desil},
            {"official_source", http::OptionalJson(d.official_source)},
            {"estimated_desil", d.estimated_desil},
            {"gap", d.gap},
            {"consumption_per_capita", d.consumption_per_capita},
            {"computed_at", d.computed_at}};
}

}  // namespace

void RegisterPmtRoutes(identity::ApiGateway& api, PmtService& pmt) {
    using identity::actions::kPmtRead;
    using identity::actions::kPmtRun;

    api.Add("POST", "/api/v1/registry/pmt/runs", kPmtRun, [&pmt](Request&, const Caller& caller) {
        const auto run = pmt.Submit(caller);
        auto response = http::Private(Response::Json(202, RunJson(run)));
        response.WithHeader("Location", fmt::format("/api/v1/registry/pmt/runs/{}", run.id));
        return response;
    });
    api.Add("GET", "/api/v1/registry/pmt/runs", kPmtRun, [&pmt](Request& request, const Caller& caller) {
        const auto page = pmt.ListRuns(caller, ParsePageRequest(request));
        json::array items;
        for (const auto& run : page.items) {
            items.push_back(RunJson(run));
        }
        return http::Private(Response::Json(200, MakePage(std::move(items), page.total, page.next_key)));
    });
    api.Add("GET", "/api/v1/registry/pmt/runs/{id}", kPmtRun, [&pmt](Request& request, const Caller& caller) {
        return http::Private(Response::Json(200, RunJson(pmt.GetRun(caller, http::PathId(request)))));
    });
    api.Add("GET", "/api/v1/households/{id}/pmt", kPmtRead, [&pmt](Request& request, const Caller& caller) {
        return http::Private(
            Response::Json(200, HouseholdPmtJson(pmt.ForHousehold(caller, http::PathId(request)), pmt.weights())));
    });
    api.Add("GET", "/api/v1/registry/pmt/disagreements", kPmtRead, [&pmt](Request& request, const Caller& caller) {
        DisagreementFilter filter;
        if (auto region = request.Query("region"); region && !region->empty()) {
            filter.region = *region;
        }
        filter.min_gap = http::QueryInt(request, "min_gap").value_or(filter.min_gap);
        const auto page = pmt.Disagreements(caller, filter, ParsePageRequest(request));
        json::array items;
        for (const auto& item : page.items) {
            items.push_back(DisagreementJson(item));
        }
        return http::Private(Response::Json(200, MakePage(std::move(items), page.total, page.next_key)));
    });
}

}  // namespace sinergi::pmt
