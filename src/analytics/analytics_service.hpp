// The coordinator's questions about programmes and the register (issue 4, items 6 and 7), answered from the
// in-memory snapshot (snapshot.hpp): the overlap matrix between programmes and the households behind a cell,
// duplicate benefits (the same benefit type from two programmes), exclusion (eligible by a programme's rule but not
// enrolled) and inclusion (enrolled but not eligible, closed, or without a living member) per programme and area,
// coverage of desil 1–4 by any programme per area, the dashboard's overview, and what one household received per
// year. Every question first catches the snapshot up with the change events (never a rebuild per request), is
// filtered by a region at any level within the caller's regional scope, and gives figures to whoever may see
// aggregates; the lists behind a figure are personal data, for register readers only, and audited.
// It also answers rule previews and enrolment from the eligible list for the programmes module.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>
#include <thread>
#include <vector>

#include "analytics/snapshot.hpp"
#include "identity/identity_service.hpp"
#include "platform/clock.hpp"
#include "platform/database.hpp"
#include "platform/paging.hpp"
#include "programs/programs_service.hpp"
#include "registry/registry_service.hpp"

namespace sinergi::analytics {

struct ProgramRef {
    std::int64_t id = 0;
    std::string code;
    std::string name;
    std::int64_t agency_id = 0;
    std::string agency_code;
    std::string benefit_type;
    std::string target_level;
    std::string status;
};

struct OverlapMatrix {
    std::vector<ProgramRef> programs;
    std::vector<std::int64_t> enrolled;             // per programme: households enrolled in the area
    std::vector<std::vector<std::int64_t>> shared;  // [i][j]: households in both (the diagonal: enrolled)
    std::int64_t households_in_two_or_more = 0;
};

struct DuplicateBenefit {
    std::string benefit_type;
    std::vector<ProgramRef> programs;             // the programmes of that type
    std::int64_t households = 0;                  // in two or more of them
    std::int64_t households_across_agencies = 0;  // … of two or more agencies
};

// Counts for one area (or the whole selection when `region` is the filter itself).
struct TargetingFigures {
    std::string region_code;
    std::string region_name;
    std::int64_t households = 0;  // active households in the area
    std::int64_t eligible = 0;
    std::int64_t enrolled = 0;                    // enrolled households, active or closed
    std::int64_t excluded = 0;                    // eligible, not enrolled
    std::int64_t included_not_eligible = 0;       // enrolled, active, not eligible
    std::int64_t included_closed = 0;             // enrolled, household closed
    std::int64_t included_no_living = 0;          // household level: enrolled, active, no living member
    std::int64_t included_person_not_living = 0;  // person level: enrolled persons deceased or moved out
};

struct Targeting {
    ProgramRef program;
    std::string as_of;
    bool rule_readable = true;
    TargetingFigures total;
    std::vector<TargetingFigures> areas;
};

struct CoverageFigures {
    std::string region_code;
    std::string region_name;
    std::int64_t households = 0;
    std::int64_t desil_1 = 0;
    std::int64_t desil_1_4 = 0;
    std::int64_t desil_1_4_covered = 0;  // in at least one programme
    std::int64_t covered = 0;            // any desil
};

struct Coverage {
    CoverageFigures total;
    std::vector<CoverageFigures> areas;
};

struct ProgramSummary {
    ProgramRef program;
    std::int64_t enrolled = 0;
    std::int64_t eligible = 0;
    std::int64_t excluded = 0;
    std::int64_t included = 0;  // not eligible + closed + no living member / person not living
    std::optional<std::int64_t> budget;
    std::int64_t planned_amount = 0;  // frozen stage lists in the area
    std::int64_t paid_amount = 0;
};

struct AgencySummary {
    std::int64_t agency_id = 0;
    std::string agency_code;
    std::string agency_name;
    std::int64_t programs = 0;
    std::int64_t budget = 0;
    std::int64_t planned_amount = 0;
    std::int64_t paid_amount = 0;
};

struct SnapshotInfo {
    std::int64_t register_event = 0;
    std::int64_t enrolment_event = 0;
    std::string loaded_at;
    std::int64_t load_ms = 0;
    std::int64_t memory_bytes = 0;
};

struct Overview {
    std::string as_of;
    std::int64_t households = 0;
    std::int64_t persons = 0;  // living members of active households
    std::int64_t desil_1 = 0;
    std::int64_t desil_1_4 = 0;
    std::int64_t desil_1_4_covered = 0;
    std::int64_t overlapping_pairs = 0;  // programme pairs sharing at least one household
    std::int64_t households_in_two_or_more = 0;
    std::int64_t duplicate_benefit_households = 0;
    std::int64_t excluded = 0;  // summed over programmes
    std::int64_t included = 0;
    std::vector<ProgramSummary> programs;
    std::vector<AgencySummary> agencies;
    SnapshotInfo snapshot;
};

struct HouseholdListItem {
    std::int64_t household_id = 0;
    std::optional<std::string> head_name;
    std::string village_code;
    std::optional<std::string> village_name;
    std::optional<std::int64_t> desil;
    std::string status;
};

struct YearBenefits {
    std::int64_t year = 0;
    struct Line {
        std::int64_t program_id = 0;
        std::string program_code;
        std::string program_name;
        std::string agency_code;
        std::string benefit_type;
        std::int64_t stages = 0;
        std::int64_t paid_amount = 0;
        double paid_quantity = 0;
        std::int64_t planned_amount = 0;  // lines not (yet) paid: planned or failed
    };
    std::vector<Line> programs;
    std::int64_t paid_amount = 0;
};

enum class TargetingList { kEligible, kEnrolled, kExcluded, kNotEligible, kClosed, kNoLiving };
std::optional<TargetingList> ParseTargetingList(std::string_view text);

class AnalyticsService : public programs::EligibleHouseholdFinder, public registry::RegisterSearchIndex {
 public:
    AnalyticsService(db::Database& db, identity::IdentityService& identity, registry::RegistryService& registry,
                     const Clock& clock);

