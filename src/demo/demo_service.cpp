#include "demo/demo_service.hpp"

#include <random>

#include <fmt/format.h>

#include "platform/crypto.hpp"

namespace sinergi::demo {

namespace {

using identity::AgencyKind;
using identity::Role;

struct AgencyPlan {
    std::string code;
    std::string name;
    AgencyKind kind;
    std::string region_code;
};

struct UserPlan {
    const char* username;
    Role role;
    const char* agency_code;
};

// Names drawn per seed, so demo screens look like a real regency's staff list.
constexpr const char* kGivenNames[] = {"Siti",  "Budi", "Dewi",   "Agus",    "Sri",  "Joko", "Rina", "Eko",
                                       "Wahyu", "Nur",  "Endang", "Bambang", "Yuni", "Hadi", "Tri",  "Ratna"};
constexpr const char* kFamilyNames[] = {"Rahayu",    "Santoso", "Lestari",    "Prasetyo", "Wulandari", "Setiawan",
                                        "Handayani", "Susanto", "Kurniawati", "Hidayat",  "Purwanti",  "Nugroho"};

std::string FirstChild(regions::RegionsService& regions, const std::string& parent, bool prefer_desa) {
    PageRequest page;
    page.limit = kMaxPageLimit;
    auto children = regions.List({parent, std::nullopt, std::nullopt}, page);
    if (children.items.empty()) {
        throw Error(sinergi::errors::kNotFound,
                    {fmt::format("Wilayah {} tidak memiliki wilayah di bawahnya; muat data wilayah lengkap.", parent),
                     fmt::format("Region {} has no children; load the full region data.", parent)});
    }
    if (prefer_desa) {
        for (const auto& child : children.items) {
            // The digit after the district code tells desa (2) from kelurahan (1).
            if (child.code.size() == 13 && child.code[9] == '2') {
                return child.code;
            }
        }
    }
    return children.items.front().code;
}

}  // namespace

DemoResult SeedDemo(identity::IdentityService& identity, regions::RegionsService& regions, const DemoOptions& options) {
    if (regions::LevelOfCode(options.regency) != regions::Level::kRegency || !regions.Exists(options.regency)) {
        throw Error(sinergi::errors::kNotFound,
                    {fmt::format("Kabupaten/kota dengan kode '{}' tidak ditemukan. Muat data wilayah dulu "
                                 "(sinergi regions load) dan gunakan kode seperti 33.02.",
                                 options.regency),
                     fmt::format("No regency with code '{}'. Load the regions first (sinergi regions load) and use "
                                 "a code such as 33.02.",
                                 options.regency)});
    }
    DemoResult result;
    result.regency_name = regions.Get(options.regency).region.name;
    const std::string& regency = options.regency;
    const auto district = FirstChild(regions, regency, false);
    const auto village = FirstChild(regions, district, true);
    const auto district_name = regions.Get(district).region.name;
    const auto village_name = regions.Get(village).region.name;
    const auto& place = result.regency_name;

    const std::vector<AgencyPlan> agencies{
        {"BAPPEDA", fmt::format("Bappeda {}", place), AgencyKind::kBappeda, regency},
        {"DINSOS", fmt::format("Dinas Sosial {}", place), AgencyKind::kDinas, regency},
        {"DINKES", fmt::format("Dinas Kesehatan {}", place), AgencyKind::kDinas, regency},
        {"DINDIK", fmt::format("Dinas Pendidikan {}", place), AgencyKind::kDinas, regency},
        {"DINPERKIM", fmt::format("Dinas Perumahan dan Kawasan Permukiman {}", place), AgencyKind::kDinas, regency},
        {"DINNAKER", fmt::format("Dinas Tenaga Kerja {}", place), AgencyKind::kDinas, regency},
        {"INSPEKTORAT", fmt::format("Inspektorat {}", place), AgencyKind::kDinas, regency},
        {"KEC-" + district.substr(6, 2), fmt::format("Kecamatan {}", district_name), AgencyKind::kKecamatan, district},
        {"DESA-" + village.substr(9), fmt::format("Desa {}", village_name), AgencyKind::kDesa, village},
        {"LSM-MITRA", "Yayasan Mitra Peduli Anak (organisasi demo)", AgencyKind::kNgo, regency},
    };
    const auto system = identity::IdentityService::System();
    for (const auto& plan : agencies) {
        if (!identity.FindAgencyByCode(plan.code)) {
            identity.CreateAgency(system, {plan.code, plan.name, plan.kind, plan.region_code});
            ++result.agencies_created;
        }
    }

    const std::vector<UserPlan> users{
        {"admin", Role::kAdmin, "BAPPEDA"},
        {"koordinator", Role::kCoordinator, "BAPPEDA"},
        {"kadinsos", Role::kAgencyHead, "DINSOS"},
        {"staf.dinsos", Role::kAgencyStaff, "DINSOS"},
        {"operator.dtks", Role::kRegistryOperator, "DINSOS"},
        {"operator.desa", Role::kVillageOperator, agencies[8].code.c_str()},
        {"mitra.lsm", Role::kNgoPartner, "LSM-MITRA"},
        {"pendamping", Role::kFacilitator, "DINSOS"},
        {"auditor", Role::kAuditor, "INSPEKTORAT"},
    };
    std::mt19937_64 random(options.seed);
    for (const auto& plan : users) {
        const auto agency = identity.FindAgencyByCode(plan.agency_code);
        const std::string full_name = fmt::format("{} {}", kGivenNames[random() % std::size(kGivenNames)],
                                                  kFamilyNames[random() % std::size(kFamilyNames)]);
        DemoAccount account{plan.username, plan.role, full_name, agency->name, std::nullopt};
        if (auto existing = identity.FindUserByUsername(plan.username)) {
            account.full_name = existing->full_name;
            if (options.password) {
                identity.ResetPassword(system, existing->id, *options.password);
                account.password = options.password;
            }
        } else {
            account.password = options.password.value_or(crypto::RandomToken(12));
            identity.CreateUser(system, {plan.username, full_name, agency->id, plan.role, *account.password});
        }
        result.accounts.push_back(std::move(account));
    }
    return result;
}

}  // namespace sinergi::demo
