#include "platform/clock.hpp"

#include <charconv>

#include <fmt/format.h>

namespace sinergi {

std::string FormatTimestamp(TimePoint t) {
    const auto days = std::chrono::floor<std::chrono::days>(t);
    const std::chrono::year_month_day ymd{days};
    const std::chrono::hh_mm_ss hms{t - days};
    return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", static_cast<int>(ymd.year()),
                       static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()), hms.hours().count(),
                       hms.minutes().count(), hms.seconds().count());
}

namespace {
bool ReadNumber(std::string_view text, std::size_t pos, std::size_t len, int& out) {
    if (pos + len > text.size()) {
        return false;
    }
    const char* begin = text.data() + pos;
    const auto [ptr, ec] = std::from_chars(begin, begin + len, out);
    return ec == std::errc{} && ptr == begin + len;
}
}  // namespace

std::optional<TimePoint> ParseTimestamp(std::string_view text) {
    int year = 0;
    int month = 0;
    int day = 0;
    if (!(text.size() == 10 || text.size() == 20) || text[4] != '-' || text[7] != '-' ||
        !ReadNumber(text, 0, 4, year) || !ReadNumber(text, 5, 2, month) || !ReadNumber(text, 8, 2, day)) {
        return std::nullopt;
    }
    const std::chrono::year_month_day ymd{std::chrono::year{year}, std::chrono::month{static_cast<unsigned>(month)},
                                          std::chrono::day{static_cast<unsigned>(day)}};
    if (!ymd.ok()) {
        return std::nullopt;
    }
    TimePoint t{std::chrono::sys_days{ymd}};
    if (text.size() == 10) {
        return t;
    }
    int hour = 0;
    int minute = 0;
    int second = 0;
    if (text[10] != 'T' || text[13] != ':' || text[16] != ':' || text[19] != 'Z' || !ReadNumber(text, 11, 2, hour) ||
        !ReadNumber(text, 14, 2, minute) || !ReadNumber(text, 17, 2, second) || hour > 23 || minute > 59 ||
        second > 59) {
        return std::nullopt;
    }
    return t + std::chrono::hours{hour} + std::chrono::minutes{minute} + std::chrono::seconds{second};
}

}  // namespace sinergi
