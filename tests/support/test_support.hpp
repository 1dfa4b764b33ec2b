// Helpers shared by the C++ tests: a temporary directory that cleans itself up and a migrated SQLite database in it.
#pragma once

#include <filesystem>
#include <memory>

#include "platform/database.hpp"

namespace sinergi::testing {

class TempDir {
 public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::filesystem::path& path() const { return path_; }

 private:
    std::filesystem::path path_;
};

// A new database file under `dir`, with every migration applied.
std::unique_ptr<db::Database> MigratedDatabase(const TempDir& dir);

// Inserts the few regions the tests use (Jawa Tengah > Kabupaten Banyumas > Ajibarang > two villages).
void InsertTestRegions(db::Database& db);

}  // namespace sinergi::testing
