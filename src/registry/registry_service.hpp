// The register (Data Terpadu): households and persons, the one current reference every agency targets from.
// Owns their validation (NIK/KK rules, the attribute catalogue, one living person per NIK), their history (every
// create, change and closing is an event with field-level before/after), optimistic concurrency by version, and
// search. Every read of personal data and every change is audited through identity.
#pragma once

#include <cstdint>
#include <functional>
#include <initializer_list>
#include <mutex>
#include <optional>
#include <set>
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
    FieldValues attributes;             // equality on catalogue fields, e.g. floor_material = tanah
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

// ---- Change requests (usulan) ------------------------------------------------------------------------------------
enum class ChangeKind {
    kNewHousehold,     // a family not yet in the register: payload {household:{…}, members:[…]}
    kAddMember,        // birth or arrival: household_id, payload {member:{…}}
    kMemberLeft,       // moved out: person_id, payload {date}
    kDeath,            // person_id, payload {date}
    kMove,             // the household moved: household_id, payload {village_code, rt, rw, address}
    kSplit,            // part of a family forms its own: household_id, payload {person_ids:[…], head_person_id,
                       //   household:{kk_number, …}}
    kChangeHousehold,  // household_id, payload {changes:{…}}
    kChangePerson,     // person_id, payload {changes:{…}}
};
std::string_view ToString(ChangeKind kind);
std::optional<ChangeKind> ParseChangeKind(std::string_view text);

enum class ChangeStatus { kProposed, kVerified, kRejected, kWithdrawn };

struct AttachmentInfo {
    std::int64_t id = 0;
    std::string filename;
    std::string content_type;
    std::int64_t size_bytes = 0;
    std::string created_at;
};

struct NewAttachment {
    std::string filename;
    std::string content_type;
    std::string bytes;
};

struct ChangeRequest {
    std::int64_t id = 0;
    ChangeKind kind = ChangeKind::kChangeHousehold;
    std::string status;
    std::string village_code;
    std::optional<std::int64_t> household_id;
    std::optional<std::int64_t> person_id;
    std::string payload_json;
    std::string reason;
    std::optional<std::int64_t> proposed_by;
    std::string proposed_by_name;
    std::string proposed_at;
    std::optional<std::string> decided_by_name;
    std::optional<std::string> decided_at;
    std::optional<std::string> decision_note;
    std::optional<std::int64_t> result_household_id;
    std::vector<AttachmentInfo> attachments;
};

struct ProposedChange {
    ChangeKind kind = ChangeKind::kChangeHousehold;
    std::optional<std::int64_t> household_id;
    std::optional<std::int64_t> person_id;
    boost::json::object payload;
    std::string reason;
    std::vector<NewAttachment> attachments;
};

struct ChangeRequestFilter {
    std::optional<std::string> status;
    std::optional<std::string> region;
    bool mine = false;  // only those the caller proposed
};

// How current the register is in one village (data-currency scores).
struct VillageCurrency {
    std::string village_code;
    std::string village_name;
    std::int64_t households = 0;         // active households
    std::int64_t verified_recently = 0;  // verified within the window (default 12 months)
    std::int64_t never_verified = 0;
    std::optional<std::string> oldest_verified_at;
    std::int64_t with_warnings = 0;  // the household or a member carries a warning
};

class RegistryStore;

// Households RegistryService::QueueCreate checked, waiting for WriteQueued to write them together.
class CreateQueue {
 public:
    std::size_t households() const { return entries_.size(); }
    std::size_t persons() const { return persons_; }

 private:
    friend class RegistryService;
    struct Entry {
        NewHousehold household;
        std::vector<std::vector<std::string>> member_warnings;
        std::string now;
    };
    std::vector<Entry> entries_;
    std::size_t persons_ = 0;
    std::set<std::string, std::less<>> living_niks_;  // of the queued members, as the register will hold them
};

// Answers the register's searches by name and filters from memory (analytics' snapshot implements it): with names
// as common as Siti or Muhammad, or a filter such as desil 1-4 over a whole regency, SQL must read every match before
// it can count a page, which is seconds on a large regency. Whatever the index declines, the store's SQL answers,
// with the same results.
class RegisterSearchIndex {
 public:
    // Ids in ascending order after the cursor, at most limit + 1 (an extra one means more follow), and how many match
    // in all.
    struct IdPage {
        std::int64_t total = 0;
        std::vector<std::int64_t> ids;
    };
    virtual ~RegisterSearchIndex() = default;
    // The households whose members together carry a token starting with each of `name_tokens` (no name condition
    // when empty) and that pass the other filters of `query` within region prefix `scope`. nullopt: it cannot answer
    // this query now (still loading, or a filter it does not hold).
    virtual std::optional<IdPage> FindHouseholds(const std::vector<std::string>& name_tokens,
                                                 const HouseholdQuery& query, const std::string& scope,
                                                 std::optional<std::int64_t> after, std::int64_t limit) = 0;
    // The persons who carry a token starting with each of `name_tokens`, with the filters of `query`.
    virtual std::optional<IdPage> FindPersons(const std::vector<std::string>& name_tokens, const PersonQuery& query,
                                              const std::string& scope, std::optional<std::int64_t> after,
                                              std::int64_t limit) = 0;
};

