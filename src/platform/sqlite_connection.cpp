#include "platform/sqlite_connection.hpp"

#include <string_view>
#include <unordered_map>

#include <fmt/format.h>
#include <sqlite3.h>

namespace sinergi::db {
namespace {

constexpr int kBusyTimeoutMs = 5000;
// Page cache of a connection in bulk mode, in KiB (SQLite's default is 2 MiB). A long write transaction keeps its
// changed pages here; when they no longer fit, SQLite spills them to the WAL and reads them back when it needs them
// again, which is what makes a large import slow. The index pages every new row touches stay here.
constexpr int kBulkCacheKiB = 512 * 1024;

// Heterogeneous lookup, so finding a cached statement does not copy the SQL text into a new string.
struct SqlHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view sql) const { return std::hash<std::string_view>{}(sql); }
};

class SqliteConnection final : public Connection {
 public:
    explicit SqliteConnection(const std::string& path) {
        const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
        if (sqlite3_open_v2(path.c_str(), &db_, flags, nullptr) != SQLITE_OK) {
            std::string message = db_ != nullptr ? sqlite3_errmsg(db_) : "out of memory";
            sqlite3_close(db_);
            db_ = nullptr;
            throw DatabaseError(fmt::format("cannot open database {}: {}", path, message));
        }
        sqlite3_extended_result_codes(db_, 1);
        sqlite3_busy_timeout(db_, kBusyTimeoutMs);
        ExecuteScript("PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON; PRAGMA synchronous=NORMAL;");
        default_cache_size_ = ReadCacheSize();
    }

    ~SqliteConnection() override {
        for (auto& [sql, stmt] : statements_) {
            sqlite3_finalize(stmt);
        }
        sqlite3_close(db_);
    }

    SqliteConnection(const SqliteConnection&) = delete;
    SqliteConnection& operator=(const SqliteConnection&) = delete;

    Dialect dialect() const override { return Dialect::kSqlite; }

