#include "platform/http.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <stdexcept>

#include <boost/json/serialize.hpp>
#include <fmt/format.h>

namespace sinergi::http {
namespace {

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
           });
}

std::string_view Trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) {
        s.remove_prefix(1);
    }
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) {
        s.remove_suffix(1);
    }
    return s;
}

}  // namespace

Language NegotiateLanguage(std::string_view accept_language) {
    // Highest q among the languages Sinergi speaks wins; ties keep the earlier entry; nothing known → Indonesian.
    double best_q = -1;
    Language best = Language::kId;
    std::size_t start = 0;
    while (start <= accept_language.size()) {
        auto end = accept_language.find(',', start);
        if (end == std::string_view::npos) {
            end = accept_language.size();
        }
        auto item = Trim(accept_language.substr(start, end - start));
        start = end + 1;
        double q = 1.0;
        if (auto semi = item.find(';'); semi != std::string_view::npos) {
            auto params = Trim(item.substr(semi + 1));
            item = Trim(item.substr(0, semi));
            if (params.starts_with("q=")) {
                try {
                    q = std::stod(std::string(params.substr(2)));
                } catch (...) {
                    q = 0;
                }
            }
        }
        const auto primary = item.substr(0, item.find('-'));
        std::optional<Language> language;
        if (EqualsIgnoreCase(primary, "en")) {
            language = Language::kEn;
        } else if (EqualsIgnoreCase(primary, "id") || EqualsIgnoreCase(primary, "in")) {
            language = Language::kId;
        }
        if (language && q > best_q) {
            best_q = q;
            best = *language;
        }
    }
    return best;
}

const std::string& Pick(const LocalizedText& text, Language language) {
    return language == Language::kEn ? text.en : text.id;
}

std::optional<std::string> Request::Header(std::string_view name) const {
    for (const auto& [key, value] : headers) {
        if (EqualsIgnoreCase(key, name)) {
            return value;
        }
    }
    return std::nullopt;
}

std::optional<std::string> Request::Query(std::string_view name) const {
    for (const auto& [key, value] : query) {
        if (key == name) {
            return value;
        }
    }
    return std::nullopt;
}

const std::string& Request::PathParam(const std::string& name) const {
    auto it = path_params.find(name);
    SINERGI_INVARIANT(it != path_params.end());
    return it->second;
}

std::optional<std::string> Request::Cookie(std::string_view name) const {
    for (const auto& [key, value] : headers) {
        if (!EqualsIgnoreCase(key, "cookie")) {
            continue;
        }
        std::string_view rest = value;
        while (!rest.empty()) {
            auto end = rest.find(';');
            auto pair = Trim(rest.substr(0, end));
            rest = end == std::string_view::npos ? std::string_view{} : rest.substr(end + 1);
            auto eq = pair.find('=');
            if (eq != std::string_view::npos && pair.substr(0, eq) == name) {
                return std::string(pair.substr(eq + 1));
            }
        }
    }
    return std::nullopt;
}

Response Response::Json(unsigned status, const boost::json::value& value) {
    Response response;
    response.status = status;
    response.content_type = "application/json; charset=utf-8";
    response.body = boost::json::serialize(value);
    return response;
}

Response Response::NoContent() {
    Response response;
    response.status = 204;
    return response;
}

Response& Response::WithHeader(std::string name, std::string value) {
    headers.emplace_back(std::move(name), std::move(value));
    return *this;
}

namespace {
std::optional<std::int64_t> ParseInt(std::string_view text) {
    std::int64_t value = 0;
    const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || ptr != text.data() + text.size()) {
        return std::nullopt;
    }
    return value;
}

[[noreturn]] void ThrowBadParameter(std::string_view name, std::string_view expected_id, std::string_view expected_en) {
    ValidationReport report;
    report.Add("HTTP-1020", name,
               {fmt::format("Parameter '{}' harus {}.", name, expected_id),
                fmt::format("Parameter '{}' must be {}.", name, expected_en)});
    report.ThrowIfAny();
    throw std::logic_error("unreachable");
}
}  // namespace

