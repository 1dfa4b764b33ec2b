#include "analytics/analytics_service.hpp"

#include <algorithm>
#include <bit>
#include <limits>
#include <regex>
#include <set>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "analytics/rule_sets.hpp"

namespace sinergi::analytics {

namespace {

using identity::Caller;
using Clock = std::chrono::steady_clock;

ProgramRef RefOf(const ProgramFacts& program) {
    return {program.id,          program.code,         program.name,         program.agency_id,
            program.agency_code, program.benefit_type, program.target_level, program.status};
}

Error ProgramNotFound(std::int64_t id) {
    return Error(sinergi::errors::kNotFound,
                 {fmt::format("Program {} tidak ditemukan.", id), fmt::format("Programme {} was not found.", id)});
}

std::int64_t Count(const Bitmap& bitmap) { return static_cast<std::int64_t>(bitmap.cardinality()); }

bool Within(std::string_view code, std::string_view scope) {
    return scope.empty() || code == scope ||
           (code.starts_with(scope) && code.size() > scope.size() && code[scope.size()] == '.');
}

// Households of `universe` whose desil lies in [low, high].
Bitmap WithDesil(const Snapshot& snapshot, const Bitmap& universe, std::int64_t low, std::int64_t high) {
    std::vector<std::uint32_t> kept;
    for (const auto household : universe) {
        const auto desil = snapshot.desil_of(household);
        if (desil && *desil >= low && *desil <= high) {
            kept.push_back(household);
        }
    }
    return {kept.size(), kept.data()};
}

// Households of `universe` without a living member.
Bitmap WithoutLivingMember(const Snapshot& snapshot, const Bitmap& universe) {
    std::vector<std::uint32_t> kept;
    for (const auto household : universe) {
        if (snapshot.living_members(household) == 0) {
            kept.push_back(household);
        }
    }
    return {kept.size(), kept.data()};
}

// Households in at least two of `sets`: what is seen a second time, without counting per household.
Bitmap InTwoOrMore(const std::vector<Bitmap>& sets) {
    Bitmap once;
    Bitmap twice;
    for (const auto& set : sets) {
        twice |= once & set;
        once |= set;
    }
    return twice;
}

// shared[i][j]: households in both sets[i] and sets[j] (the diagonal: in sets[i]). Programme bitmaps hold a few
// percent of a regency each, so CRoaring keeps them as sorted arrays, and 780 array intersections for 40 programmes
// cost about 200 ms on a million households; marking each household with the sets it is in and counting the pairs
// per household walks every enrolment once instead (docs/performance.md, "Analytics").
std::vector<std::vector<std::int64_t>> SharedCounts(const std::vector<Bitmap>& sets, std::uint32_t slots) {
    const auto n = sets.size();
    const auto words = (n + 63) / 64;
    std::vector<std::uint64_t> marks(static_cast<std::size_t>(slots) * words, 0);
    std::vector<std::uint32_t> members;
    for (std::size_t i = 0; i < n; ++i) {
        members.resize(sets[i].cardinality());
        sets[i].toUint32Array(members.data());
        for (const auto household : members) {
            if (household < slots) {
                marks[household * words + i / 64] |= std::uint64_t{1} << (i % 64);
            }
        }
    }
    std::vector<std::vector<std::int64_t>> shared(n, std::vector<std::int64_t>(n, 0));
    std::vector<std::uint32_t> in;
    for (std::size_t household = 0; household < slots; ++household) {
        in.clear();
        for (std::size_t w = 0; w < words; ++w) {
            for (auto bits = marks[household * words + w]; bits != 0; bits &= bits - 1) {
                in.push_back(static_cast<std::uint32_t>(w * 64 + static_cast<std::size_t>(std::countr_zero(bits))));
            }
        }
        for (std::size_t a = 0; a < in.size(); ++a) {
            ++shared[in[a]][in[a]];
            for (std::size_t b = a + 1; b < in.size(); ++b) {
                ++shared[in[a]][in[b]];
                ++shared[in[b]][in[a]];
            }
        }
    }
    return shared;
}

}  // namespace

std::optional<TargetingList> ParseTargetingList(std::string_view text) {
    static const std::map<std::string_view, TargetingList> kLists{
        {"eligible", TargetingList::kEligible}, {"enrolled", TargetingList::kEnrolled},
        {"excluded", TargetingList::kExcluded}, {"not_eligible", TargetingList::kNotEligible},
        {"closed", TargetingList::kClosed},     {"no_living_member", TargetingList::kNoLiving}};
    auto it = kLists.find(text);
    return it == kLists.end() ? std::nullopt : std::optional(it->second);
}

AnalyticsService::AnalyticsService(db::Database& db, identity::IdentityService& identity,
                                   registry::RegistryService& registry, const sinergi::Clock& clock)
    : db_(db), identity_(identity), registry_(registry), clock_(clock) {}

// ---- the snapshot --------------------------------------------------------------------------------------------

void AnalyticsService::Load() {
    std::lock_guard refresh(refresh_mutex_);
    LoadLocked();
}

void AnalyticsService::LoadLocked() {
    std::unique_lock write(snapshot_mutex_);
    auto connection = db_.Acquire();
    const auto started = Clock::now();
    snapshot_ = Snapshot::Load(*connection);
    ++generation_;
    info_.load_ms = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - started).count();
    info_.loaded_at = FormatTimestamp(clock_.Now());
    info_.memory_bytes = static_cast<std::int64_t>(snapshot_->MemoryBytes());
    info_.register_event = snapshot_->register_event();
    info_.enrolment_event = snapshot_->enrolment_event();
    spdlog::info("analytics snapshot loaded in {} ms (about {} MiB)", info_.load_ms, info_.memory_bytes >> 20U);
}

