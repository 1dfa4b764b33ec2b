// Files compiled into the binary (cmake/embed.cmake), so `sinergi` runs without its source tree.
#pragma once

#include <span>
#include <string_view>

namespace sinergi::embedded {

struct EmbeddedFile {
    std::string_view name;
    std::string_view content;
};

// migrations/NNNN_*.sql, sorted by name.
std::span<const EmbeddedFile> Migrations();
// api/openapi.yaml (one file).
std::span<const EmbeddedFile> ApiContract();

}  // namespace sinergi::embedded
