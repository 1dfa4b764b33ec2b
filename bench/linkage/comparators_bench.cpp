// comparators_bench: comparisons per second of the linkage comparators on one core, on typical pairs of
// normalised Indonesian names (spelling variants, reordered and unrelated names), plus name normalisation itself.
//
//   comparators_bench [--seconds S]   (default 1 second per measurement)
//
// Each measurement loops over the pairs until S seconds have passed and prints the rate; the checksum keeps the
// compiler from dropping the work.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "linkage/comparators.hpp"
#include "linkage/names.hpp"

namespace {

using sinergi::linkage::NormalisedName;

const std::vector<std::pair<std::string_view, std::string_view>> kRawPairs{
    {"H. Moch. Soedjono, S.Pd.", "Mochamad Sujono"},
    {"Siti Nur Chasanah", "Siti Nurkhasanah"},
    {"Tjahjono Wibowo", "Cahyono Wibowo"},
    {"Budi Santoso", "Budi Susanto"},
    {"Dewi Lestari", "Agus Salim"},
    {"Sri Wahyuni", "Sri Wahyuningsih"},
    {"Muhammad Rizki Ramadhan", "Rizki Ramadan"},
    {"Ni Luh Putu Ayu Kartika Dewi", "Ni Putu Ayu Kartika"},
    {"Abdul Rahman bin Slamet", "Abdurrahman"},
    {"Yohanes Kristianto", "Johanes Kristiyanto"},
    {"Nurul Hidayati", "Nurul Hidayah"},
    {"Rina Marlina", "Rini Marliana"},
    {"Eko Prasetyo", "Eko Prasetya"},
    {"Fransiska Wulandari", "Wulandari Fransiska"},
    {"Agus Setiawan", "Bambang Hermanto"},
    {"Sitti Rohmah", "Siti Rahmah"},
};

double SecondsSince(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// Calls `compare(i)` for i over the pairs until `seconds` have passed; prints and returns the rate.
template <typename Compare>
double Measure(const char* label, double seconds, std::size_t pairs, Compare compare, double& checksum) {
    std::size_t count = 0;
    const auto start = std::chrono::steady_clock::now();
    double elapsed = 0.0;
    do {
        for (int round = 0; round < 1000; ++round) {
            for (std::size_t i = 0; i < pairs; ++i) {
                checksum += compare(i);
            }
            count += pairs;
        }
        elapsed = SecondsSince(start);
    } while (elapsed < seconds);
    const double rate = static_cast<double>(count) / elapsed;
    std::printf("%-46s %12.0f per second  (%.1f ns each)\n", label, rate, 1e9 / rate);
    return rate;
}

}  // namespace

int main(int argc, char** argv) {
    double seconds = 1.0;
    if (argc == 3 && std::string_view(argv[1]) == "--seconds") {
        seconds = std::strtod(argv[2], nullptr);
    } else if (argc != 1) {
        std::fprintf(stderr, "usage: comparators_bench [--seconds S]\n");
        return 2;
    }
    std::vector<NormalisedName> left;
    std::vector<NormalisedName> right;
    std::vector<std::string> left_joined;
    std::vector<std::string> right_joined;
    std::size_t bytes = 0;
    for (const auto& [a, b] : kRawPairs) {
        left.push_back(sinergi::linkage::NormaliseName(a));
        right.push_back(sinergi::linkage::NormaliseName(b));
        left_joined.push_back(left.back().Joined());
        right_joined.push_back(right.back().Joined());
        bytes += left_joined.back().size() + right_joined.back().size();
    }
    const std::size_t n = kRawPairs.size();
    std::printf("%zu name pairs, %.1f bytes per normalised name on average, %.1f s per measurement\n", n,
                static_cast<double>(bytes) / static_cast<double>(2 * n), seconds);

    double checksum = 0.0;
    Measure(
        "Jaro-Winkler (whole normalised name)", seconds, n,
        [&](std::size_t i) { return sinergi::linkage::JaroWinkler(left_joined[i], right_joined[i]); }, checksum);
    Measure(
        "Levenshtein (bit-parallel)", seconds, n,
        [&](std::size_t i) {
            return static_cast<double>(sinergi::linkage::Levenshtein(left_joined[i], right_joined[i]));
        },
        checksum);
    Measure(
        "Damerau-Levenshtein OSA (bit-parallel)", seconds, n,
        [&](std::size_t i) {
            return static_cast<double>(sinergi::linkage::DamerauLevenshtein(left_joined[i], right_joined[i]));
        },
        checksum);
    Measure(
        "Token-set name comparison (CompareNames)", seconds, n,
        [&](std::size_t i) { return sinergi::linkage::CompareNames(left[i], right[i]).score; }, checksum);
    Measure(
        "Name normalisation (NormaliseName, per name)", seconds, n,
        [&](std::size_t i) {
            return static_cast<double>(sinergi::linkage::NormaliseName(kRawPairs[i].first).tokens.size());
        },
        checksum);
    std::printf("checksum %.3f\n", checksum);
    return 0;
}