void AnalyticsService::StartLoading() {
    loader_ = std::jthread([this] {
        try {
            Load();
        } catch (const std::exception& error) {
            // The first question will try again and report its own error.
            spdlog::error("analytics snapshot could not load: {}", error.what());
        }
    });
}

const Snapshot& AnalyticsService::Current(std::shared_lock<std::shared_mutex>& lock) {
    {
        std::shared_lock read(snapshot_mutex_);
        if (snapshot_) {
            auto connection = db_.Acquire();
            if (!snapshot_->Behind(*connection)) {
                lock = std::move(read);
                return *snapshot_;
            }
        }
    }
    std::lock_guard refresh(refresh_mutex_);
    if (!snapshot_) {
        LoadLocked();  // the first question, unless the server's start already loaded it meanwhile
    } else {
        CatchUpLocked();
    }
    lock = std::shared_lock(snapshot_mutex_);
    return *snapshot_;
}

const Snapshot* AnalyticsService::CurrentIfReady(std::shared_lock<std::shared_mutex>& lock) {
    {
        std::shared_lock read(snapshot_mutex_, std::try_to_lock);
        if (!read.owns_lock() || !snapshot_) {
            return nullptr;
        }
        auto connection = db_.Acquire();
        if (!snapshot_->Behind(*connection)) {
            lock = std::move(read);
            return &*snapshot_;
        }
    }
    std::unique_lock refresh(refresh_mutex_, std::try_to_lock);
    if (!refresh.owns_lock() || !snapshot_) {
        return nullptr;
    }
    CatchUpLocked();
    lock = std::shared_lock(snapshot_mutex_);
    return &*snapshot_;
}

void AnalyticsService::CatchUpLocked() {
    std::unique_lock write(snapshot_mutex_);
    auto connection = db_.Acquire();
    const auto started = Clock::now();
    const auto stats = snapshot_->CatchUp(*connection);
    ++generation_;
    if (stats.rebuilt) {
        info_.load_ms = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - started).count();
        info_.loaded_at = FormatTimestamp(clock_.Now());
    }
    info_.memory_bytes = static_cast<std::int64_t>(snapshot_->MemoryBytes());
    info_.register_event = snapshot_->register_event();
    info_.enrolment_event = snapshot_->enrolment_event();
}

SnapshotInfo AnalyticsService::Info() {
    std::shared_lock<std::shared_mutex> lock;
    Current(lock);
    return info_;
}

std::optional<std::string> AnalyticsService::Area(const Snapshot& snapshot, const std::string& scope,
                                                  const std::optional<std::string>& region) const {
    if (region && !snapshot.FindRegion(*region)) {
        ValidationReport report;
        report.Add("ANL-2001", "region",
                   {fmt::format("Wilayah '{}' tidak dikenal.", *region), fmt::format("Unknown region '{}'.", *region)});
        report.ThrowIfAny();
    }
    if (!region || Within(scope, *region)) {
        return scope;  // the region holds the whole scope
    }
    if (Within(*region, scope)) {
        return *region;
    }
    return std::nullopt;  // outside the caller's area: nothing of it is theirs to count
}

Bitmap AnalyticsService::Universe(const Snapshot& snapshot, const std::string& scope,
                                  const std::optional<std::string>& region) const {
    const auto area = Area(snapshot, scope, region);
    return area ? snapshot.ActiveIn(*area) : Bitmap();
}

Bitmap AnalyticsService::AllIn(const Snapshot& snapshot, const std::string& scope,
                               const std::optional<std::string>& region) const {
    const auto area = Area(snapshot, scope, region);
    return area ? snapshot.HouseholdsIn(*area) : Bitmap();
}

Bitmap AnalyticsService::Eligible(const Snapshot& snapshot, const ProgramFacts& program, const std::string& as_of) {
    std::lock_guard guard(eligible_mutex_);
    if (eligible_generation_ != generation_) {
        eligible_.clear();
        eligible_generation_ = generation_;
    }
    const auto key = std::make_tuple(program.id, as_of);
    if (auto found = eligible_.find(key); found != eligible_.end()) {
        return found->second;
    }
    auto eligible =
        program.rule ? SelectHouseholds(snapshot, *program.rule, snapshot.active_households(), as_of) : Bitmap();
    eligible.runOptimize();
    return eligible_.emplace(key, std::move(eligible)).first->second;
}

