// Regions owns Indonesia's administrative areas by their Kemendagri codes (province 33, regency 33.02, district
// 33.02.01, village 33.02.01.2001): loading them from the idn-area-data package's CSV files, browsing children,
// searching by name, and a region with its ancestors. Other modules validate region codes through this header.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "identity/identity_service.hpp"
#include "platform/database.hpp"

namespace sinergi::regions {

enum class Level { kProvince, kRegency, kDistrict, kVillage };
std::string_view ToString(Level level);
std::optional<Level> ParseLevel(std::string_view text);
// The level a code's shape implies (2, 2.2, 2.2.2 or 2.2.2.4 digits), or nullopt for a malformed code.
std::optional<Level> LevelOfCode(std::string_view code);

struct Region {
    std::string code;
    std::string name;
    Level level = Level::kProvince;
    std::optional<std::string> parent_code;
};

struct RegionDetail {
    Region region;
    std::vector<Region> ancestors;  // province first, down to the parent
};

struct RegionQuery {
    std::optional<std::string> parent;  // children of this code
    std::optional<Level> level;         // all of one level
    std::optional<std::string> q;       // name contains (case-insensitive)
};

struct LoadReport {
    std::int64_t provinces = 0;
    std::int64_t regencies = 0;
    std::int64_t districts = 0;
    std::int64_t villages = 0;
};

class RegionsService {
 public:
    explicit RegionsService(db::Database& db) : db_(db) {}

    identity::Page<Region> List(const RegionQuery& query, const PageRequest& page);
    RegionDetail Get(const std::string& code);
    bool Exists(const std::string& code);

    // Loads provinces.csv, regencies.csv, districts.csv and villages.csv from `dir` in one transaction, replacing
    // names of codes already present; a malformed file changes nothing and the error names file, line and column.
    // `progress` is called with (rows done, file name).
    LoadReport Load(const std::filesystem::path& dir,
                    const std::function<void(std::int64_t, const std::string&)>& progress = {});

 private:
    db::Database& db_;
};

void RegisterRegionRoutes(identity::ApiGateway& api, RegionsService& regions);

}  // namespace sinergi::regions
