#include "linkage/comparators.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace sinergi::linkage {

namespace {

constexpr std::size_t kWordBits = 64;

std::size_t Byte(char c) { return static_cast<unsigned char>(c); }

// Per-byte match masks of a pattern of at most 64 bytes. Kept per thread and cleared after each use (only the
// entries the pattern set), so a comparison does not pay for zeroing 2 KiB.
class SingleWordMasks {
 public:
    explicit SingleWordMasks(std::string_view pattern) : pattern_(pattern) {
        for (std::size_t i = 0; i < pattern.size(); ++i) {
            Table()[Byte(pattern[i])] |= std::uint64_t{1} << i;
        }
    }
    ~SingleWordMasks() {
        for (char c : pattern_) {
            Table()[Byte(c)] = 0;
        }
    }
    SingleWordMasks(const SingleWordMasks&) = delete;
    SingleWordMasks& operator=(const SingleWordMasks&) = delete;
    SingleWordMasks(SingleWordMasks&&) = delete;
    SingleWordMasks& operator=(SingleWordMasks&&) = delete;

    std::uint64_t operator[](char c) const { return Table()[Byte(c)]; }

 private:
    static std::array<std::uint64_t, 256>& Table() {
        thread_local std::array<std::uint64_t, 256> table{};
        return table;
    }
    std::string_view pattern_;
};

// Match masks of a longer pattern: word w of byte c at [c * words + w].
class BlockMasks {
 public:
    explicit BlockMasks(std::string_view pattern) : words_((pattern.size() + kWordBits - 1) / kWordBits) {
        masks_.assign(256 * words_, 0);
        for (std::size_t i = 0; i < pattern.size(); ++i) {
            masks_[Byte(pattern[i]) * words_ + i / kWordBits] |= std::uint64_t{1} << (i % kWordBits);
        }
    }
    std::size_t Words() const { return words_; }
    const std::uint64_t* Of(char c) const { return &masks_[Byte(c) * words_]; }