Bitmap AnalyticsService::Covered(const Snapshot& snapshot) const {
    std::vector<const Bitmap*> parts;
    for (const auto& program : snapshot.programs()) {
        parts.push_back(&program.households);
    }
    return parts.empty() ? Bitmap() : Bitmap::fastunion(parts.size(), parts.data());
}

std::string AnalyticsService::Today() const { return FormatTimestamp(clock_.Now()).substr(0, 10); }

std::string AnalyticsService::CheckedAsOf(const std::optional<std::string>& as_of) const {
    if (!as_of) {
        return Today();
    }
    static const std::regex kDate(R"(\d{4}-\d{2}-\d{2})");
    if (!std::regex_match(*as_of, kDate) || !programs::AgeOn(*as_of, *as_of)) {
        ValidationReport report;
        report.Add("ANL-2002", "as_of",
                   {"as_of harus tanggal YYYY-MM-DD.", "as_of must be a date written YYYY-MM-DD."});
        report.ThrowIfAny();
    }
    return *as_of;
}

std::string AnalyticsService::CheckedGroupBy(const std::string& group_by) const {
    if (group_by != "district" && group_by != "village" && group_by != "regency") {
        ValidationReport report;
        report.Add(
            "ANL-2003", "group_by",
            {"group_by harus regency, district atau village.", "group_by must be regency, district or village."});
        report.ThrowIfAny();
    }
    return group_by;
}

// ---- for the register's name search ----------------------------------------------------------------------------

namespace {

// SQL's `=` between a stored value and a filter value: numbers compare by value whether integer or real.
bool SameValue(const db::Value* stored, const db::Value& wanted) {
    if (stored == nullptr) {
        return std::holds_alternative<std::monostate>(wanted);
    }
    return std::is_eq(programs::CompareValues(*stored, wanted));
}

// The carriers of every token: for each token the union over the tokens it is a prefix of, intersected.
template <typename WithPrefix>
Bitmap CarryingEvery(const std::vector<std::string>& tokens, WithPrefix&& with_prefix) {
    Bitmap found = with_prefix(tokens.front());
    for (std::size_t i = 1; i < tokens.size() && !found.isEmpty(); ++i) {
        found &= with_prefix(tokens[i]);
    }
    return found;
}

registry::RegisterSearchIndex::IdPage IdPageOf(const Bitmap& found, std::optional<std::int64_t> after,
                                               std::int64_t limit) {
    registry::RegisterSearchIndex::IdPage page;
    page.total = static_cast<std::int64_t>(found.cardinality());
    if (after && *after >= std::numeric_limits<std::uint32_t>::max()) {
        return page;
    }
    auto it = found.begin();
    if (after) {
        it.equalorlarger(static_cast<std::uint32_t>(std::max<std::int64_t>(*after + 1, 0)));
    }
    for (; it != found.end() && static_cast<std::int64_t>(page.ids.size()) <= limit; ++it) {
        page.ids.push_back(*it);
    }
    return page;
}

}  // namespace

std::optional<registry::RegisterSearchIndex::IdPage> AnalyticsService::FindHouseholds(
    const std::vector<std::string>& name_tokens, const registry::HouseholdQuery& query, const std::string& scope,
    std::optional<std::int64_t> after, std::int64_t limit) {
    const auto status = query.status.value_or("active");
    if (status != "active" && status != "closed" && status != "all") {
        return std::nullopt;
    }
    for (const auto& [name, value] : query.attributes) {
        if (programs::IsIdentifyingField(name)) {
            return std::nullopt;  // kept only as recorded / not recorded
        }
    }
    std::shared_lock<std::shared_mutex> lock;
    const auto* snapshot = CurrentIfReady(lock);
    if (snapshot == nullptr) {
        return std::nullopt;
    }
    auto found = name_tokens.empty() ? snapshot->HouseholdsIn("")
                                     : CarryingEvery(name_tokens, [snapshot](const std::string& token) {
                                           return snapshot->names().HouseholdsWithPrefix(token);
                                       });
    if (query.region && !query.region->empty()) {
        found &= snapshot->HouseholdsIn(*query.region);
    }
    if (!scope.empty()) {
        found &= snapshot->HouseholdsIn(scope);
    }
    if (status == "active") {
        found &= snapshot->active_households();
    } else if (status == "closed") {
        found -= snapshot->active_households();
    }
    if (query.desil_min || query.desil_max) {
        const auto* desil = snapshot->household_column("desil");
        if (desil == nullptr) {
            return std::nullopt;
        }
        found = desil->Select(found, [&query](const db::Value* value) {
            const auto* n = value == nullptr ? nullptr : std::get_if<std::int64_t>(value);
            return n != nullptr && (!query.desil_min || *n >= *query.desil_min) &&
                   (!query.desil_max || *n <= *query.desil_max);
        });
    }
    for (const auto& attribute : query.attributes) {
        const auto* column = snapshot->household_column(attribute.first);
        if (column == nullptr) {
            return std::nullopt;
        }
        const auto& wanted = attribute.second;  // clang 14 cannot capture a structured binding
        found = column->Select(found, [&wanted](const db::Value* value) { return SameValue(value, wanted); });
    }
    return IdPageOf(found, after, limit);
}

