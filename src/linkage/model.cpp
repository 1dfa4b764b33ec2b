#include "linkage/model.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>

#include "linkage/comparators.hpp"

namespace sinergi::linkage {

std::size_t LevelCount(Field field) {
    switch (field) {
        case Field::kGivenName:
        case Field::kSurname:
        case Field::kBirthDate:
            return 5;
        case Field::kNik:
        case Field::kAddress:
        case Field::kRegion:
            return 4;
        case Field::kLocality:
        case Field::kPostcode:
            return 3;
        case Field::kSex:
        case Field::kHouseNumber:
            return 2;
    }
    return 2;
}

std::string_view LevelName(Field field, std::uint8_t level) {
    if (level == kMissingLevel) {
        return "missing";
    }
    switch (field) {
        case Field::kGivenName:
        case Field::kSurname: {
            constexpr std::array<std::string_view, 5> kNames{"exact", "same_tokens", "close", "similar", "different"};
            return kNames.at(level);
        }
        case Field::kBirthDate: {
            constexpr std::array<std::string_view, 5> kNames{"exact", "day_month_swapped", "one_digit_off",
                                                             "within_year", "different"};
            return kNames.at(level);
        }
        case Field::kNik: {
            constexpr std::array<std::string_view, 4> kNames{"exact", "one_digit_off", "adjacent_swap", "different"};
            return kNames.at(level);
        }
        case Field::kAddress: {
            constexpr std::array<std::string_view, 4> kNames{"exact", "close", "similar", "different"};
            return kNames.at(level);
        }
        case Field::kLocality: {
            constexpr std::array<std::string_view, 3> kNames{"exact", "close", "different"};
            return kNames.at(level);
        }
        case Field::kPostcode: {
            constexpr std::array<std::string_view, 3> kNames{"exact", "one_digit_off", "different"};
            return kNames.at(level);
        }
        case Field::kRegion: {
            constexpr std::array<std::string_view, 4> kNames{"same", "same_district", "same_regency", "different"};
            return kNames.at(level);
        }
        case Field::kSex:
        case Field::kHouseNumber: {
            constexpr std::array<std::string_view, 2> kNames{"exact", "different"};
            return kNames.at(level);
        }
    }
    return "?";
}

namespace {

constexpr double kNameClose = 0.92;
constexpr double kNameSimilar = 0.80;
constexpr double kAddressClose = 0.90;
constexpr double kAddressSimilar = 0.75;
constexpr double kLocalityClose = 0.90;

std::uint8_t NameLevelOf(const RecordSet& records, std::uint32_t a, std::uint32_t b) {
    if (a == 0 || b == 0) {
        return kMissingLevel;
    }
    if (a == b) {
        return 0;
    }
    if (records.name_token_set[a] == records.name_token_set[b]) {
        return 1;
    }
    const double similarity = JaroWinkler(records.names.Text(a), records.names.Text(b));
    if (similarity >= kNameClose) {
        return 2;
    }
    return similarity >= kNameSimilar ? 3 : 4;
}

std::uint8_t DateLevelOf(const RecordSet& records, std::uint32_t a, std::uint32_t b) {
    const auto date_a = records.birth_date[a];
    const auto date_b = records.birth_date[b];
    if (date_a == 0 || date_b == 0) {
        return kMissingLevel;
    }
    if (date_a == date_b) {
        return 0;
    }
    const auto year_a = date_a / 10000;
    const auto month_a = (date_a / 100) % 100;
    const auto day_a = date_a % 100;
    const auto month_b = (date_b / 100) % 100;
    const auto day_b = date_b % 100;
    if (year_a == date_b / 10000 && day_a == month_b && month_a == day_b) {
        return 1;
    }
    int differing = 0;
    for (auto x = date_a, y = date_b; x != 0 || y != 0; x /= 10, y /= 10) {
        differing += (x % 10 != y % 10) ? 1 : 0;
    }
    if (differing == 1) {
        return 2;
    }
    return std::abs(records.birth_day[a] - records.birth_day[b]) <= 365 ? 3 : 4;
}

// True when `longer` is `shorter` with one character added.
bool OneInsertion(std::string_view shorter, std::string_view longer) {
    std::size_t i = 0;
    while (i < shorter.size() && shorter[i] == longer[i]) {
        ++i;
    }
    return shorter.substr(i) == longer.substr(i + 1);
}

std::uint8_t NikLevelOf(const RecordSet& records, std::uint32_t a, std::uint32_t b) {
    if (a == 0 || b == 0) {
        return kMissingLevel;
    }
    if (a == b) {
        return 0;
    }
    const std::string_view x = records.nik_parts.Text(a);
    const std::string_view y = records.nik_parts.Text(b);
    if (x.size() == y.size()) {
        std::size_t first = 0;
        while (x[first] == y[first]) {
            ++first;
        }
        if (x.substr(first + 1) == y.substr(first + 1)) {
            return 1;
        }
        if (first + 1 < x.size() && x[first] == y[first + 1] && x[first + 1] == y[first] &&
            x.substr(first + 2) == y.substr(first + 2)) {
            return 2;
        }
        return 3;
    }
    if (x.size() + 1 == y.size()) {
        return OneInsertion(x, y) ? 1 : 3;
    }
    if (y.size() + 1 == x.size()) {
        return OneInsertion(y, x) ? 1 : 3;
    }
    return 3;
}

std::uint8_t TextLevelOf(const RecordSet& records, std::uint32_t a, std::uint32_t b, double close, double similar,
                         std::uint8_t different) {
    if (a == 0 || b == 0) {
        return kMissingLevel;
    }
    if (a == b) {
        return 0;
    }
    const double similarity = JaroWinkler(records.others.Text(a), records.others.Text(b));
    if (similarity >= close) {
        return 1;
    }
    return (different == 3 && similarity >= similar) ? 2 : different;
}

std::uint8_t PostcodeLevelOf(const RecordSet& records, std::uint32_t a, std::uint32_t b) {
    if (a == 0 || b == 0) {
        return kMissingLevel;
    }
    if (a == b) {
        return 0;
    }
    const std::string_view x = records.others.Text(a);
    const std::string_view y = records.others.Text(b);
    if (x.size() != y.size()) {
        return 2;
    }
    std::size_t differing = 0;
    for (std::size_t i = 0; i < x.size(); ++i) {
        differing += x[i] != y[i] ? 1 : 0;
    }
    return differing == 1 ? 1 : 2;
}

std::uint8_t RegionLevelOf(const RecordSet& records, std::uint32_t a, std::uint32_t b) {
    if (a == 0 || b == 0) {
        return kMissingLevel;
    }
    if (a == b) {
        return 0;
    }
    const std::string_view x = records.others.Text(a);
    const std::string_view y = records.others.Text(b);
    const auto is_code = [](std::string_view text) { return text.front() >= '0' && text.front() <= '9'; };
    if (!is_code(x) || !is_code(y)) {
        return 3;
    }
    // Kemendagri codes: province 2 digits, regency 4, district 6, village 10. A shorter code says only what it knows.
    const std::size_t known = std::min(x.size(), y.size());
    const auto same = [&](std::size_t digits) { return known >= digits && x.substr(0, digits) == y.substr(0, digits); };
    if (same(10) || x == y) {
        return 0;
    }
    if (same(6)) {
        return 1;
    }
    return same(4) ? 2 : 3;
}

std::uint8_t EqualityLevel(std::uint32_t a, std::uint32_t b) {
    if (a == 0 || b == 0) {
        return kMissingLevel;
    }
    return a == b ? 0 : 1;
}

Pattern Put(Pattern pattern, Field field, std::uint8_t level) {
    return pattern | (static_cast<Pattern>(level) << (3 * Index(field)));
}

// SplitMix64: a small, fast, well-mixed generator; the sample must be the same for a seed on every platform.
std::uint64_t NextRandom(std::uint64_t& state) {
    std::uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30U)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27U)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31U);
}

