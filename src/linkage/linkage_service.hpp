// The linkage module's public face: one deduplication or matching run over prepared records — blocking, scoring
// every candidate pair, fitting the Fellegi–Sunter model without labels, deciding match / review / non-match and
// clustering — and the result with the evidence of each pair. Files (CSV, the column map) are in link_files.hpp.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

#include "linkage/blocking.hpp"
#include "linkage/clustering.hpp"
#include "linkage/model.hpp"
#include "linkage/records.hpp"

namespace sinergi::linkage {

struct LinkOptions {
    BlockingOptions blocking;
    // Pairs at or above this match probability are matches; from review_probability up they go to a person for
    // review; below, non-matches (not written).
    double match_probability = 0.9;
    double review_probability = 0.2;
    std::size_t u_sample_pairs = 500'000;
    std::uint64_t seed = 1;
    std::size_t max_cluster_size = 50;
    // Matching: each list holds each person once, so a cluster takes at most one record from each.
    bool left_clean = true;
    bool right_clean = true;
};

enum class LinkPhase { kBlocking, kScoring, kFitting, kClustering };

// Called now and then with the work done in the current phase (done ≤ total).
using LinkProgress = std::function<void(LinkPhase phase, std::uint64_t done, std::uint64_t total)>;

enum class Decision { kMatch, kReview };

struct ScoredPair {
    std::uint32_t a = 0;  // record index, a < b (left record first when matching)
    std::uint32_t b = 0;
    Pattern pattern = 0;
    double weight = 0.0;
    double probability = 0.0;
    Decision decision = Decision::kReview;  // a match pair the clustering guard kept apart is review
};

struct LinkResult {
    std::vector<RuleReport> blocking;
    std::uint64_t candidate_pairs = 0;
    std::array<FieldProbabilities, kFieldCount> fields{};
    EmReport em;
    std::unique_ptr<MatchModel> model;  // refers to the records the run was given
    std::vector<ScoredPair> pairs;      // every pair at or above the review probability, by (a, b)
    Clusters clusters;
    std::uint64_t matches = 0;
    std::uint64_t reviews = 0;
    double blocking_seconds = 0.0;
    double scoring_seconds = 0.0;  // comparing the candidate pairs, one thread
    double fitting_seconds = 0.0;
    double clustering_seconds = 0.0;

    double PairsScoredPerSecond() const {
        return scoring_seconds > 0.0 ? static_cast<double>(candidate_pairs) / scoring_seconds : 0.0;
    }
};

// Deduplicates `records` (records.left_count == size) or matches its left records to its right ones.
LinkResult Link(const RecordSet& records, const LinkOptions& options, const LinkProgress& progress = {});

}  // namespace sinergi::linkage
