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
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>

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

 private:
    ProgramStage StageOf(const Program& program, std::int64_t stage_number) const;

    db::Database& db_;
    identity::IdentityService& identity_;
    registry::RegistryService& registry_;
    ProgramsService& programs_;
    const Clock& clock_;
};

void RegisterStageRoutes(identity::ApiGateway& api, StageService& stages);

}  // namespace sinergi::programs