 private:
    std::size_t words_;
    std::vector<std::uint64_t> masks_;
};

// Myers' algorithm in Hyyrö's formulation; with kSwap, Hyyrö's (2003) extension to the optimal string alignment
// distance. `pattern` is the shorter string, at most 64 bytes, not empty.
template <bool kSwap>
std::size_t SingleWordDistance(std::string_view pattern, std::string_view text) {
    const SingleWordMasks masks(pattern);
    const std::uint64_t last = std::uint64_t{1} << (pattern.size() - 1);
    std::uint64_t vp = ~std::uint64_t{0};
    std::uint64_t vn = 0;
    std::uint64_t d0 = 0;
    std::uint64_t previous_match = 0;
    std::size_t distance = pattern.size();
    for (char c : text) {
        const std::uint64_t match = masks[c];
        std::uint64_t swap = 0;
        if constexpr (kSwap) {
            swap = ((~d0 & match) << 1) & previous_match;
            previous_match = match;
        }
        d0 = (((match & vp) + vp) ^ vp) | match | vn | swap;
        std::uint64_t hp = vn | ~(d0 | vp);
        std::uint64_t hn = vp & d0;
        if ((hp & last) != 0) {
            ++distance;
        } else if ((hn & last) != 0) {
            --distance;
        }
        hp = (hp << 1) | 1;  // the first row grows by one per text byte
        hn <<= 1;
        vp = hn | ~(d0 | hp);
        vn = hp & d0;
    }
    return distance;
}

// The same over several 64-bit words: shifts and the addition carry from each word into the next.
template <bool kSwap>
std::size_t BlockDistance(std::string_view pattern, std::string_view text) {
    const BlockMasks masks(pattern);
    const std::size_t words = masks.Words();
    const std::uint64_t last = std::uint64_t{1} << ((pattern.size() - 1) % kWordBits);
    std::vector<std::uint64_t> vp(words, ~std::uint64_t{0});
    std::vector<std::uint64_t> vn(words, 0);
    std::vector<std::uint64_t> d0(words, 0);
    const std::uint64_t* previous_match = nullptr;
    std::size_t distance = pattern.size();
    for (char c : text) {
        const std::uint64_t* match = masks.Of(c);
        std::uint64_t hp_carry = 1;
        std::uint64_t hn_carry = 0;
        std::uint64_t add_carry = 0;
        std::uint64_t swap_carry = 0;
        for (std::size_t w = 0; w < words; ++w) {
            std::uint64_t swap = 0;
            if constexpr (kSwap) {
                const std::uint64_t unchanged_match = ~d0[w] & match[w];
                swap = ((unchanged_match << 1) | swap_carry) & (previous_match != nullptr ? previous_match[w] : 0);
                swap_carry = unchanged_match >> (kWordBits - 1);
            }
            const std::uint64_t addend = match[w] & vp[w];
            const std::uint64_t partial = addend + vp[w];
            const std::uint64_t sum = partial + add_carry;
            add_carry = static_cast<std::uint64_t>(partial < addend || sum < partial);
            d0[w] = (sum ^ vp[w]) | match[w] | vn[w] | swap;
            const std::uint64_t hp = vn[w] | ~(d0[w] | vp[w]);
            const std::uint64_t hn = vp[w] & d0[w];
            if (w + 1 == words) {
                if ((hp & last) != 0) {
                    ++distance;
                } else if ((hn & last) != 0) {
                    --distance;
                }
            }
            const std::uint64_t hp_shifted = (hp << 1) | hp_carry;
            const std::uint64_t hn_shifted = (hn << 1) | hn_carry;
            hp_carry = hp >> (kWordBits - 1);
            hn_carry = hn >> (kWordBits - 1);
            vp[w] = hn_shifted | ~(d0[w] | hp_shifted);
            vn[w] = hp_shifted & d0[w];
        }
        previous_match = match;
    }
    return distance;
}

template <bool kSwap>
std::size_t Distance(std::string_view a, std::string_view b) {
    if (a.size() > b.size()) {
        std::swap(a, b);
    }
    if (a.empty()) {
        return b.size();
    }
    return a.size() <= kWordBits ? SingleWordDistance<kSwap>(a, b) : BlockDistance<kSwap>(a, b);
}

double JaroFromCounts(std::size_t matches, std::size_t half_transpositions, std::size_t length_a,
                      std::size_t length_b) {
    if (matches == 0) {
        return 0.0;
    }
    const auto m = static_cast<double>(matches);
    const double t = std::floor(static_cast<double>(half_transpositions) / 2.0);  // whole transpositions
    return (m / static_cast<double>(length_a) + m / static_cast<double>(length_b) + (m - t) / m) / 3.0;
}

std::size_t MatchWindow(std::size_t length_a, std::size_t length_b) {
    const std::size_t longer = std::max(length_a, length_b);
    return longer / 2 > 0 ? longer / 2 - 1 : 0;
}

// Strings up to 64 bytes: the unmatched bytes of b that equal a[i] inside its window are one mask; the first is
// taken with a lowest-bit trick instead of a scan.
double BitParallelJaro(std::string_view a, std::string_view b) {
    const SingleWordMasks masks(b);
    const std::size_t window = MatchWindow(a.size(), b.size());
    std::uint64_t matched_a = 0;
    std::uint64_t matched_b = 0;
    std::size_t matches = 0;
    for (std::size_t i = 0; i < a.size(); ++i) {
        const std::size_t low = i > window ? i - window : 0;
        const std::size_t high = std::min(i + window, b.size() - 1);
        if (low > high) {
            continue;
        }
        const std::size_t width = high - low + 1;
        const std::uint64_t in_window = (width == kWordBits ? ~std::uint64_t{0} : (std::uint64_t{1} << width) - 1)
                                        << low;
        const std::uint64_t candidates = masks[a[i]] & in_window & ~matched_b;
        if (candidates != 0) {
            matched_b |= candidates & (~candidates + 1);
            matched_a |= std::uint64_t{1} << i;
            ++matches;
        }
    }
    std::size_t half_transpositions = 0;
    while (matched_a != 0) {
        const auto i = static_cast<std::size_t>(std::countr_zero(matched_a));
        const auto j = static_cast<std::size_t>(std::countr_zero(matched_b));
        half_transpositions += a[i] != b[j] ? 1 : 0;
        matched_a &= matched_a - 1;
        matched_b &= matched_b - 1;
    }
    return JaroFromCounts(matches, half_transpositions, a.size(), b.size());
}

double PlainJaro(std::string_view a, std::string_view b) {
    const std::size_t window = MatchWindow(a.size(), b.size());
    std::vector<bool> matched_a(a.size(), false);
    std::vector<bool> matched_b(b.size(), false);
    std::size_t matches = 0;
    for (std::size_t i = 0; i < a.size(); ++i) {
        const std::size_t low = i > window ? i - window : 0;
        const std::size_t high = std::min(i + window + 1, b.size());
        for (std::size_t j = low; j < high; ++j) {
            if (!matched_b[j] && a[i] == b[j]) {
                matched_a[i] = true;
                matched_b[j] = true;
                ++matches;
                break;
            }
        }
    }
    std::size_t half_transpositions = 0;
    std::size_t j = 0;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (!matched_a[i]) {
            continue;
        }
        while (!matched_b[j]) {
            ++j;
        }
        half_transpositions += a[i] != b[j] ? 1 : 0;
        ++j;
    }
    return JaroFromCounts(matches, half_transpositions, a.size(), b.size());
}

}  // namespace

