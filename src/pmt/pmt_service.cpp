#include "pmt/pmt_service.hpp"

#include <algorithm>
#include <cmath>
#include <unordered_map>

#include <boost/json.hpp>
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "platform/progress.hpp"
#include "pmt/pmt_store.hpp"

namespace sinergi::pmt {

namespace json = boost::json;
using identity::Caller;

namespace {

// Thrown from the progress callback to end a running run when the server stops; the run's transaction rolls back as
// the exception leaves it.
struct RunCancelled {};

constexpr std::int64_t kProgressEvery = 4096;

// Rounded to `decimals` places, the double nearest the decimal number (0.1, not 0.10000000000000002).
double Rounded(double value, int decimals) {
    const double scale = std::pow(10.0, decimals);
    return std::round(value * scale) / scale;
}

json::value ValueJson(const VariableValue& value) {
    if (const auto* code = std::get_if<std::string>(&value)) {
        return json::string(*code);
    }
    if (const auto* flag = std::get_if<bool>(&value)) {
        return *flag;
    }
    if (const auto* number = std::get_if<double>(&value)) {
        return Rounded(*number, 2);
    }
    return nullptr;
}

// [[variable, value, contribution], …]: compact, because a run writes one per household of the regency.
std::string ContributionsJson(const Estimate& estimate) {
    json::array top;
    for (const auto& c : TopContributions(estimate, PmtService::kTopContributions)) {
        top.push_back(json::array{json::string(c.variable->name), ValueJson(c.value), Rounded(c.contribution, 4)});
    }
    return json::serialize(top);
}

std::string MissingJson(const Estimate& estimate) {
    json::array missing;
    for (const auto* variable : estimate.missing) {
        missing.emplace_back(variable->name);
    }
    return json::serialize(missing);
}

StoredEstimate ReadStored(const EstimateRow& row) {
    StoredEstimate estimate;
    estimate.run_id = row.run_id;
    estimate.consumption_per_capita = row.consumption_per_capita;
    estimate.estimated_desil = row.estimated_desil;
    estimate.weights_version = row.weights_version;
    estimate.computed_at = row.computed_at;
    boost::system::error_code ec;
    auto top = json::parse(row.contributions_json, ec);
    if (!ec && top.is_array()) {
        for (const auto& item : top.as_array()) {
            const auto* entry = item.if_array();
            if (entry == nullptr || entry->size() != 3 || !entry->at(0).is_string() || !entry->at(2).is_number()) {
                continue;
            }
            if (const auto* variable = FindVariable(std::string_view(entry->at(0).as_string()))) {
                estimate.top.push_back({variable, entry->at(1), entry->at(2).to_number<double>()});
            }
        }
    }
    auto missing = json::parse(row.missing_json, ec);
    if (!ec && missing.is_array()) {
        for (const auto& item : missing.as_array()) {
            if (const auto* variable = item.is_string() ? FindVariable(std::string_view(item.as_string())) : nullptr) {
                estimate.missing.push_back(variable);
            }
        }
    }
    return estimate;
}

bool InScope(const std::string& scope, const std::string& village_code) {
    return scope.empty() || village_code == scope || village_code.starts_with(scope + ".");
}

}  // namespace

PmtService::PmtService(db::Database& db, identity::IdentityService& identity, registry::RegistryService& registry,
                       const Clock& clock, Weights weights)
    : db_(db),
      identity_(identity),
      registry_(registry),
      clock_(clock),
      weights_(std::move(weights)),
      store_(std::make_unique<PmtStore>()) {}

PmtService::~PmtService() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    changed_.notify_all();
    if (worker_.joinable()) {
        worker_.join();
    }
}

void PmtService::RequireRunAllowed(const Caller& caller) const {
    if (!caller.user || !identity::Policy::Decide(caller.user->role, identity::actions::kPmtRun)) {
        throw Error(sinergi::errors::kForbidden,
                    {"Anda tidak berwenang menjalankan estimasi PMT.", "You are not allowed to run the PMT estimate."});
    }
}