constexpr double kSmallest = 1e-6;

}  // namespace

Pattern ComparePair(const RecordSet& records, std::uint32_t a, std::uint32_t b) {
    std::uint8_t given = NameLevelOf(records, records.given_name[a], records.given_name[b]);
    std::uint8_t surname = NameLevelOf(records, records.surname[a], records.surname[b]);
    // Lists swap given name and surname often enough that a swap must not read as two different names.
    if (given > 1 && surname > 1 && given != kMissingLevel && surname != kMissingLevel &&
        records.given_name[a] == records.surname[b] && records.surname[a] == records.given_name[b]) {
        given = 1;
        surname = 1;
    }
    Pattern pattern = 0;
    pattern = Put(pattern, Field::kGivenName, given);
    pattern = Put(pattern, Field::kSurname, surname);
    pattern = Put(pattern, Field::kBirthDate, DateLevelOf(records, a, b));
    pattern = Put(pattern, Field::kNik, NikLevelOf(records, records.nik_compared[a], records.nik_compared[b]));
    pattern = Put(pattern, Field::kSex, EqualityLevel(records.sex[a], records.sex[b]));
    pattern = Put(pattern, Field::kHouseNumber, EqualityLevel(records.house_number[a], records.house_number[b]));
    pattern = Put(pattern, Field::kAddress,
                  TextLevelOf(records, records.address[a], records.address[b], kAddressClose, kAddressSimilar, 3));
    pattern = Put(pattern, Field::kLocality,
                  TextLevelOf(records, records.locality[a], records.locality[b], kLocalityClose, 1.0, 2));
    pattern = Put(pattern, Field::kPostcode, PostcodeLevelOf(records, records.postcode[a], records.postcode[b]));
    pattern = Put(pattern, Field::kRegion, RegionLevelOf(records, records.region[a], records.region[b]));
    return pattern;
}

