#include "analytics/snapshot.hpp"

#include <algorithm>
#include <limits>
#include <set>

#include <boost/json.hpp>
#include <fmt/format.h>

#include "platform/error.hpp"
#include "registry/fields.hpp"

namespace sinergi::analytics {

namespace {

using registry::FieldSpec;

// Identifying fields are only ever asked "recorded or not": keeping their values would fill the dictionary with
// every name and NIK of the regency for nothing.
const db::Value kRecorded{std::string("recorded")};

std::string Columns(std::span<const FieldSpec> fields) {
    std::string out;
    for (const auto& spec : fields) {
        out += fmt::format(", {}", spec.name);
    }
    return out;
}

std::uint32_t Slot(std::int64_t id) {
    SINERGI_INVARIANT(id > 0 && id < std::numeric_limits<std::uint32_t>::max());
    return static_cast<std::uint32_t>(id);
}

template <typename T>
void Grow(std::vector<T>& column, std::uint32_t slot, T fill) {
    if (slot >= column.size()) {
        column.resize(static_cast<std::size_t>(slot) + 1, fill);
    }
}

std::size_t BitmapBytes(const Bitmap& bitmap) { return bitmap.getSizeInBytes(false); }

}  // namespace

// ---- CodedColumn ----------------------------------------------------------------------------------------------

void CodedColumn::Set(std::uint32_t row, const db::Value& value) {
    std::uint32_t code = 0;
    if (!std::holds_alternative<std::monostate>(value)) {
        auto [it, added] = codes_.try_emplace(value, static_cast<std::uint32_t>(dictionary_.size()));
        if (added) {
            dictionary_.push_back(value);
        }
        code = it->second;
    }
    if (!is_wide_ && code > std::numeric_limits<std::uint16_t>::max()) {
        wide_.assign(narrow_.begin(), narrow_.end());
        narrow_ = {};
        is_wide_ = true;
    }
    if (is_wide_) {
        Grow<std::uint32_t>(wide_, row, 0);
        wide_[row] = code;
    } else {
        Grow<std::uint16_t>(narrow_, row, 0);
        narrow_[row] = static_cast<std::uint16_t>(code);
    }
}

std::uint32_t CodedColumn::Code(std::uint32_t row) const {
    if (is_wide_) {
        return row < wide_.size() ? wide_[row] : 0;
    }
    return row < narrow_.size() ? narrow_[row] : 0;
}

const db::Value* CodedColumn::ValueAt(std::uint32_t row) const {
    const auto code = Code(row);
    return code == 0 ? nullptr : &dictionary_[code];
}

Bitmap CodedColumn::SelectCodes(const Bitmap& candidates, const std::vector<char>& accepted) const {
    if (std::all_of(accepted.begin(), accepted.end(), [](char a) { return a != 0; })) {
        return candidates;
    }
    if (std::none_of(accepted.begin(), accepted.end(), [](char a) { return a != 0; })) {
        return {};
    }
    std::vector<std::uint32_t> rows(candidates.cardinality());
    candidates.toUint32Array(rows.data());
    std::size_t kept = 0;
    const auto keep = [&](const auto& codes) {
        for (const auto row : rows) {
            const std::uint32_t code = row < codes.size() ? codes[row] : 0;
            if (accepted[code] != 0) {
                rows[kept++] = row;
            }
        }
    };
    if (is_wide_) {
        keep(wide_);
    } else {
        keep(narrow_);
    }
    return {kept, rows.data()};
}

std::size_t CodedColumn::MemoryBytes() const {
    std::size_t bytes = narrow_.capacity() * sizeof(std::uint16_t) + wide_.capacity() * sizeof(std::uint32_t);
    for (const auto& value : dictionary_) {
        // The dictionary twice (vector and map), with a map node's overhead.
        bytes += 2 * sizeof(db::Value) + 48;
        if (const auto* text = std::get_if<std::string>(&value)) {
            bytes += text->capacity() > 15 ? 2 * text->capacity() : 0;
        }
    }
    return bytes;
}

// ---- Snapshot: loading --------------------------------------------------------------------------------------

Snapshot Snapshot::Load(db::Connection& connection) {
    Snapshot snapshot;
    db::Transaction read(connection, db::TxMode::kRead);
    // The event cursors first: anything written while we read is newer and is applied by the next CatchUp (a reload
    // of what we already read is harmless).
    snapshot.register_event_ = connection.QueryOne("SELECT COALESCE(MAX(id), 0) FROM register_events")->Int(0);
    snapshot.enrolment_event_ = connection.QueryOne("SELECT COALESCE(MAX(id), 0) FROM enrolment_events")->Int(0);
    snapshot.LoadRegions(connection);
    snapshot.household_columns_.resize(registry::HouseholdFields().size());
    snapshot.person_columns_.resize(registry::PersonFields().size());
    snapshot.LoadHouseholds(connection, std::nullopt);
    snapshot.LoadPersons(connection, std::nullopt);
    snapshot.names_.Load(connection, snapshot.household_of_);
    snapshot.LoadPrograms(connection);
    snapshot.LoadEnrolments(connection);
    read.Commit();
    for (auto& bitmap : snapshot.households_by_village_) {
        bitmap.runOptimize();
    }
    snapshot.active_.runOptimize();
    snapshot.all_.runOptimize();
    snapshot.living_.runOptimize();
    return snapshot;
}

void Snapshot::LoadRegions(db::Connection& connection) {
    connection.ForEach("SELECT code, name, level, parent_code FROM regions ORDER BY code", {},
                       [this](const db::Row& row) {
                           regions_.push_back({row.Text(0), row.Text(1), row.Text(2)});
                       });
    parent_of_.assign(regions_.size(), kNoRegion);
    for (std::uint32_t i = 0; i < regions_.size(); ++i) {
        const auto& code = regions_[i].code;
        const auto dot = code.rfind('.');
        if (dot != std::string::npos) {
            if (auto parent = FindRegion(std::string_view(code).substr(0, dot))) {
                parent_of_[i] = *parent;
            }
        }
    }
    households_by_village_.resize(regions_.size());
}

void Snapshot::LoadHouseholds(db::Connection& connection, const std::optional<std::int64_t>& only) {
    const auto sql = fmt::format("SELECT id, status{} FROM households{}", Columns(registry::HouseholdFields()),
                                 only ? " WHERE id = ?" : "");
    db::Params params;
    if (only) {
        params.emplace_back(*only);
    }
    connection.ForEach(sql, params, [this](const db::Row& row) { PutHousehold(row); });
}

void Snapshot::PutHousehold(const db::Row& row) {
    const auto slot = Slot(row.Int(0));
    Grow(village_of_, slot, kNoRegion);
    Grow<std::uint8_t>(desil_, slot, 0);
    const auto fields = registry::HouseholdFields();
    std::uint32_t village = kNoRegion;
    for (std::size_t i = 0; i < fields.size(); ++i) {
        const auto& raw = row.Raw(i + 2);
        const auto name = fields[i].name;
        if (programs::IsIdentifyingField(name)) {
            household_columns_[i].Set(slot, std::holds_alternative<std::monostate>(raw) ? raw : kRecorded);
            continue;
        }
        household_columns_[i].Set(slot, raw);
        if (name == "village_code" && std::holds_alternative<std::string>(raw)) {
            village = FindRegion(std::get<std::string>(raw)).value_or(kNoRegion);
        } else if (name == "desil") {
            const auto* desil = std::get_if<std::int64_t>(&raw);
            desil_[slot] = desil != nullptr && *desil >= 1 && *desil <= 10 ? static_cast<std::uint8_t>(*desil) : 0;
        }
    }
    const auto previous = village_of_[slot];
    if (previous != kNoRegion && previous != village) {
        households_by_village_[previous].remove(slot);
    }
    village_of_[slot] = village;
    if (village != kNoRegion) {
        households_by_village_[village].add(slot);
    }
    all_.add(slot);
    if (row.Text(1) == "active") {
        active_.add(slot);
    } else {
        active_.remove(slot);
    }
}

void Snapshot::LoadPersons(db::Connection& connection, const std::optional<std::int64_t>& only_household) {
    const auto sql = fmt::format("SELECT id, household_id{} FROM persons{}", Columns(registry::PersonFields()),
                                 only_household ? " WHERE household_id = ?" : "");
    db::Params params;
    if (only_household) {
        params.emplace_back(*only_household);
    }
    connection.ForEach(sql, params, [this](const db::Row& row) { PutPerson(row); });
}

void Snapshot::PutPerson(const db::Row& row) {
    const auto slot = Slot(row.Int(0));
    Grow<std::uint32_t>(household_of_, slot, 0);
    // Take the person out of their household's count as it stood; they are counted again below where they are now.
    if (const auto previous = household_of_[slot];
        previous != 0 && previous < living_members_.size() && living_.contains(slot) && living_members_[previous] > 0) {
        --living_members_[previous];
    }
    if (const auto previous = household_of_[slot]; previous != 0 && previous != Slot(row.Int(1))) {
        rehomed_.push_back(slot);
    }
    household_of_[slot] = Slot(row.Int(1));
    const auto fields = registry::PersonFields();
    bool living = true;
    for (std::size_t i = 0; i < fields.size(); ++i) {
        const auto& raw = row.Raw(i + 2);
        const auto name = fields[i].name;
        if (programs::IsIdentifyingField(name)) {
            person_columns_[i].Set(slot, std::holds_alternative<std::monostate>(raw) ? raw : kRecorded);
            continue;
        }
        person_columns_[i].Set(slot, raw);
        if (name == "life_status") {
            living = programs::CountsAsLiving(std::holds_alternative<std::monostate>(raw) ? nullptr : &raw);
        }
    }
    if (living) {
        living_.add(slot);
        Grow<std::uint16_t>(living_members_, household_of_[slot], 0);
        ++living_members_[household_of_[slot]];
    } else {
        living_.remove(slot);
    }
}

void Snapshot::LoadNameTokens(db::Connection& connection, std::int64_t household_id) {
    std::optional<std::uint32_t> person;
    std::vector<std::string> tokens;
    const auto flush = [&] {
        if (person) {
            names_.SetPersonTokens(*person, tokens);
        }
        tokens.clear();
    };
    connection.ForEach(
        "SELECT p.id, t.token FROM persons p LEFT JOIN person_name_tokens t ON t.person_id = p.id "
        "WHERE p.household_id = ? ORDER BY p.id",
        {household_id}, [&](const db::Row& row) {
            const auto slot = Slot(row.Int(0));
            if (person != slot) {
                flush();
                person = slot;
            }
            if (!row.IsNull(1)) {
                tokens.push_back(row.Text(1));
            }
        });
    flush();
}

std::string Snapshot::ProgramsSignature(db::Connection& connection) const {
    // Every programme change bumps its version and updated_at; stages change only with their programme.
    const auto row = connection.QueryOne(
        "SELECT COUNT(*), COALESCE(SUM(version), 0), COALESCE(MAX(updated_at), '') "
        "FROM programs");
    return fmt::format("{}/{}/{}", row->Int(0), row->Int(1), row->Text(2));
}

void Snapshot::LoadPrograms(db::Connection& connection) {
    std::map<std::int64_t, ProgramFacts> previous;
    for (auto& program : programs_) {
        previous.emplace(program.id, std::move(program));
    }
    programs_.clear();
    connection.ForEach(
        "SELECT p.id, p.code, p.name, p.agency_id, a.code, a.name, p.benefit_type, p.target_level, p.status, "
        "p.amount_per_stage, p.budget, p.target_count, p.eligibility_rule, "
        "(SELECT COUNT(*) FROM program_stages s WHERE s.program_id = p.id) "
        "FROM programs p JOIN agencies a ON a.id = p.agency_id ORDER BY p.id",
        {}, [&](const db::Row& row) {
            ProgramFacts program;
            program.id = row.Int(0);
            program.code = row.Text(1);
            program.name = row.Text(2);
            program.agency_id = row.Int(3);
            program.agency_code = row.Text(4);
            program.agency_name = row.Text(5);
            program.benefit_type = row.Text(6);
            program.target_level = row.Text(7);
            program.status = row.Text(8);
            program.amount_per_stage = row.OptInt(9);
            program.budget = row.OptInt(10);
            program.target_count = row.OptInt(11);
            boost::system::error_code ec;
            const auto json = boost::json::parse(row.Text(12), ec);
            if (!ec) {
                ValidationReport ignored;  // a stored rule was valid when saved; a later language change may not be
                program.rule = programs::EligibilityRule::Parse(json, ignored);
            }
            program.stage_count = row.Int(13);
            if (auto kept = previous.find(program.id); kept != previous.end()) {
                program.households = std::move(kept->second.households);
                program.persons = std::move(kept->second.persons);
            }
            programs_.push_back(std::move(program));
        });
    programs_signature_ = ProgramsSignature(connection);
}

void Snapshot::LoadEnrolments(db::Connection& connection) {
    std::map<std::int64_t, std::pair<std::vector<std::uint32_t>, std::vector<std::uint32_t>>> active;
    connection.ForEach(
        "SELECT program_id, household_id, person_id FROM enrolments WHERE status = 'active' "
        "ORDER BY program_id, household_id",
        {}, [&active](const db::Row& row) {
            auto& [households, persons] = active[row.Int(0)];
            households.push_back(Slot(row.Int(1)));
            if (!row.IsNull(2)) {
                persons.push_back(Slot(row.Int(2)));
            }
        });
    for (auto& program : programs_) {
        auto found = active.find(program.id);
        if (found == active.end()) {
            continue;
        }
        auto& [households, persons] = found->second;
        program.households.addMany(households.size(), households.data());
        program.persons.addMany(persons.size(), persons.data());
        program.households.runOptimize();
        program.persons.runOptimize();
    }
}

// ---- Snapshot: refreshing -----------------------------------------------------------------------------------

RefreshStats Snapshot::CatchUp(db::Connection& connection, std::int64_t rebuild_above) {
    RefreshStats stats;
    db::Transaction read(connection, db::TxMode::kRead);
    const auto register_event = connection.QueryOne("SELECT COALESCE(MAX(id), 0) FROM register_events")->Int(0);
    const auto enrolment_event = connection.QueryOne("SELECT COALESCE(MAX(id), 0) FROM enrolment_events")->Int(0);
    if (register_event > register_event_) {
        const auto changed =
            connection
                .QueryOne("SELECT COUNT(DISTINCT household_id) FROM register_events WHERE id > ?", {register_event_})
                ->Int(0);
        if (changed > rebuild_above) {
            read.Commit();
            *this = Load(connection);
            stats.rebuilt = true;
            return stats;
        }
        std::vector<std::int64_t> households;
        connection.ForEach("SELECT DISTINCT household_id FROM register_events WHERE id > ? AND id <= ?",
                           {register_event_, register_event},
                           [&households](const db::Row& row) { households.push_back(row.Int(0)); });
        for (const auto id : households) {
            LoadHouseholds(connection, id);
            LoadPersons(connection, id);
            LoadNameTokens(connection, id);
        }
        names_.Finish(household_of_, rehomed_);
        rehomed_.clear();
        stats.households_reloaded = static_cast<std::int64_t>(households.size());
        register_event_ = register_event;
    }
    if (ProgramsSignature(connection) != programs_signature_) {
        LoadPrograms(connection);
        stats.programs_reloaded = true;
    }
    if (enrolment_event > enrolment_event_) {
        std::set<std::tuple<std::int64_t, std::int64_t, std::optional<std::int64_t>>> touched;
        connection.ForEach(
            "SELECT DISTINCT e.program_id, e.household_id, e.person_id FROM enrolment_events v "
            "JOIN enrolments e ON e.id = v.enrolment_id WHERE v.id > ? AND v.id <= ?",
            {enrolment_event_, enrolment_event},
            [&touched](const db::Row& row) { touched.emplace(row.Int(0), row.Int(1), row.OptInt(2)); });
        for (const auto& [program, household, person] : touched) {
            ReloadEnrolment(connection, program, household, person);
        }
        stats.enrolments_reloaded = static_cast<std::int64_t>(touched.size());
        enrolment_event_ = enrolment_event;
    }
    read.Commit();
    return stats;
}

bool Snapshot::Behind(db::Connection& connection) const {
    return connection.QueryOne("SELECT COALESCE(MAX(id), 0) FROM register_events")->Int(0) != register_event_ ||
           connection.QueryOne("SELECT COALESCE(MAX(id), 0) FROM enrolment_events")->Int(0) != enrolment_event_ ||
           ProgramsSignature(connection) != programs_signature_;
}

void Snapshot::ReloadEnrolment(db::Connection& connection, std::int64_t program_id, std::int64_t household_id,
                               std::optional<std::int64_t> person_id) {
    auto program = std::find_if(programs_.begin(), programs_.end(),
                                [program_id](const ProgramFacts& p) { return p.id == program_id; });
    if (program == programs_.end()) {
        return;
    }
    const bool household_active =
        connection
            .QueryOne("SELECT COUNT(*) FROM enrolments WHERE program_id = ? AND household_id = ? AND status = 'active'",
                      {program_id, household_id})
            ->Int(0) > 0;
    if (household_active) {
        program->households.add(Slot(household_id));
    } else {
        program->households.remove(Slot(household_id));
    }
    if (person_id) {
        const bool person_active =
            connection
                .QueryOne(
                    "SELECT COUNT(*) FROM enrolments WHERE program_id = ? AND person_id = ? AND status = 'active'",
                    {program_id, *person_id})
                ->Int(0) > 0;
        if (person_active) {
            program->persons.add(Slot(*person_id));
        } else {
            program->persons.remove(Slot(*person_id));
        }
    }
}

// ---- Snapshot: reading ---------------------------------------------------------------------------------------

std::optional<std::int64_t> Snapshot::desil_of(std::uint32_t household) const {
    if (household >= desil_.size() || desil_[household] == 0) {
        return std::nullopt;
    }
    return desil_[household];
}

const CodedColumn* Snapshot::household_column(std::string_view field) const {
    const auto fields = registry::HouseholdFields();
    for (std::size_t i = 0; i < fields.size(); ++i) {
        if (fields[i].name == field) {
            return &household_columns_[i];
        }
    }
    return nullptr;
}

const CodedColumn* Snapshot::person_column(std::string_view field) const {
    const auto fields = registry::PersonFields();
    for (std::size_t i = 0; i < fields.size(); ++i) {
        if (fields[i].name == field) {
            return &person_columns_[i];
        }
    }
    return nullptr;
}

std::optional<std::uint32_t> Snapshot::FindRegion(std::string_view code) const {
    auto it = std::lower_bound(regions_.begin(), regions_.end(), code,
                               [](const Region& region, std::string_view c) { return region.code < c; });
    if (it == regions_.end() || it->code != code) {
        return std::nullopt;
    }
    return static_cast<std::uint32_t>(it - regions_.begin());
}

std::optional<std::uint32_t> Snapshot::AncestorAt(std::uint32_t region, std::string_view level) const {
    while (region != kNoRegion) {
        if (regions_[region].level == level) {
            return region;
        }
        region = parent_of_[region];
    }
    return std::nullopt;
}

Bitmap Snapshot::HouseholdsIn(std::string_view code) const {
    if (code.empty()) {
        return all_;
    }
    // Region codes sort so that a region's descendants ("33.02.01") follow it directly: one contiguous range.
    auto first = std::lower_bound(regions_.begin(), regions_.end(), code,
                                  [](const Region& region, std::string_view c) { return region.code < c; });
    std::vector<const Bitmap*> parts;
    for (auto it = first; it != regions_.end(); ++it) {
        const std::string_view candidate = it->code;
        if (candidate != code &&
            !(candidate.starts_with(code) && candidate.size() > code.size() && candidate[code.size()] == '.')) {
            if (!candidate.starts_with(code)) {
                break;
            }
            continue;  // "33.021" after "33.02": a sibling sharing the prefix, not a descendant
        }
        const auto& households = households_by_village_[static_cast<std::size_t>(it - regions_.begin())];
        if (!households.isEmpty()) {
            parts.push_back(&households);
        }
    }
    if (parts.empty()) {
        return {};
    }
    return Bitmap::fastunion(parts.size(), parts.data());
}

const ProgramFacts* Snapshot::FindProgram(std::int64_t id) const {
    auto it = std::find_if(programs_.begin(), programs_.end(), [id](const ProgramFacts& p) { return p.id == id; });
    return it == programs_.end() ? nullptr : &*it;
}

const ProgramFacts* Snapshot::FindProgramByCode(std::string_view code) const {
    auto it =
        std::find_if(programs_.begin(), programs_.end(), [code](const ProgramFacts& p) { return p.code == code; });
    return it == programs_.end() ? nullptr : &*it;
}

std::size_t Snapshot::MemoryBytes() const {
    std::size_t bytes = village_of_.capacity() * sizeof(std::uint32_t) + desil_.capacity() +
                        household_of_.capacity() * sizeof(std::uint32_t) +
                        living_members_.capacity() * sizeof(std::uint16_t) + BitmapBytes(active_) + BitmapBytes(all_) +
                        BitmapBytes(living_) + regions_.capacity() * (sizeof(Region) + 32) +
                        parent_of_.capacity() * sizeof(std::uint32_t) + names_.MemoryBytes();
    for (const auto& column : household_columns_) {
        bytes += column.MemoryBytes();
    }
    for (const auto& column : person_columns_) {
        bytes += column.MemoryBytes();
    }
    for (const auto& bitmap : households_by_village_) {
        bytes += sizeof(Bitmap) + BitmapBytes(bitmap);
    }
    for (const auto& program : programs_) {
        bytes += sizeof(ProgramFacts) + BitmapBytes(program.households) + BitmapBytes(program.persons);
    }
    return bytes;
}

}  // namespace sinergi::analytics
