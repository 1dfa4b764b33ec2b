// The Fellegi–Sunter model: how two prepared records compare field by field (a comparison level per field, packed
// into one 32-bit pattern), the m and u probabilities of each level, and the match weight and probability of a pair.
// m is estimated without labels, by expectation–maximisation on the histogram of patterns among candidate pairs; u
// is counted on random pairs; agreement on a name is adjusted by how common that name is (term frequency).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "linkage/records.hpp"

namespace sinergi::linkage {

// Comparison levels of a field, best first; kMissingLevel when either record lacks the field. Per field:
//   names:        0 exact, 1 same tokens in another order, 2 close (Jaro-Winkler ≥ 0.92), 3 similar (≥ 0.80),
//                 4 different; a given name and surname written the other way round compare crosswise
//   birth date:   0 exact, 1 day and month swapped, 2 one digit off, 3 within a year, 4 different
//   NIK:          0 exact, 1 one digit replaced, dropped or added, 2 two neighbouring digits swapped, 3 different
//   address:      0 exact, 1 close (Jaro-Winkler ≥ 0.90), 2 similar (≥ 0.75), 3 different
//   locality:     0 exact, 1 close (≥ 0.90), 2 different
//   postcode:     0 exact, 1 one digit off, 2 different
//   region:       0 same (village), 1 same district, 2 same regency, 3 different
//   sex, house number: 0 same, 1 different
inline constexpr std::uint8_t kMissingLevel = 7;
inline constexpr std::size_t kMaxLevels = 5;
using Pattern = std::uint32_t;  // 3 bits per field, Field order

std::size_t LevelCount(Field field);
std::string_view LevelName(Field field, std::uint8_t level);
constexpr std::uint8_t LevelOf(Pattern pattern, Field field) {
    return static_cast<std::uint8_t>((pattern >> (3 * Index(field))) & 7U);
}

// Compares records `a` and `b` of `records` field by field. No allocation: integers first, strings only when two
// codes differ.
Pattern ComparePair(const RecordSet& records, std::uint32_t a, std::uint32_t b);

// m and u of each level of each field; a field is active when some pair had it on both sides.
struct FieldProbabilities {
    bool active = false;
    std::array<double, kMaxLevels> m{};
    std::array<double, kMaxLevels> u{};
};

struct EmReport {
    int iterations = 0;
    bool converged = false;
    double candidate_match_share = 0.0;  // λ among candidate pairs
    std::size_t distinct_patterns = 0;
};

// u of each level from up to `sample_pairs` random pairs (left × right when matching), with one pseudo-count per
// level so no level has u = 0. Deterministic for a seed.
std::array<FieldProbabilities, kFieldCount> EstimateU(const RecordSet& records, std::size_t sample_pairs,
                                                      std::uint64_t seed);

// Expectation–maximisation of a two-class mixture (matches, non-matches) over the pattern histogram of candidate
// pairs, fields independent within each class, one pseudo-count per level. Fills m; starts from m high on
// agreement, so the first class is the one of matches. With `fit_u` the non-matches' u among the candidates is
// fitted alongside (a mixture of the candidates as they are: its match share is the better estimate of how many
// candidates match); without, u stays the random-pair u given in `fields` (as Splink trains m: the m of a level is
// then not pulled towards the agreement that blocking itself put among the candidates' non-matches). Link uses m
// from the second and the match share from the first.
EmReport EstimateM(const std::unordered_map<Pattern, std::uint64_t>& histogram,
                   std::array<FieldProbabilities, kFieldCount>& fields, bool fit_u, int max_iterations = 200);

// The weights of a fitted model, ready for scoring: log2(m/u) per field and level, the prior log-odds of a match
// among all pairs, and the term-frequency adjustment of exact agreement on each name.
class MatchModel {
 public:
    // `all_pairs` is the number of pairs the records could form; `candidate_pairs` and `candidate_match_share` say
    // how many candidates there were and which share EM took for matches, which gives the prior over all pairs.
    MatchModel(const RecordSet& records, const std::array<FieldProbabilities, kFieldCount>& fields,
               double candidate_match_share, std::uint64_t candidate_pairs, double all_pairs);

    // Weight of `field` at the pair's level, with the term-frequency adjustment for exact names.
    double FieldWeight(Field field, std::uint8_t level, std::uint32_t a, std::uint32_t b) const;
    // Prior log-odds plus every field's weight (log2 scale).
    double Weight(Pattern pattern, std::uint32_t a, std::uint32_t b) const;
    static double Probability(double weight);

    double prior_weight() const { return prior_weight_; }
    const std::array<FieldProbabilities, kFieldCount>& fields() const { return fields_; }
    bool active(Field field) const { return fields_[Index(field)].active; }

 private:
    double NameAdjustment(const std::vector<double>& adjustment, std::uint32_t code) const;

    const RecordSet& records_;
    std::array<FieldProbabilities, kFieldCount> fields_;
    std::array<std::array<double, kMaxLevels>, kFieldCount> weights_{};
    double prior_weight_ = 0.0;
    // Per name code: log2(u of exact agreement / share of records holding this name), so agreeing on "siti" counts
    // less than agreeing on a rare name. Zero for codes no record holds.
    std::vector<double> given_name_adjustment_;
    std::vector<double> surname_adjustment_;
};

}  // namespace sinergi::linkage