double Jaro(std::string_view a, std::string_view b) {
    if (a.empty() && b.empty()) {
        return 1.0;
    }
    if (a.empty() || b.empty()) {
        return 0.0;
    }
    return a.size() <= kWordBits && b.size() <= kWordBits ? BitParallelJaro(a, b) : PlainJaro(a, b);
}

double JaroWinkler(std::string_view a, std::string_view b, double prefix_scale) {
    const double jaro = Jaro(a, b);
    std::size_t prefix = 0;
    while (prefix < 4 && prefix < a.size() && prefix < b.size() && a[prefix] == b[prefix]) {
        ++prefix;
    }
    return jaro + static_cast<double>(prefix) * prefix_scale * (1.0 - jaro);
}

std::size_t Levenshtein(std::string_view a, std::string_view b) { return Distance<false>(a, b); }

std::size_t DamerauLevenshtein(std::string_view a, std::string_view b) { return Distance<true>(a, b); }

namespace {

constexpr double kVeryCloseScore = 0.94;
constexpr double kJoinedVeryCloseScore = 0.96;
constexpr double kSimilarScore = 0.85;

// An initial pairs fully with any token it could stand for ("m" / "muhamad").
double TokenSimilarity(std::string_view a, std::string_view b) {
    if (a.size() == 1 || b.size() == 1) {
        return a.front() == b.front() ? 1.0 : 0.0;
    }
    return JaroWinkler(a, b);
}

constexpr std::size_t kExhaustiveColumns = 8;

// The largest sum of similarities over pairings of every row with a distinct column (rows ≤ columns; `similarity`
// is row-major). Names have few tokens, so an exhaustive search is cheap; past eight columns a greedy pairing is used.
double BestPairingSum(const double* similarity, std::size_t rows, std::size_t columns) {
    if (columns > kExhaustiveColumns) {
        std::vector<bool> used(columns, false);
        double total = 0.0;
        for (std::size_t r = 0; r < rows; ++r) {
            const double* row = similarity + r * columns;
            std::size_t best = columns;
            for (std::size_t c = 0; c < columns; ++c) {
                if (!used[c] && (best == columns || row[c] > row[best])) {
                    best = c;
                }
            }
            used[best] = true;
            total += row[best];
        }
        return total;
    }
    double best_total = 0.0;
    auto search = [&](auto& self, std::size_t row, unsigned used, double total) -> void {
        if (row == rows) {
            best_total = std::max(best_total, total);
            return;
        }
        for (std::size_t c = 0; c < columns; ++c) {
            if ((used & (1u << c)) == 0) {
                self(self, row + 1, used | (1u << c), total + similarity[row * columns + c]);
            }
        }
    };
    search(search, 0, 0u, 0.0);
    return best_total;
}

}  // namespace

