// The one paging contract of every list endpoint: `limit` (1..500, default 50) and an opaque `cursor` in;
// {"items": [...], "total": N, "next": CURSOR|null} out. Cursors carry the sort key of the last item (keyset
// paging), so pages stay stable and fast however deep one goes.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

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

}  // namespace sinergi