std::optional<registry::RegisterSearchIndex::IdPage> AnalyticsService::FindPersons(
    const std::vector<std::string>& name_tokens, const registry::PersonQuery& query, const std::string& scope,
    std::optional<std::int64_t> after, std::int64_t limit) {
    if (name_tokens.empty()) {
        return std::nullopt;
    }
    std::shared_lock<std::shared_mutex> lock;
    const auto* snapshot = CurrentIfReady(lock);
    if (snapshot == nullptr) {
        return std::nullopt;
    }
    auto found = CarryingEvery(
        name_tokens, [snapshot](const std::string& token) { return snapshot->names().PersonsWithPrefix(token); });
    const bool has_region = query.region && !query.region->empty();
    const bool by_region = has_region || !scope.empty();
    if (query.household || by_region) {
        Bitmap households;
        if (by_region) {
            households = snapshot->HouseholdsIn(has_region ? *query.region : scope);
            if (has_region && !scope.empty()) {
                households &= snapshot->HouseholdsIn(scope);
            }
        }
        std::vector<std::uint32_t> kept;
        for (const auto person : found) {
            const auto household = snapshot->household_of(person);
            if ((!query.household || household == *query.household) && (!by_region || households.contains(household))) {
                kept.push_back(person);
            }
        }
        found = Bitmap(kept.size(), kept.data());
    }
    return IdPageOf(found, after, limit);
}

// ---- for the programmes module -------------------------------------------------------------------------------

programs::EligibleHouseholdFinder::Found AnalyticsService::FindEligible(const programs::EligibilityRule& rule,
                                                                        const std::string& scope,
                                                                        const std::optional<std::string>& region,
                                                                        const std::string& as_of) {
    std::shared_lock<std::shared_mutex> lock;
    const auto& snapshot = Current(lock);
    const auto universe = Universe(snapshot, scope, region);
    Found found;
    found.checked = Count(universe);
    const auto selected = SelectHouseholds(snapshot, rule, universe, as_of);
    found.household_ids.reserve(selected.cardinality());
    for (const auto household : selected) {
        found.household_ids.push_back(household);
    }
    return found;
}

// ---- figures ---------------------------------------------------------------------------------------------------

OverlapMatrix AnalyticsService::GetOverlap(const Caller& caller, const std::optional<std::string>& region,
                                           const std::vector<std::int64_t>& program_ids) {
    const auto scope = registry_.RegionScope(caller, identity::actions::kAnalyticsFigures);
    std::shared_lock<std::shared_mutex> lock;
    const auto& snapshot = Current(lock);
    const auto universe = AllIn(snapshot, scope, region);
    OverlapMatrix matrix;
    std::vector<Bitmap> enrolled;
    for (const auto& program : snapshot.programs()) {
        if (!program_ids.empty() &&
            std::find(program_ids.begin(), program_ids.end(), program.id) == program_ids.end()) {
            continue;
        }
        matrix.programs.push_back(RefOf(program));
        enrolled.push_back(program.households & universe);
    }
    for (const auto id : program_ids) {
        if (snapshot.FindProgram(id) == nullptr) {
            throw ProgramNotFound(id);
        }
    }
    const auto n = enrolled.size();
    matrix.shared = SharedCounts(enrolled, snapshot.household_count());
    for (std::size_t i = 0; i < n; ++i) {
        matrix.enrolled.push_back(Count(enrolled[i]));
    }
    matrix.households_in_two_or_more = Count(InTwoOrMore(enrolled));
    identity_.Audit(caller, {"analytics.overlap",
                             "analytics",
                             std::nullopt,
                             identity::Outcome::kSuccess,
                             {{"region", region.value_or("")}, {"programs", static_cast<std::int64_t>(n)}}});
    return matrix;
}

