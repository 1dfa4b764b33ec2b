// HTTP for the coordinator's analytics: figures (overview, overlap, duplicate benefits, targeting, coverage) for
// whoever may see aggregates, and the household lists behind them for register readers.
#include <charconv>

#include <boost/json.hpp>
#include <fmt/format.h>

#include "analytics/analytics_service.hpp"
#include "platform/json_body.hpp"

namespace sinergi::analytics {

namespace json = boost::json;
using http::Request;
using http::Response;
using identity::Caller;

namespace {

std::optional<std::string> TextQuery(const Request& request, std::string_view name) {
    auto value = request.Query(name);
    if (!value || value->empty()) {
        return std::nullopt;
    }
    return std::string(*value);
}

std::int64_t RequiredId(const Request& request, std::string_view name) {
    auto value = http::QueryInt(request, name);
    if (!value || *value <= 0) {
        ValidationReport report;
        report.Add("ANL-2004", name,
                   {fmt::format("Parameter {} (id program) wajib diisi.", name),
                    fmt::format("Parameter {} (a programme id) is required.", name)});
        report.ThrowIfAny();
    }
    return *value;
}

// "3,5,8" → {3, 5, 8}.
std::vector<std::int64_t> IdList(const Request& request, std::string_view name) {
    std::vector<std::int64_t> ids;
    const auto text = TextQuery(request, name);
    if (!text) {
        return ids;
    }
    std::size_t start = 0;
    while (start <= text->size()) {
        const auto end = std::min(text->find(',', start), text->size());
        const auto part = text->substr(start, end - start);
        std::int64_t id = 0;
        const auto [ptr, ec] = std::from_chars(part.data(), part.data() + part.size(), id);
        if (ec != std::errc() || ptr != part.data() + part.size() || id <= 0) {
            ValidationReport report;
            report.Add("ANL-2005", name,
                       {fmt::format("{} harus daftar id program dipisah koma.", name),
                        fmt::format("{} must be programme ids separated by commas.", name)});
            report.ThrowIfAny();
        }
        ids.push_back(id);
        start = end + 1;
    }
    return ids;
}

json::object ProgramJson(const ProgramRef& p) {
    return {{"id", p.id},
            {"code", p.code},
            {"name", p.name},
            {"agency_id", p.agency_id},
            {"agency_code", p.agency_code},
            {"benefit_type", p.benefit_type},
            {"target_level", p.target_level},
            {"status", p.status}};
}

json::array Numbers(const std::vector<std::int64_t>& values) {
    json::array out;
    for (const auto v : values) {
        out.push_back(v);
    }
    return out;
}

json::object TargetingJson(const TargetingFigures& f) {
    return {{"region_code", f.region_code.empty() ? json::value(nullptr) : json::value(f.region_code)},
            {"region_name", f.region_name.empty() ? json::value(nullptr) : json::value(f.region_name)},
            {"households", f.households},
            {"eligible", f.eligible},
            {"enrolled", f.enrolled},
            {"excluded", f.excluded},
            {"included_not_eligible", f.included_not_eligible},
            {"included_closed", f.included_closed},
            {"included_no_living_member", f.included_no_living},
            {"included_person_not_living", f.included_person_not_living}};
}

json::object CoverageJson(const CoverageFigures& f) {
    return {{"region_code", f.region_code.empty() ? json::value(nullptr) : json::value(f.region_code)},
            {"region_name", f.region_name.empty() ? json::value(nullptr) : json::value(f.region_name)},
            {"households", f.households},
            {"desil_1", f.desil_1},
            {"desil_1_4", f.desil_1_4},
            {"desil_1_4_covered", f.desil_1_4_covered},
            {"covered", f.covered}};
}

json::object SnapshotJson(const SnapshotInfo& info) {
    return {{"register_event", info.register_event},
            {"enrolment_event", info.enrolment_event},
            {"loaded_at", info.loaded_at},
            {"load_ms", info.load_ms},
            {"memory_bytes", info.memory_bytes}};
}

Response ListResponse(const Page<HouseholdListItem>& page) {
    json::array items;
    for (const auto& item : page.items) {
        items.push_back(json::object{{"household_id", item.household_id},
                                     {"head_name", http::OptionalJson(item.head_name)},
                                     {"village_code", item.village_code},
                                     {"village_name", http::OptionalJson(item.village_name)},
                                     {"desil", http::OptionalJson(item.desil)},
                                     {"status", item.status}});
    }
    return http::Private(Response::Json(200, MakePage(std::move(items), page.total, page.next_key)));
}

}  // namespace

void RegisterAnalyticsRoutes(identity::ApiGateway& api, AnalyticsService& analytics) {
    using identity::actions::kAnalyticsFigures;
    using identity::actions::kRegistryRead;

    api.Add("GET", "/api/v1/analytics/overview", kAnalyticsFigures,
            [&analytics](Request& request, const Caller& caller) {
                const auto overview = analytics.GetOverview(caller, TextQuery(request, "region"));
                json::array programs;
                for (const auto& p : overview.programs) {
                    auto entry = ProgramJson(p.program);
                    entry["enrolled"] = p.enrolled;
                    entry["eligible"] = p.eligible;
                    entry["excluded"] = p.excluded;
                    entry["included"] = p.included;
                    entry["budget"] = http::OptionalJson(p.budget);
                    entry["planned_amount"] = p.planned_amount;
                    entry["paid_amount"] = p.paid_amount;
                    programs.push_back(std::move(entry));
                }
                json::array agencies;
                for (const auto& a : overview.agencies) {
                    agencies.push_back(json::object{{"agency_id", a.agency_id},
                                                    {"agency_code", a.agency_code},
                                                    {"agency_name", a.agency_name},
                                                    {"programs", a.programs},
                                                    {"budget", a.budget},
                                                    {"planned_amount", a.planned_amount},
                                                    {"paid_amount", a.paid_amount}});
                }
                return http::Private(Response::Json(
                    200, json::object{{"as_of", overview.as_of},
                                      {"households", overview.households},
                                      {"persons", overview.persons},
                                      {"desil_1", overview.desil_1},
                                      {"desil_1_4", overview.desil_1_4},
                                      {"desil_1_4_covered", overview.desil_1_4_covered},
                                      {"overlapping_pairs", overview.overlapping_pairs},
                                      {"households_in_two_or_more", overview.households_in_two_or_more},
                                      {"duplicate_benefit_households", overview.duplicate_benefit_households},
                                      {"excluded", overview.excluded},
                                      {"included", overview.included},
                                      {"programs", std::move(programs)},
                                      {"agencies", std::move(agencies)},
                                      {"snapshot", SnapshotJson(overview.snapshot)}}));
            });
    api.Add(
        "GET", "/api/v1/analytics/overlap", kAnalyticsFigures, [&analytics](Request& request, const Caller& caller) {
            const auto matrix = analytics.GetOverlap(caller, TextQuery(request, "region"), IdList(request, "programs"));
            json::array programs;
            for (const auto& p : matrix.programs) {
                programs.push_back(ProgramJson(p));
            }
            json::array shared;
            for (const auto& row : matrix.shared) {
                shared.push_back(Numbers(row));
            }
            return http::Private(
                Response::Json(200, json::object{{"programs", std::move(programs)},
                                                 {"enrolled", Numbers(matrix.enrolled)},
                                                 {"shared", std::move(shared)},
                                                 {"households_in_two_or_more", matrix.households_in_two_or_more}}));
        });
    api.Add(
        "GET", "/api/v1/analytics/overlap/households", kRegistryRead,
        [&analytics](Request& request, const Caller& caller) {
            return ListResponse(analytics.OverlapHouseholds(caller, RequiredId(request, "a"), RequiredId(request, "b"),
                                                            TextQuery(request, "region"), ParsePageRequest(request)));
        });
    api.Add("GET", "/api/v1/analytics/duplicate-benefits", kAnalyticsFigures,
            [&analytics](Request& request, const Caller& caller) {
                json::array items;
                for (const auto& d : analytics.GetDuplicateBenefits(caller, TextQuery(request, "region"))) {
                    json::array programs;
                    for (const auto& p : d.programs) {
                        programs.push_back(ProgramJson(p));
                    }
                    items.push_back(json::object{{"benefit_type", d.benefit_type},
                                                 {"programs", std::move(programs)},
                                                 {"households", d.households},
                                                 {"households_across_agencies", d.households_across_agencies}});
                }
                return http::Private(Response::Json(200, json::object{{"items", std::move(items)}}));
            });
    api.Add("GET", "/api/v1/analytics/duplicate-benefits/households", kRegistryRead,
            [&analytics](Request& request, const Caller& caller) {
                const auto type = TextQuery(request, "benefit_type");
                if (!type) {
                    ValidationReport report;
                    report.Add("ANL-2006", "benefit_type", {"benefit_type wajib diisi.", "benefit_type is required."});
                    report.ThrowIfAny();
                }
                return ListResponse(analytics.DuplicateBenefitHouseholds(caller, *type, TextQuery(request, "region"),
                                                                         ParsePageRequest(request)));
            });
    api.Add("GET", "/api/v1/analytics/coverage", kAnalyticsFigures,
            [&analytics](Request& request, const Caller& caller) {
                const auto coverage = analytics.GetCoverage(caller, TextQuery(request, "region"),
                                                            TextQuery(request, "group_by").value_or("district"));
                json::array areas;
                for (const auto& area : coverage.areas) {
                    areas.push_back(CoverageJson(area));
                }
                return http::Private(Response::Json(
                    200, json::object{{"total", CoverageJson(coverage.total)}, {"areas", std::move(areas)}}));
            });
    api.Add("GET", "/api/v1/analytics/coverage/uncovered", kRegistryRead,
            [&analytics](Request& request, const Caller& caller) {
                return ListResponse(
                    analytics.UncoveredHouseholds(caller, TextQuery(request, "region"), ParsePageRequest(request)));
            });
    api.Add("GET", "/api/v1/analytics/snapshot", kAnalyticsFigures, [&analytics](Request&, const Caller&) {
        return http::Private(Response::Json(200, SnapshotJson(analytics.Info())));
    });
    api.Add("GET", "/api/v1/programs/{id}/targeting", kAnalyticsFigures,
            [&analytics](Request& request, const Caller& caller) {
                const auto targeting = analytics.GetTargeting(
                    caller, http::PathId(request), TextQuery(request, "region"),
                    TextQuery(request, "group_by").value_or("village"), TextQuery(request, "as_of"));
                json::array areas;
                for (const auto& area : targeting.areas) {
                    areas.push_back(TargetingJson(area));
                }
                return http::Private(Response::Json(200, json::object{{"program", ProgramJson(targeting.program)},
                                                                      {"as_of", targeting.as_of},
                                                                      {"rule_readable", targeting.rule_readable},
                                                                      {"total", TargetingJson(targeting.total)},
                                                                      {"areas", std::move(areas)}}));
            });
    api.Add("GET", "/api/v1/programs/{id}/targeting/households", kRegistryRead,
            [&analytics](Request& request, const Caller& caller) {
                const auto list_name = TextQuery(request, "list").value_or("");
                const auto list = ParseTargetingList(list_name);
                if (!list) {
                    ValidationReport report;
                    report.Add("ANL-2007", "list",
                               {"list harus eligible, enrolled, excluded, not_eligible, closed atau no_living_member.",
                                "list must be eligible, enrolled, excluded, not_eligible, closed or "
                                "no_living_member."});
                    report.ThrowIfAny();
                }
                return ListResponse(
                    analytics.TargetingHouseholds(caller, http::PathId(request), *list, TextQuery(request, "region"),
                                                  TextQuery(request, "as_of"), ParsePageRequest(request)));
            });
    api.Add("GET", "/api/v1/households/{id}/benefits", kRegistryRead,
            [&analytics](Request& request, const Caller& caller) {
                json::array years;
                for (const auto& year : analytics.HouseholdBenefits(caller, http::PathId(request))) {
                    json::array programs;
                    for (const auto& line : year.programs) {
                        programs.push_back(json::object{{"program_id", line.program_id},
                                                        {"program_code", line.program_code},
                                                        {"program_name", line.program_name},
                                                        {"agency_code", line.agency_code},
                                                        {"benefit_type", line.benefit_type},
                                                        {"stages", line.stages},
                                                        {"paid_amount", line.paid_amount},
                                                        {"paid_quantity", line.paid_quantity},
                                                        {"planned_amount", line.planned_amount}});
                    }
                    years.push_back(json::object{
                        {"year", year.year}, {"paid_amount", year.paid_amount}, {"programs", std::move(programs)}});
                }
                return http::Private(Response::Json(200, json::object{{"years", std::move(years)}}));
            });
}

}  // namespace sinergi::analytics
