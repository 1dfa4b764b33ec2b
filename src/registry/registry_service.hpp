// The register (Data Terpadu): households and persons, the one current reference every agency targets from.
// Owns their validation (NIK/KK rules, the attribute catalogue, one living person per NIK), their history (every
// create, change and closing is an event with field-level before/after), optimistic concurrency by version, and
// search. Every read of personal data and every change is audited through identity.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "identity/identity_service.hpp"
#include "platform/clock.hpp"
#include "regions/regions_service.hpp"
#include "registry/fields.hpp"
#include "registry/nik.hpp"

namespace sinergi::registry {

enum class Source { kForm, kImport, kChangeRequest, kMerge, kDemo };
std::string_view ToString(Source source);

struct Person {
    std::int64_t id = 0;
    std::int64_t household_id = 0;
    std::int64_t version = 0;
    FieldValues fields;  // keys of PersonFields()
    std::vector<std::string> warnings;
    std::string created_at;
    std::string updated_at;
};

struct Household {
    std::int64_t id = 0;
    std::int64_t version = 0;
    FieldValues fields;  // keys of HouseholdFields()
    std::optional<std::int64_t> head_person_id;
    std::string status;  // active | closed
    std::optional<std::string> closed_reason;
    std::optional<std::string> closed_at;
    std::vector<std::string> warnings;
    std::string created_at;
    std::string updated_at;
    std::optional<std::string> village_name;
    std::vector<Person> members;  // filled by Get, empty in search results
    std::int64_t member_count = 0;
    std::optional<std::string> head_name;
};

struct NewHousehold {
    FieldValues fields;
    std::vector<FieldValues> members;
};

struct HouseholdQuery {
    std::optional<std::string> q;       // NIK, KK number or name (spelling-tolerant)
    std::optional<std::string> region;  // code at any level
    std::optional<std::int64_t> desil_min;
    std::optional<std::int64_t> desil_max;
    std::optional<std::string> status;  // active (default) | closed | all
};

struct PersonQuery {
    std::optional<std::string> q;
    std::optional<std::int64_t> household;
    std::optional<std::string> region;
};

struct HistoryEvent {
    std::int64_t id = 0;
    std::string at;
    std::string actor_username;
    std::string entity;
    std::int64_t entity_id = 0;
    std::string kind;
    std::string source;
    std::string reason;
    std::string changes_json;
};

class RegistryStore;

class RegistryService {
 public:
    RegistryService(db::Database& db, identity::IdentityService& identity, regions::RegionsService& regions,
                    const Clock& clock);
    ~RegistryService();
    RegistryService(const RegistryService&) = delete;
    RegistryService& operator=(const RegistryService&) = delete;

    // Validates every field of the household and its members, then writes them with their create events.
    Household Create(const identity::Caller& caller, const NewHousehold& input, Source source,
                     const std::string& reason);
    // Creates many households in one transaction (demo, import): all or nothing; a problem names its household by
    // its 1-based position as the row.
    std::int64_t CreateMany(const identity::Caller& caller, std::span<const NewHousehold> households, Source source,
                            const std::string& reason);
    Household Get(const identity::Caller& caller, std::int64_t id);
    // Applies `changes` if the household is still at `expected_version` (412 otherwise); records one event.
    Household Update(const identity::Caller& caller, std::int64_t id, std::int64_t expected_version,
                     const FieldValues& changes, const std::string& reason);
    Person UpdatePerson(const identity::Caller& caller, std::int64_t id, std::int64_t expected_version,
                        const FieldValues& changes, const std::string& reason);
    identity::Page<HistoryEvent> History(const identity::Caller& caller, std::int64_t household_id,
                                         const PageRequest& page);
    identity::Page<Household> SearchHouseholds(const identity::Caller& caller, const HouseholdQuery& query,
                                               const PageRequest& page);
    identity::Page<Person> SearchPersons(const identity::Caller& caller, const PersonQuery& query,
                                         const PageRequest& page);

    // Checks a household and members without writing; every problem goes to `report` (field paths such as
    // "members[1].nik", rows as given). Returns the warnings per member (same order) when valid.
    std::vector<std::vector<std::string>> Validate(db::Connection& connection, const NewHousehold& input,
                                                   ValidationReport& report,
                                                   std::optional<std::int64_t> row = std::nullopt);

 private:
    std::int64_t InsertValidated(db::Connection& connection, const identity::Caller& caller, const NewHousehold& input,
                                 const std::vector<std::vector<std::string>>& member_warnings, Source source,
                                 const std::string& reason, const std::string& now);
    std::string RegionScope(const identity::Caller& caller, std::string_view action) const;
    void RequireInScope(const identity::Caller& caller, std::string_view action, const std::string& village_code) const;

    db::Database& db_;
    identity::IdentityService& identity_;
    regions::RegionsService& regions_;
    const Clock& clock_;
    std::unique_ptr<RegistryStore> store_;
};

namespace errors {
inline constexpr ErrorDef kVersionMismatch{ErrorKind::kPreconditionFailed, "REG-1101", "version-mismatch",
                                           "Record changed meanwhile"};
inline constexpr ErrorDef kVersionRequired{ErrorKind::kPreconditionRequired, "REG-1102", "version-required",
                                           "If-Match required"};
inline constexpr ErrorDef kNikTaken{ErrorKind::kConflict, "REG-1103", "nik-taken", "NIK already registered"};
}  // namespace errors

void RegisterRegistryRoutes(identity::ApiGateway& api, RegistryService& registry);

}  // namespace sinergi::registry
