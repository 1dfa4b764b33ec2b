#include "programs/programs_store.hpp"

#include "platform/paging.hpp"

namespace sinergi::programs::store {

namespace {

constexpr std::string_view kSelect =
    "SELECT p.id, p.agency_id, a.code, a.name, p.code, p.sipd_code, p.name, p.description, p.benefit_type, "
    "p.target_level, p.amount_per_stage, p.quantity_per_stage, p.unit, p.period_start, p.period_end, p.budget, "
    "p.target_count, p.eligibility_rule, p.status, p.version, p.created_at, p.updated_at "
    "FROM programs p JOIN agencies a ON a.id = p.agency_id";

std::optional<double> OptReal(const db::Row& row, std::size_t i) {
    return row.IsNull(i) ? std::nullopt : std::optional(row.Real(i));
}

Program ReadProgram(const db::Row& row) {
    Program p;
    p.id = row.Int(0);
    p.agency_id = row.Int(1);
    p.agency_code = row.Text(2);
    p.agency_name = row.Text(3);
    p.code = row.Text(4);
    p.sipd_code = row.OptText(5);
    p.name = row.Text(6);
    p.description = row.OptText(7);
    p.benefit_type = row.Text(8);
    p.target_level = row.Text(9);
    p.amount_per_stage = row.OptInt(10);
    p.quantity_per_stage = OptReal(row, 11);
    p.unit = row.OptText(12);
    p.period_start = row.Text(13);
    p.period_end = row.Text(14);
    p.budget = row.OptInt(15);
    p.target_count = row.OptInt(16);
    p.eligibility_rule_json = row.Text(17);
    p.status = row.Text(18);
    p.version = row.Int(19);
    p.created_at = row.Text(20);
    p.updated_at = row.Text(21);
    return p;
}

void LoadStages(db::Connection& c, Program& program) {
    program.stages.clear();
    c.ForEach("SELECT number, name, planned_date FROM program_stages WHERE program_id = ? ORDER BY number",
              {program.id}, [&program](const db::Row& row) {
                  program.stages.push_back({row.Int(0), row.Text(1), row.Text(2)});
              });
}

void WriteStages(db::Connection& c, const Program& program) {
    c.Execute("DELETE FROM program_stages WHERE program_id = ?", {program.id});
    for (const auto& stage : program.stages) {
        c.Execute("INSERT INTO program_stages (program_id, number, name, planned_date) VALUES (?, ?, ?, ?)",
                  {program.id, stage.number, stage.name, stage.planned_date});
    }
}

}  // namespace

std::int64_t Insert(db::Connection& c, const Program& program) {
    auto copy = program;
    copy.id = c.QueryOne(
                   "INSERT INTO programs (agency_id, code, sipd_code, name, description, benefit_type, "
                   "target_level, amount_per_stage, quantity_per_stage, unit, period_start, period_end, budget, "
                   "target_count, eligibility_rule, status, version, created_at, updated_at) "
                   "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?) RETURNING id",
                   {program.agency_id, program.code, program.sipd_code, program.name, program.description,
                    program.benefit_type, program.target_level, program.amount_per_stage, program.quantity_per_stage,
                    program.unit, program.period_start, program.period_end, program.budget, program.target_count,
                    program.eligibility_rule_json, program.status, program.created_at, program.updated_at})
                  ->Int(0);
    WriteStages(c, copy);
    return copy.id;
}

bool Update(db::Connection& c, const Program& program, std::int64_t expected_version) {
    const auto changed = c.Execute(
        "UPDATE programs SET sipd_code = ?, name = ?, description = ?, benefit_type = ?, target_level = ?, "
        "amount_per_stage = ?, quantity_per_stage = ?, unit = ?, period_start = ?, period_end = ?, "
        "budget = ?, target_count = ?, eligibility_rule = ?, status = ?, version = version + 1, "
        "updated_at = ? WHERE id = ? AND version = ?",
        {program.sipd_code, program.name, program.description, program.benefit_type, program.target_level,
         program.amount_per_stage, program.quantity_per_stage, program.unit, program.period_start, program.period_end,
         program.budget, program.target_count, program.eligibility_rule_json, program.status, program.updated_at,
         program.id, expected_version});
    if (changed == 0) {
        return false;
    }
    WriteStages(c, program);
    return true;
}

std::optional<Program> Find(db::Connection& c, std::int64_t id) {
    auto row = c.QueryOne(std::string(kSelect) + " WHERE p.id = ?", {id});
    if (!row) {
        return std::nullopt;
    }
    auto program = ReadProgram(*row);
    LoadStages(c, program);
    return program;
}

identity::Page<Program> List(db::Connection& c, const ProgramFilter& filter, const PageRequest& page) {
    db::Conditions where;
    if (filter.q) {
        const auto pattern = db::ContainsPattern(*filter.q);
        where.Add(
            "(lower(p.code) LIKE ? ESCAPE '\\' OR lower(COALESCE(p.sipd_code, '')) LIKE ? ESCAPE '\\' OR "
            "lower(p.name) LIKE ? ESCAPE '\\')",
            {pattern, pattern, pattern});
    }
    if (filter.agency_id) {
        where.Add("p.agency_id = ?", {*filter.agency_id});
    }
    if (filter.status) {
        where.Add("p.status = ?", {*filter.status});
    }
    auto result = QueryPage<Program>(c, std::string(kSelect), "FROM programs p", where, "p.code", KeyOrder::kAscending,
                                     false, page, ReadProgram);
    for (auto& program : result.items) {
        LoadStages(c, program);
    }
    // The page key is the code (column 4), not the id QueryPage read from column 0.
    if (result.next_key && !result.items.empty()) {
        result.next_key = result.items.back().code;
    }
    return result;
}

bool CodeExists(db::Connection& c, std::string_view code) {
    return c.QueryOne("SELECT 1 FROM programs WHERE code = ?", {code}).has_value();
}

bool AgencyExists(db::Connection& c, std::int64_t agency_id) {
    return c.QueryOne("SELECT 1 FROM agencies WHERE id = ?", {agency_id}).has_value();
}

}  // namespace sinergi::programs::store
