// Enrolment of households (or, for person-level programmes, persons) in programmes (issue 4, item 3): one at a time,
// in bulk from the households a programme's rule selects, or from an uploaded list of NIKs and KK numbers (exact
// matching; fuzzy matching comes with record linkage), with a report of every row not enrolled.
//
// Lifecycle of an enrolment, each step with a reason and an event:
//
//   proposed ──► verified ──► active ──► graduated
//       │            │           │
//       └────────────┴───────────┴─────► exited
//
// Invariants: graduated and exited are final; a programme, household or person has at most one open enrolment
// (proposed, verified or active) per programme (unique indexes); nobody is newly enrolled in a closed programme, from a
// closed household, or as a deceased or moved-out person; only the owning agency's staff (or the admin) enrol and
// move enrolments.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "identity/identity_service.hpp"
#include "platform/clock.hpp"
#include "platform/database.hpp"
#include "programs/programs_service.hpp"
#include "registry/registry_service.hpp"

namespace sinergi::programs {

struct Enrolment {
    std::int64_t id = 0;
    std::int64_t program_id = 0;
    std::string program_code;
    std::int64_t household_id = 0;
    std::optional<std::int64_t> person_id;
    std::string status;
    std::string status_reason;
    std::string source;  // single | eligible_list | uploaded_list
    std::optional<std::string> head_name;
    std::optional<std::string> person_name;
    std::string village_code;
    std::optional<std::string> village_name;
    std::optional<std::int64_t> desil;
    std::string created_at;
    std::string updated_at;
    std::int64_t version = 0;
};

// One programme a household takes part in, with the aid recorded as paid so far.
struct HouseholdProgramme {
    Enrolment enrolment;
    std::string program_name;
    std::string agency_code;
    std::string benefit_type;
    std::int64_t paid_lines = 0;
    std::int64_t paid_amount = 0;  // rupiah
};

struct EnrolmentFilter {
    std::optional<std::string> status;
    std::optional<std::string> region;
};

struct BulkEnrolRequest {
    enum class Source { kEligible, kList };
    Source source = Source::kEligible;
    std::optional<std::string> region;     // kEligible: only households under this region
    std::optional<std::string> as_of;      // kEligible: the date the rule is evaluated on (today)
    std::vector<std::string> identifiers;  // kList: NIKs or KK numbers, one per row
    std::string reason;
};

struct BulkEnrolRow {
    std::int64_t row = 0;  // 1-based position in `identifiers`
    std::string value;
    std::string outcome;  // enrolled | already_enrolled | not_found | refused
    std::optional<Issue> problem;
    std::optional<std::int64_t> enrolment_id;
};

struct BulkEnrolResult {
    std::int64_t enrolled = 0;
    std::int64_t already_enrolled = 0;
    std::int64_t not_found = 0;
    std::int64_t refused = 0;
    std::vector<BulkEnrolRow> rows;  // kList: every row not enrolled (the report); kEligible: none
};

class EnrolmentService {
 public:
    static constexpr std::size_t kMaxListRows = 100'000;

    EnrolmentService(db::Database& db, identity::IdentityService& identity, registry::RegistryService& registry,
                     ProgramsService& programs, const Clock& clock);

    identity::Page<Enrolment> List(const identity::Caller& caller, std::int64_t program_id,
                                   const EnrolmentFilter& filter, const PageRequest& page);
    // Proposes one household (household-level programme) or person (person-level programme).
    Enrolment Enrol(const identity::Caller& caller, std::int64_t program_id, std::optional<std::int64_t> household_id,
                    std::optional<std::int64_t> person_id, const std::string& reason);
    // Proposes many at once in one transaction; households or persons already enrolled are counted, not duplicated.
    BulkEnrolResult EnrolMany(const identity::Caller& caller, std::int64_t program_id, const BulkEnrolRequest& request);
    // Records beneficiaries a programme already had before it came into Sinergi (the demo district; migrating a
    // running programme): enrolled straight as active, the event saying so. Targets are (household, person or none);
    // closed households, deceased persons and targets already enrolled are skipped. Returns how many were recorded.
    std::int64_t RecordExistingBeneficiaries(
        const identity::Caller& caller, std::int64_t program_id,
        const std::vector<std::pair<std::int64_t, std::optional<std::int64_t>>>& targets, const std::string& reason);
    // Every enrolment of the household (all programmes, all statuses, newest first) with the aid paid.
    std::vector<HouseholdProgramme> ForHousehold(const identity::Caller& caller, std::int64_t household_id);
    // Moves an enrolment along its lifecycle.
    Enrolment Transition(const identity::Caller& caller, std::int64_t enrolment_id, const std::string& to,
                         const std::string& reason);

 private:
    Program ProgramForEnrolment(const identity::Caller& caller, std::int64_t program_id);
    std::optional<Enrolment> Find(db::Connection& connection, std::int64_t id) const;

    db::Database& db_;
    identity::IdentityService& identity_;
    registry::RegistryService& registry_;
    ProgramsService& programs_;
    const Clock& clock_;
};

void RegisterEnrolmentRoutes(identity::ApiGateway& api, EnrolmentService& enrolments);

}  // namespace sinergi::programs
