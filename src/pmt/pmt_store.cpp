#include "pmt/pmt_store.hpp"

#include <fmt/format.h>

#include "platform/paging.hpp"

namespace sinergi::pmt {

namespace {

// The household's attributes, then its living members: one row per member, households in id order, so a run reads the
// register in one pass without holding it in memory.
const std::string& ScanSelect() {
    static const std::string kSql = [] {
        std::string columns;
        for (const auto name : HouseholdAttributeNames()) {
            columns += fmt::format("h.{}, ", name);
        }
        return "SELECT h.id, h.village_code, " + columns +
               "p.birth_date, p.education_level, p.work_status, CASE WHEN p.id = h.head_person_id THEN 1 ELSE 0 END "
               "FROM households h JOIN persons p ON p.household_id = h.id AND p.life_status = 'alive' "
               "WHERE h.status = 'active' ORDER BY h.id, p.id";
    }();
    return kSql;
}

constexpr std::string_view kRunColumns =
    "SELECT id, status, weights_version, households, skipped, error_id, error_en, created_by_name, created_at, "
    "started_at, finished_at FROM pmt_runs";

PmtRun ReadRun(const db::Row& row) {
    PmtRun run;
    run.id = row.Int(0);
    run.status = row.Text(1);
    run.weights_version = row.Text(2);
    run.households = row.Int(3);
    run.skipped = row.Int(4);
    if (auto id = row.OptText(5)) {
        run.error = LocalizedText{*id, row.OptText(6).value_or(*id)};
    }
    run.created_by = row.Text(7);
    run.created_at = row.Text(8);
    run.started_at = row.OptText(9);
    run.finished_at = row.OptText(10);
    run.percent = run.status == "finished" ? 100 : 0;
    return run;
}

// Codes under 33.02.01 sort between "33.02.01" and "33.02.01/" ('/' follows '.'), so an index on the code serves it.
void AddRegion(db::Conditions& where, const std::string& region) {
    if (region.size() == 13) {
        where.Add("h.village_code = ?", {region});
    } else if (!region.empty()) {
        where.Add("h.village_code >= ? AND h.village_code < ?", {region, region + "/"});
    }
}

}  // namespace

std::int64_t PmtStore::CountActiveHouseholds(db::Connection& c) const {
    return c.QueryOne("SELECT COUNT(*) FROM households WHERE status = 'active'")->Int(0);
}

void PmtStore::ForEachHousehold(db::Connection& c, const std::function<void(const HouseholdScan&)>& visit) const {
    const auto attributes = HouseholdAttributeNames().size();
    const auto member_column = 2 + attributes;
    HouseholdScan current;
    c.ForEach(ScanSelect(), {}, [&](const db::Row& row) {
        const auto id = row.Int(0);
        if (id != current.id) {
            if (current.id != 0) {
                visit(current);
            }
            current.id = id;
            current.village_code = row.Text(1);
            current.facts.members.clear();
            for (std::size_t i = 0; i < attributes; ++i) {
                current.facts.attributes[i] = row.Raw(2 + i);
            }
        }
        current.facts.members.push_back({row.OptText(member_column), row.OptText(member_column + 1),
                                         row.OptText(member_column + 2), row.Int(member_column + 3) != 0});
    });
    if (current.id != 0) {
        visit(current);
    }
}

void PmtStore::DeleteEstimates(db::Connection& c) const { c.Execute("DELETE FROM pmt_estimates"); }

void PmtStore::InsertEstimate(db::Connection& c, const EstimateRow& row) const {
    c.Execute(
        "INSERT INTO pmt_estimates (household_id, run_id, consumption_per_capita, log_consumption, estimated_desil, "
        "weights_version, computed_at, contributions, missing) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        {row.household_id, row.run_id, row.consumption_per_capita, row.log_consumption, row.estimated_desil,
         row.weights_version, row.computed_at, row.contributions_json, row.missing_json});
}

std::optional<HouseholdRow> PmtStore::FindHousehold(db::Connection& c, std::int64_t id) const {
    auto row = c.QueryOne(
        "SELECT village_code, updated_at, desil, desil_source, desil_as_of FROM households WHERE id = ?", {id});
    if (!row) {
        return std::nullopt;
    }
    HouseholdRow household;
    household.village_code = row->Text(0);
    household.updated_at = row->Text(1);
    // A member's change is a change of the household's facts too.
    if (auto members = c.QueryOne("SELECT MAX(updated_at) FROM persons WHERE household_id = ?", {id});
        members && !members->IsNull(0) && members->Text(0) > household.updated_at) {
        household.updated_at = members->Text(0);
    }
    const auto source = row->OptText(3);
    if (!row->IsNull(2) && source != "pmt_sinergi") {
        household.official = OfficialDesil{row->Int(2), source, row->OptText(4)};
    }
    return household;
}

