#include "platform/migrations.hpp"

#include <gtest/gtest.h>

#include "support/test_support.hpp"

namespace sinergi {
namespace {

TEST(Migrations, ApplyOnceAndRecordTheVersion) {
    testing::TempDir dir;
    auto db = db::Database::Open((dir.path() / "m.db").string(), 1);
    auto connection = db->Acquire();
    auto first = ApplyMigrations(*connection);
    EXPECT_FALSE(first.applied.empty());
    EXPECT_GE(first.version, 1);
    auto second = ApplyMigrations(*connection);
    EXPECT_TRUE(second.applied.empty());
    EXPECT_EQ(second.version, first.version);
    // The schema is usable: foreign keys are enforced.
    EXPECT_THROW(connection->Execute("INSERT INTO agencies (code, name, kind, region_code, created_at, updated_at) "
                                     "VALUES ('X', 'X', 'dinas', 'no-such-region', 't', 't')"),
                 db::ConstraintViolation);
}

TEST(Migrations, RefuseAnEditedMigration) {
    testing::TempDir dir;
    auto db = db::Database::Open((dir.path() / "m.db").string(), 1);
    auto connection = db->Acquire();
    const embedded::EmbeddedFile original[] = {{"0001_t.sql", "CREATE TABLE t (id {{AUTO_ID}}, v TEXT);"}};
    ApplyMigrations(*connection, original);
    connection->Execute("INSERT INTO t (v) VALUES ('a')");
    EXPECT_EQ(connection->QueryOne("SELECT id FROM t")->Int(0), 1);
    const embedded::EmbeddedFile edited[] = {{"0001_t.sql", "CREATE TABLE t (id {{AUTO_ID}}, v TEXT, w TEXT);"}};
    EXPECT_THROW(ApplyMigrations(*connection, edited), db::DatabaseError);
}

TEST(Migrations, RefuseADatabaseNewerThanTheProgram) {
    testing::TempDir dir;
    auto db = db::Database::Open((dir.path() / "m.db").string(), 1);
    auto connection = db->Acquire();
    const embedded::EmbeddedFile two[] = {{"0001_a.sql", "CREATE TABLE a (x TEXT);"},
                                          {"0002_b.sql", "CREATE TABLE b (x TEXT);"}};
    ApplyMigrations(*connection, two);
    const embedded::EmbeddedFile one[] = {{"0001_a.sql", "CREATE TABLE a (x TEXT);"}};
    EXPECT_THROW(ApplyMigrations(*connection, one), db::DatabaseError);
}

TEST(Database, TransactionRollsBackWhenNotCommitted) {
    testing::TempDir dir;
    auto db = db::Database::Open((dir.path() / "m.db").string(), 2);
    {
        auto connection = db->Acquire();
        connection->Execute("CREATE TABLE t (v TEXT)");
        try {
            db::Transaction tx(*connection, db::TxMode::kWrite);
            connection->Execute("INSERT INTO t VALUES (?)", {"lost"});
            throw std::runtime_error("boom");
        } catch (const std::runtime_error&) {
        }
    }
    auto other = db->Acquire();
    EXPECT_EQ(other->QueryOne("SELECT COUNT(*) FROM t")->Int(0), 0);
}

TEST(Database, BoundParametersNeverBecomeSql) {
    testing::TempDir dir;
    auto db = db::Database::Open((dir.path() / "m.db").string(), 1);
    auto connection = db->Acquire();
    connection->Execute("CREATE TABLE t (v TEXT)");
    const std::string injection = "x'); DROP TABLE t; --";
    connection->Execute("INSERT INTO t VALUES (?)", {injection});
    EXPECT_EQ(connection->QueryOne("SELECT v FROM t")->Text(0), injection);
    EXPECT_EQ(
        connection->QueryOne("SELECT COUNT(*) FROM t WHERE v LIKE ? ESCAPE '\\'", {db::ContainsPattern("drop table")})
            ->Int(0),
        1);
    EXPECT_EQ(
        connection->QueryOne("SELECT COUNT(*) FROM t WHERE v LIKE ? ESCAPE '\\'", {db::ContainsPattern("%")})->Int(0),
        0);
}

}  // namespace
}  // namespace sinergi