    void ExecuteScript(std::string_view script) override {
        char* error = nullptr;
        const std::string text(script);
        const int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &error);
        if (rc != SQLITE_OK) {
            std::string message = error != nullptr ? error : sqlite3_errstr(rc);
            sqlite3_free(error);
            Throw(rc, message);
        }
    }

    std::int64_t LastInsertId() override { return sqlite3_last_insert_rowid(db_); }

    void SetBulkWrite(bool on) override {
        ExecuteScript(fmt::format("PRAGMA cache_size = {}; PRAGMA temp_store = {}",
                                  on ? -kBulkCacheKiB : default_cache_size_, on ? "MEMORY" : "DEFAULT"));
        if (!on) {
            // Hands the memory of the large cache back now rather than when the connection is next used.
            sqlite3_db_release_memory(db_);
        }
    }

    // Writers take the lock at BEGIN: SQLite cannot wait for a lock upgrade inside a read transaction.
    void Begin(TxMode mode) override { ExecuteScript(mode == TxMode::kWrite ? "BEGIN IMMEDIATE" : "BEGIN"); }
    void Commit() override { ExecuteScript("COMMIT"); }
    void Rollback() override { ExecuteScript("ROLLBACK"); }

 protected:
    std::int64_t Run(std::string_view sql, const Params& params,
                     const std::function<void(const Row&)>* on_row) override {
        sqlite3_stmt* stmt = Prepare(sql);
        // Reset even when a callback throws, so the cached statement is reusable and holds no lock.
        struct ResetOnExit {
            sqlite3_stmt* stmt;
            ~ResetOnExit() {
                sqlite3_reset(stmt);
                sqlite3_clear_bindings(stmt);
            }
        } reset{stmt};
        Bind(stmt, sql, params);
        const int columns = sqlite3_column_count(stmt);
        for (;;) {
            const int rc = sqlite3_step(stmt);
            if (rc == SQLITE_DONE) {
                break;
            }
            if (rc != SQLITE_ROW) {
                Throw(rc, sqlite3_errmsg(db_));
            }
            if (on_row != nullptr) {
                (*on_row)(ReadRow(stmt, columns));
            }
        }
        return sqlite3_changes64(db_);
    }

 private:
    int ReadCacheSize() {
        sqlite3_stmt* stmt = Prepare("PRAGMA cache_size");
        const int rc = sqlite3_step(stmt);
        const int size = rc == SQLITE_ROW ? sqlite3_column_int(stmt, 0) : -2000;
        sqlite3_reset(stmt);
        return size;
    }

    sqlite3_stmt* Prepare(std::string_view sql) {
        if (auto it = statements_.find(sql); it != statements_.end()) {
            return it->second;
        }
        const std::string key(sql);
        sqlite3_stmt* stmt = nullptr;
        const int rc = sqlite3_prepare_v3(db_, key.c_str(), static_cast<int>(key.size()), SQLITE_PREPARE_PERSISTENT,
                                          &stmt, nullptr);
        if (rc != SQLITE_OK) {
            Throw(rc, fmt::format("{} in: {}", sqlite3_errmsg(db_), key));
        }
        statements_.emplace(key, stmt);
        return stmt;
    }

    void Bind(sqlite3_stmt* stmt, std::string_view sql, const Params& params) {
        const int expected = sqlite3_bind_parameter_count(stmt);
        if (expected != static_cast<int>(params.size())) {
            throw DatabaseError(
                fmt::format("statement takes {} parameters, {} given: {}", expected, params.size(), sql));
        }
        int index = 1;
        for (const auto& param : params) {
            const auto& value = param.value();
            int rc = SQLITE_OK;
            if (std::holds_alternative<std::monostate>(value)) {
                rc = sqlite3_bind_null(stmt, index);
            } else if (const auto* n = std::get_if<std::int64_t>(&value)) {
                rc = sqlite3_bind_int64(stmt, index, *n);
            } else if (const auto* d = std::get_if<double>(&value)) {
                rc = sqlite3_bind_double(stmt, index, *d);
            } else {
                const auto& s = std::get<std::string>(value);
                // Not copied: `params` outlives the statement's run, and Run clears the bindings before it returns.
                rc = sqlite3_bind_text64(stmt, index, s.data(), s.size(), SQLITE_STATIC, SQLITE_UTF8);
            }
            if (rc != SQLITE_OK) {
                Throw(rc, sqlite3_errmsg(db_));
            }
            ++index;
        }
    }

    static Row ReadRow(sqlite3_stmt* stmt, int columns) {
        std::vector<Value> values;
        values.reserve(static_cast<std::size_t>(columns));
        for (int i = 0; i < columns; ++i) {
            switch (sqlite3_column_type(stmt, i)) {
                case SQLITE_NULL:
                    values.emplace_back(std::monostate{});
                    break;
                case SQLITE_INTEGER:
                    values.emplace_back(static_cast<std::int64_t>(sqlite3_column_int64(stmt, i)));
                    break;
                case SQLITE_FLOAT:
                    values.emplace_back(sqlite3_column_double(stmt, i));
                    break;
                default: {
                    const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt, i));
                    values.emplace_back(std::string(text, static_cast<std::size_t>(sqlite3_column_bytes(stmt, i))));
                }
            }
        }
        return Row(std::move(values));
    }

    [[noreturn]] static void Throw(int rc, const std::string& message) {
        switch (rc & 0xff) {
            case SQLITE_CONSTRAINT:
                throw ConstraintViolation(message);
            case SQLITE_BUSY:
            case SQLITE_LOCKED:
                throw DatabaseBusy(message);
            default:
                throw DatabaseError(fmt::format("database error {}: {}", rc, message));
        }
    }

    sqlite3* db_ = nullptr;
    std::unordered_map<std::string, sqlite3_stmt*, SqlHash, std::equal_to<>> statements_;
    int default_cache_size_ = -2000;
};

}  // namespace

std::unique_ptr<Connection> OpenSqlite(const std::string& path) { return std::make_unique<SqliteConnection>(path); }

}  // namespace sinergi::db
