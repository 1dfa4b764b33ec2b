// The one database interface every store uses: connections from a pool, statements with bound parameters only,
// transactions, and rows read by position. SQLite is the embedded backend; nothing SQLite-specific is visible here,
// so a PostgreSQL backend can sit behind the same interface. Stores write the portable SQL subset with `?`
// placeholders (a PostgreSQL backend numbers them).
#pragma once

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace sinergi::db {

// A bound parameter or a column value. std::monostate is SQL NULL.
using Value = std::variant<std::monostate, std::int64_t, double, std::string>;

// Converts the C++ values stores use into a Value, so call sites read `{user_id, name, std::nullopt}`.
class Param {
 public:
    Param(std::nullptr_t) {}  // NOLINT(google-explicit-constructor): reads as SQL NULL at call sites
    Param(std::nullopt_t) {}  // NOLINT(google-explicit-constructor)
    Param(int v) : value_(static_cast<std::int64_t>(v)) {}           // NOLINT(google-explicit-constructor)
    Param(long v) : value_(static_cast<std::int64_t>(v)) {}          // NOLINT(google-explicit-constructor)
    Param(long long v) : value_(static_cast<std::int64_t>(v)) {}     // NOLINT(google-explicit-constructor)
    Param(bool v) : value_(static_cast<std::int64_t>(v ? 1 : 0)) {}  // NOLINT(google-explicit-constructor)
    Param(double v) : value_(v) {}                                   // NOLINT(google-explicit-constructor)
    Param(const char* v) : value_(std::string(v)) {}                 // NOLINT(google-explicit-constructor)
    Param(std::string_view v) : value_(std::string(v)) {}            // NOLINT(google-explicit-constructor)
    Param(std::string v) : value_(std::move(v)) {}                   // NOLINT(google-explicit-constructor)
    template <typename T>
    Param(const std::optional<T>& v) {  // NOLINT(google-explicit-constructor)
        if (v) {
            value_ = Param(*v).value_;
        }
    }
    const Value& value() const { return value_; }

 private:
    Value value_;
};

using Params = std::vector<Param>;

class Row {
 public:
    explicit Row(std::vector<db::Value> values) : values_(std::move(values)) {}
    std::size_t size() const { return values_.size(); }
    bool IsNull(std::size_t i) const;
    std::int64_t Int(std::size_t i) const;
    double Real(std::size_t i) const;
    bool Bool(std::size_t i) const { return Int(i) != 0; }
    std::string Text(std::size_t i) const;
    std::optional<std::int64_t> OptInt(std::size_t i) const;
    std::optional<std::string> OptText(std::size_t i) const;
    // The raw value, for callers that handle every type themselves.
    const Value& Raw(std::size_t i) const { return values_.at(i); }

 private:
    std::vector<Value> values_;
};

// A failure of the database itself (I/O, corruption, SQL error): a programmer or operator problem.
class DatabaseError : public std::runtime_error {
 public:
    using std::runtime_error::runtime_error;
};

// A UNIQUE, FOREIGN KEY, CHECK or NOT NULL constraint refused a change; services turn it into a 409 or 400.
class ConstraintViolation : public DatabaseError {
 public:
    using DatabaseError::DatabaseError;
};

// The database stayed locked by another writer past the busy timeout.
class DatabaseBusy : public DatabaseError {
 public:
    using DatabaseError::DatabaseError;
};

enum class Dialect { kSqlite, kPostgres };
enum class TxMode { kRead, kWrite };

class Connection {
 public:
    virtual ~Connection() = default;
    virtual Dialect dialect() const = 0;

    // Runs one statement and returns every row.
    std::vector<Row> Query(std::string_view sql, const Params& params = {});
    // Runs one statement expected to return at most one row.
    std::optional<Row> QueryOne(std::string_view sql, const Params& params = {});
    // Runs one statement and calls `on_row` per row without holding all rows in memory.
    void ForEach(std::string_view sql, const Params& params, const std::function<void(const Row&)>& on_row);
    // Runs one statement that returns no rows; returns the number of rows changed.
    std::int64_t Execute(std::string_view sql, const Params& params = {});

    // Runs a script of several statements without parameters: migrations only.
    virtual void ExecuteScript(std::string_view script) = 0;

    // The id the last successful INSERT on this connection gave its row (an INSERT without RETURNING costs less).
    virtual std::int64_t LastInsertId() = 0;

    // Bulk mode, for one long write transaction of many rows (a register import): the backend may keep far more of
    // the database in memory (bounded, whatever the number of rows). A connection goes back to its pool only with
    // bulk mode off again; BulkWrite does both.
    virtual void SetBulkWrite(bool on) = 0;

    virtual void Begin(TxMode mode) = 0;
    virtual void Commit() = 0;
    virtual void Rollback() = 0;

 protected:
    // Prepares (or reuses) the statement, binds the parameters and steps through it; returns the rows changed.
    virtual std::int64_t Run(std::string_view sql, const Params& params,
                             const std::function<void(const Row&)>* on_row) = 0;
};

// Commits on Commit(); rolls back if destroyed uncommitted (an exception unwound through it).
class Transaction {
 public:
    Transaction(Connection& connection, TxMode mode);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    void Commit();

 private:
    Connection& connection_;
    bool open_ = true;
};

// Bulk mode on a connection for as long as it lives (see Connection::SetBulkWrite).
class BulkWrite {
 public:
    explicit BulkWrite(Connection& connection) : connection_(connection) { connection_.SetBulkWrite(true); }
    ~BulkWrite();
    BulkWrite(const BulkWrite&) = delete;
    BulkWrite& operator=(const BulkWrite&) = delete;

 private:
    Connection& connection_;
};

// A pool of connections to one database. Acquire() blocks until a connection is free.
class Database {
 public:
    class Lease {
     public:
        Lease(Database& db, std::unique_ptr<Connection> connection) : db_(&db), connection_(std::move(connection)) {}
        Lease(Lease&& other) noexcept = default;
        Lease& operator=(Lease&&) = delete;
        Lease(const Lease&) = delete;
        Lease& operator=(const Lease&) = delete;
        ~Lease();
        Connection& operator*() const { return *connection_; }
        Connection* operator->() const { return connection_.get(); }

     private:
        Database* db_;
        std::unique_ptr<Connection> connection_;
    };

    // Opens the database named by `location`: a file path (SQLite). Creates the file if missing.
    static std::unique_ptr<Database> Open(const std::string& location, int pool_size = 8);

    Lease Acquire();
    Dialect dialect() const { return dialect_; }
    const std::string& location() const { return location_; }

 private:
    Database(std::string location, Dialect dialect, std::function<std::unique_ptr<Connection>()> connect,
             int pool_size);
    void Release(std::unique_ptr<Connection> connection);

    std::string location_;
    Dialect dialect_;
    std::function<std::unique_ptr<Connection>()> connect_;
    int pool_size_;
    int open_connections_ = 0;
    std::vector<std::unique_ptr<Connection>> idle_;
    std::mutex mutex_;
    std::condition_variable released_;
};

}  // namespace sinergi::db

namespace sinergi::db {

// Builds a WHERE clause from optional filters while keeping every value a bound parameter.
class Conditions {
 public:
    void Add(std::string clause, Params params = {}) {
        clauses_.push_back(std::move(clause));
        for (auto& p : params) {
            params_.push_back(std::move(p));
        }
    }
    // " WHERE a AND b", or "" without conditions.
    std::string Where() const {
        std::string out;
        for (std::size_t i = 0; i < clauses_.size(); ++i) {
            out += (i == 0 ? " WHERE " : " AND ");
            out += clauses_[i];
        }
        return out;
    }
    const Params& params() const { return params_; }

 private:
    std::vector<std::string> clauses_;
    Params params_;
};

// A LIKE pattern matching `text` anywhere, lower-cased, with %, _ and \ escaped (use with ESCAPE '\').
std::string ContainsPattern(std::string_view text);

}  // namespace sinergi::db