std::int64_t PmtService::InsertRun(const Caller& caller, std::string_view status) {
    auto connection = db_.Acquire();
    const auto user_id = caller.user->id > 0 ? std::optional(caller.user->id) : std::nullopt;
    return store_->InsertRun(*connection, status, weights_.version, user_id, caller.user->username,
                             FormatTimestamp(clock_.Now()));
}

void PmtService::StartWorker() {
    const LocalizedText interrupted{
        "Estimasi PMT terhenti karena server dimulai ulang; estimasi sebelumnya tetap berlaku. Jalankan lagi.",
        "The PMT run stopped because the server restarted; the previous estimates still stand. Start it again."};
    std::lock_guard lock(mutex_);
    {
        auto connection = db_.Acquire();
        for (const auto id : store_->OpenRuns(*connection)) {
            store_->MarkFailed(*connection, id, interrupted, FormatTimestamp(clock_.Now()));
        }
    }
    // Whatever was queued before the worker existed was just marked failed: it must not run after all.
    queue_.clear();
    progress_.clear();
    if (!worker_.joinable()) {
        worker_ = std::thread([this] { Work(); });
    }
}

PmtRun PmtService::Submit(const Caller& caller) {
    RequireRunAllowed(caller);
    std::int64_t id = 0;
    {
        std::lock_guard lock(mutex_);
        auto connection = db_.Acquire();
        if (auto open = store_->OpenRun(*connection)) {
            throw Error(sinergi::errors::kConflict,
                        {fmt::format("Estimasi PMT {} masih berjalan atau menunggu; tunggu sampai selesai.", *open),
                         fmt::format("PMT run {} is still queued or running; wait until it ends.", *open)});
        }
        id = store_->InsertRun(*connection, "queued", weights_.version,
                               caller.user->id > 0 ? std::optional(caller.user->id) : std::nullopt,
                               caller.user->username, FormatTimestamp(clock_.Now()));
        queue_.push_back({id, caller});
        progress_[id] = Progress{};
    }
    identity_.Audit(caller, {"pmt.run.start",
                             "pmt_run",
                             std::to_string(id),
                             identity::Outcome::kSuccess,
                             {{"weights_version", weights_.version}}});
    changed_.notify_all();
    return GetRun(caller, id);
}

PmtRun PmtService::RunNow(const Caller& caller, const RunProgressFn& progress) {
    RequireRunAllowed(caller);
    const auto id = InsertRun(caller, "queued");
    Execute(id, caller, progress);
    auto connection = db_.Acquire();
    return *store_->FindRun(*connection, id);
}

void PmtService::Work() {
    for (;;) {
        Queued job;
        {
            std::unique_lock lock(mutex_);
            changed_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
            if (stopping_) {
                break;
            }
            job = std::move(queue_.front());
            queue_.pop_front();
            running_ = job.id;
        }
        Execute(job.id, job.caller, [this, id = job.id](RunPhase phase, std::int64_t done, std::int64_t total) {
            std::lock_guard lock(mutex_);
            if (stopping_) {
                throw RunCancelled{};
            }
            progress_[id] = Progress{phase, done, total};
        });
        {
            std::lock_guard lock(mutex_);
            running_.reset();
            progress_.erase(job.id);
        }
        changed_.notify_all();
    }
    // Runs still queued at a stop are marked failed by the next StartWorker.
}

