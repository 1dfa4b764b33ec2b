#include "programs/enrolments.hpp"

#include <algorithm>
#include <limits>
#include <unordered_set>

#include <boost/json.hpp>
#include <fmt/format.h>

#include "platform/paging.hpp"

namespace sinergi::programs {

using identity::Caller;

namespace {

// The user behind `caller`; none for the built-in system caller (demo, command line), which has no users row.
std::optional<std::int64_t> ActorId(const Caller& caller) {
    return caller.user && caller.user->id > 0 ? std::optional(caller.user->id) : std::nullopt;
}

// ---- SQL. Enrolment rows are this module's; households and persons are read (never written) to resolve targets.

constexpr std::string_view kColumns =
    "SELECT e.id, e.program_id, p.code, e.household_id, e.person_id, e.status, e.status_reason, e.source, "
    "(SELECT hp.name FROM persons hp WHERE hp.id = h.head_person_id), pe.name, h.village_code, r.name, h.desil, "
    "e.created_at, e.updated_at, e.version";
constexpr std::string_view kFrom =
    " FROM enrolments e JOIN programs p ON p.id = e.program_id JOIN households h ON h.id = e.household_id "
    "LEFT JOIN persons pe ON pe.id = e.person_id LEFT JOIN regions r ON r.code = h.village_code";

std::string Select() { return std::string(kColumns) + std::string(kFrom); }

Enrolment ReadEnrolment(const db::Row& row) {
    Enrolment e;
    e.id = row.Int(0);
    e.program_id = row.Int(1);
    e.program_code = row.Text(2);
    e.household_id = row.Int(3);
    e.person_id = row.OptInt(4);
    e.status = row.Text(5);
    e.status_reason = row.Text(6);
    e.source = row.Text(7);
    e.head_name = row.OptText(8);
    e.person_name = row.OptText(9);
    e.village_code = row.Text(10);
    e.village_name = row.OptText(11);
    e.desil = row.OptInt(12);
    e.created_at = row.Text(13);
    e.updated_at = row.Text(14);
    e.version = row.Int(15);
    return e;
}

// A target as the register has it now.
struct Target {
    std::int64_t household_id = 0;
    std::optional<std::int64_t> person_id;
    std::string household_status;  // active | closed
    std::string life_status;       // the person's, when there is one
    std::string village_code;
};

std::optional<Target> HouseholdTarget(db::Connection& c, std::int64_t household_id) {
    auto row = c.QueryOne("SELECT id, status, village_code FROM households WHERE id = ?", {household_id});
    if (!row) {
        return std::nullopt;
    }
    return Target{row->Int(0), std::nullopt, row->Text(1), "", row->Text(2)};
}

std::optional<Target> PersonTarget(db::Connection& c, std::int64_t person_id) {
    auto row = c.QueryOne(
        "SELECT h.id, p.id, h.status, p.life_status, h.village_code FROM persons p JOIN households h "
        "ON h.id = p.household_id WHERE p.id = ?",
        {person_id});
    if (!row) {
        return std::nullopt;
    }
    return Target{row->Int(0), row->Int(1), row->Text(2), row->Text(3), row->Text(4)};
}

// A NIK finds the living person holding it; a KK number the household that holds it now.
std::optional<Target> TargetByNumber(db::Connection& c, const std::string& number, bool person_level) {
    if (auto person = c.QueryOne("SELECT id FROM persons WHERE nik = ? AND life_status = 'alive'", {number})) {
        auto target = PersonTarget(c, person->Int(0));
        if (target && !person_level) {
            target->person_id.reset();
        }
        return target;
    }
    if (!person_level) {
        if (auto household = c.QueryOne("SELECT id FROM households WHERE kk_number = ?", {number})) {
            return HouseholdTarget(c, household->Int(0));
        }
    }
    return std::nullopt;
}

bool OpenEnrolmentExists(db::Connection& c, std::int64_t program_id, const Target& target) {
    return target.person_id
               ? c.QueryOne(
                      "SELECT 1 FROM enrolments WHERE program_id = ? AND person_id = ? AND status IN "
                      "('proposed', 'verified', 'active')",
                      {program_id, *target.person_id})
                     .has_value()
               : c.QueryOne(
                      "SELECT 1 FROM enrolments WHERE program_id = ? AND household_id = ? AND person_id IS NULL "
                      "AND status IN ('proposed', 'verified', 'active')",
                      {program_id, target.household_id})
                     .has_value();
}

std::int64_t InsertEnrolment(db::Connection& c, std::int64_t program_id, const Target& target,
                             const std::string& source, const std::string& reason, const Caller& caller,
                             const std::string& now) {
    const auto id = c.QueryOne(
                         "INSERT INTO enrolments (program_id, household_id, person_id, status, status_reason, "
                         "source, created_by, created_at, updated_at, version) "
                         "VALUES (?, ?, ?, 'proposed', ?, ?, ?, ?, ?, 1) RETURNING id",
                         {program_id, target.household_id, target.person_id, reason, source, ActorId(caller), now, now})
                        ->Int(0);
    c.Execute(
        "INSERT INTO enrolment_events (enrolment_id, at, actor_id, actor, from_status, to_status, reason) "
        "VALUES (?, ?, ?, ?, NULL, 'proposed', ?)",
        {id, now, ActorId(caller), caller.user ? caller.user->username : "system", reason});
    return id;
}

// ---- Rules.

// Why `target` cannot be newly enrolled, if it cannot.
std::optional<Issue> RefusalOf(const Target& target, std::string_view field, std::optional<std::int64_t> row) {
    if (target.household_status != "active") {
        return Issue{"PRG-2201",
                     std::string(field),
                     row,
                     {"Rumah tangga ini sudah ditutup di register; tidak dapat didaftarkan.",
                      "This household is closed in the register and cannot be enrolled."}};
    }
    if (target.person_id && target.life_status != "alive") {
        return Issue{"PRG-2202",
                     std::string(field),
                     row,
                     {"Orang ini tercatat meninggal atau pindah; tidak dapat didaftarkan.",
                      "This person is recorded as deceased or moved out and cannot be enrolled."}};
    }
    return std::nullopt;
}

std::string CheckedReason(const std::string& reason) {
    const auto first = reason.find_first_not_of(" \t\r\n");
    std::string text =
        first == std::string::npos ? "" : reason.substr(first, reason.find_last_not_of(" \t\r\n") - first + 1);
    if (text.size() < 3) {
        ValidationReport report;
        report.Add("PRG-2210", "reason",
                   {"Alasan wajib diisi (minimal 3 karakter).", "A reason is required (at least 3 characters)."});
        report.ThrowIfAny();
    }
    return text;
}

bool InScope(const std::string& scope, const std::string& village_code) {
    return scope.empty() || village_code == scope || village_code.starts_with(scope + ".");
}

}  // namespace

EnrolmentService::EnrolmentService(db::Database& db, identity::IdentityService& identity,
                                   registry::RegistryService& registry, ProgramsService& programs, const Clock& clock)
    : db_(db), identity_(identity), registry_(registry), programs_(programs), clock_(clock) {}

Program EnrolmentService::ProgramForEnrolment(const Caller& caller, std::int64_t program_id) {
    auto program = programs_.Get(caller, program_id);
    programs_.RequireManage(caller, program.agency_id);
    if (program.status == "closed") {
        ValidationReport report;
        report.Add("PRG-2203", "program",
                   {"Program ini sudah ditutup; tidak ada pendaftaran baru.",
                    "This programme is closed; nobody is newly enrolled."});
        report.ThrowIfAny();
    }
    return program;
}

std::optional<Enrolment> EnrolmentService::Find(db::Connection& connection, std::int64_t id) const {
    auto row = connection.QueryOne(Select() + " WHERE e.id = ?", {id});
    return row ? std::optional(ReadEnrolment(*row)) : std::nullopt;
}

identity::Page<Enrolment> EnrolmentService::List(const Caller& caller, std::int64_t program_id,
                                                 const EnrolmentFilter& filter, const PageRequest& page) {
    programs_.Get(caller, program_id);  // 404 for an unknown programme
    const auto scope = registry_.RegionScope(caller, identity::actions::kEnrolmentsRead);
    db::Conditions where;
    where.Add("e.program_id = ?", {program_id});
    if (filter.status) {
        where.Add("e.status = ?", {*filter.status});
    }
    if (filter.region) {
        where.Add("(h.village_code = ? OR h.village_code LIKE ?)", {*filter.region, *filter.region + ".%"});
    }
    if (!scope.empty()) {
        where.Add("(h.village_code = ? OR h.village_code LIKE ?)", {scope, scope + ".%"});
    }
    auto connection = db_.Acquire();
    auto result =
        QueryPage<Enrolment>(*connection, Select(), "FROM enrolments e JOIN households h ON h.id = e.household_id",
                             where, "e.id", KeyOrder::kAscending, true, page, ReadEnrolment);
    identity_.Audit(caller, {"enrolment.list",
                             "program",
                             std::to_string(program_id),
                             identity::Outcome::kSuccess,
                             {{"returned", result.items.size()}, {"total", result.total}}});
    return result;
}

Enrolment EnrolmentService::Enrol(const Caller& caller, std::int64_t program_id,
                                  std::optional<std::int64_t> household_id, std::optional<std::int64_t> person_id,
                                  const std::string& reason) {
    const auto program = ProgramForEnrolment(caller, program_id);
    const auto why = CheckedReason(reason);
    const bool person_level = program.target_level == "person";
    ValidationReport report;
    if (person_level && !person_id) {
        report.Add(
            "PRG-2205", "person_id",
            {"Program ini menyasar orang: sebutkan person_id.", "This programme enrols persons: give a person_id."});
    }
    if (!person_level && !household_id) {
        report.Add("PRG-2205", "household_id",
                   {"Program ini menyasar rumah tangga: sebutkan household_id.",
                    "This programme enrols households: give a household_id."});
    }
    report.ThrowIfAny();
    auto connection = db_.Acquire();
    db::Transaction tx(*connection, db::TxMode::kWrite);
    const auto target =
        person_level ? PersonTarget(*connection, *person_id) : HouseholdTarget(*connection, *household_id);
    if (!target) {
        throw Error(sinergi::errors::kNotFound,
                    {person_level ? "Orang itu tidak ada di register." : "Rumah tangga itu tidak ada di register.",
                     person_level ? "No such person in the register." : "No such household in the register."});
    }
    if (!InScope(registry_.RegionScope(caller, identity::actions::kEnrolmentsRead), target->village_code)) {
        throw Error(sinergi::errors::kForbidden,
                    {"Sasaran ini di luar wilayah Anda.", "This household is outside your area."});
    }
    if (auto refusal = RefusalOf(*target, person_level ? "person_id" : "household_id", std::nullopt)) {
        report.Add(refusal->code, refusal->field, refusal->message);
        report.ThrowIfAny();
    }
    if (OpenEnrolmentExists(*connection, program_id, *target)) {
        throw Error(sinergi::errors::kConflict, {"Sasaran ini sudah terdaftar di program ini.",
                                                 "This target is already enrolled in this programme."});
    }
    const auto id =
        InsertEnrolment(*connection, program_id, *target, "single", why, caller, FormatTimestamp(clock_.Now()));
    tx.Commit();
    identity_.Audit(caller, {"enrolment.create",
                             "enrolment",
                             std::to_string(id),
                             identity::Outcome::kSuccess,
                             {{"program", program.code}, {"household_id", target->household_id}}});
    return *Find(*connection, id);
}

BulkEnrolResult EnrolmentService::EnrolMany(const Caller& caller, std::int64_t program_id,
                                            const BulkEnrolRequest& request) {
    const auto program = ProgramForEnrolment(caller, program_id);
    const auto why = CheckedReason(request.reason);
    const bool person_level = program.target_level == "person";
    const auto scope = registry_.RegionScope(caller, identity::actions::kEnrolmentsRead);
    BulkEnrolResult result;
    std::vector<Target> targets;
    std::vector<std::int64_t> target_rows;  // per target, its row in the list (0 for the eligible list)
    if (request.source == BulkEnrolRequest::Source::kEligible) {
        if (person_level) {
            ValidationReport report;
            report.Add(
                "PRG-2206", "source",
                {"Program yang menyasar orang didaftarkan dari daftar NIK, bukan dari daftar rumah tangga layak.",
                 "A person-level programme enrols from a list of NIKs, not from the eligible households."});
            report.ThrowIfAny();
        }
        ValidationReport ignored;
        auto rule = EligibilityRule::Parse(boost::json::parse(program.eligibility_rule_json), ignored);
        const auto as_of = request.as_of.value_or(FormatTimestamp(clock_.Now()).substr(0, 10));
        for (const auto id :
             programs_.FindEligible(caller, identity::actions::kEnrolmentsRead, *rule, request.region, as_of)
                 .household_ids) {
            Target target;
            target.household_id = id;
            target.household_status = "active";
            targets.push_back(std::move(target));
            target_rows.push_back(0);
        }
    } else if (request.identifiers.size() > kMaxListRows || request.identifiers.empty()) {
        ValidationReport report;
        report.Add("PRG-2207", "identifiers",
                   {fmt::format("Daftar berisi 1–{} NIK atau nomor KK.", kMaxListRows),
                    fmt::format("The list holds 1 to {} NIKs or KK numbers.", kMaxListRows)});
        report.ThrowIfAny();
    }
    auto connection = db_.Acquire();
    db::Transaction tx(*connection, db::TxMode::kWrite);
    if (request.source == BulkEnrolRequest::Source::kList) {
        for (std::size_t i = 0; i < request.identifiers.size(); ++i) {
            const auto row = static_cast<std::int64_t>(i + 1);
            std::string value = request.identifiers[i];
            value.erase(std::remove_if(value.begin(), value.end(), [](char c) { return c == ' ' || c == '\t'; }),
                        value.end());
            const bool sixteen_digits = value.size() == 16 && std::all_of(value.begin(), value.end(),
                                                                          [](char c) { return c >= '0' && c <= '9'; });
            auto target = sixteen_digits ? TargetByNumber(*connection, value, person_level) : std::nullopt;
            if (!target || !InScope(scope, target->village_code)) {
                ++result.not_found;
                result.rows.push_back(
                    {row, value, "not_found",
                     Issue{"PRG-2208",
                           "identifiers",
                           row,
                           {sixteen_digits ? "NIK/no. KK ini tidak ditemukan di register (atau di luar "
                                             "wilayah Anda)."
                                           : "Bukan NIK atau nomor KK: harus 16 angka.",
                            sixteen_digits ? "This NIK/KK number is not in the register (or outside "
                                             "your area)."
                                           : "Not a NIK or KK number: it must be 16 digits."}},
                     std::nullopt});
                continue;
            }
            targets.push_back(*target);
            target_rows.push_back(row);
        }
    }
    const auto now = FormatTimestamp(clock_.Now());
    const auto source = request.source == BulkEnrolRequest::Source::kEligible ? "eligible_list" : "uploaded_list";
    std::unordered_set<std::int64_t> seen;  // a list may name one household twice (two members' NIKs)
    for (std::size_t i = 0; i < targets.size(); ++i) {
        const auto& target = targets[i];
        const auto row = target_rows[i];
        const auto key = target.person_id.value_or(target.household_id);
        auto value = row > 0 ? std::optional(request.identifiers[static_cast<std::size_t>(row - 1)]) : std::nullopt;
        if (auto refusal = RefusalOf(target, "identifiers", row > 0 ? std::optional(row) : std::nullopt)) {
            ++result.refused;
            if (row > 0) {
                result.rows.push_back({row, *value, "refused", refusal, std::nullopt});
            }
            continue;
        }
        if (!seen.insert(key).second || OpenEnrolmentExists(*connection, program_id, target)) {
            ++result.already_enrolled;
            if (row > 0) {
                result.rows.push_back({row, *value, "already_enrolled", std::nullopt, std::nullopt});
            }
            continue;
        }
        InsertEnrolment(*connection, program_id, target, source, why, caller, now);
        ++result.enrolled;
    }
    tx.Commit();
    std::sort(result.rows.begin(), result.rows.end(), [](const auto& a, const auto& b) { return a.row < b.row; });
    identity_.Audit(caller, {"enrolment.bulk",
                             "program",
                             std::to_string(program_id),
                             identity::Outcome::kSuccess,
                             {{"source", source},
                              {"enrolled", result.enrolled},
                              {"already_enrolled", result.already_enrolled},
                              {"not_found", result.not_found},
                              {"refused", result.refused}}});
    return result;
}

std::vector<HouseholdProgramme> EnrolmentService::ForHousehold(const Caller& caller, std::int64_t household_id) {
    auto connection = db_.Acquire();
    const auto household = HouseholdTarget(*connection, household_id);
    if (!household) {
        throw Error(sinergi::errors::kNotFound, {fmt::format("Rumah tangga {} tidak ditemukan.", household_id),
                                                 fmt::format("Household {} was not found.", household_id)});
    }
    if (!InScope(registry_.RegionScope(caller, identity::actions::kEnrolmentsRead), household->village_code)) {
        throw Error(sinergi::errors::kForbidden,
                    {"Rumah tangga ini di luar wilayah Anda.", "This household is outside your area."});
    }
    std::vector<HouseholdProgramme> out;
    connection->ForEach(
        std::string(kColumns) +
            ", p.name, (SELECT a.code FROM agencies a WHERE a.id = p.agency_id), p.benefit_type, "
            "(SELECT COUNT(*) FROM disbursements d WHERE d.enrolment_id = e.id AND d.status = 'paid'), "
            "(SELECT COALESCE(SUM(d.amount), 0) FROM disbursements d WHERE d.enrolment_id = e.id AND d.status = "
            "'paid')" +
            std::string(kFrom) + " WHERE e.household_id = ? ORDER BY e.id DESC",
        {household_id}, [&out](const db::Row& row) {
            out.push_back({ReadEnrolment(row), row.Text(16), row.Text(17), row.Text(18), row.Int(19), row.Int(20)});
        });
    identity_.Audit(caller, {"household.programs",
                             "household",
                             std::to_string(household_id),
                             identity::Outcome::kSuccess,
                             {{"returned", out.size()}}});
    return out;
}

std::int64_t EnrolmentService::RecordExistingBeneficiaries(
    const Caller& caller, std::int64_t program_id,
    const std::vector<std::pair<std::int64_t, std::optional<std::int64_t>>>& targets, const std::string& reason) {
    const auto program = ProgramForEnrolment(caller, program_id);
    const auto why = CheckedReason(reason);
    const auto now = FormatTimestamp(clock_.Now());
    auto connection = db_.Acquire();
    db::Transaction tx(*connection, db::TxMode::kWrite);
    std::int64_t recorded = 0;
    for (const auto& [household_id, person_id] : targets) {
        auto target = person_id ? PersonTarget(*connection, *person_id) : HouseholdTarget(*connection, household_id);
        if (!target || RefusalOf(*target, "", std::nullopt) || OpenEnrolmentExists(*connection, program_id, *target)) {
            continue;
        }
        const auto id = InsertEnrolment(*connection, program_id, *target, "uploaded_list", why, caller, now);
        connection->Execute("UPDATE enrolments SET status = 'active' WHERE id = ?", {id});
        connection->Execute(
            "INSERT INTO enrolment_events (enrolment_id, at, actor_id, actor, from_status, to_status, reason) "
            "VALUES (?, ?, ?, ?, 'proposed', 'active', ?)",
            {id, now, ActorId(caller), caller.user ? caller.user->username : "system",
             "Penerima yang sudah ada sebelum program masuk Sinergi"});
        ++recorded;
    }
    tx.Commit();
    identity_.Audit(caller, {"enrolment.existing",
                             "program",
                             std::to_string(program_id),
                             identity::Outcome::kSuccess,
                             {{"program", program.code}, {"recorded", recorded}}});
    return recorded;
}

Enrolment EnrolmentService::Transition(const Caller& caller, std::int64_t enrolment_id, const std::string& to,
                                       const std::string& reason) {
    const auto why = CheckedReason(reason);
    auto connection = db_.Acquire();
    db::Transaction tx(*connection, db::TxMode::kWrite);
    auto current = Find(*connection, enrolment_id);
    if (!current) {
        throw Error(sinergi::errors::kNotFound, {fmt::format("Pendaftaran {} tidak ditemukan.", enrolment_id),
                                                 fmt::format("Enrolment {} was not found.", enrolment_id)});
    }
    const auto program = programs_.Get(caller, current->program_id);
    programs_.RequireManage(caller, program.agency_id);
    // The transitions the lifecycle block above allows.
    const auto& from = current->status;
    const bool allowed = (from == "proposed" && (to == "verified" || to == "exited")) ||
                         (from == "verified" && (to == "active" || to == "exited")) ||
                         (from == "active" && (to == "graduated" || to == "exited"));
    if (!allowed) {
        ValidationReport report;
        report.Add("PRG-2209", "to",
                   {fmt::format("Status {} tidak dapat berubah menjadi {}. Urutannya: proposed → verified → active → "
                                "graduated; exited dari status terbuka mana pun.",
                                from, to),
                    fmt::format("Status {} cannot become {}. The order is proposed → verified → active → graduated; "
                                "exited from any open status.",
                                from, to)});
        report.ThrowIfAny();
    }
    const auto now = FormatTimestamp(clock_.Now());
    const auto changed = connection->Execute(
        "UPDATE enrolments SET status = ?, status_reason = ?, updated_at = ?, version = version + 1 "
        "WHERE id = ? AND version = ?",
        {to, why, now, enrolment_id, current->version});
    SINERGI_INVARIANT(changed == 1);  // the row is read and written inside one write transaction
    connection->Execute(
        "INSERT INTO enrolment_events (enrolment_id, at, actor_id, actor, from_status, to_status, reason) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        {enrolment_id, now, ActorId(caller), caller.user ? caller.user->username : "system", from, to, why});
    tx.Commit();
    identity_.Audit(caller, {"enrolment.transition",
                             "enrolment",
                             std::to_string(enrolment_id),
                             identity::Outcome::kSuccess,
                             {{"from", from}, {"to", to}}});
    return *Find(*connection, enrolment_id);
}

}  // namespace sinergi::programs
