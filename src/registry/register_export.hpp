// Export of a register search to CSV or XLSX (issue 3, item 8). The file holds one row per member of every household
// the search finds, in the columns and codes of the register import (register_import.hpp), so it can be imported
// again elsewhere. Personal data leaves the system here: a stated purpose is required and audited with what was
// exported, and the caller's regional scope applies exactly as in search.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "identity/identity_service.hpp"
#include "platform/clock.hpp"
#include "registry/registry_service.hpp"

namespace sinergi::registry {

enum class ExportFormat { kCsv, kXlsx };
std::optional<ExportFormat> ParseExportFormat(std::string_view text);

struct ExportedFile {
    std::string bytes;
    std::string content_type;
    std::string filename;  // register-<yyyymmdd-hhmmss>.csv|xlsx
    std::int64_t households = 0;
    std::int64_t persons = 0;
};

class RegisterExporter {
 public:
    // Larger selections are refused with a request to narrow the filters: the file is built in memory.
    static constexpr std::int64_t kMaxHouseholds = 100'000;

    // XLSX workbooks are written through a temporary file in `temp_dir`.
    RegisterExporter(RegistryService& registry, identity::IdentityService& identity, const Clock& clock,
                     std::filesystem::path temp_dir);

    // `purpose` must be 10–500 characters after trimming (REG-2340).
    ExportedFile Export(const identity::Caller& caller, const HouseholdQuery& query, ExportFormat format,
                        const std::string& purpose);

 private:
    RegistryService& registry_;
    identity::IdentityService& identity_;
    const Clock& clock_;
    std::filesystem::path temp_dir_;
};

}  // namespace sinergi::registry
