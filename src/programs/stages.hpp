// Aid per stage (issue 4, item 4): freezing a stage (tahap) of an active programme turns its active enrolments into a
// payment or delivery list, with the amount or quantity per beneficiary and the recipient's name, NIK and village as
// they were at that moment; then each line records what happened. Totals per stage and status.
//
// Lifecycle of a line:
//
//   planned ──► paid ──► returned
//      │         ▲
//      └──► failed (a failed payment may be paid later)
//
// Invariants: a stage is frozen once; a frozen list never gains, loses or re-copies lines when the register or the
// enrolments change; returned is final; every change of a line is audited.
//
// A line changes in one way only, CheckUpdate then ApplyUpdate, whether one line is recorded (PATCH) or a results file
// from the bank or post office records many (ImportResults, stage_results.cpp, docs/formats/stage-results.md).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "identity/identity_service.hpp"
#include "platform/clock.hpp"
#include "platform/database.hpp"
#include "programs/programs_service.hpp"
#include "registry/registry_service.hpp"

namespace sinergi::programs {

struct StageTotals {
    std::int64_t lines = 0;
    std::int64_t amount = 0;  // rupiah
    double quantity = 0;
};

struct StageSummary {
    std::int64_t program_id = 0;
    ProgramStage stage;
    std::optional<std::string> frozen_at;
    std::optional<std::string> frozen_by;
    StageTotals total;
    std::map<std::string, StageTotals, std::less<>> by_status;  // planned, paid, failed, returned
};

struct Disbursement {
    std::int64_t id = 0;
    std::int64_t program_id = 0;
    std::int64_t stage_number = 0;
    std::int64_t enrolment_id = 0;
    std::int64_t household_id = 0;
    std::optional<std::int64_t> person_id;
    std::optional<std::string> recipient_name;
    std::optional<std::string> recipient_nik;
    std::string village_code;
    std::optional<std::int64_t> amount;
    std::optional<double> quantity;
    std::string status;
    std::optional<std::string> status_date;
    std::optional<std::string> channel;
    std::optional<std::string> note;
    std::string updated_at;
    std::int64_t version = 0;
};

struct DisbursementUpdate {
    std::string status;
    std::optional<std::string> status_date;
    std::optional<std::string> channel;
    std::optional<std::string> note;
};

// What importing a stage's results file did. Every bad row is named in `issues` with its column and a stable code; by
// default one bad row means nothing is applied, with `partial` exactly the rows named are left out.
struct StageResultsReport {
    std::int64_t rows = 0;      // data rows read (the header and blank rows not counted)
    std::int64_t applied = 0;   // lines recorded
    std::int64_t rejected = 0;  // rows left out for a problem of their own (distinct rows named in `issues`)
    bool committed = false;     // something was written
    // Reading ended early at this row (broken quoting, text that is not UTF-8): the rows after it were not read.
    std::optional<std::int64_t> stopped_at_row;
    // Sorted by row (the header is row 1); an issue without a row concerns the whole file.
    std::vector<Issue> issues;
};

class StageService {
 public:
    StageService(db::Database& db, identity::IdentityService& identity, registry::RegistryService& registry,
                 ProgramsService& programs, const Clock& clock);

    StageSummary Summary(const identity::Caller& caller, std::int64_t program_id, std::int64_t stage_number);
    StageSummary Freeze(const identity::Caller& caller, std::int64_t program_id, std::int64_t stage_number);
    identity::Page<Disbursement> Lines(const identity::Caller& caller, std::int64_t program_id,
                                       std::int64_t stage_number, const std::optional<std::string>& status,
                                       const PageRequest& page);
    Disbursement Record(const identity::Caller& caller, std::int64_t disbursement_id, const DisbursementUpdate& update);
    // Records the results in `csv` (docs/formats/stage-results.md) on the stage's frozen lines, in one transaction,
    // after checking every row; each line recorded is audited as a PATCH is. Expected problems are in the report;
    // an empty file, a stage not frozen yet, or a caller who may not manage the programme throws.
    StageResultsReport ImportResults(const identity::Caller& caller, std::int64_t program_id, std::int64_t stage_number,
                                     std::string_view csv, bool partial);

 private:
    // The names a line's fields go by where the update came from: the PATCH body's members or the file's columns.
    struct UpdateFieldNames {
        std::string_view status;
        std::string_view status_date;
        std::string_view channel;
        std::string_view note;
    };

    ProgramStage StageOf(const Program& program, std::int64_t stage_number) const;
    std::optional<Disbursement> FindLine(db::Connection& connection, std::int64_t id) const;
    std::vector<Disbursement> StageLines(db::Connection& connection, std::int64_t program_id,
                                         std::int64_t stage_number) const;
    // The lifecycle and recording rules for one change of a line; problems go to `report`, naming `names` (and `row`).
    void CheckUpdate(const Disbursement& current, const DisbursementUpdate& update, const UpdateFieldNames& names,
                     std::optional<std::int64_t> row, ValidationReport& report) const;
    // Writes a checked update inside the write transaction the caller holds open on `connection`.
    void ApplyUpdate(db::Connection& connection, std::int64_t id, const DisbursementUpdate& update,
                     const std::string& now) const;
    // After the commit: one audit entry per line changed.
    void AuditUpdate(const identity::Caller& caller, std::int64_t id, std::string_view from, std::string_view to,
                     bool imported) const;

    db::Database& db_;
    identity::IdentityService& identity_;
    registry::RegistryService& registry_;
    ProgramsService& programs_;
    const Clock& clock_;
};

void RegisterStageRoutes(identity::ApiGateway& api, StageService& stages);

}  // namespace sinergi::programs