std::vector<DuplicateBenefit> AnalyticsService::GetDuplicateBenefits(const Caller& caller,
                                                                     const std::optional<std::string>& region) {
    const auto scope = registry_.RegionScope(caller, identity::actions::kAnalyticsFigures);
    std::shared_lock<std::shared_mutex> lock;
    const auto& snapshot = Current(lock);
    const auto universe = AllIn(snapshot, scope, region);
    std::map<std::string, std::vector<const ProgramFacts*>> by_type;
    for (const auto& program : snapshot.programs()) {
        by_type[program.benefit_type].push_back(&program);
    }
    std::vector<DuplicateBenefit> out;
    for (const auto& [type, programs] : by_type) {
        if (programs.size() < 2) {
            continue;
        }
        DuplicateBenefit duplicate;
        duplicate.benefit_type = type;
        std::map<std::uint32_t, std::pair<int, std::set<std::int64_t>>> seen;
        for (const auto* program : programs) {
            duplicate.programs.push_back(RefOf(*program));
            for (const auto household : program->households& universe) {
                auto& [count, agencies] = seen[household];
                ++count;
                agencies.insert(program->agency_id);
            }
        }
        for (const auto& [household, entry] : seen) {
            if (entry.first >= 2) {
                ++duplicate.households;
                if (entry.second.size() >= 2) {
                    ++duplicate.households_across_agencies;
                }
            }
        }
        out.push_back(std::move(duplicate));
    }
    identity_.Audit(caller, {"analytics.duplicate_benefits",
                             "analytics",
                             std::nullopt,
                             identity::Outcome::kSuccess,
                             {{"region", region.value_or("")}}});
    return out;
}

Targeting AnalyticsService::GetTargeting(const Caller& caller, std::int64_t program_id,
                                         const std::optional<std::string>& region, const std::string& group_by,
                                         const std::optional<std::string>& as_of) {
    const auto scope = registry_.RegionScope(caller, identity::actions::kAnalyticsFigures);
    const auto level = CheckedGroupBy(group_by);
    const auto date = CheckedAsOf(as_of);
    std::shared_lock<std::shared_mutex> lock;
    const auto& snapshot = Current(lock);
    const auto* program = snapshot.FindProgram(program_id);
    if (program == nullptr) {
        throw ProgramNotFound(program_id);
    }
    const auto active = Universe(snapshot, scope, region);
    const auto all = AllIn(snapshot, scope, region);
    Targeting out;
    out.program = RefOf(*program);
    out.as_of = date;
    out.rule_readable = program->rule.has_value();
    const auto eligible = Eligible(snapshot, *program, date) & active;
    const auto enrolled = program->households & all;
    const auto enrolled_active = enrolled & active;
    const auto excluded = eligible - enrolled;
    const auto not_eligible = enrolled_active - eligible;
    const auto closed = enrolled - active;
    const bool person_level = program->target_level == "person";
    const auto no_living = person_level ? Bitmap() : WithoutLivingMember(snapshot, enrolled_active);
    const auto persons_not_living = person_level ? program->persons - snapshot.living_persons() : Bitmap();

    std::map<std::uint32_t, TargetingFigures> areas;
    using Field = std::int64_t TargetingFigures::*;
    const std::pair<const Bitmap*, Field> sets[] = {
        {&active, &TargetingFigures::households},
        {&eligible, &TargetingFigures::eligible},
        {&enrolled, &TargetingFigures::enrolled},
        {&excluded, &TargetingFigures::excluded},
        {&not_eligible, &TargetingFigures::included_not_eligible},
        {&closed, &TargetingFigures::included_closed},
        {&no_living, &TargetingFigures::included_no_living},
    };
    for (const auto& [set, field] : sets) {
        out.total.*field = Count(*set);
    }
    // Per village, intersections of its households with each set: no walk over the households themselves.
    for (std::uint32_t village = 0; village < snapshot.regions().size(); ++village) {
        const auto& households = snapshot.HouseholdsOfVillage(village);
        const auto area = households.isEmpty() ? std::nullopt : snapshot.AncestorAt(village, level);
        if (!area || !all.intersect(households)) {
            continue;
        }
        auto& figures = areas[*area];
        for (const auto& [set, field] : sets) {
            figures.*field += static_cast<std::int64_t>(households.and_cardinality(*set));
        }
    }
    // Persons: counted in the area of their (enrolled) household.
    for (const auto person : persons_not_living) {
        const auto household = snapshot.household_of(person);
        if (!all.contains(household)) {
            continue;
        }
        ++out.total.included_person_not_living;
        const auto village = snapshot.village_of(household);
        if (auto area = village != Snapshot::kNoRegion ? snapshot.AncestorAt(village, level) : std::nullopt) {
            ++areas[*area].included_person_not_living;
        }
    }
    for (auto& [index, figures] : areas) {
        figures.region_code = snapshot.regions()[index].code;
        figures.region_name = snapshot.regions()[index].name;
        out.areas.push_back(std::move(figures));
    }
    identity_.Audit(caller, {"analytics.targeting",
                             "program",
                             std::to_string(program_id),
                             identity::Outcome::kSuccess,
                             {{"region", region.value_or("")}, {"group_by", level}}});
    return out;
}

