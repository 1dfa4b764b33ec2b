#include "platform/error.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace sinergi {

Error::Error(const ErrorDef& def, LocalizedText message) : def_(def), message_(std::move(message)) {}

Error& Error::WithIssues(std::vector<Issue> issues) {
    issues_ = std::move(issues);
    return *this;
}

Error& Error::WithExtension(std::string_view key, boost::json::value value) {
    extensions_[key] = std::move(value);
    return *this;
}

void ValidationReport::Add(std::string_view code, std::string_view field, LocalizedText message,
                           std::optional<std::int64_t> row) {
    // Two checks may find the same problem (a shape check and a rule check); the person needs to read it once.
    for (const auto& issue : issues_) {
        if (issue.code == code && issue.field == field && issue.row == row) {
            return;
        }
    }
    issues_.push_back(Issue{std::string(code), std::string(field), row, std::move(message)});
}

bool ValidationReport::Names(std::string_view field, std::optional<std::int64_t> row) const {
    return std::any_of(issues_.begin(), issues_.end(),
                       [field, row](const Issue& issue) { return issue.field == field && issue.row == row; });
}

void ValidationReport::ThrowIfAny() const {
    if (issues_.empty()) {
        return;
    }
    const auto count = issues_.size();
    LocalizedText message{count == 1
                              ? fmt::format("Data tidak valid: {}", issues_.front().message.id)
                              : fmt::format("Data tidak valid: {} kesalahan. {}", count, issues_.front().message.id),
                          count == 1 ? fmt::format("Invalid data: {}", issues_.front().message.en)
                                     : fmt::format("Invalid data: {} problems. {}", count, issues_.front().message.en)};
    throw Error(errors::kValidationFailed, std::move(message)).WithIssues(issues_);
}

void InvariantFailed(const char* expression, const char* file, int line) {
    throw Error(errors::kInternal, {fmt::format("Kesalahan internal ({}:{}): {}", file, line, expression),
                                    fmt::format("Internal error ({}:{}): {}", file, line, expression)});
}

}  // namespace sinergi
