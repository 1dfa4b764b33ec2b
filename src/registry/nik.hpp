// NIK and KK numbers (GLOSSARY.md). NIK: province(2) regency(2) district(2) birth date DDMMYY with day + 40 for
// women, serial(4) ≠ 0000, no check digit. KK: region(6) date of recording DDMMYY, serial(4) ≠ 0000.
// A number whose shape, date or serial is impossible is rejected with the reason; one whose region is not in
// today's list, or that disagrees with the stated birth date or sex, is accepted with a warning to store and show.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "platform/error.hpp"

namespace sinergi::registry {

enum class Sex { kMale, kFemale };  // L (laki-laki) / P (perempuan) in files and the API

struct NikParts {
    std::string district_code;  // "33.02.01": the district of first registration
    unsigned day = 0;           // 1..31 (women's +40 removed)
    unsigned month = 0;
    unsigned year_2digit = 0;
    Sex sex = Sex::kMale;
};

// A rejection (`Issue` with code and message) or the parts.
struct NikResult {
    std::optional<NikParts> parts;
    std::optional<Issue> problem;
};

NikResult ParseNik(std::string_view nik, std::string_view field = "nik");

struct KkParts {
    std::string district_code;
};

struct KkResult {
    std::optional<KkParts> parts;
    std::optional<Issue> problem;
};

KkResult ParseKk(std::string_view kk, std::string_view field = "no_kk");

// Warnings a valid NIK can carry (stored with the person, shown in the UI).
namespace warnings {
inline constexpr std::string_view kNikRegionUnknown = "nik_region_unknown";
inline constexpr std::string_view kNikBirthDateMismatch = "nik_birth_date_mismatch";
inline constexpr std::string_view kNikSexMismatch = "nik_sex_mismatch";
inline constexpr std::string_view kNikMissing = "nik_missing";
inline constexpr std::string_view kKkRegionUnknown = "kk_region_unknown";
}  // namespace warnings

// The warning codes for a person whose NIK parsed as `parts`: region not among known districts (checked by
// `district_exists`), birth date or sex that disagree with what was stated.
std::vector<std::string> NikWarnings(const NikParts& parts,
                                     const std::optional<std::chrono::year_month_day>& birth_date,
                                     const std::optional<Sex>& sex, bool district_exists);

// Indonesian and English text for a stored warning code.
LocalizedText DescribeWarning(std::string_view code);

}  // namespace sinergi::registry