class RegistryService {
 public:
    RegistryService(db::Database& db, identity::IdentityService& identity, regions::RegionsService& regions,
                    const Clock& clock);
    ~RegistryService();
    RegistryService(const RegistryService&) = delete;
    RegistryService& operator=(const RegistryService&) = delete;

    // Validates every field of the household and its members, then writes them with their create events.
    // `prior` carries problems the caller already found in the input's shape, so one answer lists them all.
    Household Create(const identity::Caller& caller, const NewHousehold& input, Source source,
                     const std::string& reason, ValidationReport prior = {});
    // Creates many households in one transaction (demo, import): all or nothing; a problem names its household by
    // its 1-based position as the row.
    std::int64_t CreateMany(const identity::Caller& caller, std::span<const NewHousehold> households, Source source,
                            const std::string& reason);
    Household Get(const identity::Caller& caller, std::int64_t id);
    // Several households with their members, for a list the caller asked for under `action` (one audit entry for the
    // list). Ids outside the caller's scope for `action` or unknown are left out.
    std::vector<Household> GetMany(const identity::Caller& caller, std::string_view action,
                                   const std::vector<std::int64_t>& ids);
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
    // Household searches by name or filters, and person searches by name, are answered by `index` from then on
    // where it can (nullptr: always SQL).
    void UseSearchIndex(RegisterSearchIndex* index) { search_index_ = index; }
    // The region prefix `caller` is limited to for `action` ("" = everywhere); 403 when the action is not theirs.
    std::string RegionScope(const identity::Caller& caller, std::string_view action) const;
    // For exports: every household `query` finds within the caller's scope for `action`, with all its members, in id
    // order, read from one snapshot. Visits nothing when more than `max_households` match. Returns how many match.
    // Not audited here: the caller audits what it does with them.
    std::int64_t VisitHouseholds(const identity::Caller& caller, std::string_view action, const HouseholdQuery& query,
                                 std::int64_t max_households, const std::function<void(const Household&)>& visit);

    // Per village under `region` (or the caller's scope): share verified within `months`, oldest record,
    // households with warnings. Aggregates only.
    identity::Page<VillageCurrency> Currency(const identity::Caller& caller, const std::optional<std::string>& region,
                                             int months, const PageRequest& page);

    // Change requests; lifecycle in change_requests.cpp.
    ChangeRequest Propose(const identity::Caller& caller, const ProposedChange& change);
    ChangeRequest Verify(const identity::Caller& caller, std::int64_t id, const std::string& note);
    ChangeRequest Reject(const identity::Caller& caller, std::int64_t id, const std::string& note);
    ChangeRequest Withdraw(const identity::Caller& caller, std::int64_t id);
    ChangeRequest GetChangeRequest(const identity::Caller& caller, std::int64_t id);
    identity::Page<ChangeRequest> ListChangeRequests(const identity::Caller& caller, const ChangeRequestFilter& filter,
                                                     const PageRequest& page);
    // The attachment's metadata and bytes.
    std::pair<AttachmentInfo, std::string> GetAttachment(const identity::Caller& caller, std::int64_t request_id,
                                                         std::int64_t attachment_id);

    // Checks a household and members without writing; every problem goes to `report` (field paths such as
    // "members[1].nik", rows as given). Returns the warnings per member (same order) when valid.
    // `household_path` prefixes household field names in messages ("household." in the API).
    std::vector<std::vector<std::string>> Validate(db::Connection& connection, const NewHousehold& input,
                                                   ValidationReport& report,
                                                   std::optional<std::int64_t> row = std::nullopt,
                                                   std::string_view household_path = "",
                                                   std::string_view members_path = "members");
    // For bulk imports: checks `input` exactly as Validate does and, only when it is valid, writes it with its create
    // events on `connection`, inside the write transaction the caller holds open there (many households, one commit,
    // the caller decides whether to commit). Returns the new household's id, or nullopt with every problem in `report`
    // and nothing written.
    std::optional<std::int64_t> CreateInTransaction(db::Connection& connection, const identity::Caller& caller,
                                                    const NewHousehold& input, Source source, const std::string& reason,
                                                    ValidationReport& report,
                                                    std::optional<std::int64_t> row = std::nullopt);
    // The batched form of CreateInTransaction, for large imports: checks `input` exactly as CreateInTransaction does
    // (a NIK held by a living member of a queued household counts as registered) and, only when it is valid, adds it
    // to `queue` and returns true; otherwise returns false with every problem in `report`. WriteQueued then writes
    // every queued household on `connection`, inside the write transaction the caller holds open there, with a few
    // statements per table for the whole queue, and empties the queue: the same rows and events, in the same order,
    // as CreateInTransaction one household at a time.
    bool QueueCreate(db::Connection& connection, const identity::Caller& caller, NewHousehold input, CreateQueue& queue,
                     ValidationReport& report);
    void WriteQueued(db::Connection& connection, const identity::Caller& caller, CreateQueue& queue, Source source,
                     const std::string& reason);

