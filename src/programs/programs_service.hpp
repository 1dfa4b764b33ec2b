// Agencies' aid programmes (issue 4): what each programme gives (benefit type, amount or quantity per stage), to whom
// (households or persons), over which period and stage (tahap) schedule, within which budget (pagu) and target, and
// the eligibility rule that selects its households (eligibility.hpp). Owns the programme's lifecycle and the rule's
// preview (count and list before saving) and explanation for one household, both evaluated on the register.
//
// Lifecycle of a programme:
//
//   draft ──► active ──► closed
//     └─────────────────────┘
//
// Invariants: `closed` is final (nothing changes any more); an active programme never returns to draft; the code and
// the owning agency never change; staff change only their own agency's programmes; every change bumps the version
// (If-Match) and is audited with the fields it changed.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

#include <boost/json/value.hpp>

#include "identity/identity_service.hpp"
#include "platform/clock.hpp"
#include "platform/database.hpp"
#include "platform/error.hpp"
#include "programs/eligibility.hpp"
#include "registry/registry_service.hpp"

namespace sinergi::programs {

struct ProgramStage {
    std::int64_t number = 0;
    std::string name;
    std::string planned_date;  // YYYY-MM-DD
};

struct Program {
    std::int64_t id = 0;
    std::int64_t agency_id = 0;
    std::string agency_code;
    std::string agency_name;
    std::string code;
    std::optional<std::string> sipd_code;
    std::string name;
    std::optional<std::string> description;
    std::string benefit_type;
    std::string target_level;
    std::optional<std::int64_t> amount_per_stage;  // rupiah
    std::optional<double> quantity_per_stage;
    std::optional<std::string> unit;
    std::string period_start;
    std::string period_end;
    std::vector<ProgramStage> stages;
    std::optional<std::int64_t> budget;  // rupiah
    std::optional<std::int64_t> target_count;
    std::string eligibility_rule_json;  // canonical
    std::string status;                 // draft | active | closed
    std::int64_t version = 0;
    std::string created_at;
    std::string updated_at;
};

struct StageInput {
    std::string name;
    std::string planned_date;
};

// A create or change request: a member is set only when the client sent it (an inner nullopt clears a field).
struct ProgramInput {
    std::optional<std::int64_t> agency_id;
    std::optional<std::string> code;
    std::optional<std::optional<std::string>> sipd_code;
    std::optional<std::string> name;
    std::optional<std::optional<std::string>> description;
    std::optional<std::string> benefit_type;
    std::optional<std::string> target_level;
    std::optional<std::optional<std::int64_t>> amount_per_stage;
    std::optional<std::optional<double>> quantity_per_stage;
    std::optional<std::optional<std::string>> unit;
    std::optional<std::string> period_start;
    std::optional<std::string> period_end;
    std::optional<std::vector<StageInput>> stages;
    std::optional<std::optional<std::int64_t>> budget;
    std::optional<std::optional<std::int64_t>> target_count;
    std::optional<boost::json::value> eligibility_rule;
    std::optional<std::string> status;
};

// Reads a request body into ProgramInput; shape problems (unknown members, wrong JSON types) go to `report`.
ProgramInput ReadProgramInput(const boost::json::object& body, bool creating, ValidationReport& report);

struct ProgramFilter {
    std::optional<std::string> q;
    std::optional<std::int64_t> agency_id;
    std::optional<std::string> status;
};

struct PreviewRequest {
    boost::json::value eligibility_rule;
    std::optional<std::string> region;
    std::optional<std::string> as_of;  // default: today
    std::int64_t limit = 20;
};

struct EligibleHousehold {
    std::int64_t household_id = 0;
    std::optional<std::string> head_name;
    std::string village_code;
    std::optional<std::string> village_name;
    std::optional<std::int64_t> desil;
    std::vector<LocalizedText> reasons;
};

struct PreviewResult {
    std::int64_t eligible = 0;
    std::int64_t checked = 0;
    std::string as_of;
    std::vector<EligibleHousehold> items;
};

// Answers a rule's enrolled_in during a scan: the households actively enrolled in each programme the rule names,
// loaded once, then asked about the household being evaluated.
class ActiveEnrolments {
 public:
    ActiveEnrolments(db::Connection& connection, const std::vector<std::string>& program_codes);
    // The context for evaluating `household_id` on `as_of`; valid while this object lives.
    EligibilityContext For(std::int64_t household_id, const std::string& as_of);

