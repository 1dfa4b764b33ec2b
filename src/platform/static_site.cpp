#include "platform/static_site.hpp"

#include <fstream>
#include <sstream>
#include <unordered_map>

namespace sinergi::http {
namespace {

const std::unordered_map<std::string, std::string>& MediaTypes() {
    static const std::unordered_map<std::string, std::string> kTypes{
        {".html", "text/html; charset=utf-8"},
        {".js", "text/javascript; charset=utf-8"},
        {".mjs", "text/javascript; charset=utf-8"},
        {".css", "text/css; charset=utf-8"},
        {".json", "application/json"},
        {".svg", "image/svg+xml"},
        {".png", "image/png"},
        {".jpg", "image/jpeg"},
        {".ico", "image/x-icon"},
        {".woff", "font/woff"},
        {".woff2", "font/woff2"},
        {".ttf", "font/ttf"},
        {".txt", "text/plain; charset=utf-8"},
        {".map", "application/json"},
        {".yaml", "application/yaml"},
        {".webmanifest", "application/manifest+json"},
    };
    return kTypes;
}

std::string MediaType(const std::filesystem::path& path) {
    auto it = MediaTypes().find(path.extension().string());
    return it == MediaTypes().end() ? "application/octet-stream" : it->second;
}

bool IsKnownFileType(const std::string& extension) { return MediaTypes().contains(extension); }

}  // namespace

StaticSite::StaticSite(std::filesystem::path root) : root_(std::move(root)) {
    std::error_code ec;
    auto canonical = std::filesystem::weakly_canonical(root_, ec);
    if (!ec) {
        root_ = canonical;
    }
}

bool StaticSite::available() const { return std::filesystem::is_regular_file(root_ / "index.html"); }

std::optional<Response> StaticSite::File(const std::filesystem::path& path, bool immutable) const {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        return std::nullopt;
    }
    std::ostringstream content;
    content << in.rdbuf();
    Response response;
    response.content_type = MediaType(path);
    response.body = content.str();
    // Vite names assets by content hash, so they never change; pages must be re-checked to pick up new builds.
    response.WithHeader("Cache-Control", immutable ? "public, max-age=31536000, immutable" : "no-cache");
    return response;
}

std::optional<Response> StaticSite::Serve(const Request& request) const {
    if (!available()) {
        return std::nullopt;
    }
    const std::string& path = request.path;
    // No segment may climb out of the root, whatever its encoding was.
    if (path.find("..") == std::string::npos && path.find('\0') == std::string::npos && path.size() > 1) {
        std::error_code ec;
        auto candidate = std::filesystem::weakly_canonical(root_ / path.substr(1), ec);
        const auto candidate_text = candidate.string();
        const auto root_text = root_.string();
        if (!ec && candidate_text.starts_with(root_text + "/") && std::filesystem::is_regular_file(candidate)) {
            return File(candidate, path.starts_with("/assets/"));
        }
    }
    // A missing asset or file must not come back as the app's HTML: a browser holding old chunks after a deploy
    // would fail with a confusing MIME error instead of a plain 404.
    // App routes may contain dots (/regions/33.02), so only known file types count as files.
    const auto extension = std::filesystem::path(path).extension().string();
    if (path.starts_with("/assets/") || IsKnownFileType(extension)) {
        Response missing;
        missing.status = 404;
        missing.content_type = "text/plain; charset=utf-8";
        missing.body = "Berkas tidak ditemukan / File not found\n";
        return missing;
    }
    return File(root_ / "index.html", false);
}

}  // namespace sinergi::http
