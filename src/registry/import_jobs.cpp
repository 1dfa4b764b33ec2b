#include "registry/import_jobs.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>

#include <boost/json.hpp>
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "platform/http.hpp"
#include "platform/paging.hpp"
#include "platform/progress.hpp"

namespace sinergi::registry {

namespace json = boost::json;

namespace {

// Thrown from the progress callback to end a running import when the server stops; the import's transaction rolls
// back as the exception leaves it.
struct ImportCancelled {};

constexpr std::string_view kJobColumns =
    "SELECT id, filename, size_bytes, partial, status, rows_read, rows_refused, households_imported, "
    "persons_imported, committed, stopped_at_row, issue_count, issues_json, error_id, error_en, created_by_name, "
    "created_at, started_at, finished_at FROM import_jobs";

std::vector<Issue> IssuesFromJson(const std::string& text) {
    std::vector<Issue> issues;
    boost::system::error_code ec;
    auto parsed = json::parse(text, ec);
    if (ec || !parsed.is_array()) {
        return issues;
    }
    for (const auto& item : parsed.as_array()) {
        const auto& object = item.as_object();
        Issue issue;
        issue.code = json::value_to<std::string>(object.at("code"));
        issue.field = json::value_to<std::string>(object.at("field"));
        if (const auto* row = object.if_contains("row")) {
            issue.row = row->to_number<std::int64_t>();
        }
        const auto& message = object.at("message").as_object();
        issue.message = {json::value_to<std::string>(message.at("id")), json::value_to<std::string>(message.at("en"))};
        issues.push_back(std::move(issue));
    }
    return issues;
}

ImportJob ReadJob(const db::Row& row) {
    ImportJob job;
    job.id = row.Int(0);
    job.filename = row.Text(1);
    job.size_bytes = row.Int(2);
    job.partial = row.Bool(3);
    job.status = row.Text(4);
    job.rows_read = row.Int(5);
    job.rows_refused = row.Int(6);
    job.households_imported = row.Int(7);
    job.persons_imported = row.Int(8);
    job.committed = row.Bool(9);
    job.stopped_at_row = row.OptInt(10);
    job.issue_count = row.Int(11);
    job.issues = IssuesFromJson(row.Text(12));
    if (auto id = row.OptText(13)) {
        job.error = LocalizedText{*id, row.OptText(14).value_or(*id)};
    }
    job.created_by = row.Text(15);
    job.created_at = row.Text(16);
    job.started_at = row.OptText(17);
    job.finished_at = row.OptText(18);
    job.percent = job.status == "finished" ? 100 : 0;
    return job;
}

// The name shown in the list: the last path part, without control characters, at most 200 bytes of whole characters.
std::string CleanFilename(std::string_view given) {
    const auto slash = given.find_last_of("/\\");
    if (slash != std::string_view::npos) {
        given.remove_prefix(slash + 1);
    }
    std::string name;
    for (char c : given) {
        if (static_cast<unsigned char>(c) >= 0x20 && c != 0x7F) {
            name += c;
        }
    }
    if (name.size() > 200) {
        auto end = std::size_t{200};
        while (end > 0 && (static_cast<unsigned char>(name[end]) & 0xC0) == 0x80) {
            --end;  // never cut a UTF-8 character in half
        }
        name.resize(end);
    }
    return name.empty() ? "unggahan" : name;
}

}  // namespace

ImportJobs::ImportJobs(db::Database& db, RegisterImporter& importer, identity::IdentityService& identity,
                       const Clock& clock, std::filesystem::path upload_dir)
    : db_(db), importer_(importer), identity_(identity), clock_(clock), upload_dir_(std::move(upload_dir)) {}

ImportJobs::~ImportJobs() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    changed_.notify_all();
    if (worker_.joinable()) {
        worker_.join();
    }
}

