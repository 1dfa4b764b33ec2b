// Applies the numbered migrations (migrations/NNNN_<what>.sql, compiled in) in order and records each in
// schema_migrations with a checksum: an edited landed migration, or a database newer than this program, stops
// start-up with a clear message instead of running on a schema nobody tested.
//
// Migrations are portable SQL. The one construct the two backends spell differently, an auto-numbered primary key,
// is written {{AUTO_ID}} and expanded per backend.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "platform/database.hpp"
#include "platform/embedded.hpp"

namespace sinergi {

struct MigrationOutcome {
    std::vector<std::string> applied;  // names of migrations applied by this call
    int version = 0;                   // schema version after the call
};

MigrationOutcome ApplyMigrations(db::Connection& connection,
                                 std::span<const embedded::EmbeddedFile> migrations = embedded::Migrations());

}  // namespace sinergi