Coverage AnalyticsService::GetCoverage(const Caller& caller, const std::optional<std::string>& region,
                                       const std::string& group_by) {
    const auto scope = registry_.RegionScope(caller, identity::actions::kAnalyticsFigures);
    const auto level = CheckedGroupBy(group_by);
    std::shared_lock<std::shared_mutex> lock;
    const auto& snapshot = Current(lock);
    const auto active = Universe(snapshot, scope, region);
    const auto covered = Covered(snapshot);
    Coverage out;
    // Per village, intersections of its households with five sets: no walk over the households themselves.
    const auto desil_1 = WithDesil(snapshot, active, 1, 1);
    const auto poor = WithDesil(snapshot, active, 1, 4);
    const auto served = covered & active;
    const auto poor_served = poor & served;
    std::map<std::uint32_t, CoverageFigures> areas;
    for (std::uint32_t village = 0; village < snapshot.regions().size(); ++village) {
        const auto& households = snapshot.HouseholdsOfVillage(village);
        if (households.isEmpty()) {
            continue;
        }
        CoverageFigures figures;
        figures.households = static_cast<std::int64_t>(households.and_cardinality(active));
        if (figures.households == 0) {
            continue;
        }
        figures.desil_1 = static_cast<std::int64_t>(households.and_cardinality(desil_1));
        figures.desil_1_4 = static_cast<std::int64_t>(households.and_cardinality(poor));
        figures.desil_1_4_covered = static_cast<std::int64_t>(households.and_cardinality(poor_served));
        figures.covered = static_cast<std::int64_t>(households.and_cardinality(served));
        const auto add = [&figures](CoverageFigures& into) {
            into.households += figures.households;
            into.desil_1 += figures.desil_1;
            into.desil_1_4 += figures.desil_1_4;
            into.desil_1_4_covered += figures.desil_1_4_covered;
            into.covered += figures.covered;
        };
        add(out.total);
        if (const auto area = snapshot.AncestorAt(village, level)) {
            add(areas[*area]);
        }
    }
    for (auto& [index, figures] : areas) {
        figures.region_code = snapshot.regions()[index].code;
        figures.region_name = snapshot.regions()[index].name;
        out.areas.push_back(std::move(figures));
    }
    identity_.Audit(caller, {"analytics.coverage",
                             "analytics",
                             std::nullopt,
                             identity::Outcome::kSuccess,
                             {{"region", region.value_or("")}, {"group_by", level}}});
    return out;
}

Overview AnalyticsService::GetOverview(const Caller& caller, const std::optional<std::string>& region) {
    const auto scope = registry_.RegionScope(caller, identity::actions::kAnalyticsFigures);
    Overview out;
    out.as_of = Today();
    std::map<std::int64_t, std::pair<std::int64_t, std::int64_t>> money;  // programme → (planned, paid)
    std::optional<std::string> area;
    {
        std::shared_lock<std::shared_mutex> lock;
        const auto& snapshot = Current(lock);
        area = Area(snapshot, scope, region);
        const auto active = Universe(snapshot, scope, region);
        const auto all = AllIn(snapshot, scope, region);
        out.households = Count(active);
        for (const auto household : active) {
            out.persons += snapshot.living_members(household);
        }
        const auto poor = WithDesil(snapshot, active, 1, 4);
        out.desil_1 = Count(WithDesil(snapshot, active, 1, 1));
        out.desil_1_4 = Count(poor);
        out.desil_1_4_covered = static_cast<std::int64_t>(poor.and_cardinality(Covered(snapshot)));
        std::vector<Bitmap> enrolled;
        std::map<std::string, std::vector<std::size_t>> by_type;
        for (const auto& program : snapshot.programs()) {
            ProgramSummary summary;
            summary.program = RefOf(program);
            summary.budget = program.budget;
            const auto in_area = program.households & all;
            const auto in_area_active = in_area & active;
            const auto eligible = Eligible(snapshot, program, out.as_of) & active;
            summary.enrolled = Count(in_area);
            summary.eligible = Count(eligible);
            summary.excluded = Count(eligible - in_area);
            summary.included = Count(in_area_active - eligible) + Count(in_area - active);
            out.excluded += summary.excluded;
            out.included += summary.included;
            by_type[program.benefit_type].push_back(enrolled.size());
            enrolled.push_back(in_area);
            out.programs.push_back(std::move(summary));
        }
        for (std::size_t i = 0; i < enrolled.size(); ++i) {
            for (std::size_t j = i + 1; j < enrolled.size(); ++j) {
                out.overlapping_pairs += enrolled[i].intersect(enrolled[j]) ? 1 : 0;
            }
        }
        out.households_in_two_or_more = Count(InTwoOrMore(enrolled));
        Bitmap duplicated;
        for (const auto& [type, indexes] : by_type) {
            for (std::size_t a = 0; a < indexes.size(); ++a) {
                for (std::size_t b = a + 1; b < indexes.size(); ++b) {
                    duplicated |= enrolled[indexes[a]] & enrolled[indexes[b]];
                }
            }
        }
        out.duplicate_benefit_households = Count(duplicated);
        out.snapshot = info_;
    }
    // Money comes from the frozen stage lists, which the snapshot does not hold: one grouped query.
    {
        auto connection = db_.Acquire();
        std::string where;
        db::Params params;
        if (!area) {
            where = " WHERE 0 = 1";
        } else if (!area->empty()) {
            where = " WHERE village_code = ? OR village_code LIKE ?";
            params = {*area, *area + ".%"};
        }
        connection->ForEach(fmt::format("SELECT program_id, COALESCE(SUM(amount), 0), "
                                        "COALESCE(SUM(CASE WHEN status = 'paid' THEN amount ELSE 0 END), 0) "
                                        "FROM disbursements{} GROUP BY program_id",
                                        where),
                            params, [&money](const db::Row& row) {
                                money[row.Int(0)] = {row.Int(1), row.Int(2)};
                            });
    }
    std::map<std::int64_t, AgencySummary> agencies;
    for (auto& summary : out.programs) {
        if (auto found = money.find(summary.program.id); found != money.end()) {
            summary.planned_amount = found->second.first;
            summary.paid_amount = found->second.second;
        }
        auto& agency = agencies[summary.program.agency_id];
        agency.agency_id = summary.program.agency_id;
        agency.agency_code = summary.program.agency_code;
        ++agency.programs;
        agency.budget += summary.budget.value_or(0);
        agency.planned_amount += summary.planned_amount;
        agency.paid_amount += summary.paid_amount;
    }
    {
        auto connection = db_.Acquire();
        for (auto& [id, agency] : agencies) {
            if (auto row = connection->QueryOne("SELECT name FROM agencies WHERE id = ?", {id})) {
                agency.agency_name = row->Text(0);
            }
            out.agencies.push_back(std::move(agency));
        }
    }
    identity_.Audit(caller, {"analytics.overview",
                             "analytics",
                             std::nullopt,
                             identity::Outcome::kSuccess,
                             {{"region", region.value_or("")}}});
    return out;
}

