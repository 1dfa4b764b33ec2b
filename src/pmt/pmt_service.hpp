// Proxy Means Test estimates (issue 4, item 5): for every active household of the register, consumption per capita
// estimated from its attributes with a weights file (pmt_model.hpp, docs/pmt.md), ranked into desil within its
// regency; for one household the official desil beside the estimate, which of the two is authoritative (the official
// one wherever it is present) and the attributes that drove the estimate; and the list of households whose official
// desil and estimate disagree. Reads the register's tables; writes only its own (migrations/0009_pmt.sql). Every
// read of a household's estimate and every run is audited.
//
// Lifecycle of a run (one at a time; a run replaces every estimate of the previous one, in one transaction):
//
//   queued ──► running ──► finished
//      │          │
//      └──────────┴──────► failed     a fault, or the server stopped before the end: the previous estimates stay
//
// Invariants: at most one run is queued or running; a finished or failed run never changes again; the estimates in
// pmt_estimates all come from the latest finished run.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <boost/json/value.hpp>

#include "identity/identity_service.hpp"
#include "platform/clock.hpp"
#include "platform/database.hpp"
#include "pmt/pmt_model.hpp"
#include "registry/registry_service.hpp"

namespace sinergi::pmt {

struct OfficialDesil {
    std::int64_t desil = 0;
    std::optional<std::string> source;  // dtsen, lainnya (a desil marked pmt_sinergi is an estimate, not official)
    std::optional<std::string> as_of;
};

struct ShownContribution {
    const Variable* variable = nullptr;
    boost::json::value value;  // the household's code, flag or number
    double contribution = 0;   // log points
};

struct StoredEstimate {
    std::int64_t run_id = 0;
    std::int64_t consumption_per_capita = 0;  // rupiah a month
    std::int64_t estimated_desil = 0;
    std::string weights_version;
    std::string computed_at;
    std::vector<ShownContribution> top;  // largest absolute contribution first
    std::vector<const Variable*> missing;
};

struct HouseholdPmt {
    std::int64_t household_id = 0;
    std::string village_code;
    std::optional<OfficialDesil> official;
    std::optional<StoredEstimate> estimate;
    bool outdated = false;      // the household changed after its estimate was computed
    std::string authoritative;  // official | estimate | none
};

struct DisagreementFilter {
    std::optional<std::string> region;  // code at any level
    std::int64_t min_gap = 2;           // 1..9
};

struct Disagreement {
    std::int64_t household_id = 0;
    std::string village_code;
    std::optional<std::string> village_name;
    std::optional<std::string> head_name;
    std::int64_t official_desil = 0;
    std::optional<std::string> official_source;
    std::int64_t estimated_desil = 0;
    std::int64_t gap = 0;  // estimated minus official: positive when the estimate ranks the household better off
    std::int64_t consumption_per_capita = 0;
    std::string computed_at;
};

enum class RunPhase {
    kEstimating,  // every household estimated, for the ranking; done/total in households
    kWriting,     // estimated again and written with its desil; done/total in households
};
using RunProgressFn = std::function<void(RunPhase phase, std::int64_t done, std::int64_t total)>;

struct PmtRun {
    std::int64_t id = 0;
    std::string status;  // queued | running | finished | failed
    std::string weights_version;
    std::optional<RunPhase> phase;  // while running
    std::int64_t progress_done = 0;
    std::int64_t progress_total = 0;
    int percent = 0;              // estimating is the first half, writing the second
    std::int64_t households = 0;  // estimated
    std::int64_t skipped = 0;     // active households without a living member
    std::optional<LocalizedText> error;
    std::string created_by;
    std::string created_at;
    std::optional<std::string> started_at;
    std::optional<std::string> finished_at;
};

class PmtStore;

class PmtService {
 public:
    static constexpr std::size_t kTopContributions = 5;

    PmtService(db::Database& db, identity::IdentityService& identity, registry::RegistryService& registry,
               const Clock& clock, Weights weights);
    // Stops the worker; a running run is cancelled (rolled back, the previous estimates stay) and marked failed.
    ~PmtService();
    PmtService(const PmtService&) = delete;
    PmtService& operator=(const PmtService&) = delete;

    const Weights& weights() const { return weights_; }

    // Marks runs an earlier process left queued or running as failed, then starts the background worker. Only the
    // serving process calls it.
    void StartWorker();
    // Queues a run for the worker; 409 while another run is queued or running.
    PmtRun Submit(const identity::Caller& caller);
    PmtRun GetRun(const identity::Caller& caller, std::int64_t id);
    identity::Page<PmtRun> ListRuns(const identity::Caller& caller, const PageRequest& page);
    // Runs at once in the calling thread (the command line and the demo) and returns the finished (or failed) run.
    PmtRun RunNow(const identity::Caller& caller, const RunProgressFn& progress = {});
    // Blocks until no run is queued or running (tests).
    void WaitIdle();

    // The household's official desil, its estimate and which one counts, with the attributes that drove the estimate.
    // The same access rules as reading the household; audited as a personal-data read.
    HouseholdPmt ForHousehold(const identity::Caller& caller, std::int64_t household_id);
    // Active households whose official desil and estimate differ by at least `filter.min_gap`, in household id order,
    // within the caller's area (and `filter.region`).
    identity::Page<Disagreement> Disagreements(const identity::Caller& caller, const DisagreementFilter& filter,
                                               const PageRequest& page);

 private:
    struct Progress {
        RunPhase phase = RunPhase::kEstimating;
        std::int64_t done = 0;
        std::int64_t total = 0;
    };
    struct Queued {
        std::int64_t id = 0;
        identity::Caller caller;
    };

    void RequireRunAllowed(const identity::Caller& caller) const;
    std::int64_t InsertRun(const identity::Caller& caller, std::string_view status);
    // Performs run `id`: estimates, ranks, replaces the estimates; marks the run finished or failed and audits it.
    void Execute(std::int64_t id, const identity::Caller& caller, const RunProgressFn& progress);
    void Work();
    PmtRun WithProgress(PmtRun run) const;

    db::Database& db_;
    identity::IdentityService& identity_;
    registry::RegistryService& registry_;
    const Clock& clock_;
    Weights weights_;
    std::unique_ptr<PmtStore> store_;

    mutable std::mutex mutex_;
    std::condition_variable changed_;
    std::deque<Queued> queue_;
    std::optional<std::int64_t> running_;
    std::map<std::int64_t, Progress> progress_;
    bool stopping_ = false;
    std::thread worker_;
};

void RegisterPmtRoutes(identity::ApiGateway& api, PmtService& pmt);

}  // namespace sinergi::pmt
