// The HTTP request and response every route handler sees, independent of Boost.Beast, plus the one place that turns
// an Error into RFC 9457 application/problem+json.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include <boost/json/value.hpp>

#include "platform/error.hpp"

namespace sinergi::http {

// The language people read messages in: Indonesian unless the request asks for English (Accept-Language).
enum class Language { kId, kEn };
Language NegotiateLanguage(std::string_view accept_language);
const std::string& Pick(const LocalizedText& text, Language language);
// {"id": …, "en": …}: how every message reaches clients.
boost::json::object Localized(const LocalizedText& text);
// One problem as problem+json lists it in `errors` (a FieldError in the contract).
boost::json::object IssueJson(const Issue& issue);

using HeaderList = std::vector<std::pair<std::string, std::string>>;

struct Request {
    std::string method;                                      // upper case, e.g. "GET"
    std::string path;                                        // percent-decoded path without the query
    std::vector<std::pair<std::string, std::string>> query;  // decoded, in order
    HeaderList headers;
    std::string body;
    std::string client_ip;
    Language language = Language::kId;
    std::unordered_map<std::string, std::string> path_params;  // filled by the router

    std::optional<std::string> Header(std::string_view name) const;  // case-insensitive
    std::optional<std::string> Query(std::string_view name) const;
    const std::string& PathParam(const std::string& name) const;
    bool ChangesState() const { return method != "GET" && method != "HEAD" && method != "OPTIONS"; }
    // The value of cookie `name`, if sent.
    std::optional<std::string> Cookie(std::string_view name) const;
};

struct Response {
    unsigned status = 200;
    std::string content_type;
    HeaderList headers;
    std::string body;

    static Response Json(unsigned status, const boost::json::value& value);
    static Response NoContent();
    Response& WithHeader(std::string name, std::string value);
};

// Typed query and path parameters; a malformed value throws 400 naming the parameter.
std::optional<std::int64_t> QueryInt(const Request& request, std::string_view name);
std::optional<bool> QueryBool(const Request& request, std::string_view name);

// Optimistic concurrency: a record's version as its ETag ("3"), and the version a change was based on, from If-Match
// ("3", W/"3" or 3); a missing or unreadable one raises `required` (428).
std::string ETag(std::int64_t version);
std::int64_t RequiredVersion(const Request& request, const ErrorDef& required);
std::int64_t PathId(const Request& request, const std::string& name = "id");

unsigned StatusOf(ErrorKind kind);
// Renders `error` as problem+json; `detail` is in `language`, `message` carries both languages.
Response RenderProblem(const Error& error, Language language, std::string_view instance);

// Errors raised by the HTTP layer itself.
namespace errors {
inline constexpr ErrorDef kMalformedJson{ErrorKind::kInvalid, "HTTP-1001", "malformed-json", "Malformed JSON"};
inline constexpr ErrorDef kPayloadTooLarge{ErrorKind::kTooLarge, "HTTP-1002", "payload-too-large", "Payload too large"};
inline constexpr ErrorDef kUnsupportedMediaType{ErrorKind::kUnsupportedMediaType, "HTTP-1003", "unsupported-media-type",
                                                "Unsupported media type"};
inline constexpr ErrorDef kNoSuchEndpoint{ErrorKind::kNotFound, "HTTP-1004", "not-found", "Not found"};
inline constexpr ErrorDef kMethodNotAllowed{ErrorKind::kMethodNotAllowed, "HTTP-1005", "method-not-allowed",
                                            "Method not allowed"};
inline constexpr ErrorDef kBadRequest{ErrorKind::kInvalid, "HTTP-1006", "bad-request", "Bad request"};
inline constexpr ErrorDef kInvalidQuery{ErrorKind::kInvalid, "HTTP-1007", "validation-failed", "Validation failed"};
}  // namespace errors

}  // namespace sinergi::http
