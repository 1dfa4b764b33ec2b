// The register's SQL, and nothing else. Column lists come from the attribute catalogue (trusted constant names);
// every value is a bound parameter.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "registry/registry_service.hpp"

namespace sinergi::registry {

struct StoredQuery {
    db::Conditions where;
};

class RegistryStore {
 public:
    // ---- Bulk writes (RegistryService::WriteQueued): many rows per statement, with the ids the caller gives ----
    struct HouseholdRow {
        std::int64_t id = 0;
        const FieldValues* fields = nullptr;
        std::optional<std::int64_t> head_person_id;
        std::string warnings_json;
        const std::string* now = nullptr;
    };
    struct PersonRow {
        std::int64_t id = 0;
        std::int64_t household_id = 0;
        const FieldValues* fields = nullptr;
        std::string warnings_json;
        const std::string* now = nullptr;
    };
    struct NameTokenRow {
        std::string token;
        std::int64_t person_id = 0;
    };
    struct KkHistoryRow {
        std::int64_t household_id = 0;
        std::string kk_number;
        const std::string* valid_from = nullptr;
    };
    struct CreateEventRow {
        const std::string* at = nullptr;
        std::int64_t household_id = 0;
        std::string_view entity;
        std::int64_t entity_id = 0;
        std::string changes_json;
    };
    // One more than the largest id in the table: the next id SQLite would give, fixed while the caller holds the
    // write transaction.
    std::int64_t NextHouseholdId(db::Connection& c);
    std::int64_t NextPersonId(db::Connection& c);
    void InsertHouseholds(db::Connection& c, std::span<const HouseholdRow> rows);
    void InsertPersons(db::Connection& c, std::span<const PersonRow> rows);
    void InsertNameTokens(db::Connection& c, std::span<const NameTokenRow> rows);
    void OpenKkHistories(db::Connection& c, std::span<const KkHistoryRow> rows);
    void InsertCreateEvents(db::Connection& c, std::optional<std::int64_t> actor_id, const std::string& actor,
                            Source source, const std::string& reason, std::span<const CreateEventRow> rows);

    std::int64_t InsertHousehold(db::Connection& c, const FieldValues& fields, const std::string& warnings_json,
                                 const std::string& now);
    std::int64_t InsertPerson(db::Connection& c, std::int64_t household_id, const FieldValues& fields,
                              const std::string& warnings_json, const std::string& now);
    void ReplaceNameTokens(db::Connection& c, std::int64_t person_id, const std::vector<std::string>& tokens);
    // For a person just inserted, who has no tokens yet.
    void InsertNameTokens(db::Connection& c, std::int64_t person_id, const std::vector<std::string>& tokens);
    void SetHead(db::Connection& c, std::int64_t household_id, std::optional<std::int64_t> person_id);
    void OpenKkHistory(db::Connection& c, std::int64_t household_id, const std::string& kk, const std::string& now);
    void CloseKkHistory(db::Connection& c, std::int64_t household_id, const std::string& now);

    std::optional<Household> FindHousehold(db::Connection& c, std::int64_t id);
    std::vector<Person> Members(db::Connection& c, std::int64_t household_id);
    std::optional<Person> FindPerson(db::Connection& c, std::int64_t id);
    std::optional<std::int64_t> LivingPersonWithNik(db::Connection& c, const std::string& nik);

    // Both return false when the row is no longer at `expected_version`.
    bool UpdateHousehold(db::Connection& c, std::int64_t id, std::int64_t expected_version, const FieldValues& changes,
                         const std::optional<std::string>& warnings_json, const std::string& now);
    bool UpdatePerson(db::Connection& c, std::int64_t id, std::int64_t expected_version, const FieldValues& changes,
                      const std::optional<std::string>& warnings_json, const std::string& now);

    void InsertEvent(db::Connection& c, const std::string& at, std::optional<std::int64_t> actor_id,
                     const std::string& actor, std::int64_t household_id, std::string_view entity,
                     std::int64_t entity_id, std::string_view kind, Source source, const std::string& reason,
                     const std::string& changes_json);
    identity::Page<HistoryEvent> Events(db::Connection& c, std::int64_t household_id, const PageRequest& page);

    std::int64_t InsertChangeRequest(db::Connection& c, const ChangeRequest& request);
    void InsertAttachment(db::Connection& c, std::int64_t request_id, const NewAttachment& attachment,
                          const std::string& now);
    std::optional<ChangeRequest> FindChangeRequest(db::Connection& c, std::int64_t id);
    // Moves a proposed request to a final status; false when it was no longer proposed.
    bool DecideChangeRequest(db::Connection& c, std::int64_t id, std::string_view status,
                             std::optional<std::int64_t> decided_by, const std::string& decided_by_name,
                             const std::string& now, const std::string& note,
                             std::optional<std::int64_t> result_household_id);
    identity::Page<ChangeRequest> ListChangeRequests(db::Connection& c, const ChangeRequestFilter& filter,
                                                     const std::string& scope_prefix,
                                                     std::optional<std::int64_t> proposed_by, const PageRequest& page);
    std::optional<std::pair<AttachmentInfo, std::string>> FindAttachment(db::Connection& c, std::int64_t request_id,
                                                                         std::int64_t attachment_id);
    void MovePerson(db::Connection& c, std::int64_t person_id, std::int64_t household_id, const std::string& now);

    identity::Page<VillageCurrency> Currency(db::Connection& c, const std::string& region_prefix,
                                             const std::string& scope_prefix, const std::string& verified_since,
                                             const PageRequest& page);

    identity::Page<Household> SearchHouseholds(db::Connection& c, const HouseholdQuery& query,
                                               const std::string& scope_prefix, const PageRequest& page);
    identity::Page<Person> SearchPersons(db::Connection& c, const PersonQuery& query, const std::string& scope_prefix,
                                         const PageRequest& page);
    // A page of the households (persons) `ids` found elsewhere: `ids` ascending, at most limit + 1 of them.
    identity::Page<Household> HouseholdsById(db::Connection& c, std::int64_t total,
                                             const std::vector<std::int64_t>& ids, std::int64_t limit);
    identity::Page<Person> PersonsById(db::Connection& c, std::int64_t total, const std::vector<std::int64_t>& ids,
                                       std::int64_t limit);
};

}  // namespace sinergi::registry
