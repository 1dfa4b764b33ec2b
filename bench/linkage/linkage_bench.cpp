// linkage_bench: accuracy and speed of the whole linkage run (blocking, scoring, EM fit, clustering) on the FEBRL
// data sets, scored against the truth in their record ids (rec-N-org and rec-N-dup-k are one person N). The truth is
// read only here, after the run: the model is fitted without labels.
//
//   linkage_bench [--data DIR] [--map bench/linkage/febrl.json] [--only NAME]
//
// NAME is dataset1, dataset2, dataset3 (deduplication) or dataset4 (dataset4a matched to dataset4b). DIR defaults
// to ../shared/data/linkage/febrl (relative to the repository root; bench/linkage/run starts from there).
//
// Figures per data set: records; candidate pairs; blocking recall (true pairs among the candidates); pairwise
// precision, recall and F1; time of each phase and in all; pairs scored per second (the comparison of candidate
// pairs, one thread); peak resident memory of the process so far (VmHWM: run one data set per process, as
// bench/linkage/run does, for a figure of that data set alone).
//
// Pairwise, for deduplication: the predicted pairs are all pairs of records inside one predicted cluster, the true
// pairs all pairs inside one true cluster. For matching: the predicted links are the left–right pairs put in one
// cluster (one-to-one, both lists taken as clean), the true links the left–right pairs of one person.
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <variant>
#include <vector>

#include "linkage/blocking.hpp"
#include "linkage/link_files.hpp"
#include "linkage/linkage_service.hpp"

namespace {

using namespace sinergi::linkage;  // NOLINT(google-build-using-namespace): a benchmark program of this module

// N of rec-N-org / rec-N-dup-k; -1 when the id has another form.
long long EntityOf(std::string_view id) {
    const auto first = id.find('-');
    const auto second = id.find('-', first + 1);
    if (first == std::string_view::npos || second == std::string_view::npos) {
        return -1;
    }
    long long value = 0;
    for (const char c : id.substr(first + 1, second - first - 1)) {
        if (c < '0' || c > '9') {
            return -1;
        }
        value = value * 10 + (c - '0');
    }
    return value;
}

double PeakResidentMiB() {
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line)) {
        if (line.rfind("VmHWM:", 0) == 0) {
            return std::stod(line.substr(6)) / 1024.0;
        }
    }
    return 0.0;
}

struct Counts {
    std::uint64_t true_pairs = 0;
    std::uint64_t predicted_pairs = 0;
    std::uint64_t correct_pairs = 0;
};

std::uint64_t PairsOf(std::uint64_t k) { return k * (k - 1) / 2; }

// Deduplication: pairs inside predicted clusters against pairs inside true clusters.
Counts DedupeCounts(const std::vector<long long>& entity, const std::vector<std::uint32_t>& cluster_of) {
    Counts counts;
    std::unordered_map<long long, std::uint64_t> per_entity;
    std::unordered_map<std::uint32_t, std::uint64_t> per_cluster;
    std::map<std::pair<std::uint32_t, long long>, std::uint64_t> per_both;
    for (std::size_t r = 0; r < entity.size(); ++r) {
        ++per_entity[entity[r]];
        ++per_cluster[cluster_of[r]];
        ++per_both[{cluster_of[r], entity[r]}];
    }
    for (const auto& [key, k] : per_entity) {
        counts.true_pairs += PairsOf(k);
    }
    for (const auto& [key, k] : per_cluster) {
        counts.predicted_pairs += PairsOf(k);
    }
    for (const auto& [key, k] : per_both) {
        counts.correct_pairs += PairsOf(k);
    }
    return counts;
}

// Matching: left–right pairs in one predicted cluster against left–right pairs of one person.
Counts MatchCounts(const std::vector<long long>& entity, const std::vector<std::uint32_t>& cluster_of,
                   std::size_t left_count) {
    Counts counts;
    std::map<long long, std::pair<std::uint64_t, std::uint64_t>> sides_per_entity;
    std::map<std::uint32_t, std::vector<std::uint32_t>> members;
    for (std::size_t r = 0; r < entity.size(); ++r) {
        auto& sides = sides_per_entity[entity[r]];
        (r < left_count ? sides.first : sides.second) += 1;
        members[cluster_of[r]].push_back(static_cast<std::uint32_t>(r));
    }
    for (const auto& [key, sides] : sides_per_entity) {
        counts.true_pairs += sides.first * sides.second;
    }
    for (const auto& [key, list] : members) {
        for (const auto a : list) {
            for (const auto b : list) {
                if (a < left_count && b >= left_count) {
                    ++counts.predicted_pairs;
                    counts.correct_pairs += entity[a] == entity[b] ? 1 : 0;
                }
            }
        }
    }
    return counts;
}

std::uint64_t TruePairsAmongCandidates(const std::vector<long long>& entity, const CandidatePairs& candidates) {
    std::uint64_t found = 0;
    for (std::size_t i = 0; i < candidates.pairs.size(); ++i) {
        found += entity[candidates.First(i)] == entity[candidates.Second(i)] ? 1 : 0;
    }
    return found;
}

