// Register imports started through the API (issue 3, item 7). An upload becomes a queued job; one background worker
// imports the jobs in upload order with RegisterImporter and keeps each job's result, its first problems and the whole
// report for the people who load the register. Progress of the running job is held in memory: the import holds the
// database's write transaction while it writes, so progress could not be written there meanwhile.
//
// Lifecycle of a job:
//
//   queued ──► running ──► finished   the import ran to its end; `committed` says whether anything was written
//      │          │
//      └──────────┴──────► failed     a fault, or the server stopped or restarted before the end: nothing was written
//
// Invariants: at most one job is running; a finished or failed job never changes again; the uploaded file exists
// only while its job is queued or running (it is deleted when the job ends, and at start-up for jobs an earlier
// process left unfinished).
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "identity/identity_service.hpp"
#include "platform/clock.hpp"
#include "platform/database.hpp"
#include "platform/error.hpp"
#include "registry/register_import.hpp"

namespace sinergi::registry {

struct ImportJob {
    std::int64_t id = 0;
    std::string filename;
    std::int64_t size_bytes = 0;
    bool partial = false;
    std::string status;                // queued | running | finished | failed
    std::optional<ImportPhase> phase;  // while running
    std::int64_t progress_done = 0;
    std::int64_t progress_total = 0;
    int percent = 0;  // of the whole job: checking is the first half, writing the second
    std::int64_t rows_read = 0;
    std::int64_t rows_refused = 0;
    std::int64_t households_imported = 0;
    std::int64_t persons_imported = 0;
    bool committed = false;
    std::optional<std::int64_t> stopped_at_row;
    std::int64_t issue_count = 0;
    std::vector<Issue> issues;  // the first kIssuesShown
    std::optional<LocalizedText> error;
    std::string created_by;
    std::string created_at;
    std::optional<std::string> started_at;
    std::optional<std::string> finished_at;
};

class ImportJobs {
 public:
    static constexpr std::size_t kIssuesShown = 100;

    // Uploads wait in `upload_dir` (created when needed) until their job ends.
    ImportJobs(db::Database& db, RegisterImporter& importer, identity::IdentityService& identity, const Clock& clock,
               std::filesystem::path upload_dir);
    // Stops the worker; a running import is cancelled (rolled back) and its job marked failed.
    ~ImportJobs();
    ImportJobs(const ImportJobs&) = delete;
    ImportJobs& operator=(const ImportJobs&) = delete;

    // Marks the jobs an earlier process left queued or running as failed, then starts the worker. Only the serving
    // process calls it, so a command-line import next to a running server leaves that server's jobs alone.
    void StartWorker();

    // Queues `bytes` (CSV or XLSX) for import as `caller`; the file's content is checked by the import itself.
    ImportJob Submit(const identity::Caller& caller, std::string bytes, std::string filename, bool partial);
    ImportJob Get(const identity::Caller& caller, std::int64_t id);
    identity::Page<ImportJob> List(const identity::Caller& caller, const PageRequest& page);
    // The whole report as CSV; 409 while the job has not finished.
    std::string Report(const identity::Caller& caller, std::int64_t id);

    // Blocks until no job is queued or running (tests, and a clean stop).
    void WaitIdle();

 private:
    struct Progress {
        ImportPhase phase = ImportPhase::kChecking;
        std::int64_t done = 0;
        std::int64_t total = 0;
    };
    struct Queued {
        std::int64_t id = 0;
        identity::Caller caller;
        std::filesystem::path file;
        bool partial = false;
        std::string filename;
    };

    void RequireAllowed(const identity::Caller& caller) const;
    void Work();
    void Run(const Queued& job);
    void Fail(std::int64_t id, const LocalizedText& why);
    std::filesystem::path UploadPath(std::int64_t id) const;
    ImportJob WithProgress(ImportJob job) const;

    db::Database& db_;
    RegisterImporter& importer_;
    identity::IdentityService& identity_;
    const Clock& clock_;
    std::filesystem::path upload_dir_;

    mutable std::mutex mutex_;
    std::condition_variable changed_;
    std::deque<Queued> queue_;
    std::optional<std::int64_t> running_;
    std::map<std::int64_t, Progress> progress_;
    bool stopping_ = false;
    std::thread worker_;
};

}  // namespace sinergi::registry
