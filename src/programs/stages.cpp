#include "programs/stages.hpp"

#include <boost/json/object.hpp>
#include <fmt/format.h>

#include "platform/paging.hpp"

namespace sinergi::programs {

using identity::Caller;

namespace {

constexpr std::string_view kSelect =
    "SELECT d.id, d.program_id, d.stage_number, d.enrolment_id, d.household_id, d.person_id, d.recipient_name, "
    "d.recipient_nik, d.village_code, d.amount, d.quantity, d.status, d.status_date, d.channel, d.note, d.updated_at, "
    "d.version FROM disbursements d";

Disbursement ReadDisbursement(const db::Row& row) {
    Disbursement d;
    d.id = row.Int(0);
    d.program_id = row.Int(1);
    d.stage_number = row.Int(2);
    d.enrolment_id = row.Int(3);
    d.household_id = row.Int(4);
    d.person_id = row.OptInt(5);
    d.recipient_name = row.OptText(6);
    d.recipient_nik = row.OptText(7);
    d.village_code = row.Text(8);
    d.amount = row.OptInt(9);
    d.quantity = row.IsNull(10) ? std::nullopt : std::optional(row.Real(10));
    d.status = row.Text(11);
    d.status_date = row.OptText(12);
    d.channel = row.OptText(13);
    d.note = row.OptText(14);
    d.updated_at = row.Text(15);
    d.version = row.Int(16);
    return d;
}

[[noreturn]] void ThrowProblem(std::string_view code, std::string_view field, LocalizedText message) {
    ValidationReport report;
    report.Add(code, field, std::move(message));
    report.ThrowIfAny();
    InvariantFailed("ThrowIfAny throws for a non-empty report", __FILE__, __LINE__);
}

bool IsDate(const std::optional<std::string>& text) {
    return text && text->size() == 10 && ParseTimestamp(*text).has_value();
}

}  // namespace

StageService::StageService(db::Database& db, identity::IdentityService& identity, registry::RegistryService& registry,
                           ProgramsService& programs, const Clock& clock)
    : db_(db), identity_(identity), registry_(registry), programs_(programs), clock_(clock) {}

ProgramStage StageService::StageOf(const Program& program, std::int64_t stage_number) const {
    for (const auto& stage : program.stages) {
        if (stage.number == stage_number) {
            return stage;
        }
    }
    throw Error(sinergi::errors::kNotFound,
                {fmt::format("Program {} tidak punya tahap {}.", program.code, stage_number),
                 fmt::format("Programme {} has no stage {}.", program.code, stage_number)});
}

StageSummary StageService::Summary(const Caller& caller, std::int64_t program_id, std::int64_t stage_number) {
    const auto program = programs_.Get(caller, program_id);
    StageSummary summary;
    summary.program_id = program_id;
    summary.stage = StageOf(program, stage_number);
    auto connection = db_.Acquire();
    if (auto frozen = connection->QueryOne(
            "SELECT frozen_at, frozen_by FROM stage_lists WHERE program_id = ? AND stage_number = ?",
            {program_id, stage_number})) {
        summary.frozen_at = frozen->Text(0);
        summary.frozen_by = frozen->Text(1);
    }
    for (const auto* status : {"planned", "paid", "failed", "returned"}) {
        summary.by_status[status] = {};
    }
    connection->ForEach(
        "SELECT status, COUNT(*), COALESCE(SUM(amount), 0), COALESCE(SUM(quantity), 0) FROM disbursements "
        "WHERE program_id = ? AND stage_number = ? GROUP BY status",
        {program_id, stage_number}, [&summary](const db::Row& row) {
            auto& totals = summary.by_status[row.Text(0)];
            totals = {row.Int(1), row.Int(2), row.Real(3)};
            summary.total.lines += totals.lines;
            summary.total.amount += totals.amount;
            summary.total.quantity += totals.quantity;
        });
    return summary;
}

StageSummary StageService::Freeze(const Caller& caller, std::int64_t program_id, std::int64_t stage_number) {
    const auto program = programs_.Get(caller, program_id);
    programs_.RequireManage(caller, program.agency_id);
    StageOf(program, stage_number);
    if (program.status != "active") {
        ThrowProblem("PRG-2301", "status",
                     {"Hanya program yang berjalan (active) yang membekukan daftar penerima tahap.",
                      "Only an active programme freezes a stage's list."});
    }
    const auto now = FormatTimestamp(clock_.Now());
    const auto actor = caller.user ? caller.user->username : "system";
    std::int64_t lines = 0;
    {
        auto connection = db_.Acquire();
        db::Transaction tx(*connection, db::TxMode::kWrite);
        if (connection->QueryOne("SELECT 1 FROM stage_lists WHERE program_id = ? AND stage_number = ?",
                                 {program_id, stage_number})) {
            throw Error(sinergi::errors::kConflict,
                        {fmt::format("Tahap {} sudah dibekukan; daftarnya tidak dibuat ulang.", stage_number),
                         fmt::format("Stage {} is already frozen; its list is not made again.", stage_number)});
        }
        // The recipient is the enrolled person, or the household's head; their name and NIK are copied as they are now.
        lines = connection->Execute(
            "INSERT INTO disbursements (program_id, stage_number, enrolment_id, household_id, person_id, "
            "recipient_name, recipient_nik, village_code, amount, quantity, status, updated_at, version) "
            "SELECT e.program_id, ?, e.id, e.household_id, e.person_id, r.name, r.nik, h.village_code, ?, ?, "
            "'planned', ?, 1 FROM enrolments e JOIN households h ON h.id = e.household_id "
            "LEFT JOIN persons r ON r.id = COALESCE(e.person_id, h.head_person_id) "
            "WHERE e.program_id = ? AND e.status = 'active' ORDER BY e.id",
            {stage_number, program.amount_per_stage, program.quantity_per_stage, now, program_id});
        if (lines == 0) {
            ThrowProblem("PRG-2302", "stage",
                         {"Belum ada penerima aktif; aktifkan pendaftaran sebelum membekukan tahap.",
                          "There is no active enrolment yet; activate enrolments before freezing a stage."});
        }
        connection->Execute(
            "INSERT INTO stage_lists (program_id, stage_number, frozen_at, frozen_by) VALUES (?, ?, ?, ?)",
            {program_id, stage_number, now, actor});
        tx.Commit();
    }
    identity_.Audit(caller, {"stage.freeze",
                             "program",
                             std::to_string(program_id),
                             identity::Outcome::kSuccess,
                             {{"stage", stage_number}, {"lines", lines}}});
    return Summary(caller, program_id, stage_number);
}

identity::Page<Disbursement> StageService::Lines(const Caller& caller, std::int64_t program_id,
                                                 std::int64_t stage_number, const std::optional<std::string>& status,
                                                 const PageRequest& page) {
    const auto program = programs_.Get(caller, program_id);
    StageOf(program, stage_number);
    const auto scope = registry_.RegionScope(caller, identity::actions::kEnrolmentsRead);
    db::Conditions where;
    where.Add("d.program_id = ?", {program_id});
    where.Add("d.stage_number = ?", {stage_number});
    if (status) {
        where.Add("d.status = ?", {*status});
    }
    if (!scope.empty()) {
        where.Add("(d.village_code = ? OR d.village_code LIKE ?)", {scope, scope + ".%"});
    }
    auto connection = db_.Acquire();
    auto result = QueryPage<Disbursement>(*connection, kSelect, "FROM disbursements d", where, "d.id",
                                          KeyOrder::kAscending, true, page, ReadDisbursement);
    identity_.Audit(caller, {"stage.lines",
                             "program",
                             std::to_string(program_id),
                             identity::Outcome::kSuccess,
                             {{"stage", stage_number}, {"returned", result.items.size()}}});
    return result;
}

Disbursement StageService::Record(const Caller& caller, std::int64_t disbursement_id,
                                  const DisbursementUpdate& update) {
    auto connection = db_.Acquire();
    db::Transaction tx(*connection, db::TxMode::kWrite);
    const auto current = FindLine(*connection, disbursement_id);
    if (!current) {
        throw Error(sinergi::errors::kNotFound, {fmt::format("Baris penyaluran {} tidak ditemukan.", disbursement_id),
                                                 fmt::format("Disbursement line {} was not found.", disbursement_id)});
    }
    const auto program = programs_.Get(caller, current->program_id);
    programs_.RequireManage(caller, program.agency_id);
    ValidationReport report;
    CheckUpdate(*current, update, {"status", "status_date", "channel", "note"}, std::nullopt, report);
    report.ThrowIfAny();
    ApplyUpdate(*connection, disbursement_id, update, FormatTimestamp(clock_.Now()));
    tx.Commit();
    AuditUpdate(caller, disbursement_id, current->status, update.status, false);
    return *FindLine(*connection, disbursement_id);
}

std::optional<Disbursement> StageService::FindLine(db::Connection& connection, std::int64_t id) const {
    auto row = connection.QueryOne(std::string(kSelect) + " WHERE d.id = ?", {id});
    return row ? std::optional(ReadDisbursement(*row)) : std::nullopt;
}

std::vector<Disbursement> StageService::StageLines(db::Connection& connection, std::int64_t program_id,
                                                   std::int64_t stage_number) const {
    std::vector<Disbursement> lines;
    connection.ForEach(std::string(kSelect) + " WHERE d.program_id = ? AND d.stage_number = ? ORDER BY d.id",
                       {program_id, stage_number},
                       [&lines](const db::Row& row) { lines.push_back(ReadDisbursement(row)); });
    return lines;
}

void StageService::CheckUpdate(const Disbursement& current, const DisbursementUpdate& update,
                               const UpdateFieldNames& names, std::optional<std::int64_t> row,
                               ValidationReport& report) const {
    // The transitions the lifecycle block allows.
    const auto& from = current.status;
    const auto& to = update.status;
    const bool allowed = (from == "planned" && (to == "paid" || to == "failed")) ||
                         (from == "failed" && to == "paid") || (from == "paid" && to == "returned");
    if (!allowed) {
        report.Add("PRG-2303", names.status,
                   {fmt::format("Status {} tidak dapat menjadi {}: planned → paid/failed, failed → paid, paid → "
                                "returned.",
                                from, to),
                    fmt::format("Status {} cannot become {}: planned → paid/failed, failed → paid, paid → returned.",
                                from, to)},
                   row);
    }
    if (!IsDate(update.status_date) || *update.status_date > FormatTimestamp(clock_.Now()).substr(0, 10)) {
        report.Add("PRG-2304", names.status_date,
                   {"Tanggal kejadian wajib, YYYY-MM-DD, tidak di masa depan.",
                    "The date it happened is required, as YYYY-MM-DD, not in the future."},
                   row);
    }
    if ((update.channel && update.channel->size() > 80) || (update.note && update.note->size() > 500)) {
        report.Add("PRG-2305", update.channel && update.channel->size() > 80 ? names.channel : names.note,
                   {"Saluran paling panjang 80 karakter, catatan 500.",
                    "The channel can be at most 80 characters, "
                    "the note 500."},
                   row);
    }
}

void StageService::ApplyUpdate(db::Connection& connection, std::int64_t id, const DisbursementUpdate& update,
                               const std::string& now) const {
    connection.Execute(
        "UPDATE disbursements SET status = ?, status_date = ?, channel = COALESCE(?, channel), note = COALESCE(?, "
        "note), updated_at = ?, version = version + 1 WHERE id = ?",
        {update.status, update.status_date, update.channel, update.note, now, id});
}

void StageService::AuditUpdate(const Caller& caller, std::int64_t id, std::string_view from, std::string_view to,
                               bool imported) const {
    boost::json::object detail{{"from", from}, {"to", to}};
    if (imported) {
        detail["source"] = "results_file";
    }
    identity_.Audit(caller, {"disbursement.update", "disbursement", std::to_string(id), identity::Outcome::kSuccess,
                             std::move(detail)});
}

}  // namespace sinergi::programs