 private:
    std::map<std::string, std::unordered_set<std::int64_t>, std::less<>> enrolled_;
    std::int64_t household_id_ = 0;
};

// Answers "which active households does this rule select" for the whole register at once. The analytics snapshot
// (src/analytics) implements it from memory; without one, ProgramsService walks the register through SQL, household
// by household, which gives the same answer far more slowly (tests/analytics compares the two).
class EligibleHouseholdFinder {
 public:
    struct Found {
        std::vector<std::int64_t> household_ids;  // ascending
        std::int64_t checked = 0;                 // active households looked at
    };
    virtual ~EligibleHouseholdFinder() = default;
    // The active households under `scope` (a region code prefix; empty: the whole register) and `region` (a further
    // filter at any level) that `rule` selects on `as_of`.
    virtual Found FindEligible(const EligibilityRule& rule, const std::string& scope,
                               const std::optional<std::string>& region, const std::string& as_of) = 0;
};

class ProgramsService {
 public:
    ProgramsService(db::Database& db, identity::IdentityService& identity, registry::RegistryService& registry,
                    const Clock& clock);

    Program Create(const identity::Caller& caller, const ProgramInput& input);
    Program Get(const identity::Caller& caller, std::int64_t id);
    identity::Page<Program> List(const identity::Caller& caller, const ProgramFilter& filter, const PageRequest& page);
    // Applies `changes` if the programme is still at `expected_version` (412 otherwise).
    Program Update(const identity::Caller& caller, std::int64_t id, std::int64_t expected_version,
                   const ProgramInput& changes);

    // Evaluates a rule on every active household the caller may see under `request.region`.
    PreviewResult Preview(const identity::Caller& caller, const PreviewRequest& request);
    // The programme's rule on one household, with the reasons.
    EligibilityVerdict Explain(const identity::Caller& caller, std::int64_t program_id, std::int64_t household_id,
                               const std::optional<std::string>& as_of);

    // 403 unless `caller` may manage programmes (and enrolments) of `agency_id`.
    void RequireManage(const identity::Caller& caller, std::int64_t agency_id) const;

    // From now on previews and enrolment from the eligible list ask `finder` (it must outlive this service).
    void UseEligibleFinder(EligibleHouseholdFinder* finder) { finder_ = finder; }
    // The households `rule` selects, under the caller's regional scope for `action` and `region`, ascending by id.
    EligibleHouseholdFinder::Found FindEligible(const identity::Caller& caller, std::string_view action,
                                                const EligibilityRule& rule, const std::optional<std::string>& region,
                                                const std::string& as_of);

 private:
    // Checks the whole programme; rule problems name "eligibility_rule…". Returns the parsed rule when valid.
    std::optional<EligibilityRule> Validate(db::Connection& connection, const Program& program,
                                            const std::optional<boost::json::value>& rule_json,
                                            ValidationReport& report) const;
    std::optional<Program> Find(db::Connection& connection, std::int64_t id) const;
    std::string Today() const;
    std::string CheckedDate(const std::optional<std::string>& as_of) const;

    db::Database& db_;
    identity::IdentityService& identity_;
    registry::RegistryService& registry_;
    const Clock& clock_;
    EligibleHouseholdFinder* finder_ = nullptr;
};

namespace errors {
inline constexpr ErrorDef kProgramCodeTaken{ErrorKind::kConflict, "PRG-1101", "program-code-taken",
                                            "Programme code already used"};
inline constexpr ErrorDef kProgramVersionMismatch{ErrorKind::kPreconditionFailed, "PRG-1102", "version-mismatch",
                                                  "Record changed meanwhile"};
inline constexpr ErrorDef kProgramVersionRequired{ErrorKind::kPreconditionRequired, "PRG-1103", "version-required",
                                                  "If-Match required"};
}  // namespace errors

void RegisterProgramRoutes(identity::ApiGateway& api, ProgramsService& programs);

}  // namespace sinergi::programs
