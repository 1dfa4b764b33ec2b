// The demo population's own name lists: Indonesian personal names as people in a Central Javanese regency such as
// Banyumas carry them, written for Sinergi (not taken from any data set). Javanese names have no family name; a
// second name ("Budi Santoso", "Sri Rahayu") is a personal choice, so the "second" lists play the part of surnames.
// Naming fashions change by generation, hence lists per era: single Javanese names for people born before about
// 1965, common Indonesian names after that, Arabic-Islamic and modern compound names for the young.
#pragma once

#include <span>
#include <string_view>

namespace sinergi::demo::names {

// Javanese (Banyumasan) single names of the older generation: Sukirman, Tukiyem, Daslam, Casmini.
std::span<const std::string_view> TraditionalMale();
std::span<const std::string_view> TraditionalFemale();
// First names common among people born about 1960-1995: Agus, Bambang, Sri, Endang.
std::span<const std::string_view> CommonMale();
std::span<const std::string_view> CommonFemale();
// First names common among people born since about 1995: Rizki, Bagas, Nabila, Aulia.
std::span<const std::string_view> ModernMale();
std::span<const std::string_view> ModernFemale();
// Second names: Santoso, Prasetyo, Rahayu, Lestari.
std::span<const std::string_view> SecondMale();
std::span<const std::string_view> SecondFemale();
// Names that follow "Abdul" (Abdul Rahman) and names that follow "Siti" (Siti Aminah).
std::span<const std::string_view> AfterAbdul();
std::span<const std::string_view> AfterSiti();
// Hamlet (dusun) names for rural addresses and street names for urban ones.
std::span<const std::string_view> Hamlets();
std::span<const std::string_view> Streets();
// Birth places other than the regency itself: neighbouring regencies and the cities people move between.
std::span<const std::string_view> OtherBirthPlaces();

}  // namespace sinergi::demo::names
