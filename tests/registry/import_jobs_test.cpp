#include "registry/import_jobs.hpp"

#include <gtest/gtest.h>

#include "registry/registry_fixture.hpp"

namespace sinergi::registry {
namespace {

constexpr std::string_view kHeader = "no_kk,nik,nama,jenis_kelamin,tanggal_lahir,hubungan_keluarga,kode_desa\n";
constexpr std::string_view kFamily =
    "3302011203150001,3302011708850001,Ahmad Fauzi,L,1985-08-17,kepala_keluarga,33.02.01.2001\n"
    "3302011203150001,3302015808870002,Siti Aminah,P,1987-08-18,istri_suami,33.02.01.2001\n";
// An impossible NIK (month 13), row 4 of a file with kFamily before it.
constexpr std::string_view kBadRow =
    "3302011203150003,3302013213800005,Wahyu,L,1980-13-01,kepala_keluarga,33.02.01.2002\n";

class ImportJobsTest : public RegistryTest {
 protected:
    ImportJobsTest() : importer_(*db_, registry_, identity_) {}

    std::unique_ptr<ImportJobs> Jobs() {
        return std::make_unique<ImportJobs>(*db_, importer_, identity_, clock_, dir_.path() / "uploads");
    }

    std::int64_t Persons() {
        auto connection = db_->Acquire();
        return connection->QueryOne("SELECT COUNT(*) FROM persons")->Int(0);
    }

    RegisterImporter importer_;
};

TEST_F(ImportJobsTest, AnUploadIsImportedInTheBackgroundAndItsUploadRemoved) {
    auto jobs = Jobs();
    jobs->StartWorker();
    const auto queued = jobs->Submit(operator_, std::string(kHeader) + std::string(kFamily), "desa.csv", false);
    // A small file may already be imported by the time the answer is made.
    EXPECT_TRUE(queued.status == "queued" || queued.status == "running" || queued.status == "finished");
    EXPECT_EQ(queued.filename, "desa.csv");
    EXPECT_EQ(queued.created_by, "operator");
    jobs->WaitIdle();
    const auto done = jobs->Get(operator_, queued.id);
    EXPECT_EQ(done.status, "finished");
    EXPECT_TRUE(done.committed);
    EXPECT_EQ(done.percent, 100);
    EXPECT_EQ(done.rows_read, 2);
    EXPECT_EQ(done.households_imported, 1);
    EXPECT_EQ(done.persons_imported, 2);
    EXPECT_TRUE(done.started_at.has_value());
    EXPECT_TRUE(done.finished_at.has_value());
    EXPECT_EQ(Persons(), 2);
    EXPECT_TRUE(std::filesystem::is_empty(dir_.path() / "uploads"));
    EXPECT_EQ(jobs->Report(operator_, queued.id), "\xEF\xBB\xBFrow,column,code,message_id,message_en\r\n");
}

TEST_F(ImportJobsTest, ABadRowRefusesTheWholeFileAndTheReportNamesIt) {
    auto jobs = Jobs();
    jobs->StartWorker();
    const auto id =
        jobs->Submit(operator_, std::string(kHeader) + std::string(kFamily) + std::string(kBadRow), "x.csv", false).id;
    jobs->WaitIdle();
    const auto job = jobs->Get(operator_, id);
    EXPECT_EQ(job.status, "finished");
    EXPECT_FALSE(job.committed);
    EXPECT_EQ(job.rows_refused, 1);
    ASSERT_FALSE(job.issues.empty());
    EXPECT_EQ(job.issue_count, static_cast<std::int64_t>(job.issues.size()));
    EXPECT_EQ(job.issues[0].row, 4);
    EXPECT_EQ(job.issues[0].field, "nik");
    EXPECT_EQ(Persons(), 0);
    const auto report = jobs->Report(operator_, id);
    EXPECT_NE(report.find("\r\n4,nik,REG-"), std::string::npos) << report;

    // With partial the valid family goes in.
    const auto partial =
        jobs->Submit(operator_, std::string(kHeader) + std::string(kFamily) + std::string(kBadRow), "x.csv", true).id;
    jobs->WaitIdle();
    EXPECT_TRUE(jobs->Get(operator_, partial).committed);
    EXPECT_EQ(Persons(), 2);
}

TEST_F(ImportJobsTest, JobsAreListedNewestFirst) {
    auto jobs = Jobs();
    jobs->StartWorker();
    const auto first = jobs->Submit(operator_, std::string(kHeader) + std::string(kFamily), "a.csv", false).id;
    const auto second = jobs->Submit(operator_, "not a register file", "../../etc/b.csv", false).id;
    jobs->WaitIdle();
    PageRequest page;
    const auto list = jobs->List(operator_, page);
    ASSERT_EQ(list.total, 2);
    EXPECT_EQ(list.items[0].id, second);
    EXPECT_EQ(list.items[0].filename, "b.csv");  // only the name, never a path
    EXPECT_FALSE(list.items[0].committed);
    EXPECT_GT(list.items[0].issue_count, 0);
    EXPECT_EQ(list.items[1].id, first);
}

TEST_F(ImportJobsTest, AnEmptyUploadAndAVillageOperatorAreRefused) {
    auto jobs = Jobs();
    try {
        jobs->Submit(operator_, "", "kosong.csv", false);
        FAIL() << "an empty upload must be refused";
    } catch (const Error& error) {
        ASSERT_EQ(error.issues().size(), 1U);
        EXPECT_EQ(error.issues()[0].code, "REG-2350");
    }
    try {
        jobs->Submit(village_, std::string(kHeader) + std::string(kFamily), "desa.csv", false);
        FAIL() << "a village operator may not import";
    } catch (const Error& error) {
        EXPECT_EQ(error.kind(), ErrorKind::kForbidden);
    }
}

TEST_F(ImportJobsTest, JobsLeftUnfinishedByAnEarlierProcessAreMarkedFailedAtStart) {
    std::int64_t id = 0;
    {
        auto jobs = Jobs();  // no worker: the job stays queued, as when the server stopped before running it
        id = jobs->Submit(operator_, std::string(kHeader) + std::string(kFamily), "desa.csv", false).id;
        EXPECT_EQ(jobs->Get(operator_, id).status, "queued");
        try {
            jobs->Report(operator_, id);
            FAIL() << "no report before the end";
        } catch (const Error& error) {
            EXPECT_EQ(error.kind(), ErrorKind::kConflict);
        }
    }
    auto restarted = Jobs();
    restarted->StartWorker();
    const auto job = restarted->Get(operator_, id);
    EXPECT_EQ(job.status, "failed");
    ASSERT_TRUE(job.error.has_value());
    EXPECT_NE(job.error->en.find("restarted"), std::string::npos);
    EXPECT_TRUE(std::filesystem::is_empty(dir_.path() / "uploads"));
    EXPECT_EQ(Persons(), 0);
}

}  // namespace
}  // namespace sinergi::registry
