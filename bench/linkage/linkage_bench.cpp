// linkage_bench: accuracy and speed of the whole linkage run (blocking, scoring, EM fit, clustering) on the FEBRL
// data sets, scored against the truth in their record ids (rec-N-org and rec-N-dup-k are one person N). The truth is
// read only here, after the run: the model is fitted without labels.
//
//   linkage_bench [--data DIR] [--map bench/linkage/febrl.json] [--only NAME] [--demo-households N]
//                 [--show-errors N]   (print up to N false matches with their values and evidence)
//
// NAME is dataset1, dataset2, dataset3 (deduplication), dataset4 (dataset4a matched to dataset4b) or demo (the demo
// generator's population of N households, default 20,000, deduplicated). DIR defaults to
// ../shared/data/linkage/febrl (relative to the repository root; bench/linkage/run starts from there).
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

#include <fmt/format.h>

#include "demo/population.hpp"
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

// Reads a FEBRL data set; the truth is the N in each record's id.
bool ReadFebrl(const std::vector<std::string>& files, const ColumnMap& map, const std::string& data_dir,
               std::vector<RawRecord>& raw, std::vector<long long>& entity, std::size_t& left_count) {
    for (std::size_t f = 0; f < files.size(); ++f) {
        auto read = ReadRecords(data_dir + "/" + files[f], map);
        if (auto* problem = std::get_if<FileProblem>(&read)) {
            std::fprintf(stderr, "%s\n", problem->Describe().c_str());
            return false;
        }
        auto& records = std::get<std::vector<RawRecord>>(read);
        std::move(records.begin(), records.end(), std::back_inserter(raw));
        if (f == 0) {
            left_count = raw.size();
        }
    }
    entity.reserve(raw.size());
    for (const auto& record : raw) {
        entity.push_back(EntityOf(record.id));
    }
    return true;
}

std::string TextOf(const sinergi::registry::FieldValues& fields, std::string_view name) {
    const auto found = fields.find(name);
    if (found == fields.end()) {
        return {};
    }
    const auto* text = std::get_if<std::string>(&found->second);
    return text != nullptr ? *text : std::string{};
}

// The demo generator's population (src/demo/population.hpp), generated in this process for a made-up regency of
// 27 districts of 12 villages, one record per person as the register holds it: name, birth date (YYYY-MM-DD), NIK,
// sex, village code and address. The truth is the generator's duplicate_person rows (a copy placed in another
// household, with a spelling variant and a NIK typo, a swap or no NIK).
void GenerateDemo(std::int64_t households, std::vector<RawRecord>& raw, std::vector<long long>& entity) {
    sinergi::demo::DemoRegency regency;
    regency.code = "33.02";
    regency.place_name = "Banyumas";
    for (int district = 1; district <= 27; ++district) {
        for (int village = 1; village <= 12; ++village) {
            regency.villages.push_back(
                {fmt::format("33.02.{:02}.{}{:03}", district, village <= 2 ? 1 : 2, village), village <= 2});
        }
    }
    sinergi::demo::PopulationOptions options;
    options.households = households;
    sinergi::demo::PopulationGenerator generator(regency, options);
    sinergi::demo::PopulationBatch batch;
    std::unordered_map<std::string, std::size_t> record_of_key;
    std::vector<std::pair<std::string, std::string>> copies;
    while (generator.Next(options.batch_size, batch)) {
        for (const auto& household : batch.households) {
            const auto kk = TextOf(household.fields, "kk_number");
            for (std::size_t position = 0; position < household.members.size(); ++position) {
                const auto& member = household.members[position];
                RawRecord record;
                record.id = fmt::format("{}/{}", kk, position + 1);
                record.values[Index(Field::kGivenName)] = TextOf(member, "name");
                record.values[Index(Field::kBirthDate)] = TextOf(member, "birth_date");
                record.values[Index(Field::kNik)] = TextOf(member, "nik");
                record.values[Index(Field::kSex)] = TextOf(member, "sex");
                record.values[Index(Field::kRegion)] = TextOf(household.fields, "village_code");
                record.values[Index(Field::kAddress)] = TextOf(household.fields, "address");
                record_of_key.emplace(record.id, raw.size());
                raw.push_back(std::move(record));
            }
        }
        for (const auto& truth : batch.truth) {
            if (truth.kind == sinergi::demo::TruthKind::kDuplicatePerson) {
                copies.emplace_back(truth.person_key, truth.duplicate_of_key);
            }
        }
    }
    entity.resize(raw.size());
    for (std::size_t r = 0; r < raw.size(); ++r) {
        entity[r] = static_cast<long long>(r);
    }
    // Copies are placed after their originals, so the original's entity is final when its copy is read.
    for (const auto& [copy, original] : copies) {
        entity[record_of_key.at(copy)] = entity[record_of_key.at(original)];
    }
}