NameComparison CompareNames(const NormalisedName& a, const NormalisedName& b) {
    if (a.tokens.empty() || b.tokens.empty()) {
        return {NameLevel::kMissing, 0.0};
    }
    if (a.tokens == b.tokens) {
        return {NameLevel::kExact, 1.0};
    }
    if (a.sorted_tokens == b.sorted_tokens || a.compact == b.compact) {
        return {NameLevel::kSameTokens, 1.0};
    }
    const bool a_shorter = a.tokens.size() <= b.tokens.size();
    const auto& rows = a_shorter ? a.tokens : b.tokens;
    const auto& columns = a_shorter ? b.tokens : a.tokens;
    // Typical names fit the fixed buffer, so no allocation happens per pair.
    std::array<double, kExhaustiveColumns * kExhaustiveColumns> fixed{};
    std::vector<double> large;
    double* similarity = fixed.data();
    if (columns.size() > kExhaustiveColumns) {
        large.resize(rows.size() * columns.size());
        similarity = large.data();
    }
    for (std::size_t r = 0; r < rows.size(); ++r) {
        for (std::size_t c = 0; c < columns.size(); ++c) {
            similarity[r * columns.size() + c] = TokenSimilarity(rows[r], columns[c]);
        }
    }
    const double pairing = BestPairingSum(similarity, rows.size(), columns.size()) / static_cast<double>(rows.size());
    const double joined = JaroWinkler(a.compact, b.compact);
    const double score = std::max(pairing, joined);
    if (joined >= kJoinedVeryCloseScore || (rows.size() == columns.size() && pairing >= kVeryCloseScore)) {
        return {NameLevel::kVeryClose, score};
    }
    if (pairing >= kVeryCloseScore) {
        return {NameLevel::kSubset, score};
    }
    return {score >= kSimilarScore ? NameLevel::kSimilar : NameLevel::kDifferent, score};
}

