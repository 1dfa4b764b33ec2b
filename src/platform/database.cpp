#include "platform/database.hpp"

#include <cctype>

#include <fmt/format.h>

#include "platform/sqlite_connection.hpp"

namespace sinergi::db {

namespace {
const Value& At(const std::vector<Value>& values, std::size_t i) {
    if (i >= values.size()) {
        throw DatabaseError(fmt::format("column {} out of range ({} columns)", i, values.size()));
    }
    return values[i];
}
}  // namespace

bool Row::IsNull(std::size_t i) const { return std::holds_alternative<std::monostate>(At(values_, i)); }

std::int64_t Row::Int(std::size_t i) const {
    const auto& v = At(values_, i);
    if (const auto* n = std::get_if<std::int64_t>(&v)) {
        return *n;
    }
    if (const auto* d = std::get_if<double>(&v)) {
        return static_cast<std::int64_t>(*d);
    }
    if (const auto* s = std::get_if<std::string>(&v)) {
        return std::stoll(*s);
    }
    throw DatabaseError(fmt::format("column {} is NULL where an integer was expected", i));
}

double Row::Real(std::size_t i) const {
    const auto& v = At(values_, i);
    if (const auto* d = std::get_if<double>(&v)) {
        return *d;
    }
    if (const auto* n = std::get_if<std::int64_t>(&v)) {
        return static_cast<double>(*n);
    }
    throw DatabaseError(fmt::format("column {} is not a number", i));
}

std::string Row::Text(std::size_t i) const {
    const auto& v = At(values_, i);
    if (const auto* s = std::get_if<std::string>(&v)) {
        return *s;
    }
    if (const auto* n = std::get_if<std::int64_t>(&v)) {
        return std::to_string(*n);
    }
    if (const auto* d = std::get_if<double>(&v)) {
        return fmt::format("{}", *d);
    }
    throw DatabaseError(fmt::format("column {} is NULL where text was expected", i));
}

std::optional<std::int64_t> Row::OptInt(std::size_t i) const {
    if (IsNull(i)) {
        return std::nullopt;
    }
    return Int(i);
}

std::optional<std::string> Row::OptText(std::size_t i) const {
    if (IsNull(i)) {
        return std::nullopt;
    }
    return Text(i);
}

std::vector<Row> Connection::Query(std::string_view sql, const Params& params) {
    std::vector<Row> rows;
    const std::function<void(const Row&)> collect = [&rows](const Row& row) { rows.push_back(row); };
    Run(sql, params, &collect);
    return rows;
}

std::optional<Row> Connection::QueryOne(std::string_view sql, const Params& params) {
    auto rows = Query(sql, params);
    if (rows.empty()) {
        return std::nullopt;
    }
    if (rows.size() > 1) {
        throw DatabaseError(fmt::format("expected at most one row, got {}: {}", rows.size(), sql));
    }
    return std::move(rows.front());
}

void Connection::ForEach(std::string_view sql, const Params& params, const std::function<void(const Row&)>& on_row) {
    Run(sql, params, &on_row);
}

std::int64_t Connection::Execute(std::string_view sql, const Params& params) { return Run(sql, params, nullptr); }

Transaction::Transaction(Connection& connection, TxMode mode) : connection_(connection) { connection_.Begin(mode); }

Transaction::~Transaction() {
    if (open_) {
        try {
            connection_.Rollback();
        } catch (...) {  // NOLINT(bugprone-empty-catch): a failed rollback must not mask the error unwinding us
        }
    }
}

void Transaction::Commit() {
    connection_.Commit();
    open_ = false;
}

BulkWrite::~BulkWrite() {
    try {
        connection_.SetBulkWrite(false);
    } catch (...) {  // NOLINT(bugprone-empty-catch): only memory use is at stake; the error unwinding us matters more
    }
}

Database::Lease::~Lease() {
    if (db_ != nullptr && connection_ != nullptr) {
        db_->Release(std::move(connection_));
    }
}

Database::Database(std::string location, Dialect dialect, std::function<std::unique_ptr<Connection>()> connect,
                   int pool_size)
    : location_(std::move(location)), dialect_(dialect), connect_(std::move(connect)), pool_size_(pool_size) {}

std::unique_ptr<Database> Database::Open(const std::string& location, int pool_size) {
    if (location.starts_with("postgres://") || location.starts_with("postgresql://")) {
        throw DatabaseError("PostgreSQL is not available in this build yet; give a SQLite file path");
    }
    auto connect = [location] { return std::unique_ptr<Connection>(OpenSqlite(location)); };
    std::unique_ptr<Database> db(new Database(location, Dialect::kSqlite, connect, pool_size));
    // Open one connection now so a wrong path fails at start-up, not at the first request.
    db->Release(connect());
    db->open_connections_ = 1;
    return db;
}

Database::Lease Database::Acquire() {
    std::unique_lock lock(mutex_);
    for (;;) {
        if (!idle_.empty()) {
            auto connection = std::move(idle_.back());
            idle_.pop_back();
            return {*this, std::move(connection)};
        }
        if (open_connections_ < pool_size_) {
            ++open_connections_;
            lock.unlock();
            try {
                return {*this, connect_()};
            } catch (...) {
                lock.lock();
                --open_connections_;
                throw;
            }
        }
        released_.wait(lock);
    }
}

void Database::Release(std::unique_ptr<Connection> connection) {
    {
        std::lock_guard lock(mutex_);
        idle_.push_back(std::move(connection));
    }
    released_.notify_one();
}

}  // namespace sinergi::db

namespace sinergi::db {

std::string ContainsPattern(std::string_view text) {
    std::string pattern = "%";
    for (char c : text) {
        if (c == '%' || c == '_' || c == '\\') {
            pattern.push_back('\\');
        }
        pattern.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    }
    pattern.push_back('%');
    return pattern;
}

}  // namespace sinergi::db
