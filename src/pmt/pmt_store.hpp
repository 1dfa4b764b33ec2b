// The PMT module's SQL, and nothing else; every value is a bound parameter.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "pmt/pmt_service.hpp"

namespace sinergi::pmt {

// The register's facts about one household, as a run reads them.
struct HouseholdScan {
    std::int64_t id = 0;
    std::string village_code;
    HouseholdFacts facts;
};

// The household's own row, for one household's estimate.
struct HouseholdRow {
    std::string village_code;
    std::string updated_at;
    std::optional<OfficialDesil> official;
};

// One row of pmt_estimates as stored.
struct EstimateRow {
    std::int64_t household_id = 0;
    std::int64_t run_id = 0;
    std::int64_t consumption_per_capita = 0;
    double log_consumption = 0;
    std::int64_t estimated_desil = 0;
    std::string weights_version;
    std::string computed_at;
    std::string contributions_json;
    std::string missing_json;
};

class PmtStore {
 public:
    std::int64_t CountActiveHouseholds(db::Connection& c) const;
    // Every active household with at least one living member, in id order, with its living members.
    void ForEachHousehold(db::Connection& c, const std::function<void(const HouseholdScan&)>& visit) const;
    void DeleteEstimates(db::Connection& c) const;
    void InsertEstimate(db::Connection& c, const EstimateRow& row) const;

    std::optional<HouseholdRow> FindHousehold(db::Connection& c, std::int64_t id) const;
    std::optional<EstimateRow> FindEstimate(db::Connection& c, std::int64_t household_id) const;
    identity::Page<Disagreement> Disagreements(db::Connection& c, const DisagreementFilter& filter,
                                               const std::string& scope_prefix, const PageRequest& page) const;

    std::int64_t InsertRun(db::Connection& c, std::string_view status, const std::string& weights_version,
                           std::optional<std::int64_t> user_id, const std::string& username,
                           const std::string& now) const;
    // The id of a run queued or running, if any.
    std::optional<std::int64_t> OpenRun(db::Connection& c) const;
    std::vector<std::int64_t> OpenRuns(db::Connection& c) const;
    void MarkRunning(db::Connection& c, std::int64_t id, const std::string& now) const;
    void MarkFinished(db::Connection& c, std::int64_t id, std::int64_t households, std::int64_t skipped,
                      const std::string& now) const;
    void MarkFailed(db::Connection& c, std::int64_t id, const LocalizedText& why, const std::string& now) const;
    std::optional<PmtRun> FindRun(db::Connection& c, std::int64_t id) const;
    identity::Page<PmtRun> ListRuns(db::Connection& c, const PageRequest& page) const;
};

}  // namespace sinergi::pmt