namespace {

// YYYYMMDD for comparing digit by digit; years outside 0..9999 cannot be typed in a form and never match.
std::string DigitsOf(const std::chrono::year_month_day& date) {
    const int year = static_cast<int>(date.year());
    if (year < 0 || year > 9999) {
        return {};
    }
    std::string out(8, '0');
    const std::array<unsigned, 3> parts{static_cast<unsigned>(year), static_cast<unsigned>(date.month()),
                                        static_cast<unsigned>(date.day())};
    const std::array<std::size_t, 3> ends{4, 6, 8};
    std::size_t begin = 0;
    for (std::size_t p = 0; p < parts.size(); ++p) {
        unsigned value = parts[p];
        for (std::size_t i = ends[p]; i > begin; --i) {
            out[i - 1] = static_cast<char>('0' + value % 10);
            value /= 10;
        }
        begin = ends[p];
    }
    return out;
}

std::size_t DifferingPositions(std::string_view a, std::string_view b) {
    std::size_t count = 0;
    for (std::size_t i = 0; i < a.size(); ++i) {
        count += a[i] != b[i] ? 1 : 0;
    }
    return count;
}

std::string WithoutSeparators(std::string_view text) {
    std::string out;
    for (char c : text) {
        if (c != ' ' && c != '.' && c != '-') {
            out.push_back(c);
        }
    }
    return out;
}

bool AllDigits(std::string_view text) {
    return std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

unsigned TwoDigits(std::string_view text, std::size_t pos) {
    return static_cast<unsigned>(text[pos] - '0') * 10 + static_cast<unsigned>(text[pos + 1] - '0');
}

}  // namespace

DateLevel CompareDates(const std::optional<std::chrono::year_month_day>& a,
                       const std::optional<std::chrono::year_month_day>& b) {
    if (!a || !b || !a->ok() || !b->ok()) {
        return DateLevel::kMissing;
    }
    if (*a == *b) {
        return DateLevel::kExact;
    }
    if (a->year() == b->year() && static_cast<unsigned>(a->day()) == static_cast<unsigned>(b->month()) &&
        static_cast<unsigned>(a->month()) == static_cast<unsigned>(b->day())) {
        return DateLevel::kDayMonthSwapped;
    }
    const auto digits_a = DigitsOf(*a);
    const auto digits_b = DigitsOf(*b);
    if (!digits_a.empty() && !digits_b.empty() && DifferingPositions(digits_a, digits_b) == 1) {
        return DateLevel::kOneDigitOff;
    }
    const auto days = (std::chrono::sys_days{*a} - std::chrono::sys_days{*b}).count();
    return (days >= -365 && days <= 365) ? DateLevel::kWithinYear : DateLevel::kDifferent;
}

NikLevel CompareNiks(std::string_view a, std::string_view b) {
    const auto nik_a = WithoutSeparators(a);
    const auto nik_b = WithoutSeparators(b);
    if (nik_a.empty() || nik_b.empty() || !AllDigits(nik_a) || !AllDigits(nik_b)) {
        return NikLevel::kMissing;
    }
    if (nik_a == nik_b) {
        return NikLevel::kExact;
    }
    if (nik_a.size() == nik_b.size()) {
        const auto first =
            static_cast<std::size_t>(std::mismatch(nik_a.begin(), nik_a.end(), nik_b.begin()).first - nik_a.begin());
        if (first + 1 < nik_a.size() && nik_a[first] == nik_b[first + 1] && nik_a[first + 1] == nik_b[first] &&
            std::string_view(nik_a).substr(first + 2) == std::string_view(nik_b).substr(first + 2)) {
            return NikLevel::kAdjacentSwap;
        }
    }
    const std::size_t length_gap =
        nik_a.size() > nik_b.size() ? nik_a.size() - nik_b.size() : nik_b.size() - nik_a.size();
    return length_gap <= 1 && Levenshtein(nik_a, nik_b) == 1 ? NikLevel::kOneDigitOff : NikLevel::kDifferent;
}

NikConsistency CheckNikConsistency(std::string_view nik, const std::optional<std::chrono::year_month_day>& birth_date,
                                   const std::optional<Sex>& sex) {
    const auto digits = WithoutSeparators(nik);
    if (digits.size() != 16 || !AllDigits(digits)) {
        return {};
    }
    unsigned day = TwoDigits(digits, 6);
    const unsigned month = TwoDigits(digits, 8);
    const unsigned year = TwoDigits(digits, 10);
    const Sex nik_sex = day > 40 ? Sex::kFemale : Sex::kMale;
    if (day > 40) {
        day -= 40;
    }
    if (day < 1 || day > 31 || month < 1 || month > 12) {
        return {};
    }
    NikConsistency out;
    out.decodable = true;
    if (birth_date && birth_date->ok()) {
        const int birth_year = static_cast<int>(birth_date->year());
        out.birth_date_agrees = static_cast<unsigned>(birth_date->day()) == day &&
                                static_cast<unsigned>(birth_date->month()) == month &&
                                static_cast<unsigned>(((birth_year % 100) + 100) % 100) == year;
    }
    if (sex) {
        out.sex_agrees = *sex == nik_sex;
    }
    return out;
}

RegionLevel CompareRegions(std::string_view a, std::string_view b) {
    const auto code_a = WithoutSeparators(a);
    const auto code_b = WithoutSeparators(b);
    if (code_a.empty() || code_b.empty() || !AllDigits(code_a) || !AllDigits(code_b)) {
        return RegionLevel::kMissing;
    }
    // Digits that end each level: province 2, regency 4, district 6, village 10.
    const std::size_t known = std::min(code_a.size(), code_b.size());
    const auto same = [&](std::size_t digits) {
        return known >= digits && code_a.compare(0, digits, code_b, 0, digits) == 0;
    };
    if (same(10)) {
        return RegionLevel::kSameVillage;
    }
    if (same(6)) {
        return RegionLevel::kSameDistrict;
    }
    if (same(4)) {
        return RegionLevel::kSameRegency;
    }
    const std::size_t shared = std::min<std::size_t>(known, 4);
    return code_a.compare(0, shared, code_b, 0, shared) == 0 ? RegionLevel::kMissing : RegionLevel::kDifferent;
}

}  // namespace sinergi::linkage
