#include "support/test_support.hpp"

#include <atomic>
#include <cstdlib>
#include <string>
#include <unistd.h>

#include "platform/crypto.hpp"
#include "platform/migrations.hpp"

namespace sinergi::testing {

TempDir::TempDir() {
    static std::atomic<int> counter{0};
    path_ = std::filesystem::temp_directory_path() /
            ("sinergi-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
}

TempDir::~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
}

std::unique_ptr<db::Database> MigratedDatabase(const TempDir& dir) {
    crypto::Initialise();
    auto db = db::Database::Open((dir.path() / "test.db").string(), 4);
    auto connection = db->Acquire();
    ApplyMigrations(*connection);
    return db;
}

void InsertTestRegions(db::Database& db) {
    auto connection = db.Acquire();
    const char* sql = "INSERT INTO regions (code, parent_code, level, name, name_key) VALUES (?, ?, ?, ?, ?)";
    connection->Execute(sql, {"33", nullptr, "province", "Jawa Tengah", "jawa tengah"});
    connection->Execute(sql, {"33.02", "33", "regency", "Kabupaten Banyumas", "kabupaten banyumas"});
    connection->Execute(sql, {"33.02.01", "33.02", "district", "Lumbir", "lumbir"});
    connection->Execute(sql, {"33.02.01.2001", "33.02.01", "village", "Cingebul", "cingebul"});
    connection->Execute(sql, {"33.02.01.2002", "33.02.01", "village", "Cidora", "cidora"});
}

}  // namespace sinergi::testing
