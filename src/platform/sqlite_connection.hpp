// The SQLite backend of platform/database.hpp: WAL journal, foreign keys on, a busy timeout, and a cache of prepared
// statements per connection. Only database.cpp includes this header.
#pragma once

#include <memory>
#include <string>

#include "platform/database.hpp"

namespace sinergi::db {

std::unique_ptr<Connection> OpenSqlite(const std::string& path);

}  // namespace sinergi::db
