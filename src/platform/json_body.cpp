#include "platform/json_body.hpp"

#include <algorithm>

#include <boost/json/stream_parser.hpp>
#include <fmt/format.h>

#include "platform/text.hpp"

namespace sinergi::http {

boost::json::object ParseJsonObject(const Request& request) {
    const auto content_type = request.Header("Content-Type").value_or("");
    const auto media = content_type.substr(0, content_type.find(';'));
    if (media != "application/json" && !(media.starts_with("application/") && media.ends_with("+json"))) {
        throw Error(errors::kUnsupportedMediaType,
                    {fmt::format("Data harus dikirim sebagai JSON (Content-Type: application/json), bukan '{}'.",
                                 media.empty() ? "(kosong)" : media),
                     fmt::format("The body must be JSON (Content-Type: application/json), not '{}'.",
                                 media.empty() ? "(none)" : media)});
    }
    boost::json::stream_parser parser;
    boost::system::error_code ec;
    const auto& body = request.body;
    std::size_t consumed = parser.write(body.data(), body.size(), ec);
    if (!ec) {
        parser.finish(ec);
        consumed = body.size();
    }
    if (ec) {
        const auto offset = std::min(consumed, body.size());
        const auto before = std::string_view(body).substr(0, offset);
        const auto line = 1 + std::count(before.begin(), before.end(), '\n');
        const auto last_newline = before.rfind('\n');
        const auto column = 1 + (last_newline == std::string_view::npos ? offset : offset - last_newline - 1);
        throw Error(
            errors::kMalformedJson,
            {fmt::format("JSON tidak valid di baris {} kolom {} (posisi {}): {}.", line, column, offset, ec.message()),
             fmt::format("Malformed JSON at line {} column {} (offset {}): {}.", line, column, offset, ec.message())})
            .WithExtension("position", boost::json::object{{"offset", offset}, {"line", line}, {"column", column}});
    }
    auto value = parser.release();
    if (!value.is_object()) {
        ValidationReport report;
        report.Add("HTTP-1010", "",
                   {"Isi permintaan harus berupa objek JSON {...}.", "The request body must be a JSON object {...}."});
        report.ThrowIfAny();
    }
    return std::move(value.as_object());
}

const boost::json::value* JsonFields::Find(std::string_view key, Presence presence) {
    seen_.emplace(key);
    const auto* value = object_.if_contains(key);
    if (value == nullptr || value->is_null()) {
        if (presence == Presence::kRequired) {
            report_.Add("HTTP-1011", key,
                        {fmt::format("Kolom '{}' wajib diisi.", key), fmt::format("Field '{}' is required.", key)});
        }
        return nullptr;
    }
    return value;
}

std::optional<std::string> JsonFields::String(std::string_view key, Presence presence, std::size_t min_length,
                                              std::size_t max_length) {
    const auto* value = Find(key, presence);
    if (value == nullptr) {
        return std::nullopt;
    }
    if (!value->is_string()) {
        report_.Add("HTTP-1012", key,
                    {fmt::format("Kolom '{}' harus berupa teks.", key), fmt::format("Field '{}' must be text.", key)});
        return std::nullopt;
    }
    std::string text(value->as_string());
    text.erase(0, text.find_first_not_of(" \t\r\n"));
    text.erase(text.find_last_not_of(" \t\r\n") + 1);
    const auto length = text::Utf8Length(text);
    if (length == 0 && presence == Presence::kRequired) {
        report_.Add("HTTP-1011", key,
                    {fmt::format("Kolom '{}' wajib diisi.", key), fmt::format("Field '{}' is required.", key)});
        return std::nullopt;
    }
    if (length < min_length || length > max_length) {
        report_.Add("HTTP-1013", key,
                    {fmt::format("Panjang kolom '{}' harus {}–{} karakter.", key, min_length, max_length),
                     fmt::format("Field '{}' must be {}–{} characters long.", key, min_length, max_length)});
        return std::nullopt;
    }
    return text;
}

std::optional<std::int64_t> JsonFields::Int(std::string_view key, Presence presence) {
    const auto* value = Find(key, presence);
    if (value == nullptr) {
        return std::nullopt;
    }
    if (value->is_int64()) {
        return value->as_int64();
    }
    if (value->is_uint64() && value->as_uint64() <= static_cast<std::uint64_t>(INT64_MAX)) {
        return static_cast<std::int64_t>(value->as_uint64());
    }
    report_.Add("HTTP-1014", key,
                {fmt::format("Kolom '{}' harus berupa bilangan bulat.", key),
                 fmt::format("Field '{}' must be a whole number.", key)});
    return std::nullopt;
}

std::optional<bool> JsonFields::Bool(std::string_view key, Presence presence) {
    const auto* value = Find(key, presence);
    if (value == nullptr) {
        return std::nullopt;
    }
    if (!value->is_bool()) {
        report_.Add("HTTP-1015", key,
                    {fmt::format("Kolom '{}' harus true atau false.", key),
                     fmt::format("Field '{}' must be true or false.", key)});
        return std::nullopt;
    }
    return value->as_bool();
}

void JsonFields::RejectUnknown() {
    for (const auto& [key, value] : object_) {
        if (!seen_.contains(key)) {
            report_.Add("HTTP-1016", key,
                        {fmt::format("Kolom '{}' tidak dikenal.", std::string_view(key)),
                         fmt::format("Unknown field '{}'.", std::string_view(key))});
        }
    }
}

}  // namespace sinergi::http