int RunDataSet(const std::string& name, bool matching, std::vector<RawRecord> raw, const std::vector<long long>& entity,
               std::size_t left_count, const std::string& birth_date_format, double read_seconds, int show_errors) {
    const auto prepare_started = std::chrono::steady_clock::now();
    const auto records = PrepareRecords(raw, left_count, {birth_date_format});
    raw = {};
    const auto prepare_seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - prepare_started).count();
    const LinkOptions options;
    const auto result = Link(records, options);
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
    std::printf("  pairs scored per second (one thread): %.0f in the run", result.PairsScoredPerSecond());
    // The run's own scoring takes milliseconds on FEBRL; scoring its candidates again for a second gives a steadier
    // rate, and random pairs (nearly all different in every field, so every string comparison runs) a harder one.
    Pattern checksum = 0;
    std::uint64_t scored = 0;
    const auto again_started = std::chrono::steady_clock::now();
    double again_seconds = 0.0;
    while (!candidates.pairs.empty() && again_seconds < 1.0) {
        for (std::size_t i = 0; i < candidates.pairs.size(); ++i) {
            checksum ^= ComparePair(records, candidates.First(i), candidates.Second(i));
        }
        scored += candidates.pairs.size();
        again_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - again_started).count();
    }
    std::vector<std::pair<std::uint32_t, std::uint32_t>> random_pairs;
    std::uint64_t state = 12345;
    const auto next = [&state] {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        return static_cast<std::uint32_t>(state >> 33U);
    };
    const auto n = static_cast<std::uint32_t>(records.size());
    for (int i = 0; i < 1'000'000; ++i) {
        const auto a = next() % n;
        const auto b = next() % n;
        if (a != b) {
            random_pairs.emplace_back(std::min(a, b), std::max(a, b));
        }
    }
    const auto random_started = std::chrono::steady_clock::now();
    for (const auto& [a, b] : random_pairs) {
        checksum ^= ComparePair(records, a, b);
    }
    const double random_seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - random_started).count();
    std::printf("; %.0f over the candidates scored again for %.1f s; %.0f on %zu random pairs (checksum %u)\n",
                static_cast<double>(scored) / again_seconds, again_seconds,
                static_cast<double>(random_pairs.size()) / random_seconds, random_pairs.size(), checksum);
    std::printf("  peak resident memory: %.1f MiB\n", PeakResidentMiB());
    // Examples of what went wrong, to read, never to tune on: match pairs of two people, with their values.
    int shown = 0;
    for (const auto& pair : result.pairs) {
        if (shown >= show_errors || pair.decision != Decision::kMatch || entity[pair.a] == entity[pair.b]) {
            continue;
        }
        ++shown;
        std::printf("  false match %s / %s, weight %.2f:", records.ids[pair.a].c_str(), records.ids[pair.b].c_str(),
                    pair.weight);
        for (const auto field : kAllFields) {
            if (result.model->active(field)) {
                std::printf(" %s=%s|%s (%s %.1f)", std::string(FieldName(field)).c_str(),
                            records.Text(field, pair.a).c_str(), records.Text(field, pair.b).c_str(),
                            std::string(LevelName(field, LevelOf(pair.pattern, field))).c_str(),
                            result.model->FieldWeight(field, LevelOf(pair.pattern, field), pair.a, pair.b));
            }
        }
        std::printf("\n");
    }
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    std::string data_dir = "../shared/data/linkage/febrl";
    std::string map_file = "bench/linkage/febrl.json";
    std::string only;
    std::int64_t demo_households = 20000;
    int show_errors = 0;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string_view option = argv[i];
        if (option == "--data") {
            data_dir = argv[i + 1];
        } else if (option == "--map") {
            map_file = argv[i + 1];
        } else if (option == "--demo-households") {
            demo_households = std::stoll(argv[i + 1]);
        } else if (option == "--show-errors") {
            show_errors = std::stoi(argv[i + 1]);
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
        if (!only.empty() && only != name) {
            continue;
        }
        const auto started = std::chrono::steady_clock::now();
        std::vector<RawRecord> raw;
        std::vector<long long> entity;
        std::size_t left_count = 0;
        if (!ReadFebrl(files, std::get<ColumnMap>(map), data_dir, raw, entity, left_count)) {
            status = 1;
            continue;
        }
        const auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        status |= RunDataSet(name, files.size() == 2, std::move(raw), entity, left_count,
                             std::get<ColumnMap>(map).birth_date_format, seconds, show_errors);
    }
    if (only.empty() || only == "demo") {
        const auto started = std::chrono::steady_clock::now();
        std::vector<RawRecord> raw;
        std::vector<long long> entity;
        GenerateDemo(demo_households, raw, entity);
        const auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        const auto count = raw.size();
        status |= RunDataSet(fmt::format("demo ({} households)", demo_households), false, std::move(raw), entity, count,
                             "YYYY-MM-DD", seconds, show_errors);
    }
    return status;
}