int RunDataSet(const std::string& name, const std::vector<std::string>& files, const ColumnMap& map,
               const std::string& data_dir) {
    const auto started = std::chrono::steady_clock::now();
    std::vector<RawRecord> raw;
    std::size_t left_count = 0;
    for (std::size_t f = 0; f < files.size(); ++f) {
        auto read = ReadRecords(data_dir + "/" + files[f], map);
        if (auto* problem = std::get_if<FileProblem>(&read)) {
            std::fprintf(stderr, "%s\n", problem->Describe().c_str());
            return 1;
        }
        auto& records = std::get<std::vector<RawRecord>>(read);
        std::move(records.begin(), records.end(), std::back_inserter(raw));
        if (f == 0) {
            left_count = raw.size();
        }
    }
    std::vector<long long> entity;
    entity.reserve(raw.size());
    for (const auto& record : raw) {
        entity.push_back(EntityOf(record.id));
    }
    const auto read_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    const auto prepare_started = std::chrono::steady_clock::now();
    const auto records = PrepareRecords(raw, left_count, {map.birth_date_format});
    const auto prepare_seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - prepare_started).count();
    const LinkOptions options;
    const auto result = Link(records, options);
    const bool matching = files.size() == 2;
    const auto counts = matching ? MatchCounts(entity, result.clusters.cluster_of, left_count)
                                 : DedupeCounts(entity, result.clusters.cluster_of);
    // Blocking recall is measured on a second blocking pass, outside the timed run.
    const auto candidates = FindCandidates(records, options.blocking);
    const auto found = TruePairsAmongCandidates(entity, candidates);
    const double precision = counts.predicted_pairs > 0 ? static_cast<double>(counts.correct_pairs) /
                                                              static_cast<double>(counts.predicted_pairs)
                                                        : 0.0;
    const double recall = counts.true_pairs > 0
                              ? static_cast<double>(counts.correct_pairs) / static_cast<double>(counts.true_pairs)
                              : 0.0;
    const double f1 = precision + recall > 0.0 ? 2 * precision * recall / (precision + recall) : 0.0;
    const double link_seconds =
        result.blocking_seconds + result.scoring_seconds + result.fitting_seconds + result.clustering_seconds;

    std::printf("%s (%s)\n", name.c_str(), matching ? "match" : "dedupe");
    std::printf("  records %zu; candidate pairs %llu; true pairs %llu; blocking recall %.4f (%llu)\n", records.size(),
                static_cast<unsigned long long>(result.candidate_pairs),
                static_cast<unsigned long long>(counts.true_pairs),
                counts.true_pairs > 0 ? static_cast<double>(found) / static_cast<double>(counts.true_pairs) : 0.0,
                static_cast<unsigned long long>(found));
    for (const auto& rule : result.blocking) {
        std::printf("    rule %-22s blocks %llu, pairs %llu, oversized blocks %llu (%llu records)\n",
                    std::string(RuleName(rule.rule)).c_str(), static_cast<unsigned long long>(rule.blocks),
                    static_cast<unsigned long long>(rule.pairs_emitted),
                    static_cast<unsigned long long>(rule.oversized_blocks),
                    static_cast<unsigned long long>(rule.oversized_records));
    }
    std::printf("  EM: %d iterations%s, %zu patterns, match share among candidates %.4f\n", result.em.iterations,
                result.em.converged ? " (converged)" : " (not converged)", result.em.distinct_patterns,
                result.em.candidate_match_share);
    std::printf("  predicted pairs %llu, correct %llu; precision %.4f recall %.4f F1 %.4f\n",
                static_cast<unsigned long long>(counts.predicted_pairs),
                static_cast<unsigned long long>(counts.correct_pairs), precision, recall, f1);
    std::printf("  matches %llu, review %llu, guard refused %llu joins\n",
                static_cast<unsigned long long>(result.matches), static_cast<unsigned long long>(result.reviews),
                static_cast<unsigned long long>(result.clusters.refused_joins));
    std::printf(
        "  time: read %.3f s, prepare %.3f s, blocking %.3f s, scoring %.3f s, fit+weights %.3f s, clustering "
        "%.3f s; link total %.3f s\n",
        read_seconds, prepare_seconds, result.blocking_seconds, result.scoring_seconds, result.fitting_seconds,
        result.clustering_seconds, link_seconds);
    std::printf("  pairs scored per second (one thread): %.0f\n", result.PairsScoredPerSecond());
    std::printf("  peak resident memory: %.1f MiB\n", PeakResidentMiB());
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    std::string data_dir = "../shared/data/linkage/febrl";
    std::string map_file = "bench/linkage/febrl.json";
    std::string only;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string_view option = argv[i];
        if (option == "--data") {
            data_dir = argv[i + 1];
        } else if (option == "--map") {
            map_file = argv[i + 1];
        } else if (option == "--only") {
            only = argv[i + 1];
        } else {
            std::fprintf(stderr, "linkage_bench: unknown option %s (see the top of linkage_bench.cpp)\n", argv[i]);
            return 2;
        }
    }
    const auto map = ReadColumnMap(map_file);
    if (const auto* problem = std::get_if<FileProblem>(&map)) {
        std::fprintf(stderr, "%s\n", problem->Describe().c_str());
        return 1;
    }
    const std::vector<std::pair<std::string, std::vector<std::string>>> sets{
        {"dataset1", {"dataset1.csv"}},
        {"dataset2", {"dataset2.csv"}},
        {"dataset3", {"dataset3.csv"}},
        {"dataset4", {"dataset4a.csv", "dataset4b.csv"}},
    };
    int status = 0;
    for (const auto& [name, files] : sets) {
        if (only.empty() || only == name) {
            status |= RunDataSet(name, files, std::get<ColumnMap>(map), data_dir);
        }
    }
    return status;
}