std::optional<std::int64_t> QueryInt(const Request& request, std::string_view name) {
    auto text = request.Query(name);
    if (!text || text->empty()) {
        return std::nullopt;
    }
    auto value = ParseInt(*text);
    if (!value) {
        ThrowBadParameter(name, "bilangan bulat", "a whole number");
    }
    return value;
}

std::optional<bool> QueryBool(const Request& request, std::string_view name) {
    auto text = request.Query(name);
    if (!text || text->empty()) {
        return std::nullopt;
    }
    if (*text == "true" || *text == "1") {
        return true;
    }
    if (*text == "false" || *text == "0") {
        return false;
    }
    ThrowBadParameter(name, "true atau false", "true or false");
}

std::string ETag(std::int64_t version) { return fmt::format("\"{}\"", version); }

std::int64_t RequiredVersion(const Request& request, const ErrorDef& required) {
    auto header = request.Header("If-Match");
    if (!header || header->empty()) {
        throw Error(required,
                    {"Perubahan harus menyertakan versi data yang Anda lihat (header If-Match). Muat ulang halaman.",
                     "A change must carry the version you saw (If-Match header). Reload the page."});
    }
    std::string_view text = *header;
    if (text.starts_with("W/")) {
        text.remove_prefix(2);
    }
    if (text.size() >= 2 && text.front() == '"' && text.back() == '"') {
        text = text.substr(1, text.size() - 2);
    }
    if (auto version = ParseInt(text); version && *version > 0) {
        return *version;
    }
    throw Error(required, {fmt::format("Header If-Match '{}' tidak berisi versi yang valid.", *header),
                           fmt::format("The If-Match header '{}' holds no valid version.", *header)});
}

std::int64_t PathId(const Request& request, const std::string& name) {
    auto value = ParseInt(request.PathParam(name));
    if (!value || *value <= 0) {
        throw Error(sinergi::errors::kNotFound,
                    {fmt::format("Data dengan id '{}' tidak ditemukan.", request.PathParam(name)),
                     fmt::format("No record with id '{}'.", request.PathParam(name))});
    }
    return *value;
}

unsigned StatusOf(ErrorKind kind) {
    switch (kind) {
        case ErrorKind::kInvalid:
            return 400;
        case ErrorKind::kUnauthorized:
            return 401;
        case ErrorKind::kForbidden:
            return 403;
        case ErrorKind::kNotFound:
            return 404;
        case ErrorKind::kMethodNotAllowed:
            return 405;
        case ErrorKind::kConflict:
            return 409;
        case ErrorKind::kPreconditionFailed:
            return 412;
        case ErrorKind::kTooLarge:
            return 413;
        case ErrorKind::kUnsupportedMediaType:
            return 415;
        case ErrorKind::kPreconditionRequired:
            return 428;
        case ErrorKind::kRateLimited:
            return 429;
        case ErrorKind::kUnavailable:
            return 503;
        case ErrorKind::kInternal:
            return 500;
    }
    return 500;
}

boost::json::object Localized(const LocalizedText& text) { return {{"id", text.id}, {"en", text.en}}; }

boost::json::object IssueJson(const Issue& issue) {
    boost::json::object item{{"code", issue.code}, {"field", issue.field}, {"message", Localized(issue.message)}};
    if (issue.row) {
        item["row"] = *issue.row;
    }
    return item;
}

Response RenderProblem(const Error& error, Language language, std::string_view instance) {
    const unsigned status = StatusOf(error.kind());
    boost::json::object body{
        {"type", fmt::format("urn:sinergi:problem:{}", error.slug())},
        {"title", error.title()},
        {"status", status},
        {"detail", Pick(error.message(), language)},
        {"code", error.code()},
        {"message", Localized(error.message())},
        {"instance", instance},
    };
    if (!error.issues().empty()) {
        boost::json::array issues;
        for (const auto& issue : error.issues()) {
            issues.push_back(IssueJson(issue));
        }
        body["errors"] = std::move(issues);
    }
    for (const auto& [key, value] : error.extensions()) {
        body[key] = value;
    }
    Response response = Response::Json(status, body);
    response.content_type = "application/problem+json; charset=utf-8";
    if (const auto* retry = error.extensions().if_contains("retry_after_seconds")) {
        response.WithHeader("Retry-After", boost::json::serialize(*retry));
    }
    return response;
}

}  // namespace sinergi::http