    // Loads the snapshot now rather than at the first question.
    void Load();
    // Loads it on a background thread (the server does this at start); questions asked meanwhile wait for it.
    void StartLoading();

    programs::EligibleHouseholdFinder::Found FindEligible(const programs::EligibilityRule& rule,
                                                          const std::string& scope,
                                                          const std::optional<std::string>& region,
                                                          const std::string& as_of) override;

    // The register's searches by name and filters from the snapshot (names from its name index); nullopt while the
    // snapshot is loading or catching up after a bulk change, and for filters on identifying fields, which the
    // snapshot does not keep.
    std::optional<IdPage> FindHouseholds(const std::vector<std::string>& name_tokens,
                                         const registry::HouseholdQuery& query, const std::string& scope,
                                         std::optional<std::int64_t> after, std::int64_t limit) override;
    std::optional<IdPage> FindPersons(const std::vector<std::string>& name_tokens, const registry::PersonQuery& query,
                                      const std::string& scope, std::optional<std::int64_t> after,
                                      std::int64_t limit) override;

    Overview GetOverview(const identity::Caller& caller, const std::optional<std::string>& region);
    OverlapMatrix GetOverlap(const identity::Caller& caller, const std::optional<std::string>& region,
                             const std::vector<std::int64_t>& program_ids);
    std::vector<DuplicateBenefit> GetDuplicateBenefits(const identity::Caller& caller,
                                                       const std::optional<std::string>& region);
    Targeting GetTargeting(const identity::Caller& caller, std::int64_t program_id,
                           const std::optional<std::string>& region, const std::string& group_by,
                           const std::optional<std::string>& as_of);
    Coverage GetCoverage(const identity::Caller& caller, const std::optional<std::string>& region,
                         const std::string& group_by);

    // The households behind a figure, keyset paged by id.
    Page<HouseholdListItem> OverlapHouseholds(const identity::Caller& caller, std::int64_t program_a,
                                              std::int64_t program_b, const std::optional<std::string>& region,
                                              const PageRequest& page);
    Page<HouseholdListItem> DuplicateBenefitHouseholds(const identity::Caller& caller, const std::string& benefit_type,
                                                       const std::optional<std::string>& region,
                                                       const PageRequest& page);
    Page<HouseholdListItem> TargetingHouseholds(const identity::Caller& caller, std::int64_t program_id,
                                                TargetingList list, const std::optional<std::string>& region,
                                                const std::optional<std::string>& as_of, const PageRequest& page);
    Page<HouseholdListItem> UncoveredHouseholds(const identity::Caller& caller,
                                                const std::optional<std::string>& region, const PageRequest& page);

    std::vector<YearBenefits> HouseholdBenefits(const identity::Caller& caller, std::int64_t household_id);

    SnapshotInfo Info();

 private:
    void LoadLocked();     // with refresh_mutex_ held
    void CatchUpLocked();  // with refresh_mutex_ held and the snapshot loaded
    // Brings the snapshot up to date and returns it under a shared lock held by `lock`.
    const Snapshot& Current(std::shared_lock<std::shared_mutex>& lock);
    // The same without waiting: nullptr when the snapshot is not loaded, or another thread is loading or refreshing
    // it (a search then asks SQL rather than wait seconds behind a bulk reload).
    const Snapshot* CurrentIfReady(std::shared_lock<std::shared_mutex>& lock);
    // The narrower of the caller's scope and `region`, nullopt when they do not meet; 400 for an unknown region.
    std::optional<std::string> Area(const Snapshot& snapshot, const std::string& scope,
                                    const std::optional<std::string>& region) const;
    // The active households of that area.
    Bitmap Universe(const Snapshot& snapshot, const std::string& scope, const std::optional<std::string>& region) const;
    // Every household (active or closed) of the same area.
    Bitmap AllIn(const Snapshot& snapshot, const std::string& scope, const std::optional<std::string>& region) const;
    // The programme's eligible households on the whole register on `as_of`, cached per snapshot generation.
    Bitmap Eligible(const Snapshot& snapshot, const ProgramFacts& program, const std::string& as_of);
    Bitmap Covered(const Snapshot& snapshot) const;
    Page<HouseholdListItem> ListOf(const identity::Caller& caller, const Bitmap& households, const PageRequest& page,
                                   const std::string& what);
    std::string Today() const;
    std::string CheckedAsOf(const std::optional<std::string>& as_of) const;
    std::string CheckedGroupBy(const std::string& group_by) const;

    db::Database& db_;
    identity::IdentityService& identity_;
    registry::RegistryService& registry_;
    const Clock& clock_;

    std::shared_mutex snapshot_mutex_;
    std::optional<Snapshot> snapshot_;
    std::int64_t generation_ = 0;  // bumped whenever the snapshot changes
    SnapshotInfo info_;
    std::mutex refresh_mutex_;  // one catch-up at a time

    std::mutex eligible_mutex_;
    std::map<std::tuple<std::int64_t, std::string>, Bitmap> eligible_;  // (programme, as_of) at eligible_generation_
    std::int64_t eligible_generation_ = -1;

    std::jthread loader_;  // last: joined before the members it uses go
};

void RegisterAnalyticsRoutes(identity::ApiGateway& api, AnalyticsService& analytics);

}  // namespace sinergi::analytics