void ImportJobs::StartWorker() {
    const LocalizedText interrupted{
        "Impor terhenti karena server dimulai ulang; tidak ada data yang disimpan. Unggah "
        "berkas itu lagi.",
        "The import stopped because the server restarted; nothing was written. Upload "
        "the file again."};
    auto connection = db_.Acquire();
    const auto left = connection->Query("SELECT id FROM import_jobs WHERE status IN ('queued', 'running')");
    for (const auto& row : left) {
        Fail(row.Int(0), interrupted);
        std::error_code ignored;
        std::filesystem::remove(UploadPath(row.Int(0)), ignored);
    }
    std::lock_guard lock(mutex_);
    if (!worker_.joinable()) {
        worker_ = std::thread([this] { Work(); });
    }
}

void ImportJobs::RequireAllowed(const identity::Caller& caller) const {
    if (!caller.user || !identity::Policy::Decide(caller.user->role, identity::actions::kRegistryWrite)) {
        throw Error(sinergi::errors::kForbidden,
                    {"Anda tidak berwenang mengimpor data register.", "You are not allowed to import register data."});
    }
}

std::filesystem::path ImportJobs::UploadPath(std::int64_t id) const {
    return upload_dir_ / fmt::format("import-{}.upload", id);
}

ImportJob ImportJobs::Submit(const identity::Caller& caller, std::string bytes, std::string filename, bool partial) {
    RequireAllowed(caller);
    if (bytes.empty()) {
        ValidationReport report;
        report.Add("REG-2350", "", {"Berkas yang diunggah kosong.", "The uploaded file is empty."});
        report.ThrowIfAny();
    }
    filename = CleanFilename(filename);
    const auto now = FormatTimestamp(clock_.Now());
    std::int64_t id = 0;
    {
        auto connection = db_.Acquire();
        id = connection
                 ->QueryOne(
                     "INSERT INTO import_jobs (filename, size_bytes, partial, status, created_by, "
                     "created_by_name, created_at) VALUES (?, ?, ?, 'queued', ?, ?, ?) RETURNING id",
                     {filename, static_cast<std::int64_t>(bytes.size()), partial ? 1 : 0, caller.user->id,
                      caller.user->username, now})
                 ->Int(0);
    }
    std::error_code ec;
    std::filesystem::create_directories(upload_dir_, ec);
    {
        std::ofstream out(UploadPath(id), std::ios::binary | std::ios::trunc);
        out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
        if (!out.flush()) {
            const LocalizedText why{fmt::format("Berkas unggahan tidak dapat disimpan di {}.", upload_dir_.string()),
                                    fmt::format("The upload could not be stored in {}.", upload_dir_.string())};
            Fail(id, why);
            throw Error(sinergi::errors::kInternal, why);
        }
    }
    identity_.Audit(caller, {"household.import.upload",
                             "import_job",
                             std::to_string(id),
                             identity::Outcome::kSuccess,
                             {{"file", filename}, {"size_bytes", bytes.size()}, {"partial", partial}}});
    {
        std::lock_guard lock(mutex_);
        queue_.push_back({id, caller, UploadPath(id), partial, filename});
        progress_[id] = Progress{};
    }
    changed_.notify_all();
    return Get(caller, id);
}

void ImportJobs::Work() {
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
        Run(job);
        std::error_code ignored;
        std::filesystem::remove(job.file, ignored);
        {
            std::lock_guard lock(mutex_);
            running_.reset();
            progress_.erase(job.id);
        }
        changed_.notify_all();
    }
    // Jobs still queued at a stop are marked failed by the next StartWorker, with their files.
}

