// Reading JSON request bodies: content-type check, parsing with the error position reported (offset, line, column),
// and typed field access that collects every problem into a ValidationReport (required fields, wrong types, unknown
// fields) so one response lists all of them.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include "platform/error.hpp"
#include "platform/http.hpp"

namespace sinergi::http {

// An optional as JSON: its value, or null.
template <typename T>
boost::json::value OptionalJson(const std::optional<T>& value) {
    return value ? boost::json::value(*value) : boost::json::value(nullptr);
}

// An answer that carries personal data: no cache (browser or proxy) may keep it.
inline Response Private(Response response) {
    response.WithHeader("Cache-Control", "no-store");
    return response;
}

// The request body as a JSON object. Throws 415 for a non-JSON content type, 400 malformed-json (with `position`)
// for broken JSON, and 400 validation-failed when the body is not an object.
boost::json::object ParseJsonObject(const Request& request);

enum class Presence { kRequired, kOptional };

class JsonFields {
 public:
    JsonFields(const boost::json::object& object, ValidationReport& report) : object_(object), report_(report) {}

    // Text, trimmed of surrounding spaces. Length limits count characters (UTF-8 code points).
    std::optional<std::string> String(std::string_view key, Presence presence, std::size_t min_length = 0,
                                      std::size_t max_length = 1000);
    std::optional<std::int64_t> Int(std::string_view key, Presence presence);
    std::optional<bool> Bool(std::string_view key, Presence presence);
    // True when the key is present (even as null); lets PATCH tell "absent" from "set to null".
    bool Has(std::string_view key) const { return object_.contains(key); }
    // Reports every key that no accessor above asked for: a typo must not be silently ignored.
    void RejectUnknown();

 private:
    const boost::json::value* Find(std::string_view key, Presence presence);

    const boost::json::object& object_;
    ValidationReport& report_;
    std::set<std::string, std::less<>> seen_;
};

}  // namespace sinergi::http