// ---- lists -----------------------------------------------------------------------------------------------------

Page<HouseholdListItem> AnalyticsService::ListOf(const Caller& caller, const Bitmap& households,
                                                 const PageRequest& page, const std::string& what) {
    Page<HouseholdListItem> out;
    out.total = Count(households);
    const auto after = page.AfterId().value_or(0);
    std::vector<std::int64_t> ids;
    for (const auto household : households) {
        if (household <= after) {
            continue;
        }
        if (static_cast<std::int64_t>(ids.size()) == page.limit) {
            out.next_key = std::to_string(ids.back());
            break;
        }
        ids.push_back(household);
    }
    for (const auto& household : registry_.GetMany(caller, identity::actions::kRegistryRead, ids)) {
        HouseholdListItem item;
        item.household_id = household.id;
        item.head_name = household.head_name;
        item.village_name = household.village_name;
        if (auto it = household.fields.find("village_code");
            it != household.fields.end() && std::holds_alternative<std::string>(it->second)) {
            item.village_code = std::get<std::string>(it->second);
        }
        if (auto it = household.fields.find("desil");
            it != household.fields.end() && std::holds_alternative<std::int64_t>(it->second)) {
            item.desil = std::get<std::int64_t>(it->second);
        }
        item.status = household.status;
        out.items.push_back(std::move(item));
    }
    identity_.Audit(caller, {"analytics.list",
                             "analytics",
                             std::nullopt,
                             identity::Outcome::kSuccess,
                             {{"list", what}, {"total", out.total}}});
    return out;
}

Page<HouseholdListItem> AnalyticsService::OverlapHouseholds(const Caller& caller, std::int64_t program_a,
                                                            std::int64_t program_b,
                                                            const std::optional<std::string>& region,
                                                            const PageRequest& page) {
    const auto scope = registry_.RegionScope(caller, identity::actions::kRegistryRead);
    Bitmap households;
    {
        std::shared_lock<std::shared_mutex> lock;
        const auto& snapshot = Current(lock);
        const auto area = AllIn(snapshot, scope, region);
        const auto* a = snapshot.FindProgram(program_a);
        const auto* b = snapshot.FindProgram(program_b);
        if (a == nullptr || b == nullptr) {
            throw ProgramNotFound(a == nullptr ? program_a : program_b);
        }
        households = a->households & b->households & area;
    }
    return ListOf(caller, households, page, fmt::format("overlap {} {}", program_a, program_b));
}