void ImportJobs::Run(const Queued& job) {
    {
        auto connection = db_.Acquire();
        connection->Execute("UPDATE import_jobs SET status = 'running', started_at = ? WHERE id = ?",
                            {FormatTimestamp(clock_.Now()), job.id});
    }
    RegisterImportOptions options;
    options.partial = job.partial;
    options.reason = fmt::format("Impor register dari {}", job.filename);
    const auto on_progress = [this, id = job.id](ImportPhase phase, std::int64_t done, std::int64_t total) {
        std::lock_guard lock(mutex_);
        if (stopping_) {
            throw ImportCancelled{};
        }
        progress_[id] = Progress{phase, done, total};
    };
    RegisterImportResult result;
    try {
        result = importer_.Import(job.caller, job.file, options, on_progress);
    } catch (const ImportCancelled&) {
        Fail(job.id, {"Impor dihentikan karena server berhenti; tidak ada data yang disimpan. Unggah berkas itu lagi.",
                      "The import was stopped because the server stopped; nothing was written. Upload the file "
                      "again."});
        return;
    } catch (const Error& error) {
        Fail(job.id, error.message());
        return;
    } catch (const std::exception& error) {
        spdlog::error("import job {} failed: {}", job.id, error.what());
        Fail(job.id,
             {fmt::format("Impor gagal karena kesalahan sistem: {}. Tidak ada data yang disimpan.", error.what()),
              fmt::format("The import failed with a system error: {}. Nothing was written.", error.what())});
        return;
    }
    json::array shown;
    for (std::size_t i = 0; i < std::min(result.issues.size(), kIssuesShown); ++i) {
        shown.push_back(http::IssueJson(result.issues[i]));
    }
    std::ostringstream report;
    WriteImportReport(report, result.issues);
    auto connection = db_.Acquire();
    connection->Execute(
        "UPDATE import_jobs SET status = 'finished', rows_read = ?, rows_refused = ?, households_imported = ?, "
        "persons_imported = ?, committed = ?, stopped_at_row = ?, issue_count = ?, issues_json = ?, report_csv = ?, "
        "finished_at = ? WHERE id = ?",
        {result.rows_read, result.rows_refused, result.households_imported, result.persons_imported,
         result.committed ? 1 : 0, result.stopped_at_row ? db::Param(*result.stopped_at_row) : db::Param(nullptr),
         static_cast<std::int64_t>(result.issues.size()), json::serialize(shown), report.str(),
         FormatTimestamp(clock_.Now()), job.id});
}

void ImportJobs::Fail(std::int64_t id, const LocalizedText& why) {
    auto connection = db_.Acquire();
    connection->Execute(
        "UPDATE import_jobs SET status = 'failed', error_id = ?, error_en = ?, finished_at = ? WHERE id = ?",
        {why.id, why.en, FormatTimestamp(clock_.Now()), id});
}

ImportJob ImportJobs::WithProgress(ImportJob job) const {
    std::lock_guard lock(mutex_);
    auto it = progress_.find(job.id);
    if (it == progress_.end() || job.status != "running") {
        return job;
    }
    const auto& progress = it->second;
    job.phase = progress.phase;
    job.progress_done = progress.done;
    job.progress_total = progress.total;
    job.percent = TwoPhasePercent(progress.phase == ImportPhase::kChecking, progress.done, progress.total);
    return job;
}

ImportJob ImportJobs::Get(const identity::Caller& caller, std::int64_t id) {
    RequireAllowed(caller);
    auto connection = db_.Acquire();
    auto row = connection->QueryOne(std::string(kJobColumns) + " WHERE id = ?", {id});
    if (!row) {
        throw Error(sinergi::errors::kNotFound,
                    {fmt::format("Impor {} tidak ditemukan.", id), fmt::format("Import {} was not found.", id)});
    }
    return WithProgress(ReadJob(*row));
}

identity::Page<ImportJob> ImportJobs::List(const identity::Caller& caller, const PageRequest& page) {
    RequireAllowed(caller);
    auto connection = db_.Acquire();
    auto result = QueryPage<ImportJob>(*connection, kJobColumns, "FROM import_jobs", {}, "id", KeyOrder::kDescending,
                                       true, page, ReadJob);
    for (auto& job : result.items) {
        job = WithProgress(std::move(job));
    }
    return result;
}

std::string ImportJobs::Report(const identity::Caller& caller, std::int64_t id) {
    const auto job = Get(caller, id);
    if (job.status != "finished") {
        throw Error(sinergi::errors::kConflict, {"Laporan baru tersedia setelah impor selesai.",
                                                 "The report is available once the import has "
                                                 "finished."});
    }
    auto connection = db_.Acquire();
    return connection->QueryOne("SELECT report_csv FROM import_jobs WHERE id = ?", {id})->Text(0);
}

void ImportJobs::WaitIdle() {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [this] { return stopping_ || (queue_.empty() && !running_); });
}

}  // namespace sinergi::registry
