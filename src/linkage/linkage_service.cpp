#include "linkage/linkage_service.hpp"

#include <algorithm>
#include <chrono>
#include <unordered_map>

namespace sinergi::linkage {

namespace {

double SecondsSince(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

constexpr std::size_t kProgressEvery = 1 << 20;

}  // namespace

LinkResult Link(const RecordSet& records, const LinkOptions& options, const LinkProgress& progress) {
    const auto report = [&](LinkPhase phase, std::uint64_t done, std::uint64_t total) {
        if (progress) {
            progress(phase, done, total);
        }
    };
    LinkResult result;
    const auto n = records.size();
    const bool matching = records.left_count < n;

    auto started = std::chrono::steady_clock::now();
    report(LinkPhase::kBlocking, 0, 1);
    auto candidates = FindCandidates(records, options.blocking);
    result.blocking = candidates.rules;
    result.candidate_pairs = candidates.pairs.size();
    result.blocking_seconds = SecondsSince(started);
    report(LinkPhase::kBlocking, 1, 1);

    // Scoring: one pattern per candidate pair, kept (4 bytes a pair) so weights need no second comparison.
    started = std::chrono::steady_clock::now();
    const std::size_t count = candidates.pairs.size();
    std::vector<Pattern> patterns(count);
    for (std::size_t i = 0; i < count; ++i) {
        patterns[i] = ComparePair(records, candidates.First(i), candidates.Second(i));
        if ((i + 1) % kProgressEvery == 0) {
            report(LinkPhase::kScoring, i + 1, count);
        }
    }
    result.scoring_seconds = SecondsSince(started);
    report(LinkPhase::kScoring, count, count);

    started = std::chrono::steady_clock::now();
    report(LinkPhase::kFitting, 0, 1);
    std::unordered_map<Pattern, std::uint64_t> histogram;
    for (const auto pattern : patterns) {
        ++histogram[pattern];
    }
    result.fields = EstimateU(records, options.u_sample_pairs, options.seed);
    auto mixture = result.fields;
    const auto share = EstimateM(histogram, mixture, true);
    result.em = EstimateM(histogram, result.fields, false);
    result.em.candidate_match_share = share.candidate_match_share;
    const double all_pairs = matching
                                 ? static_cast<double>(records.left_count) * static_cast<double>(n - records.left_count)
                                 : static_cast<double>(n) * static_cast<double>(n - 1) / 2.0;
    result.model = std::make_unique<MatchModel>(records, result.fields, result.em.candidate_match_share,
                                                result.candidate_pairs, all_pairs);
    std::vector<MatchEdge> edges;
    for (std::size_t i = 0; i < count; ++i) {
        const auto a = candidates.First(i);
        const auto b = candidates.Second(i);
        const double weight = result.model->Weight(patterns[i], a, b);
        const double probability = MatchModel::Probability(weight);
        if (probability < options.review_probability) {
            continue;
        }
        result.pairs.push_back({a, b, patterns[i], weight, probability, Decision::kReview});
        if (probability >= options.match_probability) {
            edges.push_back({a, b, weight});
        }
    }
    result.fitting_seconds = SecondsSince(started);
    report(LinkPhase::kFitting, 1, 1);
    candidates = {};
    patterns = {};

    started = std::chrono::steady_clock::now();
    report(LinkPhase::kClustering, 0, 1);
    ClusterOptions cluster_options;
    cluster_options.review_probability = options.review_probability;
    cluster_options.max_cluster_size = options.max_cluster_size;
    cluster_options.left_clean = matching && options.left_clean;
    cluster_options.right_clean = matching && options.right_clean;
    result.clusters = ClusterRecords(records, *result.model, std::move(edges), cluster_options);
    for (auto& pair : result.pairs) {
        if (pair.probability >= options.match_probability && result.clusters.Together(pair.a, pair.b)) {
            pair.decision = Decision::kMatch;
            ++result.matches;
        } else {
            ++result.reviews;
        }
    }
    result.clustering_seconds = SecondsSince(started);
    report(LinkPhase::kClustering, 1, 1);
    return result;
}

}  // namespace sinergi::linkage
