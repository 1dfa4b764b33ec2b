// Demo owns the demo district: the agencies of one regency (default Kabupaten Banyumas, 33.02) and one demo user
// per role, so a new user can try every part of Sinergi. Running it again reuses what exists.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "identity/identity_service.hpp"
#include "regions/regions_service.hpp"

namespace sinergi::demo {

struct DemoOptions {
    std::string regency = "33.02";
    std::uint64_t seed = 1;
    // One password for every demo user; without it each new demo user gets its own random password.
    std::optional<std::string> password;
};

struct DemoAccount {
    std::string username;
    identity::Role role;
    std::string full_name;
    std::string agency_name;
    std::optional<std::string> password;  // nullopt: the account existed and its password was left unchanged
};

struct DemoResult {
    std::string regency_name;
    std::vector<DemoAccount> accounts;
    int agencies_created = 0;
};

// Needs the regions loaded. Throws a clear error when the regency is unknown.
DemoResult SeedDemo(identity::IdentityService& identity, regions::RegionsService& regions, const DemoOptions& options);

}  // namespace sinergi::demo
