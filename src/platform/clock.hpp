// Time as the system sees it. Services take a Clock so tests can move time (e.g. the 15-minute login window)
// without sleeping. Timestamps are stored and sent as ISO-8601 UTC text ("2026-11-23T04:25:05Z"): portable across
// SQLite and PostgreSQL and sortable as text.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace sinergi {

using TimePoint = std::chrono::sys_seconds;

class Clock {
 public:
    virtual ~Clock() = default;
    virtual TimePoint Now() const = 0;
};

class SystemClock final : public Clock {
 public:
    TimePoint Now() const override {
        return std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
    }
};

// A clock the tests set and advance.
class ManualClock final : public Clock {
 public:
    explicit ManualClock(TimePoint start) : now_(start) {}
    TimePoint Now() const override { return now_; }
    void Advance(std::chrono::seconds by) { now_ += by; }

 private:
    TimePoint now_;
};

std::string FormatTimestamp(TimePoint t);
// Accepts "YYYY-MM-DDTHH:MM:SSZ" and "YYYY-MM-DD" (midnight UTC); nullopt for anything else.
std::optional<TimePoint> ParseTimestamp(std::string_view text);

}  // namespace sinergi