std::array<FieldProbabilities, kFieldCount> EstimateU(const RecordSet& records, std::size_t sample_pairs,
                                                      std::uint64_t seed) {
    std::array<std::array<std::uint64_t, kMaxLevels>, kFieldCount> counts{};
    const std::size_t n = records.size();
    const bool matching = records.left_count < n;
    const std::size_t left = matching ? records.left_count : n;
    const std::size_t right = matching ? n - left : n;
    std::uint64_t state = seed;
    if (left > 0 && right > 0 && (matching || n > 1)) {
        for (std::size_t s = 0; s < sample_pairs; ++s) {
            auto a = static_cast<std::uint32_t>(NextRandom(state) % left);
            auto b = static_cast<std::uint32_t>(NextRandom(state) % right);
            if (matching) {
                b += static_cast<std::uint32_t>(left);
            } else if (a == b) {
                continue;
            }
            const auto pattern = ComparePair(records, a, b);
            for (const auto field : kAllFields) {
                const auto level = LevelOf(pattern, field);
                if (level != kMissingLevel) {
                    ++counts[Index(field)][level];
                }
            }
        }
    }
    std::array<FieldProbabilities, kFieldCount> fields{};
    for (const auto field : kAllFields) {
        auto& probabilities = fields[Index(field)];
        const auto& count = counts[Index(field)];
        const std::size_t levels = LevelCount(field);
        std::uint64_t total = 0;
        for (std::size_t l = 0; l < levels; ++l) {
            total += count[l];
        }
        probabilities.active = total > 0;
        for (std::size_t l = 0; l < levels; ++l) {
            probabilities.u[l] = (static_cast<double>(count[l]) + 1.0) / (static_cast<double>(total + levels));
        }
    }
    return fields;
}

EmReport EstimateM(const std::unordered_map<Pattern, std::uint64_t>& histogram,
                   std::array<FieldProbabilities, kFieldCount>& fields, bool fit_u, int max_iterations) {
    EmReport report;
    report.distinct_patterns = histogram.size();
    std::vector<std::pair<Pattern, double>> patterns(histogram.begin(), histogram.end());
    auto u = fields;  // u among candidate pairs when fit_u, else the random-pair u as given
    for (const auto field : kAllFields) {
        auto& probabilities = fields[Index(field)];
        const std::size_t levels = LevelCount(field);
        // Start with m high on agreement and falling level by level, so the first class is the one of matches.
        double remaining = 1.0;
        for (std::size_t l = 0; l < levels; ++l) {
            const double share = l + 1 == levels ? remaining : remaining * 0.8;
            probabilities.m[l] = share;
            remaining -= share;
        }
    }
    double lambda = 0.1;
    constexpr double kTolerance = 1e-7;
    for (int iteration = 1; iteration <= max_iterations; ++iteration) {
        std::array<std::array<double, kMaxLevels>, kFieldCount> m_sum{};
        std::array<std::array<double, kMaxLevels>, kFieldCount> u_sum{};
        double matches = 0.0;
        double total = 0.0;
        for (const auto& [pattern, count] : patterns) {
            double m_product = lambda;
            double u_product = 1.0 - lambda;
            for (const auto field : kAllFields) {
                const auto level = LevelOf(pattern, field);
                if (!fields[Index(field)].active || level == kMissingLevel) {
                    continue;
                }
                m_product *= fields[Index(field)].m[level];
                u_product *= u[Index(field)].u[level];
            }
            const double match_share = m_product / (m_product + u_product);
            matches += count * match_share;
            total += count;
            for (const auto field : kAllFields) {
                const auto level = LevelOf(pattern, field);
                if (level != kMissingLevel) {
                    m_sum[Index(field)][level] += count * match_share;
                    u_sum[Index(field)][level] += count * (1.0 - match_share);
                }
            }
        }
        double change = 0.0;
        for (const auto field : kAllFields) {
            auto& probabilities = fields[Index(field)];
            if (!probabilities.active) {
                continue;
            }
            const std::size_t levels = LevelCount(field);
            double m_total = 0.0;
            double u_total = 0.0;
            for (std::size_t l = 0; l < levels; ++l) {
                m_total += m_sum[Index(field)][l];
                u_total += u_sum[Index(field)][l];
            }
            // One pseudo-count per level (Laplace, as for u): a level that no match showed among few candidates
            // gets a small m rather than none, so one unseen spelling variant cannot outweigh every other field.
            const auto pseudo_total = static_cast<double>(levels);
            for (std::size_t l = 0; l < levels && m_total > 0.0 && u_total > 0.0; ++l) {
                const double m = (m_sum[Index(field)][l] + 1.0) / (m_total + pseudo_total);
                change = std::max(change, std::abs(m - probabilities.m[l]));
                probabilities.m[l] = m;
                if (fit_u) {
                    u[Index(field)].u[l] = (u_sum[Index(field)][l] + 1.0) / (u_total + pseudo_total);
                }
            }
        }
        const double next_lambda = total > 0.0 ? matches / total : lambda;
        change = std::max(change, std::abs(next_lambda - lambda));
        lambda = std::clamp(next_lambda, kSmallest, 1.0 - kSmallest);
        report.iterations = iteration;
        if (change < kTolerance) {
            report.converged = true;
            break;
        }
    }
    report.candidate_match_share = lambda;
    return report;
}