void PmtService::Execute(std::int64_t id, const Caller& caller, const RunProgressFn& progress) {
    const auto now = FormatTimestamp(clock_.Now());
    const auto as_of = now.substr(0, 10);
    {
        auto connection = db_.Acquire();
        store_->MarkRunning(*connection, id, now);
    }
    const auto report = [&progress](RunPhase phase, std::int64_t done, std::int64_t total) {
        if (progress) {
            progress(phase, done, total);
        }
    };
    std::int64_t estimated = 0;
    std::int64_t skipped = 0;
    try {
        auto connection = db_.Acquire();
        // Both passes and the writes in one transaction: the ranking and the estimates written are of one and the same
        // register, and a failed run leaves the previous estimates as they were.
        db::Transaction tx(*connection, db::TxMode::kWrite);
        const auto total = store_->CountActiveHouseholds(*connection);
        // Pass 1: every household's estimate, kept as (id, regency, log consumption) only, to rank them.
        struct Ranked {
            std::int64_t id;
            std::uint32_t regency;
            double log_consumption;
        };
        std::vector<Ranked> ranked;
        std::unordered_map<std::string, std::uint32_t> regencies;
        report(RunPhase::kEstimating, 0, total);
        store_->ForEachHousehold(*connection, [&](const HouseholdScan& scan) {
            const auto regency = regencies.try_emplace(scan.village_code.substr(0, 5), regencies.size()).first->second;
            ranked.push_back({scan.id, regency, EstimateHousehold(weights_, scan.facts, as_of).log_consumption});
            if (static_cast<std::int64_t>(ranked.size()) % kProgressEvery == 0) {
                report(RunPhase::kEstimating, static_cast<std::int64_t>(ranked.size()), total);
            }
        });
        // Desil within each regency.
        std::vector<std::vector<std::size_t>> members(regencies.size());
        for (std::size_t i = 0; i < ranked.size(); ++i) {
            members[ranked[i].regency].push_back(i);
        }
        std::vector<int> desil(ranked.size(), 0);
        for (const auto& group : members) {
            std::vector<double> values;
            values.reserve(group.size());
            for (auto i : group) {
                values.push_back(ranked[i].log_consumption);
            }
            const auto ranks = RankIntoDesil(values);
            for (std::size_t k = 0; k < group.size(); ++k) {
                desil[group[k]] = ranks[k];
            }
        }
        // Pass 2: the same households in the same order, estimated again (the model is deterministic) and written
        // with their desil and top contributions; holding those for a whole regency would cost far more memory.
        store_->DeleteEstimates(*connection);
        std::size_t next = 0;
        report(RunPhase::kWriting, 0, static_cast<std::int64_t>(ranked.size()));
        store_->ForEachHousehold(*connection, [&](const HouseholdScan& scan) {
            SINERGI_INVARIANT(next < ranked.size() && ranked[next].id == scan.id);
            const auto estimate = EstimateHousehold(weights_, scan.facts, as_of);
            store_->InsertEstimate(*connection,
                                   {scan.id, id, estimate.consumption_per_capita, estimate.log_consumption, desil[next],
                                    weights_.version, now, ContributionsJson(estimate), MissingJson(estimate)});
            ++next;
            if (static_cast<std::int64_t>(next) % kProgressEvery == 0) {
                report(RunPhase::kWriting, static_cast<std::int64_t>(next), static_cast<std::int64_t>(ranked.size()));
            }
        });
        SINERGI_INVARIANT(next == ranked.size());
        estimated = static_cast<std::int64_t>(ranked.size());
        skipped = total - estimated;
        store_->MarkFinished(*connection, id, estimated, skipped, FormatTimestamp(clock_.Now()));
        tx.Commit();
    } catch (const RunCancelled&) {
        auto connection = db_.Acquire();
        store_->MarkFailed(*connection, id,
                           {"Estimasi PMT dihentikan karena server berhenti; estimasi sebelumnya tetap berlaku.",
                            "The PMT run was stopped because the server stopped; the previous estimates still stand."},
                           FormatTimestamp(clock_.Now()));
        return;
    } catch (const std::exception& error) {
        spdlog::error("PMT run {} failed: {}", id, error.what());
        const auto* known = dynamic_cast<const Error*>(&error);
        auto connection = db_.Acquire();
        store_->MarkFailed(*connection, id,
                           known != nullptr
                               ? known->message()
                               : LocalizedText{fmt::format("Estimasi PMT gagal karena kesalahan sistem: {}. Estimasi "
                                                           "sebelumnya tetap berlaku.",
                                                           error.what()),
                                               fmt::format("The PMT run failed with a system error: {}. The previous "
                                                           "estimates still stand.",
                                                           error.what())},
                           FormatTimestamp(clock_.Now()));
        identity_.Audit(caller, {"pmt.run", "pmt_run", std::to_string(id), identity::Outcome::kFailure, {}});
        return;
    }
    identity_.Audit(caller, {"pmt.run",
                             "pmt_run",
                             std::to_string(id),
                             identity::Outcome::kSuccess,
                             {{"weights_version", weights_.version}, {"households", estimated}, {"skipped", skipped}}});
}