Page<HouseholdListItem> AnalyticsService::DuplicateBenefitHouseholds(const Caller& caller,
                                                                     const std::string& benefit_type,
                                                                     const std::optional<std::string>& region,
                                                                     const PageRequest& page) {
    const auto scope = registry_.RegionScope(caller, identity::actions::kRegistryRead);
    Bitmap households;
    {
        std::shared_lock<std::shared_mutex> lock;
        const auto& snapshot = Current(lock);
        const auto all = AllIn(snapshot, scope, region);
        std::vector<const ProgramFacts*> of_type;
        for (const auto& program : snapshot.programs()) {
            if (program.benefit_type == benefit_type) {
                of_type.push_back(&program);
            }
        }
        for (std::size_t a = 0; a < of_type.size(); ++a) {
            for (std::size_t b = a + 1; b < of_type.size(); ++b) {
                households |= of_type[a]->households & of_type[b]->households;
            }
        }
        households &= all;
    }
    return ListOf(caller, households, page, "duplicate " + benefit_type);
}

Page<HouseholdListItem> AnalyticsService::TargetingHouseholds(const Caller& caller, std::int64_t program_id,
                                                              TargetingList list,
                                                              const std::optional<std::string>& region,
                                                              const std::optional<std::string>& as_of,
                                                              const PageRequest& page) {
    const auto scope = registry_.RegionScope(caller, identity::actions::kRegistryRead);
    const auto date = CheckedAsOf(as_of);
    Bitmap households;
    {
        std::shared_lock<std::shared_mutex> lock;
        const auto& snapshot = Current(lock);
        const auto* program = snapshot.FindProgram(program_id);
        if (program == nullptr) {
            throw ProgramNotFound(program_id);
        }
        const auto active = Universe(snapshot, scope, region);
        const auto all = AllIn(snapshot, scope, region);
        const auto eligible = Eligible(snapshot, *program, date) & active;
        const auto enrolled = program->households & all;
        switch (list) {
            case TargetingList::kEligible:
                households = eligible;
                break;
            case TargetingList::kEnrolled:
                households = enrolled;
                break;
            case TargetingList::kExcluded:
                households = eligible - enrolled;
                break;
            case TargetingList::kNotEligible:
                households = (enrolled & active) - eligible;
                break;
            case TargetingList::kClosed:
                households = enrolled - active;
                break;
            case TargetingList::kNoLiving:
                households = WithoutLivingMember(snapshot, enrolled & active);
                break;
        }
    }
    return ListOf(caller, households, page, fmt::format("targeting {}", program_id));
}

Page<HouseholdListItem> AnalyticsService::UncoveredHouseholds(const Caller& caller,
                                                              const std::optional<std::string>& region,
                                                              const PageRequest& page) {
    const auto scope = registry_.RegionScope(caller, identity::actions::kRegistryRead);
    Bitmap households;
    {
        std::shared_lock<std::shared_mutex> lock;
        const auto& snapshot = Current(lock);
        households = WithDesil(snapshot, Universe(snapshot, scope, region), 1, 4) - Covered(snapshot);
    }
    return ListOf(caller, households, page, "uncovered desil 1-4");
}

std::vector<YearBenefits> AnalyticsService::HouseholdBenefits(const Caller& caller, std::int64_t household_id) {
    // Reading the household checks the caller's scope and audits the read.
    (void)registry_.Get(caller, household_id);
    auto connection = db_.Acquire();
    std::map<std::int64_t, YearBenefits> years;
    connection->ForEach(
        "SELECT CAST(SUBSTR(COALESCE(CASE WHEN d.status = 'paid' THEN d.status_date END, s.planned_date), 1, 4) "
        "AS INTEGER), p.id, p.code, p.name, a.code, p.benefit_type, COUNT(*), "
        "COALESCE(SUM(CASE WHEN d.status = 'paid' THEN d.amount ELSE 0 END), 0), "
        "COALESCE(SUM(CASE WHEN d.status = 'paid' THEN d.quantity ELSE 0 END), 0), "
        "COALESCE(SUM(CASE WHEN d.status IN ('planned', 'failed') THEN d.amount ELSE 0 END), 0) "
        "FROM disbursements d JOIN programs p ON p.id = d.program_id JOIN agencies a ON a.id = p.agency_id "
        "JOIN program_stages s ON s.program_id = d.program_id AND s.number = d.stage_number "
        "WHERE d.household_id = ? GROUP BY 1, p.id ORDER BY 1, p.code",
        {household_id}, [&years](const db::Row& row) {
            auto& year = years[row.Int(0)];
            year.year = row.Int(0);
            YearBenefits::Line line;
            line.program_id = row.Int(1);
            line.program_code = row.Text(2);
            line.program_name = row.Text(3);
            line.agency_code = row.Text(4);
            line.benefit_type = row.Text(5);
            line.stages = row.Int(6);
            line.paid_amount = row.Int(7);
            line.paid_quantity = row.Real(8);
            line.planned_amount = row.Int(9);
            year.paid_amount += line.paid_amount;
            year.programs.push_back(std::move(line));
        });
    std::vector<YearBenefits> out;
    out.reserve(years.size());
    for (auto& [year, benefits] : years) {
        out.push_back(std::move(benefits));
    }
    return out;
}

}  // namespace sinergi::analytics