MatchModel::MatchModel(const RecordSet& records, const std::array<FieldProbabilities, kFieldCount>& fields,
                       double candidate_match_share, std::uint64_t candidate_pairs, double all_pairs)
    : records_(records), fields_(fields) {
    for (const auto field : kAllFields) {
        const auto& probabilities = fields_[Index(field)];
        for (std::size_t l = 0; l < LevelCount(field) && probabilities.active; ++l) {
            weights_[Index(field)][l] = std::log2(std::max(kSmallest, probabilities.m[l]) / probabilities.u[l]);
        }
    }
    // Every true match is taken to be among the candidates, so matches among all pairs = λ × candidates.
    const double expected_matches = candidate_match_share * static_cast<double>(candidate_pairs);
    const double prior = all_pairs > 0.0 ? std::clamp(expected_matches / all_pairs, 1e-15, 0.5) : 0.5;
    prior_weight_ = std::log2(prior / (1.0 - prior));

    const auto adjustment = [&](const std::vector<std::uint32_t>& counts, Field field) {
        std::vector<double> out(counts.size(), 0.0);
        double holders = 0.0;
        for (std::size_t code = 1; code < counts.size(); ++code) {
            holders += counts[code];
        }
        if (!fields_[Index(field)].active || holders == 0.0) {
            return out;
        }
        const double u_exact = fields_[Index(field)].u[0];
        for (std::size_t code = 1; code < counts.size(); ++code) {
            if (counts[code] > 0) {
                out[code] = std::log2(u_exact / (counts[code] / holders));
            }
        }
        return out;
    };
    given_name_adjustment_ = adjustment(records.given_name_count, Field::kGivenName);
    surname_adjustment_ = adjustment(records.surname_count, Field::kSurname);
}

double MatchModel::NameAdjustment(const std::vector<double>& adjustment, std::uint32_t code) const {
    return code < adjustment.size() ? adjustment[code] : 0.0;
}

double MatchModel::FieldWeight(Field field, std::uint8_t level, std::uint32_t a, std::uint32_t /*b*/) const {
    if (level == kMissingLevel || !fields_[Index(field)].active) {
        return 0.0;
    }
    double weight = weights_[Index(field)][level];
    if (level == 0 && field == Field::kGivenName) {
        weight += NameAdjustment(given_name_adjustment_, records_.given_name[a]);
    } else if (level == 0 && field == Field::kSurname) {
        weight += NameAdjustment(surname_adjustment_, records_.surname[a]);
    }
    return weight;
}

double MatchModel::Weight(Pattern pattern, std::uint32_t a, std::uint32_t b) const {
    double weight = prior_weight_;
    for (const auto field : kAllFields) {
        weight += FieldWeight(field, LevelOf(pattern, field), a, b);
    }
    return weight;
}

double MatchModel::Probability(double weight) { return 1.0 / (1.0 + std::exp2(-weight)); }

}  // namespace sinergi::linkage
