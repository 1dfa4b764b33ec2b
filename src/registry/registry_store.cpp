#include "registry/registry_store.hpp"

#include <boost/json.hpp>
#include <fmt/format.h>

#include "registry/names.hpp"

namespace sinergi::registry {

namespace {

std::string Columns(std::span<const FieldSpec> fields, std::string_view prefix) {
    std::string out;
    for (const auto& spec : fields) {
        out += fmt::format("{}{}{}", out.empty() ? "" : ", ", prefix, spec.name);
    }
    return out;
}

db::Value ColumnValue(const db::Row& row, std::size_t i) {
    if (row.IsNull(i)) {
        return {};
    }
    return row.Raw(i);
}

std::vector<std::string> ParseWarnings(const std::string& json) {
    std::vector<std::string> out;
    boost::system::error_code ec;
    auto value = boost::json::parse(json, ec);
    if (!ec && value.is_array()) {
        for (const auto& item : value.as_array()) {
            if (item.is_string()) {
                out.emplace_back(item.as_string());
            }
        }
    }
    return out;
}

const std::string& HouseholdSelect() {
    static const std::string kSql = fmt::format(
        "SELECT h.id, h.version, h.head_person_id, h.status, h.closed_reason, h.closed_at, h.warnings, h.created_at, "
        "h.updated_at, r.name, (SELECT hp.name FROM persons hp WHERE hp.id = h.head_person_id), "
        "(SELECT COUNT(*) FROM persons m WHERE m.household_id = h.id AND m.life_status = 'alive'), {} "
        "FROM households h LEFT JOIN regions r ON r.code = h.village_code",
        Columns(HouseholdFields(), "h."));
    return kSql;
}
constexpr std::size_t kHouseholdFixedColumns = 12;

Household ReadHousehold(const db::Row& row) {
    Household h;
    h.id = row.Int(0);
    h.version = row.Int(1);
    h.head_person_id = row.OptInt(2);
    h.status = row.Text(3);
    h.closed_reason = row.OptText(4);
    h.closed_at = row.OptText(5);
    h.warnings = ParseWarnings(row.Text(6));
    h.created_at = row.Text(7);
    h.updated_at = row.Text(8);
    h.village_name = row.OptText(9);
    h.head_name = row.OptText(10);
    h.member_count = row.Int(11);
    std::size_t i = kHouseholdFixedColumns;
    for (const auto& spec : HouseholdFields()) {
        h.fields[std::string(spec.name)] = ColumnValue(row, i++);
    }
    return h;
}

const std::string& PersonSelect() {
    static const std::string kSql =
        fmt::format("SELECT p.id, p.household_id, p.version, p.warnings, p.created_at, p.updated_at, {} FROM persons p",
                    Columns(PersonFields(), "p."));
    return kSql;
}
constexpr std::size_t kPersonFixedColumns = 6;

Person ReadPerson(const db::Row& row) {
    Person p;
    p.id = row.Int(0);
    p.household_id = row.Int(1);
    p.version = row.Int(2);
    p.warnings = ParseWarnings(row.Text(3));
    p.created_at = row.Text(4);
    p.updated_at = row.Text(5);
    std::size_t i = kPersonFixedColumns;
    for (const auto& spec : PersonFields()) {
        p.fields[std::string(spec.name)] = ColumnValue(row, i++);
    }
    return p;
}

// Inserts the fields that hold a value (so an absent one takes the column's default) and returns the new row's id.
std::int64_t Insert(db::Connection& c, std::string_view table, std::span<const FieldSpec> specs,
                    const FieldValues& fields, const std::vector<std::pair<std::string, db::Param>>& extra) {
    std::string sql = fmt::format("INSERT INTO {} (", table);
    std::string marks;
    db::Params params;
    params.reserve(specs.size() + extra.size());
    const auto add_column = [&sql, &marks](std::string_view column) {
        if (!marks.empty()) {
            sql += ", ";
            marks += ", ";
        }
        sql += column;
        marks += '?';
    };
    for (const auto& spec : specs) {
        auto it = fields.find(spec.name);
        if (it == fields.end() || std::holds_alternative<std::monostate>(it->second)) {
            continue;
        }
        add_column(spec.name);
        std::visit(
            [&params](const auto& v) {
                if constexpr (!std::is_same_v<std::decay_t<decltype(v)>, std::monostate>) {
                    params.emplace_back(v);
                }
            },
            it->second);
    }
    for (const auto& [column, value] : extra) {
        add_column(column);
        params.push_back(value);
    }
    sql += ") VALUES (";
    sql += marks;
    sql += ')';
    c.Execute(sql, params);
    return c.LastInsertId();
}

db::Param ToParam(const db::Value& value) {
    if (const auto* n = std::get_if<std::int64_t>(&value)) {
        return *n;
    }
    if (const auto* d = std::get_if<double>(&value)) {
        return *d;
    }
    if (const auto* s = std::get_if<std::string>(&value)) {
        return *s;
    }
    return nullptr;
}

bool Update(db::Connection& c, std::string_view table, std::int64_t id, std::int64_t expected_version,
            const FieldValues& changes, const std::optional<std::string>& warnings_json, const std::string& now) {
    std::string sets;
    db::Params params;
    for (const auto& [name, value] : changes) {
        sets += fmt::format("{}{} = ?", sets.empty() ? "" : ", ", name);
        params.push_back(ToParam(value));
    }
    if (warnings_json) {
        sets += fmt::format("{}warnings = ?", sets.empty() ? "" : ", ");
        params.emplace_back(*warnings_json);
    }
    sets += fmt::format("{}version = version + 1, updated_at = ?", sets.empty() ? "" : ", ");
    params.emplace_back(now);
    params.emplace_back(id);
    params.emplace_back(expected_version);
    return c.Execute(fmt::format("UPDATE {} SET {} WHERE id = ? AND version = ?", table, sets), params) == 1;
}

// Inserts `count` rows of `column_count` values into `table`, many rows per statement: `bind(i, params)` appends the
// values of row i. A statement of 64 rows costs SQLite little more than one of a single row (cursors opened once,
// one statement journal), and the rest is done in halving sizes, so only a few statement texts are ever prepared.
template <typename Bind>
void InsertMany(db::Connection& c, std::string_view table, std::string_view columns, std::size_t column_count,
                std::size_t count, Bind bind) {
    constexpr std::size_t kRowsPerStatement = 64;
    std::string tuple = "(";
    for (std::size_t i = 0; i < column_count; ++i) {
        tuple += i == 0 ? "?" : ", ?";
    }
    tuple += ')';
    db::Params params;
    for (std::size_t done = 0; done < count;) {
        std::size_t rows = kRowsPerStatement;
        while (rows > count - done) {
            rows /= 2;
        }
        std::string sql = fmt::format("INSERT INTO {} ({}) VALUES ", table, columns);
        sql.reserve(sql.size() + rows * (tuple.size() + 2));
        params.clear();
        params.reserve(rows * column_count);
        for (std::size_t i = 0; i < rows; ++i) {
            sql += i == 0 ? "" : ", ";
            sql += tuple;
            bind(done + i, params);
        }
        c.Execute(sql, params);
        done += rows;
    }
}

// Appends the value of every field of `specs` to `params`: where `fields` has none, NULL, or for the field named
// `default_field` the column's DEFAULT, which a statement naming every column cannot fall back on.
void BindFields(std::span<const FieldSpec> specs, const FieldValues& fields, db::Params& params,
                std::string_view default_field = {}, std::string_view default_value = {}) {
    for (const auto& spec : specs) {
        auto it = fields.find(spec.name);
        if (it != fields.end() && !std::holds_alternative<std::monostate>(it->second)) {
            params.push_back(ToParam(it->second));
        } else if (spec.name == default_field) {
            params.emplace_back(default_value);
        } else {
            params.emplace_back(nullptr);
        }
    }
}

// Adds the conditions for free text: a 16-digit number is a NIK or KK number; anything else is a name.
void AddTextQuery(db::Conditions& where, const std::string& q, std::string_view household_column,
                  std::string_view person_column) {
    const bool digits =
        q.size() == 16 && std::all_of(q.begin(), q.end(), [](char ch) { return ch >= '0' && ch <= '9'; });
    if (digits) {
        if (person_column.empty()) {
            where.Add(fmt::format("({0} IN (SELECT household_id FROM persons WHERE nik = ?) OR {0} IN (SELECT "
                                  "household_id FROM household_kk_history WHERE kk_number = ?))",
                                  household_column),
                      {q, q});
        } else {
            where.Add(fmt::format("({} IN (SELECT id FROM persons WHERE nik = ?) OR {} IN (SELECT household_id FROM "
                                  "household_kk_history WHERE kk_number = ?))",
                                  person_column, household_column),
                      {q, q});
        }
        return;
    }
    const bool only_digits =
        !q.empty() && std::all_of(q.begin(), q.end(), [](char ch) { return ch >= '0' && ch <= '9'; });
    if (only_digits) {
        // Part of a NIK or KK number (from its start): digits sort before ':'.
        if (person_column.empty()) {
            where.Add(
                fmt::format("({0} IN (SELECT household_id FROM persons WHERE nik >= ? AND nik < ?) OR {0} IN "
                            "(SELECT household_id FROM household_kk_history WHERE kk_number >= ? AND kk_number < ?))",
                            household_column),
                {q, q + ":", q, q + ":"});
        } else {
            where.Add(fmt::format("{} IN (SELECT id FROM persons WHERE nik >= ? AND nik < ?)", person_column),
                      {q, q + ":"});
        }
        return;
    }
    const auto tokens = NameTokens(q);
    if (tokens.empty()) {
        where.Add("1 = 0");  // only punctuation or titles: nothing to search for, so nothing is found
        return;
    }
    // One set per token, intersected before the outer query looks at a single row: the outer query then reads only
    // the records that carry every token, not every record that carries the first one. Tokens are lower-case a–z, so
    // every token with this prefix sorts before prefix + '{'.
    std::string sets;
    db::Params params;
    for (const auto& token : tokens) {
        sets += sets.empty() ? "" : " INTERSECT ";
        sets += person_column.empty()
                    ? "SELECT p.household_id FROM person_name_tokens t JOIN persons p ON p.id = "
                      "t.person_id WHERE t.token >= ? AND t.token < ?"
                    : "SELECT t.person_id FROM person_name_tokens t WHERE t.token >= ? AND t.token < ?";
        params.emplace_back(token);
        params.emplace_back(token + "{");
    }
    where.Add(fmt::format("{} IN ({})", person_column.empty() ? household_column : person_column, sets),
              std::move(params));
}

void AddRegion(db::Conditions& where, const std::optional<std::string>& region, std::string_view column) {
    if (region && regions::LevelOfCode(*region) == regions::Level::kVillage) {
        // A village has no regions under it: equality, which keeps an index on (village_code, …, id) in id order.
        where.Add(fmt::format("{} = ?", column), {*region});
    } else if (region && !region->empty()) {
        // Codes under 33.02.01 sort between "33.02.01" and "33.02.01/" ('/' follows '.'), so the index serves it.
        where.Add(fmt::format("{0} >= ? AND {0} < ?", column), {*region, *region + "/"});
    }
}

// A page of households in id order. The ids are found first, by a query an index can answer without reading the
// households; only the page's rows are then read in full, with their head's name and member count. (Asking for
// everything in one query makes SQLite compute those for every match, before sorting, when an index range gives the
// matches in another order: for a village, thousands of households for a page of 50.)
identity::Page<Household> HouseholdPage(db::Connection& c, db::Conditions where, const PageRequest& page) {
    identity::Page<Household> result;
    result.total = c.QueryOne("SELECT COUNT(*) FROM households h" + where.Where(), where.params())->Int(0);
    if (auto after = page.AfterId()) {
        where.Add("h.id > ?", {*after});
    }
    auto params = where.params();
    params.emplace_back(page.limit + 1);
    auto rows = c.Query(HouseholdSelect() + " WHERE h.id IN (SELECT h.id FROM households h" + where.Where() +
                            " ORDER BY h.id LIMIT ?) ORDER BY h.id",
                        params);
    const bool more = static_cast<std::int64_t>(rows.size()) > page.limit;
    if (more) {
        rows.pop_back();
    }
    for (const auto& row : rows) {
        result.items.push_back(ReadHousehold(row));
    }
    if (more) {
        result.next_key = std::to_string(result.items.back().id);
    }
    return result;
}

template <typename T, typename Reader>
identity::Page<T> PageOf(db::Connection& c, const std::string& select, const std::string& count_from,
                         db::Conditions where, std::string_view id_column, const PageRequest& page, Reader read) {
    return QueryPage<T>(c, select, count_from, std::move(where), id_column, KeyOrder::kAscending, true, page, read);
}

}  // namespace

std::int64_t RegistryStore::InsertHousehold(db::Connection& c, const FieldValues& fields,
                                            const std::string& warnings_json, const std::string& now) {
    return Insert(c, "households", HouseholdFields(), fields,
                  {{"warnings", warnings_json}, {"created_at", now}, {"updated_at", now}});
}

std::int64_t RegistryStore::InsertPerson(db::Connection& c, std::int64_t household_id, const FieldValues& fields,
                                         const std::string& warnings_json, const std::string& now) {
    return Insert(
        c, "persons", PersonFields(), fields,
        {{"household_id", household_id}, {"warnings", warnings_json}, {"created_at", now}, {"updated_at", now}});
}

void RegistryStore::ReplaceNameTokens(db::Connection& c, std::int64_t person_id,
                                      const std::vector<std::string>& tokens) {
    c.Execute("DELETE FROM person_name_tokens WHERE person_id = ?", {person_id});
    InsertNameTokens(c, person_id, tokens);
}

void RegistryStore::InsertNameTokens(db::Connection& c, std::int64_t person_id,
                                     const std::vector<std::string>& tokens) {
    // One statement per person rather than per token; names have few words, so few statement texts exist.
    if (tokens.empty()) {
        return;
    }
    std::string sql = "INSERT INTO person_name_tokens (token, person_id) VALUES (?, ?)";
    db::Params params;
    params.reserve(tokens.size() * 2);
    for (const auto& token : tokens) {
        if (!params.empty()) {
            sql += ", (?, ?)";
        }
        params.emplace_back(token);
        params.emplace_back(person_id);
    }
    c.Execute(sql, params);
}

void RegistryStore::SetHead(db::Connection& c, std::int64_t household_id, std::optional<std::int64_t> person_id) {
    c.Execute("UPDATE households SET head_person_id = ? WHERE id = ?", {person_id, household_id});
}

void RegistryStore::OpenKkHistory(db::Connection& c, std::int64_t household_id, const std::string& kk,
                                  const std::string& now) {
    c.Execute("INSERT INTO household_kk_history (household_id, kk_number, valid_from) VALUES (?, ?, ?)",
              {household_id, kk, now});
}

void RegistryStore::CloseKkHistory(db::Connection& c, std::int64_t household_id, const std::string& now) {
    c.Execute("UPDATE household_kk_history SET valid_to = ? WHERE household_id = ? AND valid_to IS NULL",
              {now, household_id});
}

std::int64_t RegistryStore::NextHouseholdId(db::Connection& c) {
    return c.QueryOne("SELECT COALESCE(MAX(id), 0) + 1 FROM households")->Int(0);
}

std::int64_t RegistryStore::NextPersonId(db::Connection& c) {
    return c.QueryOne("SELECT COALESCE(MAX(id), 0) + 1 FROM persons")->Int(0);
}

void RegistryStore::InsertHouseholds(db::Connection& c, std::span<const HouseholdRow> rows) {
    static const std::string kColumns =
        "id, head_person_id, warnings, created_at, updated_at, " + Columns(HouseholdFields(), "");
    InsertMany(c, "households", kColumns, 5 + HouseholdFields().size(), rows.size(),
               [rows](std::size_t i, db::Params& params) {
                   const auto& row = rows[i];
                   params.emplace_back(row.id);
                   params.emplace_back(row.head_person_id);
                   params.emplace_back(row.warnings_json);
                   params.emplace_back(*row.now);
                   params.emplace_back(*row.now);
                   BindFields(HouseholdFields(), *row.fields, params);
               });
}

void RegistryStore::InsertPersons(db::Connection& c, std::span<const PersonRow> rows) {
    static const std::string kColumns =
        "id, household_id, warnings, created_at, updated_at, " + Columns(PersonFields(), "");
    InsertMany(c, "persons", kColumns, 5 + PersonFields().size(), rows.size(),
               [rows](std::size_t i, db::Params& params) {
                   const auto& row = rows[i];
                   params.emplace_back(row.id);
                   params.emplace_back(row.household_id);
                   params.emplace_back(row.warnings_json);
                   params.emplace_back(*row.now);
                   params.emplace_back(*row.now);
                   // A person without a life status is alive (the column's DEFAULT in 0002_register.sql).
                   BindFields(PersonFields(), *row.fields, params, "life_status", "alive");
               });
}

void RegistryStore::InsertNameTokens(db::Connection& c, std::span<const NameTokenRow> rows) {
    InsertMany(c, "person_name_tokens", "token, person_id", 2, rows.size(), [rows](std::size_t i, db::Params& params) {
        params.emplace_back(rows[i].token);
        params.emplace_back(rows[i].person_id);
    });
}

void RegistryStore::OpenKkHistories(db::Connection& c, std::span<const KkHistoryRow> rows) {
    InsertMany(c, "household_kk_history", "household_id, kk_number, valid_from", 3, rows.size(),
               [rows](std::size_t i, db::Params& params) {
                   params.emplace_back(rows[i].household_id);
                   params.emplace_back(rows[i].kk_number);
                   params.emplace_back(*rows[i].valid_from);
               });
}

void RegistryStore::InsertCreateEvents(db::Connection& c, std::optional<std::int64_t> actor_id,
                                       const std::string& actor, Source source, const std::string& reason,
                                       std::span<const CreateEventRow> rows) {
    InsertMany(c, "register_events",
               "at, actor_user_id, actor_username, household_id, entity, entity_id, kind, source, reason, changes", 10,
               rows.size(), [&](std::size_t i, db::Params& params) {
                   const auto& row = rows[i];
                   params.emplace_back(*row.at);
                   params.emplace_back(actor_id);
                   params.emplace_back(actor);
                   params.emplace_back(row.household_id);
                   params.emplace_back(row.entity);
                   params.emplace_back(row.entity_id);
                   params.emplace_back("create");
                   params.emplace_back(ToString(source));
                   params.emplace_back(reason);
                   params.emplace_back(row.changes_json);
               });
}

std::optional<Household> RegistryStore::FindHousehold(db::Connection& c, std::int64_t id) {
    auto row = c.QueryOne(HouseholdSelect() + " WHERE h.id = ?", {id});
    return row ? std::optional(ReadHousehold(*row)) : std::nullopt;
}

std::vector<Person> RegistryStore::Members(db::Connection& c, std::int64_t household_id) {
    std::vector<Person> members;
    c.ForEach(PersonSelect() + " WHERE p.household_id = ? ORDER BY p.id", {household_id},
              [&members](const db::Row& row) { members.push_back(ReadPerson(row)); });
    return members;
}

std::optional<Person> RegistryStore::FindPerson(db::Connection& c, std::int64_t id) {
    auto row = c.QueryOne(PersonSelect() + " WHERE p.id = ?", {id});
    return row ? std::optional(ReadPerson(*row)) : std::nullopt;
}

std::optional<std::int64_t> RegistryStore::LivingPersonWithNik(db::Connection& c, const std::string& nik) {
    auto row = c.QueryOne("SELECT id FROM persons WHERE nik = ? AND life_status = 'alive'", {nik});
    return row ? std::optional(row->Int(0)) : std::nullopt;
}

bool RegistryStore::UpdateHousehold(db::Connection& c, std::int64_t id, std::int64_t expected_version,
                                    const FieldValues& changes, const std::optional<std::string>& warnings_json,
                                    const std::string& now) {
    return Update(c, "households", id, expected_version, changes, warnings_json, now);
}

bool RegistryStore::UpdatePerson(db::Connection& c, std::int64_t id, std::int64_t expected_version,
                                 const FieldValues& changes, const std::optional<std::string>& warnings_json,
                                 const std::string& now) {
    return Update(c, "persons", id, expected_version, changes, warnings_json, now);
}

void RegistryStore::InsertEvent(db::Connection& c, const std::string& at, std::optional<std::int64_t> actor_id,
                                const std::string& actor, std::int64_t household_id, std::string_view entity,
                                std::int64_t entity_id, std::string_view kind, Source source, const std::string& reason,
                                const std::string& changes_json) {
    c.Execute(
        "INSERT INTO register_events (at, actor_user_id, actor_username, household_id, entity, entity_id, kind, "
        "source, reason, changes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        {at, actor_id, actor, household_id, entity, entity_id, kind, ToString(source), reason, changes_json});
}

identity::Page<HistoryEvent> RegistryStore::Events(db::Connection& c, std::int64_t household_id,
                                                   const PageRequest& page) {
    db::Conditions where;
    where.Add("household_id = ?", {household_id});
    return PageOf<HistoryEvent>(
        c, "SELECT id, at, actor_username, entity, entity_id, kind, source, reason, changes FROM register_events",
        "FROM register_events", where, "id", page, [](const db::Row& row) {
            return HistoryEvent{row.Int(0),  row.Text(1), row.Text(2), row.Text(3), row.Int(4),
                                row.Text(5), row.Text(6), row.Text(7), row.Text(8)};
        });
}

identity::Page<VillageCurrency> RegistryStore::Currency(db::Connection& c, const std::string& region_prefix,
                                                        const std::string& scope_prefix,
                                                        const std::string& verified_since, const PageRequest& page) {
    db::Conditions where;
    where.Add("h.status = 'active'");
    AddRegion(where, region_prefix, "h.village_code");
    AddRegion(where, scope_prefix, "h.village_code");
    // Grouped per village, so the count is of distinct villages and the verified-since date binds first.
    identity::Page<VillageCurrency> result;
    result.total =
        c.QueryOne("SELECT COUNT(DISTINCT h.village_code) FROM households h" + where.Where(), where.params())->Int(0);
    if (page.after) {
        where.Add("h.village_code > ?", {*page.after});
    }
    db::Params params{verified_since};
    for (const auto& p : where.params()) {
        params.push_back(p);
    }
    params.emplace_back(page.limit + 1);
    auto rows = c.Query(
        "SELECT h.village_code, r.name, COUNT(*), SUM(CASE WHEN h.verified_at >= ? THEN 1 ELSE 0 END), "
        "SUM(CASE WHEN h.verified_at IS NULL THEN 1 ELSE 0 END), MIN(h.verified_at), "
        "SUM(CASE WHEN h.warnings <> '[]' OR EXISTS (SELECT 1 FROM persons p WHERE p.household_id = h.id AND "
        "p.life_status = 'alive' AND p.warnings <> '[]') THEN 1 ELSE 0 END) "
        "FROM households h JOIN regions r ON r.code = h.village_code" +
            where.Where() + " GROUP BY h.village_code, r.name ORDER BY h.village_code LIMIT ?",
        params);
    const bool more = static_cast<std::int64_t>(rows.size()) > page.limit;
    if (more) {
        rows.pop_back();
    }
    for (const auto& row : rows) {
        result.items.push_back(
            {row.Text(0), row.Text(1), row.Int(2), row.Int(3), row.Int(4), row.OptText(5), row.Int(6)});
    }
    if (more) {
        result.next_key = result.items.back().village_code;
    }
    return result;
}

identity::Page<Household> RegistryStore::SearchHouseholds(db::Connection& c, const HouseholdQuery& query,
                                                          const std::string& scope_prefix, const PageRequest& page) {
    db::Conditions where;
    if (query.q && !query.q->empty()) {
        AddTextQuery(where, *query.q, "h.id", "");
    }
    AddRegion(where, query.region, "h.village_code");
    if (!scope_prefix.empty()) {
        AddRegion(where, scope_prefix, "h.village_code");
    }
    if (query.desil_min) {
        where.Add("h.desil >= ?", {*query.desil_min});
    }
    if (query.desil_max) {
        where.Add("h.desil <= ?", {*query.desil_max});
    }
    for (const auto& [name, value] : query.attributes) {
        // `name` is a catalogue field (checked by the caller), so it is a trusted column name.
        if (std::holds_alternative<std::monostate>(value)) {
            where.Add(fmt::format("h.{} IS NULL", name));
        } else {
            where.Add(fmt::format("h.{} = ?", name), {ToParam(value)});
        }
    }
    const auto status = query.status.value_or("active");
    if (status != "all") {
        where.Add("h.status = ?", {status});
    }
    return HouseholdPage(c, std::move(where), page);
}

identity::Page<Person> RegistryStore::SearchPersons(db::Connection& c, const PersonQuery& query,
                                                    const std::string& scope_prefix, const PageRequest& page) {
    db::Conditions where;
    if (query.q && !query.q->empty()) {
        AddTextQuery(where, *query.q, "p.household_id", "p.id");
    }
    if (query.household) {
        where.Add("p.household_id = ?", {*query.household});
    }
    if (query.region || !scope_prefix.empty()) {
        db::Conditions region;
        AddRegion(region, query.region, "h.village_code");
        if (!scope_prefix.empty()) {
            AddRegion(region, scope_prefix, "h.village_code");
        }
        where.Add("p.household_id IN (SELECT h.id FROM households h" + region.Where() + ")", region.params());
    }
    return PageOf<Person>(c, PersonSelect(), "FROM persons p", where, "p.id", page, ReadPerson);
}

namespace {

// The rows of `ids` read with `select` (whose id column is `id_column`) as one page in id order.
template <typename T, typename Reader>
identity::Page<T> PageById(db::Connection& c, const std::string& select, std::string_view id_column, std::int64_t total,
                           const std::vector<std::int64_t>& ids, std::int64_t limit, Reader read) {
    identity::Page<T> result;
    result.total = total;
    if (ids.empty()) {
        return result;
    }
    const bool more = static_cast<std::int64_t>(ids.size()) > limit;
    const auto count = more ? static_cast<std::size_t>(limit) : ids.size();
    std::string sql = fmt::format("{} WHERE {} IN (", select, id_column);
    db::Params params;
    for (std::size_t i = 0; i < count; ++i) {
        sql += i == 0 ? "?" : ", ?";
        params.emplace_back(ids[i]);
    }
    sql += fmt::format(") ORDER BY {}", id_column);
    for (const auto& row : c.Query(sql, params)) {
        result.items.push_back(read(row));
    }
    if (more && !result.items.empty()) {
        result.next_key = std::to_string(result.items.back().id);
    }
    return result;
}

}  // namespace

identity::Page<Household> RegistryStore::HouseholdsById(db::Connection& c, std::int64_t total,
                                                        const std::vector<std::int64_t>& ids, std::int64_t limit) {
    return PageById<Household>(c, HouseholdSelect(), "h.id", total, ids, limit, ReadHousehold);
}

identity::Page<Person> RegistryStore::PersonsById(db::Connection& c, std::int64_t total,
                                                  const std::vector<std::int64_t>& ids, std::int64_t limit) {
    return PageById<Person>(c, PersonSelect(), "p.id", total, ids, limit, ReadPerson);
}

}  // namespace sinergi::registry