std::optional<EstimateRow> PmtStore::FindEstimate(db::Connection& c, std::int64_t household_id) const {
    auto row = c.QueryOne(
        "SELECT household_id, run_id, consumption_per_capita, log_consumption, estimated_desil, weights_version, "
        "computed_at, contributions, missing FROM pmt_estimates WHERE household_id = ?",
        {household_id});
    if (!row) {
        return std::nullopt;
    }
    return EstimateRow{row->Int(0),  row->Int(1),  row->Int(2),  row->Real(3), row->Int(4),
                       row->Text(5), row->Text(6), row->Text(7), row->Text(8)};
}

identity::Page<Disagreement> PmtStore::Disagreements(db::Connection& c, const DisagreementFilter& filter,
                                                     const std::string& scope_prefix, const PageRequest& page) const {
    db::Conditions where;
    where.Add("h.status = 'active'");
    // The official desil: present and not itself an estimate of Sinergi's written into the register.
    where.Add("h.desil IS NOT NULL");
    where.Add("(h.desil_source IS NULL OR h.desil_source <> 'pmt_sinergi')");
    where.Add("(e.estimated_desil - h.desil >= ? OR h.desil - e.estimated_desil >= ?)",
              {filter.min_gap, filter.min_gap});
    AddRegion(where, filter.region.value_or(""));
    AddRegion(where, scope_prefix);
    constexpr std::string_view kFrom = "FROM pmt_estimates e JOIN households h ON h.id = e.household_id";
    const auto select = fmt::format(
        "SELECT e.household_id, h.village_code, r.name, hp.name, h.desil, h.desil_source, e.estimated_desil, "
        "e.consumption_per_capita, e.computed_at {} LEFT JOIN regions r ON r.code = h.village_code "
        "LEFT JOIN persons hp ON hp.id = h.head_person_id",
        kFrom);
    return QueryPage<Disagreement>(c, select, kFrom, where, "e.household_id", KeyOrder::kAscending, true, page,
                                   [](const db::Row& row) {
                                       Disagreement d;
                                       d.household_id = row.Int(0);
                                       d.village_code = row.Text(1);
                                       d.village_name = row.OptText(2);
                                       d.head_name = row.OptText(3);
                                       d.official_desil = row.Int(4);
                                       d.official_source = row.OptText(5);
                                       d.estimated_desil = row.Int(6);
                                       d.gap = d.estimated_desil - d.official_desil;
                                       d.consumption_per_capita = row.Int(7);
                                       d.computed_at = row.Text(8);
                                       return d;
                                   });
}

std::int64_t PmtStore::InsertRun(db::Connection& c, std::string_view status, const std::string& weights_version,
                                 std::optional<std::int64_t> user_id, const std::string& username,
                                 const std::string& now) const {
    return c
        .QueryOne(
            "INSERT INTO pmt_runs (status, weights_version, created_by, created_by_name, created_at) "
            "VALUES (?, ?, ?, ?, ?) RETURNING id",
            {status, weights_version, user_id, username, now})
        ->Int(0);
}

std::optional<std::int64_t> PmtStore::OpenRun(db::Connection& c) const {
    auto row = c.QueryOne("SELECT MIN(id) FROM pmt_runs WHERE status IN ('queued', 'running')");
    return row && !row->IsNull(0) ? row->OptInt(0) : std::nullopt;
}

std::vector<std::int64_t> PmtStore::OpenRuns(db::Connection& c) const {
    std::vector<std::int64_t> ids;
    c.ForEach("SELECT id FROM pmt_runs WHERE status IN ('queued', 'running') ORDER BY id", {},
              [&ids](const db::Row& row) { ids.push_back(row.Int(0)); });
    return ids;
}

void PmtStore::MarkRunning(db::Connection& c, std::int64_t id, const std::string& now) const {
    c.Execute("UPDATE pmt_runs SET status = 'running', started_at = ? WHERE id = ?", {now, id});
}

void PmtStore::MarkFinished(db::Connection& c, std::int64_t id, std::int64_t households, std::int64_t skipped,
                            const std::string& now) const {
    c.Execute("UPDATE pmt_runs SET status = 'finished', households = ?, skipped = ?, finished_at = ? WHERE id = ?",
              {households, skipped, now, id});
}

void PmtStore::MarkFailed(db::Connection& c, std::int64_t id, const LocalizedText& why, const std::string& now) const {
    c.Execute("UPDATE pmt_runs SET status = 'failed', error_id = ?, error_en = ?, finished_at = ? WHERE id = ?",
              {why.id, why.en, now, id});
}

std::optional<PmtRun> PmtStore::FindRun(db::Connection& c, std::int64_t id) const {
    auto row = c.QueryOne(std::string(kRunColumns) + " WHERE id = ?", {id});
    return row ? std::optional(ReadRun(*row)) : std::nullopt;
}

identity::Page<PmtRun> PmtStore::ListRuns(db::Connection& c, const PageRequest& page) const {
    return QueryPage<PmtRun>(c, kRunColumns, "FROM pmt_runs", {}, "id", KeyOrder::kDescending, true, page, ReadRun);
}

}  // namespace sinergi::pmt
