// Clustering: which records are one person, from the pairs scored as matches. Union-find joins them, strongest pair
// first, with a guard against chaining (A≈B and B≈C joining A with a C that is nothing like it): two clusters join
// only when no record of one is a clear non-match for a record of the other, the result stays under a size cap, and
// a list declared clean (no duplicates inside) never has two of its records in one cluster.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "linkage/model.hpp"
#include "linkage/records.hpp"

namespace sinergi::linkage {

struct ClusterOptions {
    double review_probability = 0.2;  // a cross pair below this is a clear non-match and blocks the join
    std::size_t max_cluster_size = 50;
    bool left_clean = false;   // matching: the left list holds each person once
    bool right_clean = false;  // matching: the right list holds each person once
};

struct MatchEdge {
    std::uint32_t a = 0;
    std::uint32_t b = 0;
    double weight = 0.0;
};

struct Clusters {
    std::vector<std::uint32_t> cluster_of;  // per record: the smallest record index in its cluster
    std::uint64_t joins = 0;
    std::uint64_t refused_joins = 0;  // match pairs left apart by the guard (they go to review)

    bool Together(std::uint32_t a, std::uint32_t b) const { return cluster_of[a] == cluster_of[b]; }
};

// Joins the records of `records` along `edges` (each a match pair) in order of falling weight, under the guard.
Clusters ClusterRecords(const RecordSet& records, const MatchModel& model, std::vector<MatchEdge> edges,
                        const ClusterOptions& options);

}  // namespace sinergi::linkage
