#include "platform/paging.hpp"

#include <charconv>

#include <fmt/format.h>

#include "platform/crypto.hpp"

namespace sinergi {

PageRequest ParsePageRequest(const http::Request& request) {
    PageRequest page;
    ValidationReport report;
    if (auto limit = request.Query("limit")) {
        std::int64_t value = 0;
        const auto [ptr, ec] = std::from_chars(limit->data(), limit->data() + limit->size(), value);
        if (ec != std::errc{} || ptr != limit->data() + limit->size() || value < 1 || value > kMaxPageLimit) {
            report.Add("PAGE-1001", "limit",
                       {fmt::format("Parameter 'limit' harus bilangan 1–{}.", kMaxPageLimit),
                        fmt::format("Parameter 'limit' must be a number from 1 to {}.", kMaxPageLimit)});
        } else {
            page.limit = value;
        }
    }
    if (auto cursor = request.Query("cursor"); cursor && !cursor->empty()) {
        std::string key;
        if (!crypto::Base64UrlDecode(*cursor, key) || key.empty()) {
            report.Add("PAGE-1002", "cursor",
                       {"Parameter 'cursor' tidak valid; mulai lagi dari halaman pertama.",
                        "Parameter 'cursor' is not valid; start again from the first page."});
        } else {
            page.after = std::move(key);
        }
    }
    report.ThrowIfAny();
    return page;
}

std::optional<std::int64_t> PageRequest::AfterId() const {
    if (!after) {
        return std::nullopt;
    }
    std::int64_t id = 0;
    const auto [ptr, ec] = std::from_chars(after->data(), after->data() + after->size(), id);
    if (ec != std::errc{} || ptr != after->data() + after->size()) {
        ValidationReport report;
        report.Add("PAGE-1002", "cursor",
                   {"Parameter 'cursor' tidak valid; mulai lagi dari halaman pertama.",
                    "Parameter 'cursor' is not valid; start again from the first page."});
        report.ThrowIfAny();
    }
    return id;
}

std::string EncodeCursor(std::string_view key) { return crypto::Base64UrlEncode(key); }

boost::json::object MakePage(boost::json::array items, std::int64_t total, const std::optional<std::string>& next_key) {
    boost::json::object page{{"items", std::move(items)}, {"total", total}};
    if (next_key) {
        page["next"] = EncodeCursor(*next_key);
    } else {
        page["next"] = nullptr;
    }
    return page;
}

}  // namespace sinergi
