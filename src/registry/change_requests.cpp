// Change requests (usulan) from villages.
//
// Lifecycle
// ---------
//                 Verify (registry operator ≠ proposer; applies the change as register events)
//   ┌──────────┐ ───────────────────────────────────────────────────────────────▶ ┌──────────┐
//   │ proposed │ ── Reject (registry operator, with a note) ──▶ ┌──────────┐      │ verified │
//   └──────────┘                                                │ rejected │      └──────────┘
//        │                                                      └──────────┘
//        └── Withdraw (the proposer) ──▶ ┌───────────┐
//                                        │ withdrawn │
//                                        └───────────┘
// Transitions → functions: Propose (→ proposed), Verify (proposed → verified), Reject (proposed → rejected),
// Withdraw (proposed → withdrawn).
//
// Invariants
//   1. A request is decided at most once: verified, rejected and withdrawn are final
//      (DecideChangeRequest only moves rows still 'proposed').
//   2. A village operator proposes only for their own village; the village is fixed at proposal time.
//   3. Nobody verifies their own proposal (four eyes).
//   4. Verification re-checks the change against the register as it is now and applies it in the same
//      transaction as the status change: either both happen or neither does (a failed check leaves it proposed).
//   5. A rejection carries a note, so the village learns why.
// AssertChangeRequestInvariants() checks 1, 3 and 5 on a stored request.
#include <algorithm>
#include <array>
#include <set>

#include <boost/json.hpp>
#include <fmt/format.h>

#include "registry/registry_internal.hpp"
#include "registry/registry_store.hpp"

