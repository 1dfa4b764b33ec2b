// The one paging contract of every list endpoint: `limit` (1..500, default 50) and an opaque `cursor` in;
// {"items": [...], "total": N, "next": CURSOR|null} out. Cursors carry the sort key of the last item (keyset
// paging), so pages stay stable and fast however deep one goes.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "platform/database.hpp"
#include "platform/http.hpp"

namespace sinergi {

struct PageRequest {
    std::int64_t limit = 50;
    std::optional<std::string> after;  // the decoded cursor: sort key of the last item already seen

    // The cursor of a list keyed by integer id; throws 400 naming `cursor` when it is not one.
    std::optional<std::int64_t> AfterId() const;
};

inline constexpr std::int64_t kMaxPageLimit = 500;

// Reads and validates `limit` and `cursor`; throws 400 naming the bad parameter.
PageRequest ParsePageRequest(const http::Request& request);
std::string EncodeCursor(std::string_view key);
// Builds the page; `next_key` is the sort key of the last item when more items follow.
boost::json::object MakePage(boost::json::array items, std::int64_t total, const std::optional<std::string>& next_key);

template <typename T>
struct Page {
    std::vector<T> items;
    std::int64_t total = 0;
    std::optional<std::string> next_key;  // sort key of the last item when more follow
};

enum class KeyOrder { kAscending, kDescending };

// One keyset-paged query: counts `count_from + where`, then reads `select + where` after the cursor, ordered by
// `key_column`, one row more than the limit to learn whether more follow. The key is column 0 of `select`; an
// integer key's cursor must be an integer (400 otherwise).
template <typename T, typename Reader>
Page<T> QueryPage(db::Connection& connection, std::string_view select, std::string_view count_from,
                  db::Conditions where, std::string_view key_column, KeyOrder order, bool integer_key,
                  const PageRequest& page, Reader read) {
    Page<T> result;
    result.total =
        connection.QueryOne("SELECT COUNT(*) " + std::string(count_from) + where.Where(), where.params())->Int(0);
    const std::string comparison = order == KeyOrder::kAscending ? " > ?" : " < ?";
    if (integer_key) {
        if (auto after = page.AfterId()) {
            where.Add(std::string(key_column) + comparison, {*after});
        }
    } else if (page.after) {
        where.Add(std::string(key_column) + comparison, {*page.after});
    }
    auto params = where.params();
    params.emplace_back(page.limit + 1);
    auto rows = connection.Query(std::string(select) + where.Where() + " ORDER BY " + std::string(key_column) +
                                     (order == KeyOrder::kAscending ? " ASC" : " DESC") + " LIMIT ?",
                                 params);
    const bool more = static_cast<std::int64_t>(rows.size()) > page.limit;
    if (more) {
        rows.pop_back();
    }
    for (const auto& row : rows) {
        result.items.push_back(read(row));
    }
    if (more) {
        result.next_key = rows.back().Text(0);
    }
    return result;
}

}  // namespace sinergi
