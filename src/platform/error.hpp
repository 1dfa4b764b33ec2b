// Errors that end a piece of work. Expected problems (a bad field, a bad row) are collected as Issue values in a
// ValidationReport; a problem that ends a request is thrown once as sinergi::Error and turned into
// application/problem+json by platform/http alone. Every error carries a stable code (e.g. "IDN-1001"), a stable
// problem slug (the `type`), and its message in Indonesian and English, so the operator reading it understands it.
#pragma once

#include <cstdint>
#include <exception>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/object.hpp>

namespace sinergi {

// Protocol-independent kinds; platform/http maps each to one HTTP status.
enum class ErrorKind {
    kInvalid,               // 400
    kUnauthorized,          // 401
    kForbidden,             // 403
    kNotFound,              // 404
    kMethodNotAllowed,      // 405
    kConflict,              // 409
    kPreconditionFailed,    // 412 (stale version)
    kTooLarge,              // 413
    kUnsupportedMediaType,  // 415
    kPreconditionRequired,  // 428 (version missing)
    kRateLimited,           // 429
    kInternal,              // 500
    kUnavailable,           // 503
};

// Text shown to people, always in both languages the UI speaks.
struct LocalizedText {
    std::string id;  // Bahasa Indonesia, the default
    std::string en;
};

// The definition of one error: kind, stable code, problem slug (urn:sinergi:problem:<slug>) and English title.
struct ErrorDef {
    ErrorKind kind;
    std::string_view code;
    std::string_view slug;
    std::string_view title;
};

// One expected problem with one field (and, for imports, one row).
struct Issue {
    std::string code;
    std::string field;
    std::optional<std::int64_t> row;
    LocalizedText message;
};

class Error : public std::exception {
 public:
    Error(const ErrorDef& def, LocalizedText message);

    // Attach the problems behind a validation failure; each names its field (and row).
    Error& WithIssues(std::vector<Issue> issues);
    // Extra problem+json members, e.g. {"position": {...}} or {"retry_after_seconds": 900}.
    Error& WithExtension(std::string_view key, boost::json::value value);

    const char* what() const noexcept override { return message_.en.c_str(); }
    ErrorKind kind() const { return def_.kind; }
    std::string_view code() const { return def_.code; }
    std::string_view slug() const { return def_.slug; }
    std::string_view title() const { return def_.title; }
    const LocalizedText& message() const { return message_; }
    const std::vector<Issue>& issues() const { return issues_; }
    const boost::json::object& extensions() const { return extensions_; }

 private:
    ErrorDef def_;
    LocalizedText message_;
    std::vector<Issue> issues_;
    boost::json::object extensions_;
};

// Errors every module may raise.
namespace errors {
inline constexpr ErrorDef kValidationFailed{ErrorKind::kInvalid, "GEN-1001", "validation-failed", "Validation failed"};
inline constexpr ErrorDef kNotFound{ErrorKind::kNotFound, "GEN-1002", "not-found", "Not found"};
inline constexpr ErrorDef kConflict{ErrorKind::kConflict, "GEN-1003", "conflict", "Conflict"};
inline constexpr ErrorDef kForbidden{ErrorKind::kForbidden, "GEN-1004", "forbidden", "Forbidden"};
inline constexpr ErrorDef kUnauthenticated{ErrorKind::kUnauthorized, "GEN-1005", "unauthenticated",
                                           "Authentication required"};
inline constexpr ErrorDef kInternal{ErrorKind::kInternal, "GEN-1006", "internal", "Internal error"};
inline constexpr ErrorDef kUnavailable{ErrorKind::kUnavailable, "GEN-1007", "unavailable", "Service unavailable"};
}  // namespace errors

// Collects Issues while validating input; ThrowIfAny raises one validation error that lists all of them, so the user
// fixes every field in one go instead of one per round trip.
class ValidationReport {
 public:
    void Add(std::string_view code, std::string_view field, LocalizedText message,
             std::optional<std::int64_t> row = std::nullopt);
    bool empty() const { return issues_.empty(); }
    // True when some issue already names `field` in `row` (so a later check need not report it again).
    bool Names(std::string_view field, std::optional<std::int64_t> row = std::nullopt) const;
    const std::vector<Issue>& issues() const { return issues_; }
    void ThrowIfAny() const;

 private:
    std::vector<Issue> issues_;
};

// Programmer errors. SINERGI_INVARIANT holds in release builds too and ends the request with a 500.
[[noreturn]] void InvariantFailed(const char* expression, const char* file, int line);
#define SINERGI_INVARIANT(expr) ((expr) ? static_cast<void>(0) : ::sinergi::InvariantFailed(#expr, __FILE__, __LINE__))
#ifdef NDEBUG
#define SINERGI_ASSERT(expr) static_cast<void>(0)
#else
#define SINERGI_ASSERT(expr) SINERGI_INVARIANT(expr)
#endif

}  // namespace sinergi
