// The fixture the register's tests share.
#pragma once

#include <gtest/gtest.h>

#include "registry/registry_service.hpp"
#include "support/test_support.hpp"

namespace sinergi::registry {

using identity::Caller;
using identity::Role;

inline std::optional<std::string> TextOf(const FieldValues& fields, std::string_view name) {
    auto it = fields.find(name);
    if (it == fields.end() || !std::holds_alternative<std::string>(it->second)) {
        return std::nullopt;
    }
    return std::get<std::string>(it->second);
}

inline FieldValues Member(std::string name, std::string sex, std::string relation, std::optional<std::string> nik = {},
                          std::optional<std::string> birth_date = {}) {
    FieldValues member{{"name", std::move(name)}, {"sex", std::move(sex)}, {"relation", std::move(relation)}};
    if (nik) {
        member["nik"] = *nik;
    }
    if (birth_date) {
        member["birth_date"] = *birth_date;
    }
    return member;
}

// A migrated database with test regions, a registry operator (Dinsos) and a village operator of 33.02.01.2002.
class RegistryTest : public ::testing::Test {
 protected:
    RegistryTest()
        : db_(testing::MigratedDatabase(dir_)),
          clock_(*ParseTimestamp("2026-11-23T08:00:00Z")),
          identity_(*db_, clock_),
          regions_(*db_),
          registry_(*db_, identity_, regions_, clock_) {
        testing::InsertTestRegions(*db_);
        const auto dinsos =
            identity_.CreateAgency(system_, {"DINSOS", "Dinas Sosial", identity::AgencyKind::kDinas, "33.02"});
        const auto desa =
            identity_.CreateAgency(system_, {"DESA-2002", "Desa Cidora", identity::AgencyKind::kDesa, "33.02.01.2002"});
        operator_ =
            SignedIn(identity_.CreateUser(system_, {"operator", "Operator", dinsos.id, Role::kRegistryOperator, kPw}));
        village_ =
            SignedIn(identity_.CreateUser(system_, {"desa", "Operator Desa", desa.id, Role::kVillageOperator, kPw}));
    }

    static Caller SignedIn(identity::User user) {
        Caller caller;
        caller.user = std::move(user);
        caller.client_ip = "127.0.0.1";
        return caller;
    }

    NewHousehold Family(std::string village = "33.02.01.2001") {
        NewHousehold household;
        household.fields = {{"village_code", std::move(village)},
                            {"kk_number", std::string("3302011203150007")},
                            {"desil", std::int64_t{2}}};
        household.members = {Member("Moehammad Joesoef", "L", "kepala_keluarga", "3302011708850003", "1985-08-17"),
                             Member("Siti Aminah", "P", "istri_suami", "3302015708870004", "1987-08-18"),
                             Member("Budi", "L", "anak")};
        return household;
    }

    Error CreateFails(const NewHousehold& household) {
        try {
            registry_.Create(operator_, household, Source::kForm, "uji");
        } catch (const Error& error) {
            return error;
        }
        ADD_FAILURE() << "expected the household to be refused";
        return Error(sinergi::errors::kInternal, {"", ""});
    }

    static std::vector<std::string> Fields(const Error& error) {
        std::vector<std::string> fields;
        for (const auto& issue : error.issues()) {
            fields.push_back(issue.field);
        }
        return fields;
    }

    static constexpr const char* kPw = "kata-sandi-uji-123";
    testing::TempDir dir_;
    std::unique_ptr<db::Database> db_;
    ManualClock clock_;
    identity::IdentityService identity_;
    regions::RegionsService regions_;
    RegistryService registry_;
    Caller system_ = identity::IdentityService::System();
    Caller operator_;
    Caller village_;
};

}  // namespace sinergi::registry