namespace sinergi::registry {

namespace json = boost::json;
using identity::Caller;
using namespace detail;  // NOLINT(google-build-using-namespace): this module's own helpers

namespace {

constexpr std::array<std::pair<ChangeKind, std::string_view>, 8> kKindNames{{
    {ChangeKind::kNewHousehold, "new_household"},
    {ChangeKind::kAddMember, "add_member"},
    {ChangeKind::kMemberLeft, "member_left"},
    {ChangeKind::kDeath, "death"},
    {ChangeKind::kMove, "move"},
    {ChangeKind::kSplit, "split"},
    {ChangeKind::kChangeHousehold, "change_household"},
    {ChangeKind::kChangePerson, "change_person"},
}};

const json::object* ObjectAt(const json::object& payload, std::string_view key, ValidationReport& report) {
    const auto* value = payload.if_contains(key);
    if (value == nullptr || !value->is_object()) {
        report.Add("REG-2301", fmt::format("payload.{}", key),
                   {fmt::format("Bagian 'payload.{}' (objek) wajib ada.", key),
                    fmt::format("A 'payload.{}' object is required.", key)});
        return nullptr;
    }
    return &value->as_object();
}

std::optional<std::string> DateAt(const json::object& payload, std::string_view key, const TimePoint& now,
                                  ValidationReport& report) {
    const auto* value = payload.if_contains(key);
    if (value != nullptr && value->is_string()) {
        const std::string text(value->as_string());
        auto parsed = text.size() == 10 ? ParseTimestamp(text) : std::nullopt;
        if (parsed && *parsed <= now) {
            return text;
        }
    }
    report.Add("REG-2302", fmt::format("payload.{}", key),
               {"Tanggal wajib diisi (YYYY-MM-DD) dan tidak boleh di masa depan.",
                "A date (YYYY-MM-DD) is required and cannot be in the future."});
    return std::nullopt;
}

Error Forbidden(std::string id, std::string en) {
    return Error(sinergi::errors::kForbidden, {std::move(id), std::move(en)});
}

std::string_view StatusText(ChangeStatus status) {
    switch (status) {
        case ChangeStatus::kProposed:
            return "proposed";
        case ChangeStatus::kVerified:
            return "verified";
        case ChangeStatus::kRejected:
            return "rejected";
        case ChangeStatus::kWithdrawn:
            return "withdrawn";
    }
    return "proposed";
}

void AssertChangeRequestInvariants(const ChangeRequest& request) {
    const bool decided = request.status != "proposed";
    SINERGI_INVARIANT(decided == request.decided_at.has_value());
    SINERGI_INVARIANT(request.status != "verified" || request.decided_by_name != request.proposed_by_name);
    SINERGI_INVARIANT(request.status != "rejected" || (request.decision_note && !request.decision_note->empty()));
}

}  // namespace

std::string_view ToString(ChangeKind kind) {
    for (const auto& [value, name] : kKindNames) {
        if (value == kind) {
            return name;
        }
    }
    return "change_household";
}

std::optional<ChangeKind> ParseChangeKind(std::string_view text) {
    for (const auto& [value, name] : kKindNames) {
        if (name == text) {
            return value;
        }
    }
    return std::nullopt;
}

std::string RegistryService::CheckChange(db::Connection& connection, const Caller& caller, const ProposedChange& change,
                                         ValidationReport& report) {
    const auto& payload = change.payload;
    std::optional<Household> household;
    std::optional<Person> person;
    if (change.household_id) {
        household = store_->FindHousehold(connection, *change.household_id);
        if (!household || household->status != "active") {
            report.Add("REG-2303", "household_id",
                       {fmt::format("Rumah tangga {} tidak ada atau sudah ditutup.", *change.household_id),
                        fmt::format("Household {} does not exist or is closed.", *change.household_id)});
            return "";
        }
    }
    if (change.person_id) {
        person = store_->FindPerson(connection, *change.person_id);
        if (!person || TextOf(person->fields, "life_status") != "alive") {
            report.Add(
                "REG-2304", "person_id",
                {fmt::format("Orang {} tidak ada atau tidak lagi tercatat hidup di sini.", *change.person_id),
                 fmt::format("Person {} does not exist or is no longer listed as living here.", *change.person_id)});
            return "";
        }
        household = store_->FindHousehold(connection, person->household_id);
    }
    const bool needs_household = change.kind == ChangeKind::kAddMember || change.kind == ChangeKind::kMove ||
                                 change.kind == ChangeKind::kSplit || change.kind == ChangeKind::kChangeHousehold;
    const bool needs_person = change.kind == ChangeKind::kMemberLeft || change.kind == ChangeKind::kDeath ||
                              change.kind == ChangeKind::kChangePerson;
    if (needs_household && !change.household_id) {
        report.Add("REG-2305", "household_id",
                   {"Rumah tangga yang diubah wajib dipilih (household_id).",
                    "The household to change is required (household_id)."});
    }
    if (needs_person && !change.person_id) {
        report.Add("REG-2306", "person_id",
                   {"Orang yang diubah wajib dipilih (person_id).", "The person to change is required (person_id)."});
    }
    if (!report.empty()) {
        return "";
    }
    std::string village = household ? *TextOf(household->fields, "village_code") : "";
    switch (change.kind) {
        case ChangeKind::kNewHousehold: {
            NewHousehold input;
            if (const auto* fields = ObjectAt(payload, "household", report)) {
                input.fields = ReadFields(*fields, HouseholdFields(), "payload.household.", {}, report);
            }
            const auto* members = payload.if_contains("members");
            if (members == nullptr || !members->is_array()) {
                report.Add("REG-2301", "payload.members",
                           {"Daftar 'payload.members' wajib ada.", "A 'payload.members' array is required."});
            } else {
                for (std::size_t i = 0; i < members->as_array().size(); ++i) {
                    const auto& member = members->as_array()[i];
                    if (!member.is_object()) {
                        report.Add("REG-2114", fmt::format("payload.members[{}]", i),
                                   {"Setiap anggota harus berupa objek.", "Each member must be an object."});
                        continue;
                    }
                    input.members.push_back(ReadFields(member.as_object(), PersonFields(),
                                                       fmt::format("payload.members[{}].", i), {}, report));
                }
            }
            if (report.empty()) {
                Validate(connection, input, report, std::nullopt, "payload.household.", "payload.members");
            }
            village = TextOf(input.fields, "village_code").value_or("");
            break;
        }
        case ChangeKind::kAddMember:
            if (const auto* fields = ObjectAt(payload, "member", report)) {
                auto member = ReadFields(*fields, PersonFields(), "payload.member.", {}, report);
                if (TextOf(member, "relation") == "kepala_keluarga") {
                    report.Add("REG-2307", "payload.member.relation",
                               {"Rumah tangga ini sudah punya kepala keluarga; pilih hubungan lain.",
                                "This household already has a head; choose another relation."});
                }
                ValidateMember(connection, member, "payload.member.", report, std::nullopt);
            }
            break;
        case ChangeKind::kMemberLeft:
        case ChangeKind::kDeath:
            DateAt(payload, "date", clock_.Now(), report);
            break;
        case ChangeKind::kMove: {
            auto fields = ReadFields(payload, HouseholdFields(), "payload.", {}, report);
            for (const auto& [name, value] : fields) {
                if (name != "village_code" && name != "rt" && name != "rw" && name != "address") {
                    report.Add("REG-2308", "payload." + name,
                               {"Pindah hanya mengubah kode desa, RT, RW dan alamat.",
                                "A move changes only the village code, RT, RW and address."});
                }
            }
            auto target = TextOf(fields, "village_code");
            if (!target || regions::LevelOfCode(*target) != regions::Level::kVillage || !regions_.Exists(*target)) {
                report.Add("REG-2201", "payload.village_code",
                           {"Kode desa/kelurahan tujuan tidak ada dalam daftar wilayah.",
                            "The destination village code is not in the region list."});
            }
            break;
        }
        case ChangeKind::kSplit: {
            const auto* ids = payload.if_contains("person_ids");
            const auto* head = payload.if_contains("head_person_id");
            std::set<std::int64_t> moving;
            if (ids != nullptr && ids->is_array()) {
                for (const auto& id : ids->as_array()) {
                    if (!id.is_int64()) {
                        report.Add("REG-2309", "payload.person_ids",
                                   {"Daftar anggota yang pindah harus berisi id (bilangan bulat).",
                                    "The list of members who move must hold ids (whole numbers)."});
                        return village;
                    }
                    moving.insert(id.as_int64());
                }
            }
            std::set<std::int64_t> living;
            for (const auto& member : store_->Members(connection, household->id)) {
                if (TextOf(member.fields, "life_status") == "alive") {
                    living.insert(member.id);
                }
            }
            const bool all_members = !moving.empty() && std::all_of(moving.begin(), moving.end(),
                                                                    [&](auto id) { return living.contains(id); });
            if (!all_members || moving.size() >= living.size() ||
                (household->head_person_id && moving.contains(*household->head_person_id))) {
                report.Add("REG-2309", "payload.person_ids",
                           {"Pilih anggota yang pindah ke KK baru: anggota hidup rumah tangga ini, bukan semua, dan "
                            "bukan kepala keluarga lama.",
                            "Choose the members forming the new family: living members of this household, not all "
                            "of them, and not the current head."});
            }
            if (head == nullptr || !head->is_int64() || !moving.contains(head->as_int64())) {
                report.Add("REG-2310", "payload.head_person_id",
                           {"Kepala keluarga baru harus salah satu anggota yang pindah.",
                            "The new head must be one of the members who move."});
            }
            if (const auto* fields = ObjectAt(payload, "household", report)) {
                auto values = ReadFields(*fields, HouseholdFields(), "payload.household.", {}, report);
                if (auto kk = TextOf(values, "kk_number")) {
                    if (auto parsed = ParseKk(*kk, "payload.household.kk_number"); parsed.problem) {
                        report.Add(parsed.problem->code, parsed.problem->field, parsed.problem->message);
                    }
                }
            }
            break;
        }
        case ChangeKind::kChangeHousehold:
        case ChangeKind::kChangePerson:
            if (const auto* fields = ObjectAt(payload, "changes", report)) {
                const auto specs = change.kind == ChangeKind::kChangeHousehold ? HouseholdFields() : PersonFields();
                if (ReadFields(*fields, specs, "payload.changes.", {}, report).empty() && report.empty()) {
                    report.Add("REG-2115", "payload.changes",
                               {"Tidak ada kolom yang diubah.", "No field to change was given."});
                }
            }
            break;
    }
    (void)caller;
    return village;
}

void RegistryService::RequireChangeRequestScope(const Caller& caller, std::string_view action,
                                                const ChangeRequest& request) const {
    const auto prefix = RegionScope(caller, action);
    if (!prefix.empty() && request.village_code != prefix && !request.village_code.starts_with(prefix + ".")) {
        throw Forbidden("Usulan ini di luar wilayah kerja Anda.", "This change request is outside your area.");
    }
}

ChangeRequest RegistryService::Propose(const Caller& caller, const ProposedChange& change) {
    auto connection = db_.Acquire();
    // The area comes first: details about another village's records are not the proposer's to learn.
    std::optional<std::int64_t> household_id = change.household_id;
    if (change.person_id) {
        if (auto person = store_->FindPerson(*connection, *change.person_id)) {
            household_id = person->household_id;
        }
    }
    if (household_id && change.kind != ChangeKind::kNewHousehold) {
        if (auto household = store_->FindHousehold(*connection, *household_id)) {
            RequireInScope(caller, identity::actions::kRegistryPropose, *TextOf(household->fields, "village_code"));
        }
    }
    ValidationReport report;
    if (change.reason.size() < 3) {
        report.Add("REG-2110", "reason",
                   {"Alasan usulan wajib diisi (minimal 3 karakter).",
                    "A reason for the proposal is required (at least 3 characters)."});
    }
    const auto village = CheckChange(*connection, caller, change, report);
    report.ThrowIfAny();
    const auto prefix = RegionScope(caller, identity::actions::kRegistryPropose);
    if (!prefix.empty() && village != prefix && !village.starts_with(prefix + ".")) {
        throw Forbidden("Anda hanya dapat mengusulkan perubahan untuk desa/kelurahan Anda sendiri.",
                        "You can only propose changes for your own village.");
    }
    ChangeRequest request;
    request.kind = change.kind;
    request.village_code = village;
    request.household_id = change.kind == ChangeKind::kNewHousehold ? std::nullopt : change.household_id;
    request.person_id = change.person_id;
    if (change.person_id && !request.household_id) {
        request.household_id = store_->FindPerson(*connection, *change.person_id)->household_id;
    }
    request.payload_json = json::serialize(change.payload);
    request.reason = change.reason;
    request.proposed_by = caller.user->id > 0 ? std::optional(caller.user->id) : std::nullopt;
    request.proposed_by_name = caller.user->username;
    const auto now = FormatTimestamp(clock_.Now());
    request.proposed_at = now;
    db::Transaction tx(*connection, db::TxMode::kWrite);
    const auto id = store_->InsertChangeRequest(*connection, request);
    for (const auto& attachment : change.attachments) {
        store_->InsertAttachment(*connection, id, attachment, now);
    }
    tx.Commit();
    identity_.Audit(caller, {"change_request.propose",
                             "change_request",
                             std::to_string(id),
                             identity::Outcome::kSuccess,
                             {{"kind", ToString(change.kind)}}});
    return *store_->FindChangeRequest(*connection, id);
}

std::optional<std::int64_t> RegistryService::ApplyChange(db::Connection& connection, const Caller& caller,
                                                         const ChangeRequest& request) {
    boost::system::error_code ec;
    auto payload_value = json::parse(request.payload_json, ec);
    SINERGI_INVARIANT(!ec && payload_value.is_object());
    const auto& payload = payload_value.as_object();
    const auto reason = fmt::format("{} (usulan #{})", request.reason, request.id);
    const auto now = FormatTimestamp(clock_.Now());
    ValidationReport unused;
    switch (request.kind) {
        case ChangeKind::kNewHousehold: {
            NewHousehold input;
            input.fields = ReadFields(payload.at("household").as_object(), HouseholdFields(), "", {}, unused);
            for (const auto& member : payload.at("members").as_array()) {
                input.members.push_back(ReadFields(member.as_object(), PersonFields(), "", {}, unused));
            }
            ValidationReport report;
            auto warnings = Validate(connection, input, report);
            report.ThrowIfAny();
            return InsertValidated(connection, caller, input, warnings, Source::kChangeRequest, reason, now);
        }
        case ChangeKind::kAddMember: {
            auto member = ReadFields(payload.at("member").as_object(), PersonFields(), "", {}, unused);
            ValidationReport report;
            auto warnings = ValidateMember(connection, member, "payload.member.", report, std::nullopt);
            report.ThrowIfAny();
            InsertMember(connection, caller, *request.household_id, member, warnings, Source::kChangeRequest, reason,
                         now);
            return std::nullopt;
        }
        case ChangeKind::kMemberLeft:
        case ChangeKind::kDeath: {
            const FieldValues changes{
                {"life_status", std::string(request.kind == ChangeKind::kDeath ? "deceased" : "moved_out")},
                {"life_status_date", std::string(payload.at("date").as_string())}};
            ApplyPersonChanges(connection, caller, *store_->FindPerson(connection, *request.person_id), changes,
                               std::nullopt, Source::kChangeRequest, reason);
            return std::nullopt;
        }
        case ChangeKind::kMove:
            ApplyHouseholdChanges(connection, caller, *store_->FindHousehold(connection, *request.household_id),
                                  ReadFields(payload, HouseholdFields(), "", {}, unused), std::nullopt,
                                  Source::kChangeRequest, reason);
            return std::nullopt;
        case ChangeKind::kChangeHousehold:
            ApplyHouseholdChanges(connection, caller, *store_->FindHousehold(connection, *request.household_id),
                                  ReadFields(payload.at("changes").as_object(), HouseholdFields(), "", {}, unused),
                                  std::nullopt, Source::kChangeRequest, reason);
            return std::nullopt;
        case ChangeKind::kChangePerson:
            ApplyPersonChanges(connection, caller, *store_->FindPerson(connection, *request.person_id),
                               ReadFields(payload.at("changes").as_object(), PersonFields(), "", {}, unused),
                               std::nullopt, Source::kChangeRequest, reason);
            return std::nullopt;
        case ChangeKind::kSplit: {
            const auto original = *store_->FindHousehold(connection, *request.household_id);
            auto fields = ReadFields(payload.at("household").as_object(), HouseholdFields(), "", {}, unused);
            for (const auto* name : {"village_code", "rt", "rw", "address"}) {
                if (!fields.contains(name)) {
                    fields[name] = original.fields.at(name);
                }
            }
            const auto actor_id = caller.user->id > 0 ? std::optional(caller.user->id) : std::nullopt;
            const auto id = store_->InsertHousehold(connection, fields, "[]", now);
            store_->InsertEvent(connection, now, actor_id, caller.user->username, id, "household", id, "create",
                                Source::kChangeRequest, reason, ChangesJson(HouseholdFields(), nullptr, fields));
            if (auto kk = TextOf(fields, "kk_number")) {
                store_->OpenKkHistory(connection, id, *kk, now);
            }
            const auto head = payload.at("head_person_id").as_int64();
            for (const auto& value : payload.at("person_ids").as_array()) {
                const auto person_id = value.as_int64();
                store_->MovePerson(connection, person_id, id, now);
                const auto moved = json::serialize(
                    json::array{json::object{{"field", "household_id"}, {"before", original.id}, {"after", id}}});
                // The move shows in both households' histories.
                store_->InsertEvent(connection, now, actor_id, caller.user->username, original.id, "person", person_id,
                                    "change", Source::kChangeRequest, reason, moved);
                store_->InsertEvent(connection, now, actor_id, caller.user->username, id, "person", person_id, "change",
                                    Source::kChangeRequest, reason, moved);
            }
            ApplyPersonChanges(connection, caller, *store_->FindPerson(connection, head),
                               {{"relation", std::string("kepala_keluarga")}}, std::nullopt, Source::kChangeRequest,
                               reason);
            store_->SetHead(connection, id, head);
            return id;
        }
    }
    return std::nullopt;
}

ChangeRequest RegistryService::Verify(const Caller& caller, std::int64_t id, const std::string& note) {
    auto connection = db_.Acquire();
    auto request = store_->FindChangeRequest(*connection, id);
    if (!request) {
        throw NotFound("Usulan", "change request", id);
    }
    RequireChangeRequestScope(caller, identity::actions::kRegistryVerify, *request);
    if (request->status != "proposed") {
        throw Error(errors::kChangeRequestDecided,
                    {fmt::format("Usulan #{} sudah diputuskan ({}).", id, request->status),
                     fmt::format("Change request #{} has already been decided ({}).", id, request->status)});
    }
    if (request->proposed_by_name == caller.user->username) {
        throw Forbidden("Usulan tidak boleh diverifikasi oleh pengusulnya sendiri.",
                        "A change request cannot be verified by the person who proposed it.");
    }
    // Re-check against the register as it is now: it may have changed since the proposal.
    ProposedChange change;
    change.kind = request->kind;
    change.household_id = request->kind == ChangeKind::kNewHousehold ? std::nullopt : request->household_id;
    change.person_id = request->person_id;
    change.payload = json::parse(request->payload_json).as_object();
    change.reason = request->reason;
    ValidationReport report;
    CheckChange(*connection, caller, change, report);
    report.ThrowIfAny();
    db::Transaction tx(*connection, db::TxMode::kWrite);
    const auto created = ApplyChange(*connection, caller, *request);
    if (!store_->DecideChangeRequest(*connection, id, StatusText(ChangeStatus::kVerified),
                                     caller.user->id > 0 ? std::optional(caller.user->id) : std::nullopt,
                                     caller.user->username, FormatTimestamp(clock_.Now()), note, created)) {
        throw Error(errors::kChangeRequestDecided,
                    {fmt::format("Usulan #{} baru saja diputuskan orang lain.", id),
                     fmt::format("Change request #{} was just decided by someone else.", id)});
    }
    tx.Commit();
    identity_.Audit(caller, {"change_request.verify",
                             "change_request",
                             std::to_string(id),
                             identity::Outcome::kSuccess,
                             {{"kind", ToString(request->kind)}}});
    auto decided = *store_->FindChangeRequest(*connection, id);
    AssertChangeRequestInvariants(decided);
    return decided;
}

ChangeRequest RegistryService::Reject(const Caller& caller, std::int64_t id, const std::string& note) {
    auto connection = db_.Acquire();
    auto request = store_->FindChangeRequest(*connection, id);
    if (!request) {
        throw NotFound("Usulan", "change request", id);
    }
    RequireChangeRequestScope(caller, identity::actions::kRegistryVerify, *request);
    if (note.size() < 3) {
        ValidationReport report;
        report.Add("REG-2311", "note",
                   {"Tuliskan alasan penolakan agar desa tahu apa yang harus diperbaiki.",
                    "Write why it is rejected, so the village knows what to fix."});
        report.ThrowIfAny();
    }
    if (!store_->DecideChangeRequest(*connection, id, StatusText(ChangeStatus::kRejected),
                                     caller.user->id > 0 ? std::optional(caller.user->id) : std::nullopt,
                                     caller.user->username, FormatTimestamp(clock_.Now()), note, std::nullopt)) {
        throw Error(errors::kChangeRequestDecided,
                    {fmt::format("Usulan #{} sudah diputuskan ({}).", id, request->status),
                     fmt::format("Change request #{} has already been decided ({}).", id, request->status)});
    }
    identity_.Audit(caller,
                    {"change_request.reject", "change_request", std::to_string(id), identity::Outcome::kSuccess, {}});
    auto decided = *store_->FindChangeRequest(*connection, id);
    AssertChangeRequestInvariants(decided);
    return decided;
}

ChangeRequest RegistryService::Withdraw(const Caller& caller, std::int64_t id) {
    auto connection = db_.Acquire();
    auto request = store_->FindChangeRequest(*connection, id);
    if (!request) {
        throw NotFound("Usulan", "change request", id);
    }
    if (request->proposed_by_name != caller.user->username) {
        throw Forbidden("Hanya pengusul yang dapat menarik usulan ini.",
                        "Only the proposer can withdraw this request.");
    }
    if (!store_->DecideChangeRequest(*connection, id, StatusText(ChangeStatus::kWithdrawn),
                                     caller.user->id > 0 ? std::optional(caller.user->id) : std::nullopt,
                                     caller.user->username, FormatTimestamp(clock_.Now()), "", std::nullopt)) {
        throw Error(errors::kChangeRequestDecided,
                    {fmt::format("Usulan #{} sudah diputuskan ({}).", id, request->status),
                     fmt::format("Change request #{} has already been decided ({}).", id, request->status)});
    }
    identity_.Audit(caller,
                    {"change_request.withdraw", "change_request", std::to_string(id), identity::Outcome::kSuccess, {}});
    return *store_->FindChangeRequest(*connection, id);
}

ChangeRequest RegistryService::GetChangeRequest(const Caller& caller, std::int64_t id) {
    auto connection = db_.Acquire();
    auto request = store_->FindChangeRequest(*connection, id);
    if (!request) {
        throw NotFound("Usulan", "change request", id);
    }
    RequireChangeRequestScope(caller, identity::actions::kRegistryPropose, *request);
    identity_.Audit(caller,
                    {"change_request.read", "change_request", std::to_string(id), identity::Outcome::kSuccess, {}});
    return *request;
}

identity::Page<ChangeRequest> RegistryService::ListChangeRequests(const Caller& caller,
                                                                  const ChangeRequestFilter& filter,
                                                                  const PageRequest& page) {
    const auto scope = RegionScope(caller, identity::actions::kRegistryPropose);
    auto connection = db_.Acquire();
    auto result = store_->ListChangeRequests(*connection, filter, scope,
                                             filter.mine ? std::optional(caller.user->id) : std::nullopt, page);
    identity_.Audit(caller, {"change_request.list",
                             "change_request",
                             std::nullopt,
                             identity::Outcome::kSuccess,
                             {{"returned", result.items.size()}}});
    return result;
}

std::pair<AttachmentInfo, std::string> RegistryService::GetAttachment(const Caller& caller, std::int64_t request_id,
                                                                      std::int64_t attachment_id) {
    GetChangeRequest(caller, request_id);  // scope check and audit of the read
    auto connection = db_.Acquire();
    auto found = store_->FindAttachment(*connection, request_id, attachment_id);
    if (!found) {
        throw NotFound("Lampiran", "attachment", attachment_id);
    }
    return *found;
}

}  // namespace sinergi::registry