 private:
    // Inside the caller's transaction: validate, write and record `changes` (only those that differ). Returns false
    // when nothing differed. Throws 412 when the row is no longer at `expected_version` (default: as read).
    bool ApplyHouseholdChanges(db::Connection& connection, const identity::Caller& caller, const Household& current,
                               const FieldValues& changes, std::optional<std::int64_t> expected_version, Source source,
                               const std::string& reason);
    bool ApplyPersonChanges(db::Connection& connection, const identity::Caller& caller, const Person& current,
                            const FieldValues& changes, std::optional<std::int64_t> expected_version, Source source,
                            const std::string& reason);
    // Reports each of `names` in `fields` that holds a date after today.
    void CheckNotFuture(const FieldValues& fields, std::initializer_list<std::string_view> names,
                        std::string_view path_prefix, ValidationReport& report, std::optional<std::int64_t> row) const;
    std::vector<std::string> ValidateMember(db::Connection& connection, const FieldValues& member,
                                            const std::string& path_prefix, ValidationReport& report,
                                            std::optional<std::int64_t> row);
    std::int64_t InsertMember(db::Connection& connection, const identity::Caller& caller, std::int64_t household_id,
                              const FieldValues& member, const std::vector<std::string>& warnings, Source source,
                              const std::string& reason, const std::string& now);
    std::int64_t InsertValidated(db::Connection& connection, const identity::Caller& caller, const NewHousehold& input,
                                 const std::vector<std::vector<std::string>>& member_warnings, Source source,
                                 const std::string& reason, const std::string& now);
    // Checks the payload of a change request against the register as it is now; returns the village it concerns.
    std::string CheckChange(db::Connection& connection, const identity::Caller& caller, const ProposedChange& change,
                            ValidationReport& report);
    // Applies a verified change inside the caller's transaction; returns the household created, if any.
    std::optional<std::int64_t> ApplyChange(db::Connection& connection, const identity::Caller& caller,
                                            const ChangeRequest& request);
    void RequireChangeRequestScope(const identity::Caller& caller, std::string_view action,
                                   const ChangeRequest& request) const;
    void RequireInScope(const identity::Caller& caller, std::string_view action, const std::string& village_code) const;
    // regions_.Exists, answered from known_regions_ when it can be.
    bool RegionExists(const std::string& code);

    db::Database& db_;
    identity::IdentityService& identity_;
    regions::RegionsService& regions_;
    const Clock& clock_;
    std::unique_ptr<RegistryStore> store_;
    RegisterSearchIndex* search_index_ = nullptr;
    // Region codes regions_ confirmed. Codes are only ever added to the region list, so a known code stays known;
    // validating a household asks about its village and each member's NIK district, the same few hundred codes for a
    // whole regency's register.
    std::mutex known_regions_mutex_;
    std::set<std::string, std::less<>> known_regions_;
};

namespace errors {
inline constexpr ErrorDef kVersionMismatch{ErrorKind::kPreconditionFailed, "REG-1101", "version-mismatch",
                                           "Record changed meanwhile"};
inline constexpr ErrorDef kVersionRequired{ErrorKind::kPreconditionRequired, "REG-1102", "version-required",
                                           "If-Match required"};
inline constexpr ErrorDef kNikTaken{ErrorKind::kConflict, "REG-1103", "nik-taken", "NIK already registered"};
inline constexpr ErrorDef kChangeRequestDecided{ErrorKind::kConflict, "REG-1104", "change-request-decided",
                                                "Change request already decided"};
}  // namespace errors

void RegisterRegistryRoutes(identity::ApiGateway& api, RegistryService& registry);

class ImportJobs;
class RegisterExporter;
// Register files in and out: import jobs and exports (registry_routes.cpp).
void RegisterTransferRoutes(identity::ApiGateway& api, ImportJobs& imports, RegisterExporter& exporter);

}  // namespace sinergi::registry
