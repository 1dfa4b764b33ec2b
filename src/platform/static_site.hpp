// Serves the built web UI (web/dist): files by path with the right media type, long caching for hashed assets,
// and the single-page-app fallback to index.html for any other GET outside /api.
#pragma once

#include <filesystem>
#include <optional>

#include "platform/http.hpp"

namespace sinergi::http {

class StaticSite {
 public:
    explicit StaticSite(std::filesystem::path root);
    bool available() const;
    // A response for GET/HEAD of `request.path`, or nullopt when the site has no answer (not built).
    std::optional<Response> Serve(const Request& request) const;

 private:
    std::optional<Response> File(const std::filesystem::path& path, bool immutable) const;
    std::filesystem::path root_;
};

}  // namespace sinergi::http
