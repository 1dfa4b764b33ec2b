#include "registry/registry_service.hpp"

#include <algorithm>
#include <set>

#include <boost/json.hpp>
#include <fmt/format.h>

#include "registry/names.hpp"
#include "registry/registry_internal.hpp"
#include "registry/registry_store.hpp"

namespace sinergi::registry {

namespace json = boost::json;
using identity::Caller;
using namespace detail;  // NOLINT(google-build-using-namespace): this module's own helpers

namespace detail {

std::optional<std::string> TextOf(const FieldValues& fields, std::string_view name) {
    auto it = fields.find(name);
    if (it == fields.end()) {
        return std::nullopt;
    }
    if (const auto* s = std::get_if<std::string>(&it->second)) {
        return *s;
    }
    return std::nullopt;
}

std::string WarningsJson(const std::vector<std::string>& warnings) {
    if (warnings.empty()) {
        return "[]";  // most records: no warning
    }
    json::array array;
    for (const auto& w : warnings) {
        array.emplace_back(w);
    }
    return json::serialize(array);
}

json::value FieldJson(std::span<const FieldSpec> specs, std::string_view name, const db::Value& value) {
    const auto* spec = FindField(specs, name);
    return ToJson(value, spec != nullptr ? spec->type : FieldType::kText);
}

// The field-level record of a create (every value set) or a change (before → after): the serialised JSON array of
// {"field", "before", "after"} objects. Written piece by piece, each piece serialised by Boost.JSON, so the text is
// exactly what serialising the whole array would give without building it (an import writes one per person).
std::string ChangesJson(std::span<const FieldSpec> specs, const FieldValues* before, const FieldValues& after) {
    std::string out = "[";
    for (const auto& [name, value] : after) {
        std::string old_value = "null";
        if (before != nullptr) {
            auto it = before->find(name);
            if (it != before->end()) {
                old_value = json::serialize(FieldJson(specs, name, it->second));
            }
        } else if (std::holds_alternative<std::monostate>(value)) {
            continue;
        }
        if (out.size() > 1) {
            out += ',';
        }
        out += "{\"field\":";
        out += json::serialize(json::string_view(name));
        out += ",\"before\":";
        out += old_value;
        out += ",\"after\":";
        out += json::serialize(FieldJson(specs, name, value));
        out += '}';
    }
    out += ']';
    return out;
}

std::optional<std::chrono::year_month_day> DateOf(const FieldValues& fields, std::string_view name) {
    auto text = TextOf(fields, name);
    if (!text) {
        return std::nullopt;
    }
    auto parsed = ParseTimestamp(*text);
    if (!parsed) {
        return std::nullopt;
    }
    return std::chrono::year_month_day{std::chrono::floor<std::chrono::days>(*parsed)};
}

std::optional<Sex> SexOf(const FieldValues& fields) {
    auto text = TextOf(fields, "sex");
    if (!text) {
        return std::nullopt;
    }
    return *text == "P" ? Sex::kFemale : Sex::kMale;
}

Error NotFound(std::string_view what_id, std::string_view what_en, std::int64_t id) {
    return Error(sinergi::errors::kNotFound, {fmt::format("{} dengan id {} tidak ditemukan.", what_id, id),
                                              fmt::format("No {} with id {}.", what_en, id)});
}

}  // namespace detail

namespace {

// The name tokens of a search text that is a name (the store reads digits as a NIK or KK number); empty otherwise.
std::vector<std::string> SearchedNameTokens(const std::optional<std::string>& q) {
    if (!q || q->empty() || std::all_of(q->begin(), q->end(), [](char ch) { return ch >= '0' && ch <= '9'; })) {
        return {};
    }
    return NameTokens(*q);
}

// The names of changed fields, for the audit log (which keeps no values: they may be personal data).
json::array FieldNames(const FieldValues& changes) {
    json::array names;
    for (const auto& [name, value] : changes) {
        names.emplace_back(name);
    }
    return names;
}

Error VersionMismatch(std::int64_t current) {
    return Error(errors::kVersionMismatch,
                 {fmt::format("Data ini sudah diubah orang lain (versi sekarang {}). Muat ulang, periksa, lalu ulangi "
                              "perubahan Anda.",
                              current),
                  fmt::format("Someone else changed this record meanwhile (now version {}). Reload, check, and make "
                              "your change again.",
                              current)})
        .WithExtension("current_version", current);
}

}  // namespace

std::string_view ToString(Source source) {
    switch (source) {
        case Source::kForm:
            return "form";
        case Source::kImport:
            return "import";
        case Source::kChangeRequest:
            return "change_request";
        case Source::kMerge:
            return "merge";
        case Source::kDemo:
            return "demo";
    }
    return "form";
}

RegistryService::RegistryService(db::Database& db, identity::IdentityService& identity,
                                 regions::RegionsService& regions, const Clock& clock)
    : db_(db), identity_(identity), regions_(regions), clock_(clock), store_(std::make_unique<RegistryStore>()) {}

RegistryService::~RegistryService() = default;

std::string RegistryService::RegionScope(const Caller& caller, std::string_view action) const {
    const auto scope = identity::Policy::Decide(caller.user->role, action);
    if (!scope) {
        throw Error(sinergi::errors::kForbidden,
                    {"Anda tidak berwenang melakukan tindakan ini.", "You are not allowed to do this."});
    }
    if (*scope == identity::Scope::kAll) {
        return "";
    }
    if (!caller.user->agency_region_code) {
        throw Error(sinergi::errors::kForbidden,
                    {"Akun Anda belum terhubung ke wilayah instansi.", "Your account is not tied to a region."});
    }
    return *caller.user->agency_region_code;
}

bool RegistryService::RegionExists(const std::string& code) {
    {
        std::lock_guard lock(known_regions_mutex_);
        if (known_regions_.contains(code)) {
            return true;
        }
    }
    if (!regions_.Exists(code)) {
        return false;  // not remembered: the code may be loaded later
    }
    std::lock_guard lock(known_regions_mutex_);
    known_regions_.insert(code);
    return true;
}

void RegistryService::RequireInScope(const Caller& caller, std::string_view action,
                                     const std::string& village_code) const {
    const auto prefix = RegionScope(caller, action);
    if (!prefix.empty() && village_code != prefix && !village_code.starts_with(prefix + ".")) {
        identity_.Audit(
            caller,
            {std::string(action), "region", village_code, identity::Outcome::kDenied, {{"reason", "outside_scope"}}});
        throw Error(sinergi::errors::kForbidden,
                    {"Data ini di luar wilayah kerja Anda.", "This record is outside your area."});
    }
}

std::vector<std::vector<std::string>> RegistryService::Validate(db::Connection& connection, const NewHousehold& input,
                                                                ValidationReport& report,
                                                                std::optional<std::int64_t> row,
                                                                std::string_view household_path,
                                                                std::string_view members_path) {
    const auto add = [&](std::string_view code, std::string_view field, std::string id, std::string en) {
        report.Add(code, field, {std::move(id), std::move(en)}, row);
    };
    const auto village_field = fmt::format("{}village_code", household_path);
    auto village = TextOf(input.fields, "village_code");
    if (!village) {
        add("REG-2100", village_field, "Kode desa/kelurahan wajib diisi.", "The village code is required.");
    } else if (regions::LevelOfCode(*village) != regions::Level::kVillage || !RegionExists(*village)) {
        add("REG-2201", village_field,
            fmt::format("Kode desa/kelurahan '{}' tidak ada dalam daftar wilayah.", *village),
            fmt::format("Village code '{}' is not in the region list.", *village));
    }
    if (auto kk = TextOf(input.fields, "kk_number")) {
        if (auto parsed = ParseKk(*kk, fmt::format("{}kk_number", household_path)); parsed.problem) {
            report.Add(parsed.problem->code, parsed.problem->field, parsed.problem->message, row);
        }
    }
    CheckNotFuture(input.fields, {"verified_at", "desil_as_of"}, household_path, report, row);
    if (input.members.empty()) {
        add("REG-2202", members_path, "Rumah tangga harus memiliki minimal satu anggota.",
            "A household needs at least one member.");
    }
    int heads = 0;
    std::vector<std::vector<std::string>> member_warnings;
    std::set<std::string, std::less<>> niks_in_input;
    for (std::size_t i = 0; i < input.members.size(); ++i) {
        const auto& member = input.members[i];
        if (TextOf(member, "relation") == "kepala_keluarga") {
            ++heads;
        }
        auto nik = TextOf(member, "nik");
        if (nik && !niks_in_input.insert(*nik).second) {
            add("REG-2203", fmt::format("{}[{}].nik", members_path, i),
                fmt::format("NIK {} muncul dua kali dalam rumah tangga ini.", *nik),
                fmt::format("NIK {} appears twice in this household.", *nik));
        }
        member_warnings.push_back(
            ValidateMember(connection, member, fmt::format("{}[{}].", members_path, i), report, row));
    }
    if (!input.members.empty() && heads != 1) {
        add("REG-2205", members_path, fmt::format("Harus ada tepat satu kepala keluarga; ada {}.", heads),
            fmt::format("There must be exactly one head of family; found {}.", heads));
    }
    return member_warnings;
}

void RegistryService::CheckNotFuture(const FieldValues& fields, std::initializer_list<std::string_view> names,
                                     std::string_view path_prefix, ValidationReport& report,
                                     std::optional<std::int64_t> row) const {
    const auto today = FormatTimestamp(clock_.Now()).substr(0, 10);
    for (auto name : names) {
        if (auto date = TextOf(fields, name); date && *date > today) {
            const auto path = fmt::format("{}{}", path_prefix, name);
            report.Add("REG-2208", path,
                       {fmt::format("Tanggal {} ({}) tidak boleh di masa depan.", path, *date),
                        fmt::format("The date {} ({}) cannot be in the future.", path, *date)},
                       row);
        }
    }
}

std::vector<std::string> RegistryService::ValidateMember(db::Connection& connection, const FieldValues& member,
                                                         const std::string& path_prefix, ValidationReport& report,
                                                         std::optional<std::int64_t> row) {
    for (const auto& spec : PersonFields()) {
        if (!spec.required) {
            continue;
        }
        auto it = member.find(spec.name);
        if (it != member.end() && !std::holds_alternative<std::monostate>(it->second)) {
            continue;
        }
        const auto path = path_prefix + std::string(spec.name);
        // A value refused by the shape check is not also "missing".
        if (!report.Names(path, row)) {
            report.Add("REG-2100", path,
                       {fmt::format("Kolom {} wajib diisi.", path), fmt::format("Field {} is required.", path)}, row);
        }
    }
    CheckNotFuture(member, {"birth_date", "life_status_date"}, path_prefix, report, row);
    std::vector<std::string> warnings;
    auto nik = TextOf(member, "nik");
    if (!nik) {
        warnings.emplace_back(warnings::kNikMissing);
        return warnings;
    }
    auto parsed = ParseNik(*nik, path_prefix + "nik");
    if (parsed.problem) {
        report.Add(parsed.problem->code, parsed.problem->field, parsed.problem->message, row);
        return warnings;
    }
    warnings = NikWarnings(*parsed.parts, DateOf(member, "birth_date"), SexOf(member),
                           RegionExists(parsed.parts->district_code));
    if (TextOf(member, "life_status").value_or("alive") == "alive" && store_->LivingPersonWithNik(connection, *nik)) {
        report.Add("REG-2204", path_prefix + "nik",
                   {fmt::format("NIK {} sudah terdaftar untuk orang lain yang masih hidup.", *nik),
                    fmt::format("NIK {} is already registered to another living person.", *nik)},
                   row);
    }
    return warnings;
}

std::int64_t RegistryService::InsertMember(db::Connection& connection, const Caller& caller, std::int64_t household_id,
                                           const FieldValues& member, const std::vector<std::string>& warnings,
                                           Source source, const std::string& reason, const std::string& now) {
    std::int64_t person_id = 0;
    try {
        person_id = store_->InsertPerson(connection, household_id, member, WarningsJson(warnings), now);
    } catch (const db::ConstraintViolation&) {
        // Another request registered the same NIK between validation and insert.
        const auto nik = TextOf(member, "nik").value_or("");
        throw Error(errors::kNikTaken, {fmt::format("NIK {} baru saja didaftarkan untuk orang lain.", nik),
                                        fmt::format("NIK {} was just registered to someone else.", nik)});
    }
    store_->InsertNameTokens(connection, person_id, NameTokens(TextOf(member, "name").value_or("")));
    store_->InsertEvent(connection, now, caller.user->id > 0 ? std::optional(caller.user->id) : std::nullopt,
                        caller.user->username, household_id, "person", person_id, "create", source, reason,
                        ChangesJson(PersonFields(), nullptr, member));
    if (TextOf(member, "relation") == "kepala_keluarga") {
        store_->SetHead(connection, household_id, person_id);
    }
    return person_id;
}

std::int64_t RegistryService::InsertValidated(db::Connection& connection, const Caller& caller,
                                              const NewHousehold& input,
                                              const std::vector<std::vector<std::string>>& member_warnings,
                                              Source source, const std::string& reason, const std::string& now) {
    std::vector<std::string> household_warnings;
    if (auto kk = TextOf(input.fields, "kk_number")) {
        if (!RegionExists(ParseKk(*kk).parts->district_code)) {
            household_warnings.emplace_back(warnings::kKkRegionUnknown);
        }
    }
    const auto actor_id = caller.user->id > 0 ? std::optional(caller.user->id) : std::nullopt;
    const auto id = store_->InsertHousehold(connection, input.fields, WarningsJson(household_warnings), now);
    store_->InsertEvent(connection, now, actor_id, caller.user->username, id, "household", id, "create", source, reason,
                        ChangesJson(HouseholdFields(), nullptr, input.fields));
    if (auto kk = TextOf(input.fields, "kk_number")) {
        store_->OpenKkHistory(connection, id, *kk, now);
    }
    for (std::size_t i = 0; i < input.members.size(); ++i) {
        InsertMember(connection, caller, id, input.members[i], member_warnings[i], source, reason, now);
    }
    return id;
}

Household RegistryService::Create(const Caller& caller, const NewHousehold& input, Source source,
                                  const std::string& reason, ValidationReport prior) {
    if (auto village = TextOf(input.fields, "village_code")) {
        RequireInScope(caller, identity::actions::kRegistryWrite, *village);
    }
    auto connection = db_.Acquire();
    ValidationReport& report = prior;
    const bool parts_missing = std::any_of(report.issues().begin(), report.issues().end(), [](const Issue& issue) {
        return issue.field == "household" || issue.field == "members";
    });
    if (parts_missing) {
        report.ThrowIfAny();  // without both parts, the rules below would only repeat the same problem
    }
    auto member_warnings = Validate(*connection, input, report, std::nullopt, "household.");
    report.ThrowIfAny();
    db::Transaction tx(*connection, db::TxMode::kWrite);
    const auto id =
        InsertValidated(*connection, caller, input, member_warnings, source, reason, FormatTimestamp(clock_.Now()));
    tx.Commit();
    identity_.Audit(caller, {"household.create",
                             "household",
                             std::to_string(id),
                             identity::Outcome::kSuccess,
                             {{"members", input.members.size()}, {"source", ToString(source)}}});
    auto household = *store_->FindHousehold(*connection, id);
    household.members = store_->Members(*connection, id);
    return household;
}

std::int64_t RegistryService::CreateMany(const Caller& caller, std::span<const NewHousehold> households, Source source,
                                         const std::string& reason) {
    RegionScope(caller, identity::actions::kRegistryWrite);
    auto connection = db_.Acquire();
    db::Transaction tx(*connection, db::TxMode::kWrite);
    const auto now = FormatTimestamp(clock_.Now());
    std::int64_t persons = 0;
    for (std::size_t i = 0; i < households.size(); ++i) {
        ValidationReport report;
        auto member_warnings = Validate(*connection, households[i], report, static_cast<std::int64_t>(i + 1));
        report.ThrowIfAny();
        if (auto village = TextOf(households[i].fields, "village_code")) {
            RequireInScope(caller, identity::actions::kRegistryWrite, *village);
        }
        InsertValidated(*connection, caller, households[i], member_warnings, source, reason, now);
        persons += static_cast<std::int64_t>(households[i].members.size());
    }
    tx.Commit();
    identity_.Audit(caller, {"household.create_many",
                             "household",
                             std::nullopt,
                             identity::Outcome::kSuccess,
                             {{"households", households.size()}, {"persons", persons}, {"source", ToString(source)}}});
    return persons;
}

std::optional<std::int64_t> RegistryService::CreateInTransaction(db::Connection& connection, const Caller& caller,
                                                                 const NewHousehold& input, Source source,
                                                                 const std::string& reason, ValidationReport& report,
                                                                 std::optional<std::int64_t> row) {
    const auto problems_before = report.issues().size();
    auto member_warnings = Validate(connection, input, report, row);
    if (report.issues().size() != problems_before) {
        return std::nullopt;
    }
    RequireInScope(caller, identity::actions::kRegistryWrite, *TextOf(input.fields, "village_code"));
    return InsertValidated(connection, caller, input, member_warnings, source, reason, FormatTimestamp(clock_.Now()));
}

bool RegistryService::QueueCreate(db::Connection& connection, const Caller& caller, NewHousehold input,
                                  CreateQueue& queue, ValidationReport& report) {
    const auto problems_before = report.issues().size();
    auto member_warnings = Validate(connection, input, report);
    for (std::size_t i = 0; i < input.members.size(); ++i) {
        const auto& member = input.members[i];
        const auto nik = TextOf(member, "nik");
        const auto path = fmt::format("members[{}].nik", i);
        if (nik && TextOf(member, "life_status").value_or("alive") == "alive" && queue.living_niks_.contains(*nik) &&
            !report.Names(path, std::nullopt)) {
            // Queued, so not in the register yet, but it will be before this household is.
            report.Add("REG-2204", path,
                       {fmt::format("NIK {} sudah terdaftar untuk orang lain yang masih hidup.", *nik),
                        fmt::format("NIK {} is already registered to another living person.", *nik)});
        }
    }
    if (report.issues().size() != problems_before) {
        return false;
    }
    RequireInScope(caller, identity::actions::kRegistryWrite, *TextOf(input.fields, "village_code"));
    for (const auto& member : input.members) {
        if (auto nik = TextOf(member, "nik"); nik && TextOf(member, "life_status").value_or("alive") == "alive") {
            queue.living_niks_.insert(std::move(*nik));
        }
    }
    queue.persons_ += input.members.size();
    queue.entries_.push_back({std::move(input), std::move(member_warnings), FormatTimestamp(clock_.Now())});
    return true;
}

void RegistryService::WriteQueued(db::Connection& connection, const Caller& caller, CreateQueue& queue, Source source,
                                  const std::string& reason) {
    if (queue.entries_.empty()) {
        return;
    }
    // The ids SQLite would give them one by one, so the rows, and the order of the events, are those
    // InsertValidated writes.
    auto household_id = store_->NextHouseholdId(connection);
    auto person_id = store_->NextPersonId(connection);
    std::vector<RegistryStore::HouseholdRow> households;
    std::vector<RegistryStore::PersonRow> persons;
    std::vector<RegistryStore::NameTokenRow> tokens;
    std::vector<RegistryStore::KkHistoryRow> kk_numbers;
    std::vector<RegistryStore::CreateEventRow> events;
    households.reserve(queue.entries_.size());
    persons.reserve(queue.persons_);
    events.reserve(queue.entries_.size() + queue.persons_);
    for (const auto& entry : queue.entries_) {
        const auto& input = entry.household;
        std::vector<std::string> household_warnings;
        if (auto kk = TextOf(input.fields, "kk_number")) {
            if (!RegionExists(ParseKk(*kk).parts->district_code)) {
                household_warnings.emplace_back(warnings::kKkRegionUnknown);
            }
            kk_numbers.push_back({household_id, std::move(*kk), &entry.now});
        }
        events.push_back({&entry.now, household_id, "household", household_id,
                          ChangesJson(HouseholdFields(), nullptr, input.fields)});
        std::optional<std::int64_t> head;
        for (std::size_t i = 0; i < input.members.size(); ++i) {
            const auto& member = input.members[i];
            if (TextOf(member, "relation") == "kepala_keluarga") {
                head = person_id;
            }
            persons.push_back({person_id, household_id, &member, WarningsJson(entry.member_warnings[i]), &entry.now});
            for (auto& token : NameTokens(TextOf(member, "name").value_or(""))) {
                tokens.push_back({std::move(token), person_id});
            }
            events.push_back(
                {&entry.now, household_id, "person", person_id, ChangesJson(PersonFields(), nullptr, member)});
            ++person_id;
        }
        households.push_back({household_id, &input.fields, head, WarningsJson(household_warnings), &entry.now});
        ++household_id;
    }
    store_->InsertHouseholds(connection, households);
    try {
        store_->InsertPersons(connection, persons);
    } catch (const db::ConstraintViolation&) {
        // Validation and the caller's write lock leave no way to this; were it to happen, the transaction rolls back.
        throw Error(errors::kNikTaken, {"Salah satu NIK baru saja didaftarkan untuk orang lain.",
                                        "One of the NIKs was just registered to someone else."});
    }
    store_->InsertNameTokens(connection, tokens);
    store_->OpenKkHistories(connection, kk_numbers);
    store_->InsertCreateEvents(connection, caller.user->id > 0 ? std::optional(caller.user->id) : std::nullopt,
                               caller.user->username, source, reason, events);
    queue.entries_.clear();
    queue.persons_ = 0;
    queue.living_niks_.clear();
}

Household RegistryService::Get(const Caller& caller, std::int64_t id) {
    auto connection = db_.Acquire();
    auto household = store_->FindHousehold(*connection, id);
    if (!household) {
        throw NotFound("Rumah tangga", "household", id);
    }
    RequireInScope(caller, identity::actions::kRegistryRead, *TextOf(household->fields, "village_code"));
    household->members = store_->Members(*connection, id);
    identity_.Audit(caller, {"household.read", "household", std::to_string(id), identity::Outcome::kSuccess, {}});
    return *household;
}

std::vector<Household> RegistryService::GetMany(const Caller& caller, std::string_view action,
                                                const std::vector<std::int64_t>& ids) {
    const auto prefix = RegionScope(caller, action);
    std::vector<Household> out;
    auto connection = db_.Acquire();
    db::Transaction snapshot(*connection, db::TxMode::kRead);
    for (const auto id : ids) {
        auto household = store_->FindHousehold(*connection, id);
        const auto village = household ? TextOf(household->fields, "village_code") : std::nullopt;
        if (!village || (!prefix.empty() && *village != prefix && !village->starts_with(prefix + "."))) {
            continue;
        }
        household->members = store_->Members(*connection, id);
        out.push_back(std::move(*household));
    }
    snapshot.Commit();
    identity_.Audit(caller, {"household.read_list",
                             "household",
                             std::nullopt,
                             identity::Outcome::kSuccess,
                             {{"action", std::string(action)}, {"households", static_cast<std::int64_t>(out.size())}}});
    return out;
}

bool RegistryService::ApplyHouseholdChanges(db::Connection& connection, const Caller& caller, const Household& current,
                                            const FieldValues& changes, std::optional<std::int64_t> expected_version,
                                            Source source, const std::string& reason) {
    if (current.status == "closed") {
        ValidationReport report;
        report.Add("REG-2206", "status",
                   {"Rumah tangga ini sudah ditutup dan tidak dapat diubah.",
                    "This household is closed and cannot be changed."});
        report.ThrowIfAny();
    }
    FieldValues effective;
    for (const auto& [name, value] : changes) {
        auto it = current.fields.find(name);
        if (it == current.fields.end() || it->second != value) {
            effective[name] = value;
        }
    }
    ValidationReport report;
    CheckNotFuture(effective, {"verified_at", "desil_as_of"}, "", report, std::nullopt);
    std::optional<std::string> warnings_json;
    if (effective.contains("village_code")) {
        auto village = TextOf(effective, "village_code");
        if (!village) {
            report.Add("REG-2100", "village_code",
                       {"Kode desa/kelurahan wajib diisi.", "The village code is required."});
        } else {
            RequireInScope(caller, identity::actions::kRegistryWrite, *village);
            if (regions::LevelOfCode(*village) != regions::Level::kVillage || !RegionExists(*village)) {
                report.Add("REG-2201", "village_code",
                           {fmt::format("Kode desa/kelurahan '{}' tidak ada dalam daftar wilayah.", *village),
                            fmt::format("Village code '{}' is not in the region list.", *village)});
            }
        }
    }
    if (effective.contains("kk_number")) {
        std::vector<std::string> warnings;
        if (auto kk = TextOf(effective, "kk_number")) {
            auto parsed = ParseKk(*kk, "kk_number");
            if (parsed.problem) {
                report.Add(parsed.problem->code, parsed.problem->field, parsed.problem->message);
            } else if (!RegionExists(parsed.parts->district_code)) {
                warnings.emplace_back(warnings::kKkRegionUnknown);
            }
        }
        warnings_json = WarningsJson(warnings);
    }
    report.ThrowIfAny();
    if (effective.empty()) {
        return false;
    }
    const auto now = FormatTimestamp(clock_.Now());
    if (!store_->UpdateHousehold(connection, current.id, expected_version.value_or(current.version), effective,
                                 warnings_json, now)) {
        throw VersionMismatch(store_->FindHousehold(connection, current.id)->version);
    }
    if (effective.contains("kk_number")) {
        store_->CloseKkHistory(connection, current.id, now);
        if (auto kk = TextOf(effective, "kk_number")) {
            store_->OpenKkHistory(connection, current.id, *kk, now);
        }
    }
    store_->InsertEvent(connection, now, caller.user->id > 0 ? std::optional(caller.user->id) : std::nullopt,
                        caller.user->username, current.id, "household", current.id, "change", source, reason,
                        ChangesJson(HouseholdFields(), &current.fields, effective));
    return true;
}

bool RegistryService::ApplyPersonChanges(db::Connection& connection, const Caller& caller, const Person& current,
                                         const FieldValues& changes, std::optional<std::int64_t> expected_version,
                                         Source source, const std::string& reason) {
    FieldValues effective;
    for (const auto& [name, value] : changes) {
        auto it = current.fields.find(name);
        if (it == current.fields.end() || it->second != value) {
            effective[name] = value;
        }
    }
    ValidationReport report;
    for (const auto& spec : PersonFields()) {
        auto it = effective.find(spec.name);
        // life_status is optional on input (a new person is alive) but can never be emptied.
        if ((spec.required || spec.name == "life_status") && it != effective.end() &&
            std::holds_alternative<std::monostate>(it->second)) {
            report.Add(
                "REG-2100", spec.name,
                {fmt::format("Kolom {} wajib diisi.", spec.name), fmt::format("Field {} is required.", spec.name)});
        }
    }
    CheckNotFuture(effective, {"birth_date", "life_status_date"}, "", report, std::nullopt);
    if (effective.contains("relation")) {
        const auto household = store_->FindHousehold(connection, current.household_id);
        const bool is_head = household && household->head_person_id == current.id;
        const bool becomes_head = TextOf(effective, "relation") == "kepala_keluarga";
        if (becomes_head && !is_head && household && household->head_person_id) {
            report.Add("REG-2205", "relation",
                       {"Rumah tangga ini sudah punya kepala keluarga; ubah dulu hubungan kepala keluarga yang lama.",
                        "This household already has a head; change the current head's relation first."});
        } else if (!becomes_head && is_head) {
            report.Add("REG-2207", "relation",
                       {"Hubungan kepala keluarga tidak dapat diubah begitu saja; tetapkan kepala keluarga baru "
                        "lewat usulan pecah KK.",
                        "The head's relation cannot simply be changed; name a new head through a split request."});
        }
    }
    FieldValues merged = current.fields;
    for (const auto& [name, value] : effective) {
        merged[name] = value;
    }
    std::optional<std::string> warnings_json;
    if (effective.contains("nik") || effective.contains("birth_date") || effective.contains("sex") ||
        effective.contains("life_status")) {
        std::vector<std::string> warnings;
        if (auto nik = TextOf(merged, "nik")) {
            auto parsed = ParseNik(*nik, "nik");
            if (parsed.problem) {
                report.Add(parsed.problem->code, parsed.problem->field, parsed.problem->message);
            } else {
                warnings = NikWarnings(*parsed.parts, DateOf(merged, "birth_date"), SexOf(merged),
                                       RegionExists(parsed.parts->district_code));
                auto holder = store_->LivingPersonWithNik(connection, *nik);
                if (TextOf(merged, "life_status").value_or("alive") == "alive" && holder && *holder != current.id) {
                    report.Add("REG-2204", "nik",
                               {fmt::format("NIK {} sudah terdaftar untuk orang lain yang masih hidup.", *nik),
                                fmt::format("NIK {} is already registered to another living person.", *nik)});
                }
            }
        } else {
            warnings.emplace_back(warnings::kNikMissing);
        }
        warnings_json = WarningsJson(warnings);
    }
    report.ThrowIfAny();
    if (effective.empty()) {
        return false;
    }
    const auto now = FormatTimestamp(clock_.Now());
    try {
        if (!store_->UpdatePerson(connection, current.id, expected_version.value_or(current.version), effective,
                                  warnings_json, now)) {
            throw VersionMismatch(store_->FindPerson(connection, current.id)->version);
        }
    } catch (const db::ConstraintViolation&) {
        throw Error(errors::kNikTaken, {"NIK ini sudah terdaftar untuk orang lain yang masih hidup.",
                                        "This NIK is already registered to another living person."});
    }
    if (effective.contains("name")) {
        store_->ReplaceNameTokens(connection, current.id, NameTokens(TextOf(merged, "name").value_or("")));
    }
    store_->InsertEvent(connection, now, caller.user->id > 0 ? std::optional(caller.user->id) : std::nullopt,
                        caller.user->username, current.household_id, "person", current.id, "change", source, reason,
                        ChangesJson(PersonFields(), &current.fields, effective));
    return true;
}

Household RegistryService::Update(const Caller& caller, std::int64_t id, std::int64_t expected_version,
                                  const FieldValues& changes, const std::string& reason) {
    auto connection = db_.Acquire();
    auto current = store_->FindHousehold(*connection, id);
    if (!current) {
        throw NotFound("Rumah tangga", "household", id);
    }
    RequireInScope(caller, identity::actions::kRegistryWrite, *TextOf(current->fields, "village_code"));
    if (current->version != expected_version) {
        throw VersionMismatch(current->version);
    }
    db::Transaction tx(*connection, db::TxMode::kWrite);
    const bool changed =
        ApplyHouseholdChanges(*connection, caller, *current, changes, expected_version, Source::kForm, reason);
    tx.Commit();
    if (changed) {
        identity_.Audit(caller, {"household.update",
                                 "household",
                                 std::to_string(id),
                                 identity::Outcome::kSuccess,
                                 {{"fields", FieldNames(changes)}}});
    }
    auto household = *store_->FindHousehold(*connection, id);
    household.members = store_->Members(*connection, id);
    return household;
}

Person RegistryService::UpdatePerson(const Caller& caller, std::int64_t id, std::int64_t expected_version,
                                     const FieldValues& changes, const std::string& reason) {
    auto connection = db_.Acquire();
    auto current = store_->FindPerson(*connection, id);
    if (!current) {
        throw NotFound("Orang", "person", id);
    }
    auto household = *store_->FindHousehold(*connection, current->household_id);
    RequireInScope(caller, identity::actions::kRegistryWrite, *TextOf(household.fields, "village_code"));
    if (current->version != expected_version) {
        throw VersionMismatch(current->version);
    }
    db::Transaction tx(*connection, db::TxMode::kWrite);
    const bool changed =
        ApplyPersonChanges(*connection, caller, *current, changes, expected_version, Source::kForm, reason);
    tx.Commit();
    if (changed) {
        identity_.Audit(caller, {"person.update",
                                 "person",
                                 std::to_string(id),
                                 identity::Outcome::kSuccess,
                                 {{"fields", FieldNames(changes)}}});
    }
    return *store_->FindPerson(*connection, id);
}

identity::Page<HistoryEvent> RegistryService::History(const Caller& caller, std::int64_t household_id,
                                                      const PageRequest& page) {
    auto connection = db_.Acquire();
    auto household = store_->FindHousehold(*connection, household_id);
    if (!household) {
        throw NotFound("Rumah tangga", "household", household_id);
    }
    RequireInScope(caller, identity::actions::kRegistryRead, *TextOf(household->fields, "village_code"));
    identity_.Audit(caller,
                    {"household.history", "household", std::to_string(household_id), identity::Outcome::kSuccess, {}});
    return store_->Events(*connection, household_id, page);
}

identity::Page<VillageCurrency> RegistryService::Currency(const Caller& caller,
                                                          const std::optional<std::string>& region, int months,
                                                          const PageRequest& page) {
    const auto scope = RegionScope(caller, identity::actions::kRegistryFigures);
    const auto since = std::chrono::floor<std::chrono::days>(clock_.Now()) -
                       std::chrono::days{static_cast<std::int64_t>(months) * 365 / 12};
    auto connection = db_.Acquire();
    return store_->Currency(*connection, region.value_or(""), scope, FormatTimestamp(since).substr(0, 10), page);
}

identity::Page<Household> RegistryService::SearchHouseholds(const Caller& caller, const HouseholdQuery& query,
                                                            const PageRequest& page) {
    const auto scope = RegionScope(caller, identity::actions::kRegistryRead);
    // The index is asked before a connection is taken: it may need one of its own to catch up.
    std::optional<RegisterSearchIndex::IdPage> ids;
    const bool no_text = !query.q || query.q->empty();
    if (const auto tokens = SearchedNameTokens(query.q); search_index_ != nullptr && (no_text || !tokens.empty())) {
        ids = search_index_->FindHouseholds(tokens, query, scope, page.AfterId(), page.limit);
    }
    auto connection = db_.Acquire();
    auto result = ids ? store_->HouseholdsById(*connection, ids->total, ids->ids, page.limit)
                      : store_->SearchHouseholds(*connection, query, scope, page);
    // The query text may be a NIK or a name: the audit keeps what kind of search it was, not the text.
    identity_.Audit(caller, {"household.search",
                             "household",
                             std::nullopt,
                             identity::Outcome::kSuccess,
                             {{"returned", result.items.size()}, {"total", result.total}}});
    return result;
}

identity::Page<Person> RegistryService::SearchPersons(const Caller& caller, const PersonQuery& query,
                                                      const PageRequest& page) {
    const auto scope = RegionScope(caller, identity::actions::kRegistryRead);
    std::optional<RegisterSearchIndex::IdPage> ids;
    if (const auto tokens = SearchedNameTokens(query.q); search_index_ != nullptr && !tokens.empty()) {
        ids = search_index_->FindPersons(tokens, query, scope, page.AfterId(), page.limit);
    }
    auto connection = db_.Acquire();
    auto result = ids ? store_->PersonsById(*connection, ids->total, ids->ids, page.limit)
                      : store_->SearchPersons(*connection, query, scope, page);
    identity_.Audit(caller, {"person.search",
                             "person",
                             std::nullopt,
                             identity::Outcome::kSuccess,
                             {{"returned", result.items.size()}, {"total", result.total}}});
    return result;
}

}  // namespace sinergi::registry
