#include "linkage/clustering.hpp"

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "linkage/model.hpp"
#include "linkage/records.hpp"

namespace sinergi::linkage {
namespace {

RawRecord Person(std::string id, std::string birth_date, std::string nik) {
    RawRecord record;
    record.id = std::move(id);
    record.values[Index(Field::kBirthDate)] = std::move(birth_date);
    record.values[Index(Field::kNik)] = std::move(nik);
    return record;
}

// A model with weights chosen by hand and prior log-odds 0: birth date exact +6.5, different -6.5 bits; NIK exact
// +9.8 bits.
MatchModel HandModel(const RecordSet& records) {
    std::array<FieldProbabilities, kFieldCount> fields{};
    auto& date = fields[Index(Field::kBirthDate)];
    date.active = true;
    date.m = {0.9, 0.02, 0.03, 0.04, 0.01};
    date.u = {0.01, 0.01, 0.03, 0.05, 0.9};
    auto& nik = fields[Index(Field::kNik)];
    nik.active = true;
    nik.m = {0.9, 0.05, 0.02, 0.03};
    nik.u = {0.001, 0.001, 0.001, 0.997};
    return {records, fields, 0.5, 2, 2.0};
}

double ProbabilityOf(const RecordSet& records, const MatchModel& model, std::uint32_t a, std::uint32_t b) {
    return MatchModel::Probability(model.Weight(ComparePair(records, a, b), a, b));
}

TEST(ClusterRecords, DoesNotChainARecordThatIsAClearNonMatchForTheCluster) {
    // A≈B by birth date, B≈C by NIK despite their birth dates, and A and C differ on the only thing they share.
    const std::vector<RawRecord> raw{Person("A", "19800101", ""), Person("B", "19800101", "3302010101800001"),
                                     Person("C", "19500505", "3302010101800001")};
    const auto records = PrepareRecords(raw, raw.size(), {});
    const auto model = HandModel(records);
    ASSERT_GE(ProbabilityOf(records, model, 0, 1), 0.9);
    ASSERT_GE(ProbabilityOf(records, model, 1, 2), 0.9);
    ASSERT_LT(ProbabilityOf(records, model, 0, 2), 0.2);
    std::vector<MatchEdge> edges{{0, 1, model.Weight(ComparePair(records, 0, 1), 0, 1)},
                                 {1, 2, model.Weight(ComparePair(records, 1, 2), 1, 2)}};

    const auto clusters = ClusterRecords(records, model, edges, {});
    EXPECT_TRUE(clusters.Together(0, 1));
    EXPECT_FALSE(clusters.Together(1, 2));
    EXPECT_EQ(clusters.refused_joins, 1U);

    ClusterOptions unguarded;
    unguarded.review_probability = 0.0;
    EXPECT_TRUE(ClusterRecords(records, model, edges, unguarded).Together(0, 2));
}

TEST(ClusterRecords, KeepsTwoRecordsOfACleanListApart) {
    // Matching: two left records both look like the one right record; the left list is clean, so only the stronger
    // pair joins.
    const std::vector<RawRecord> raw{Person("L1", "19800101", "3302010101800001"), Person("L2", "", "3302010101800001"),
                                     Person("R1", "19800101", "3302010101800001")};
    const auto records = PrepareRecords(raw, 2, {});
    const auto model = HandModel(records);
    std::vector<MatchEdge> edges{{1, 2, model.Weight(ComparePair(records, 1, 2), 1, 2)},
                                 {0, 2, model.Weight(ComparePair(records, 0, 2), 0, 2)}};
    ClusterOptions options;
    options.left_clean = true;
    options.right_clean = true;
    const auto clusters = ClusterRecords(records, model, edges, options);
    EXPECT_TRUE(clusters.Together(0, 2));  // the stronger pair: NIK and birth date
    EXPECT_FALSE(clusters.Together(1, 2));
    EXPECT_FALSE(clusters.Together(0, 1));
    EXPECT_EQ(clusters.refused_joins, 1U);

    options.left_clean = false;
    EXPECT_TRUE(ClusterRecords(records, model, edges, options).Together(0, 1));
}

TEST(ClusterRecords, NamesEachClusterByItsFirstRecord) {
    const std::vector<RawRecord> raw{Person("A", "19800101", ""), Person("B", "19700101", ""),
                                     Person("C", "19800101", "")};
    const auto records = PrepareRecords(raw, raw.size(), {});
    const auto model = HandModel(records);
    const auto clusters = ClusterRecords(records, model, {{0, 2, 6.5}}, {});
    EXPECT_EQ(clusters.cluster_of, (std::vector<std::uint32_t>{0, 1, 0}));
}

}  // namespace
}  // namespace sinergi::linkage
