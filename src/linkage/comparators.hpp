// Field comparators for record linkage: string similarities and distances on the bytes of normalised (ASCII)
// names, and the comparison levels of names, dates, NIKs and region codes that a Fellegi–Sunter model weighs.
// The distances are bit-parallel (Myers/Hyyrö, 64-bit words, blocked for strings past 64 bytes) because they run
// on every candidate pair.
#pragma once

#include <chrono>
#include <cstddef>
#include <optional>
#include <string_view>

#include "linkage/names.hpp"

namespace sinergi::linkage {

// Jaro similarity in [0, 1] (1 for two empty strings).
double Jaro(std::string_view a, std::string_view b);
// Jaro-Winkler: Jaro raised by `prefix_scale` for each of up to four leading bytes in common.
double JaroWinkler(std::string_view a, std::string_view b, double prefix_scale = 0.1);
// Edit distance (insert, delete, substitute one byte).
std::size_t Levenshtein(std::string_view a, std::string_view b);
// Optimal string alignment distance: Levenshtein plus the swap of two adjacent bytes, no substring edited twice.
std::size_t DamerauLevenshtein(std::string_view a, std::string_view b);

// Name levels, best first. kMissing when either side has no name left after normalisation.
enum class NameLevel {
    kExact,       // same tokens in the same order
    kSameTokens,  // same tokens in another order, or split/joined differently (Nur Hasanah / Nurhasanah)
    kVeryClose,   // every token paired with a spelling variant (Jaro-Winkler ≥ 0.94 on average)
    kSubset,      // one name's tokens all found in the other, which has more (Siti Aminah / Siti Aminah Lestari)
    kSimilar,     // tokens paired at Jaro-Winkler ≥ 0.85 on average
    kDifferent,
    kMissing,
};

struct NameComparison {
    NameLevel level = NameLevel::kMissing;
    // The better of the mean Jaro-Winkler of the best token pairing and the Jaro-Winkler of the concatenated
    // tokens (1 for kExact and kSameTokens).
    double score = 0.0;
};

// Order-free comparison of two normalised names: each token of the shorter name is paired with a distinct token of
// the longer one so that the sum of Jaro-Winkler similarities is largest. An initial ("m") pairs fully with a token
// that starts with it.
NameComparison CompareNames(const NormalisedName& a, const NormalisedName& b);

enum class DateLevel {
    kExact,
    kDayMonthSwapped,  // 1980-05-12 / 1980-12-05
    kOneDigitOff,      // one digit of YYYYMMDD differs (a typing error)
    kWithinYear,       // at most 365 days apart
    kDifferent,
    kMissing,  // either date absent or not a calendar date
};

DateLevel CompareDates(const std::optional<std::chrono::year_month_day>& a,
                       const std::optional<std::chrono::year_month_day>& b);

enum class NikLevel {
    kExact,
    kOneDigitOff,   // one digit replaced, dropped or added
    kAdjacentSwap,  // two neighbouring digits swapped
    kDifferent,
    kMissing,  // either side empty or not digits
};

// Spaces, dots and dashes inside a NIK are ignored ("3302 0112 …").
NikLevel CompareNiks(std::string_view a, std::string_view b);

enum class Sex { kMale, kFemale };

// Whether a NIK agrees with a stated birth date and sex (GLOSSARY.md: digits 7–12 are DDMMYY, day + 40 for women).
// registry/nik.cpp validates NIKs fully; linkage cannot depend on registry (the register will call linkage), so this
// decodes only the date and sex.
struct NikConsistency {
    bool decodable = false;                 // 16 digits with a day 01–31 or 41–71 and a month 01–12
    std::optional<bool> birth_date_agrees;  // unset when no birth date was given or the NIK is not decodable
    std::optional<bool> sex_agrees;         // unset when no sex was given or the NIK is not decodable
};

NikConsistency CheckNikConsistency(std::string_view nik, const std::optional<std::chrono::year_month_day>& birth_date,
                                   const std::optional<Sex>& sex);

enum class RegionLevel {
    kSameVillage,
    kSameDistrict,
    kSameRegency,
    kDifferent,
    kMissing,
};

// Kemendagri codes with or without dots ("33.02.01.2001" or "3302012001"); a code may stop at a higher level, and
// then the comparison says only what both codes know.
RegionLevel CompareRegions(std::string_view a, std::string_view b);

}  // namespace sinergi::linkage