PmtRun PmtService::WithProgress(PmtRun run) const {
    std::lock_guard lock(mutex_);
    auto it = progress_.find(run.id);
    if (it == progress_.end() || run.status != "running") {
        return run;
    }
    const auto& progress = it->second;
    run.phase = progress.phase;
    run.progress_done = progress.done;
    run.progress_total = progress.total;
    run.percent = TwoPhasePercent(progress.phase == RunPhase::kEstimating, progress.done, progress.total);
    return run;
}

PmtRun PmtService::GetRun(const Caller& caller, std::int64_t id) {
    RequireRunAllowed(caller);
    auto connection = db_.Acquire();
    auto run = store_->FindRun(*connection, id);
    if (!run) {
        throw Error(sinergi::errors::kNotFound, {fmt::format("Estimasi PMT {} tidak ditemukan.", id),
                                                 fmt::format("PMT run {} was not found.", id)});
    }
    return WithProgress(std::move(*run));
}

identity::Page<PmtRun> PmtService::ListRuns(const Caller& caller, const PageRequest& page) {
    RequireRunAllowed(caller);
    auto connection = db_.Acquire();
    auto result = store_->ListRuns(*connection, page);
    for (auto& run : result.items) {
        run = WithProgress(std::move(run));
    }
    return result;
}

void PmtService::WaitIdle() {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [this] { return stopping_ || (queue_.empty() && !running_); });
}

HouseholdPmt PmtService::ForHousehold(const Caller& caller, std::int64_t household_id) {
    const auto scope = registry_.RegionScope(caller, identity::actions::kPmtRead);
    auto connection = db_.Acquire();
    const auto household = store_->FindHousehold(*connection, household_id);
    if (!household) {
        throw Error(sinergi::errors::kNotFound,
                    {fmt::format("Rumah tangga dengan id {} tidak ditemukan.", household_id),
                     fmt::format("No household with id {}.", household_id)});
    }
    if (!InScope(scope, household->village_code)) {
        identity_.Audit(caller, {std::string(identity::actions::kPmtRead),
                                 "region",
                                 household->village_code,
                                 identity::Outcome::kDenied,
                                 {{"reason", "outside_scope"}}});
        throw Error(sinergi::errors::kForbidden,
                    {"Data ini di luar wilayah kerja Anda.", "This record is outside your area."});
    }
    HouseholdPmt result;
    result.household_id = household_id;
    result.village_code = household->village_code;
    result.official = household->official;
    if (auto row = store_->FindEstimate(*connection, household_id)) {
        result.estimate = ReadStored(*row);
        result.outdated = household->updated_at > row->computed_at;
    }
    result.authoritative = result.official ? "official" : result.estimate ? "estimate" : "none";
    identity_.Audit(caller, {"household.pmt.read",
                             "household",
                             std::to_string(household_id),
                             identity::Outcome::kSuccess,
                             {{"authoritative", result.authoritative}}});
    return result;
}

identity::Page<Disagreement> PmtService::Disagreements(const Caller& caller, const DisagreementFilter& filter,
                                                       const PageRequest& page) {
    if (filter.min_gap < 1 || filter.min_gap > 9) {
        ValidationReport report;
        report.Add("PMT-2001", "min_gap",
                   {"min_gap harus bilangan bulat 1–9 (selisih desil).",
                    "min_gap must be a whole number from 1 to 9 (a difference in desil)."});
        report.ThrowIfAny();
    }
    const auto scope = registry_.RegionScope(caller, identity::actions::kPmtRead);
    auto connection = db_.Acquire();
    auto result = store_->Disagreements(*connection, filter, scope, page);
    identity_.Audit(caller,
                    {"pmt.disagreements",
                     "household",
                     std::nullopt,
                     identity::Outcome::kSuccess,
                     {{"min_gap", filter.min_gap}, {"returned", result.items.size()}, {"total", result.total}}});
    return result;
}

}  // namespace sinergi::pmt
