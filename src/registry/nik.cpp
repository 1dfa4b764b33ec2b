#include "registry/nik.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace sinergi::registry {

namespace {

bool SixteenDigits(std::string_view text) {
    return text.size() == 16 && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

unsigned Digits(std::string_view text, std::size_t pos, std::size_t len) {
    unsigned value = 0;
    for (std::size_t i = pos; i < pos + len; ++i) {
        value = value * 10 + static_cast<unsigned>(text[i] - '0');
    }
    return value;
}

// A two-digit year is a real date in one of the two centuries a living person can be born in.
bool IsRealDate(unsigned day, unsigned month, unsigned year_2digit) {
    using namespace std::chrono;
    for (int century : {1900, 2000}) {
        const year_month_day date{year{century + static_cast<int>(year_2digit)}, std::chrono::month{month},
                                  std::chrono::day{day}};
        if (date.ok()) {
            return true;
        }
    }
    return false;
}

Issue Problem(std::string_view field, std::string_view code, std::string id, std::string en) {
    return Issue{std::string(code), std::string(field), std::nullopt, {std::move(id), std::move(en)}};
}

std::optional<Issue> CheckRegionDigits(std::string_view number, std::string_view field, std::string_view what) {
    for (std::size_t i = 0; i < 6; i += 2) {
        if (Digits(number, i, 2) == 0) {
            return Problem(
                field, "REG-2002",
                fmt::format("{} {}: kode wilayah di digit {}–{} tidak boleh 00.", what, number, i + 1, i + 2),
                fmt::format("{} {}: the region code in digits {}–{} cannot be 00.", what, number, i + 1, i + 2));
        }
    }
    return std::nullopt;
}

std::string DistrictOf(std::string_view number) {
    return fmt::format("{}.{}.{}", number.substr(0, 2), number.substr(2, 2), number.substr(4, 2));
}

}  // namespace

NikResult ParseNik(std::string_view nik, std::string_view field) {
    if (!SixteenDigits(nik)) {
        return {std::nullopt,
                Problem(field, "REG-2001",
                        fmt::format("NIK harus 16 digit angka; '{}' memiliki {} karakter.", nik, nik.size()),
                        fmt::format("A NIK is 16 digits; '{}' has {} characters.", nik, nik.size()))};
    }
    if (auto problem = CheckRegionDigits(nik, field, "NIK")) {
        return {std::nullopt, problem};
    }
    unsigned day = Digits(nik, 6, 2);
    const unsigned month = Digits(nik, 8, 2);
    const unsigned year = Digits(nik, 10, 2);
    Sex sex = Sex::kMale;
    if (day >= 41 && day <= 71) {
        day -= 40;
        sex = Sex::kFemale;
    } else if (day < 1 || day > 31) {
        return {std::nullopt,
                Problem(field, "REG-2003",
                        fmt::format("NIK {}: tanggal lahir '{}' tidak mungkin (01–31, atau 41–71 untuk perempuan).",
                                    nik, nik.substr(6, 2)),
                        fmt::format("NIK {}: birth day '{}' is impossible (01–31, or 41–71 for women).", nik,
                                    nik.substr(6, 2)))};
    }
    if (!IsRealDate(day, month, year)) {
        return {
            std::nullopt,
            Problem(
                field, "REG-2004",
                fmt::format("NIK {}: tanggal lahir {:02}-{:02}-{:02} tidak ada di kalender.", nik, day, month, year),
                fmt::format("NIK {}: birth date {:02}-{:02}-{:02} is not a real date.", nik, day, month, year))};
    }
    if (Digits(nik, 12, 4) == 0) {
        return {std::nullopt, Problem(field, "REG-2005", fmt::format("NIK {}: nomor urut 0000 tidak mungkin.", nik),
                                      fmt::format("NIK {}: serial number 0000 is impossible.", nik))};
    }
    return {NikParts{DistrictOf(nik), day, month, year, sex}, std::nullopt};
}

KkResult ParseKk(std::string_view kk, std::string_view field) {
    if (!SixteenDigits(kk)) {
        return {std::nullopt,
                Problem(field, "REG-2011",
                        fmt::format("Nomor KK harus 16 digit angka; '{}' memiliki {} karakter.", kk, kk.size()),
                        fmt::format("A KK number is 16 digits; '{}' has {} characters.", kk, kk.size()))};
    }
    if (auto problem = CheckRegionDigits(kk, field, "KK")) {
        return {std::nullopt, problem};
    }
    const unsigned day = Digits(kk, 6, 2);
    const unsigned month = Digits(kk, 8, 2);
    const unsigned year = Digits(kk, 10, 2);
    if (day < 1 || day > 31 || !IsRealDate(day, month, year)) {
        return {std::nullopt, Problem(field, "REG-2012",
                                      fmt::format("Nomor KK {}: tanggal pencatatan {}-{}-{} tidak ada di kalender.", kk,
                                                  kk.substr(6, 2), kk.substr(8, 2), kk.substr(10, 2)),
                                      fmt::format("KK number {}: recording date {}-{}-{} is not a real date.", kk,
                                                  kk.substr(6, 2), kk.substr(8, 2), kk.substr(10, 2)))};
    }
    if (Digits(kk, 12, 4) == 0) {
        return {std::nullopt, Problem(field, "REG-2013", fmt::format("Nomor KK {}: nomor urut 0000 tidak mungkin.", kk),
                                      fmt::format("KK number {}: serial number 0000 is impossible.", kk))};
    }
    return {KkParts{DistrictOf(kk)}, std::nullopt};
}

std::vector<std::string> NikWarnings(const NikParts& parts,
                                     const std::optional<std::chrono::year_month_day>& birth_date,
                                     const std::optional<Sex>& sex, bool district_exists) {
    std::vector<std::string> out;
    if (!district_exists) {
        out.emplace_back(warnings::kNikRegionUnknown);
    }
    if (birth_date) {
        const auto year = static_cast<int>(birth_date->year());
        if (static_cast<unsigned>(birth_date->day()) != parts.day ||
            static_cast<unsigned>(birth_date->month()) != parts.month ||
            static_cast<unsigned>(((year % 100) + 100) % 100) != parts.year_2digit) {
            out.emplace_back(warnings::kNikBirthDateMismatch);
        }
    }
    if (sex && *sex != parts.sex) {
        out.emplace_back(warnings::kNikSexMismatch);
    }
    return out;
}

LocalizedText DescribeWarning(std::string_view code) {
    if (code == warnings::kNikRegionUnknown) {
        return {"Kode wilayah NIK tidak ada dalam daftar wilayah saat ini.",
                "The NIK's region code is not in today's region list."};
    }
    if (code == warnings::kNikBirthDateMismatch) {
        return {"Tanggal lahir di NIK berbeda dengan tanggal lahir yang dicatat.",
                "The birth date in the NIK differs from the recorded birth date."};
    }
    if (code == warnings::kNikSexMismatch) {
        return {"Jenis kelamin di NIK berbeda dengan yang dicatat.",
                "The sex encoded in the NIK differs from the recorded sex."};
    }
    if (code == warnings::kNikMissing) {
        return {"NIK belum ada.", "The NIK is missing."};
    }
    if (code == warnings::kKkRegionUnknown) {
        return {"Kode wilayah nomor KK tidak ada dalam daftar wilayah saat ini.",
                "The KK number's region code is not in today's region list."};
    }
    return {std::string(code), std::string(code)};
}

}  // namespace sinergi::registry
