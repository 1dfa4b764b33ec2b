// HTTP for the region browser: children of a code, search by level and name, one region with its ancestors.
#include <boost/json.hpp>

#include "regions/regions_service.hpp"

namespace sinergi::regions {

namespace json = boost::json;

namespace {

json::object ToJson(const Region& region) {
    return {{"code", region.code},
            {"name", region.name},
            {"level", ToString(region.level)},
            {"parent_code", region.parent_code ? json::value(*region.parent_code) : nullptr}};
}

std::optional<std::string> NonEmpty(std::optional<std::string> value) {
    return value && !value->empty() ? value : std::nullopt;
}

}  // namespace

void RegisterRegionRoutes(identity::ApiGateway& api, RegionsService& regions) {
    api.Add("GET", "/api/v1/regions", identity::actions::kRegionsRead,
            [&regions](http::Request& request, const identity::Caller&) {
                RegionQuery query{NonEmpty(request.Query("parent")), std::nullopt, NonEmpty(request.Query("q"))};
                if (auto level = NonEmpty(request.Query("level"))) {
                    query.level = ParseLevel(*level);
                    if (!query.level) {
                        ValidationReport report;
                        report.Add("REG-1010", "level",
                                   {"Tingkat harus province, regency, district atau village.",
                                    "The level must be province, regency, district or village."});
                        report.ThrowIfAny();
                    }
                }
                auto page = regions.List(query, ParsePageRequest(request));
                json::array items;
                for (const auto& region : page.items) {
                    items.push_back(ToJson(region));
                }
                return http::Response::Json(200, MakePage(std::move(items), page.total, page.next_key));
            });
    api.Add("GET", "/api/v1/regions/{code}", identity::actions::kRegionsRead,
            [&regions](http::Request& request, const identity::Caller&) {
                auto detail = regions.Get(request.PathParam("code"));
                auto out = ToJson(detail.region);
                json::array ancestors;
                for (const auto& ancestor : detail.ancestors) {
                    ancestors.push_back(ToJson(ancestor));
                }
                out["ancestors"] = std::move(ancestors);
                return http::Response::Json(200, out);
            });
}

}  // namespace sinergi::regions
