// The analytics snapshot (issue 4, item 6): every household, person, programme and active enrolment of the register
// held in memory as dictionary-coded columns and compressed bitmaps (CRoaring), so that overlap, coverage,
// exclusion/inclusion and rule previews over a whole regency take milliseconds instead of a walk through SQL.
// This unit owns the layout, loading it from the database and keeping it current from the change events
// (register_events and enrolment_events, plus the small programmes table): a refresh reloads only the households and
// enrolments those events name. It answers no questions itself: rule_sets.hpp evaluates rules on it and
// analytics_service.hpp asks the dashboard's questions.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <roaring/roaring.hh>
#include <string>
#include <string_view>
#include <vector>

#include "analytics/name_index.hpp"
#include "platform/database.hpp"
#include "programs/eligibility.hpp"

namespace sinergi::analytics {

using Bitmap = Roaring;  // CRoaring 0.2 (Debian 12) declares its C++ class in the global namespace

// One field of every household (or person), dictionary-coded: row i holds the code of its value; code 0 is "not
// recorded". Codes take two bytes until a field has more than 65,535 distinct values, then four.
class CodedColumn {
 public:
    void Set(std::uint32_t row, const db::Value& value);
    const db::Value* ValueAt(std::uint32_t row) const;  // nullptr: not recorded
    // The rows of `candidates` whose value `accepts` (called once per distinct value, nullptr for "not recorded").
    template <typename Accepts>
    Bitmap Select(const Bitmap& candidates, Accepts&& accepts) const;
    std::size_t MemoryBytes() const;

 private:
    std::uint32_t Code(std::uint32_t row) const;
    Bitmap SelectCodes(const Bitmap& candidates, const std::vector<char>& accepted) const;

    std::vector<db::Value> dictionary_{db::Value{}};
    std::map<db::Value, std::uint32_t> codes_;
    std::vector<std::uint16_t> narrow_;
    std::vector<std::uint32_t> wide_;
    bool is_wide_ = false;
};

template <typename Accepts>
Bitmap CodedColumn::Select(const Bitmap& candidates, Accepts&& accepts) const {
    std::vector<char> accepted(dictionary_.size());
    for (std::size_t code = 0; code < dictionary_.size(); ++code) {
        accepted[code] = accepts(code == 0 ? nullptr : &dictionary_[code]) ? 1 : 0;
    }
    return SelectCodes(candidates, accepted);
}

struct Region {
    std::string code;
    std::string name;
    std::string level;  // province | regency | district | village
};

struct ProgramFacts {
    std::int64_t id = 0;
    std::string code;
    std::string name;
    std::int64_t agency_id = 0;
    std::string agency_code;
    std::string agency_name;
    std::string benefit_type;
    std::string target_level;  // household | person
    std::string status;        // draft | active | closed
    std::optional<std::int64_t> amount_per_stage;
    std::int64_t stage_count = 0;
    std::optional<std::int64_t> budget;
    std::optional<std::int64_t> target_count;
    std::optional<programs::EligibilityRule> rule;  // nullopt only if the stored rule no longer parses
    Bitmap households;  // households with an active enrolment (person level: a member actively enrolled)
    Bitmap persons;     // person level: the persons actively enrolled
};

struct RefreshStats {
    bool rebuilt = false;
    std::int64_t households_reloaded = 0;
    std::int64_t enrolments_reloaded = 0;
    bool programs_reloaded = false;
};

class Snapshot {
 public:
    // Reads everything in one read transaction.
    static Snapshot Load(db::Connection& connection);

    // Brings the snapshot up to the newest events: reloads the households named by register events and the
    // (programme, household, person) triples named by enrolment events after the ones already applied, and the
    // programmes when that table changed. More than `rebuild_above` households to reload means a bulk change (an
    // import): then everything is loaded afresh instead.
    RefreshStats CatchUp(db::Connection& connection, std::int64_t rebuild_above = 50000);
    // Whether CatchUp would change anything: three small queries.
    bool Behind(db::Connection& connection) const;

    // ---- households (indexed by their id) ----
    const Bitmap& active_households() const { return active_; }
    std::uint32_t household_count() const { return static_cast<std::uint32_t>(village_of_.size()); }
    // The village (index into regions()) of household `id`; kNoRegion when unknown.
    std::uint32_t village_of(std::uint32_t household) const {
        return household < village_of_.size() ? village_of_[household] : kNoRegion;
    }
    std::optional<std::int64_t> desil_of(std::uint32_t household) const;
    const CodedColumn* household_column(std::string_view field) const;
    // The households, active or closed, in region `code` (any level) — all of them when `code` is empty.
    Bitmap HouseholdsIn(std::string_view code) const;
    // The active ones among them.
    Bitmap ActiveIn(std::string_view code) const { return HouseholdsIn(code) & active_; }

    // ---- persons (indexed by their id) ----
    const Bitmap& living_persons() const { return living_; }
    // How many living members household `id` has.
    std::uint32_t living_members(std::uint32_t household) const {
        return household < living_members_.size() ? living_members_[household] : 0;
    }
    std::uint32_t household_of(std::uint32_t person) const {
        return person < household_of_.size() ? household_of_[person] : 0;
    }
    std::uint32_t person_slots() const { return static_cast<std::uint32_t>(household_of_.size()); }
    const CodedColumn* person_column(std::string_view field) const;
    // Who carries which name token (persons and households), for the register's name search.
    const NameIndex& names() const { return names_; }

    // ---- regions ----
    static constexpr std::uint32_t kNoRegion = 0xFFFFFFFFU;
    const std::vector<Region>& regions() const { return regions_; }  // sorted by code
    std::optional<std::uint32_t> FindRegion(std::string_view code) const;
    // The index of the ancestor of `region` at `level` (e.g. the district of a village), if any.
    std::optional<std::uint32_t> AncestorAt(std::uint32_t region, std::string_view level) const;
    // Every household (active or closed) of village `region`; empty for other levels.
    const Bitmap& HouseholdsOfVillage(std::uint32_t region) const { return households_by_village_[region]; }

    // ---- programmes ----
    const std::vector<ProgramFacts>& programs() const { return programs_; }
    const ProgramFacts* FindProgram(std::int64_t id) const;
    const ProgramFacts* FindProgramByCode(std::string_view code) const;

    // ---- about the snapshot ----
    std::int64_t register_event() const { return register_event_; }
    std::int64_t enrolment_event() const { return enrolment_event_; }
    std::size_t MemoryBytes() const;

 private:
    void LoadRegions(db::Connection& connection);
    void LoadHouseholds(db::Connection& connection, const std::optional<std::int64_t>& only);
    void LoadPersons(db::Connection& connection, const std::optional<std::int64_t>& only_household);
    void LoadPrograms(db::Connection& connection);
    void LoadEnrolments(db::Connection& connection);
    void ReloadEnrolment(db::Connection& connection, std::int64_t program_id, std::int64_t household_id,
                         std::optional<std::int64_t> person_id);
    void PutHousehold(const db::Row& row);
    void PutPerson(const db::Row& row);
    // Reads the name tokens of every person now in household `household_id` into names_.
    void LoadNameTokens(db::Connection& connection, std::int64_t household_id);
    std::string ProgramsSignature(db::Connection& connection) const;

    std::vector<Region> regions_;
    std::vector<std::uint32_t> parent_of_;  // index of the parent region, kNoRegion for provinces
    std::vector<std::uint32_t> village_of_;
    std::vector<std::uint8_t> desil_;             // 0: none
    std::vector<CodedColumn> household_columns_;  // parallel to registry::HouseholdFields()
    Bitmap active_;
    Bitmap all_;                                 // every household, active or closed
    std::vector<Bitmap> households_by_village_;  // index: region index, non-empty for villages only
    std::vector<std::uint32_t> household_of_;
    std::vector<std::uint16_t> living_members_;  // per household
    std::vector<CodedColumn> person_columns_;    // parallel to registry::PersonFields()
    Bitmap living_;
    NameIndex names_;
    std::vector<std::uint32_t> rehomed_;  // persons PutPerson moved to another household since names_ last caught up
    std::vector<ProgramFacts> programs_;
    std::string programs_signature_;
    std::int64_t register_event_ = 0;
    std::int64_t enrolment_event_ = 0;
};

}  // namespace sinergi::analytics
