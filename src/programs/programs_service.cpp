#include "programs/programs_service.hpp"

#include <algorithm>
#include <limits>
#include <regex>

#include <boost/json.hpp>
#include <fmt/format.h>

#include "programs/programs_store.hpp"

namespace sinergi::programs {

namespace json = boost::json;
using identity::Caller;

namespace {

constexpr std::string_view kBenefitTypes[] = {"cash",    "in_kind",         "service", "training", "insurance_premium",
                                              "housing", "business_capital"};
constexpr std::string_view kTargetLevels[] = {"household", "person"};

template <std::size_t N>
bool OneOf(const std::string_view (&values)[N], std::string_view value) {
    return std::find(std::begin(values), std::end(values), value) != std::end(values);
}

std::string Trim(std::string_view text) {
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) {
        return "";
    }
    return std::string(text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1));
}

std::size_t Characters(std::string_view utf8) {
    return static_cast<std::size_t>(
        std::count_if(utf8.begin(), utf8.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

bool IsDate(std::string_view text) { return text.size() == 10 && ParseTimestamp(text).has_value(); }

// Reads request members by their JSON type; a member of the wrong type is reported (PRG-2013) and left unset.
class BodyReader {
 public:
    BodyReader(const json::object& body, ValidationReport& report) : body_(body), report_(report) {}

    std::optional<std::string> Text(std::string_view key) {
        const auto* value = body_.if_contains(key);
        if (value == nullptr) {
            return std::nullopt;
        }
        if (!value->is_string()) {
            WrongType(key, "teks", "text");
            return std::nullopt;
        }
        return Trim(value->as_string());
    }
    std::optional<std::optional<std::string>> NullableText(std::string_view key) {
        const auto* value = body_.if_contains(key);
        if (value == nullptr) {
            return std::nullopt;
        }
        if (value->is_null()) {
            return std::optional<std::string>{};
        }
        auto text = Text(key);
        if (!text) {
            return std::nullopt;
        }
        return text->empty() ? std::optional<std::string>{} : std::optional(*text);
    }
    std::optional<std::optional<std::int64_t>> NullableInt(std::string_view key) {
        const auto* value = body_.if_contains(key);
        if (value == nullptr) {
            return std::nullopt;
        }
        if (value->is_null()) {
            return std::optional<std::int64_t>{};
        }
        if (value->is_int64()) {
            return std::optional(value->as_int64());
        }
        if (value->is_uint64() && value->as_uint64() <= std::numeric_limits<std::int64_t>::max()) {
            return std::optional(static_cast<std::int64_t>(value->as_uint64()));
        }
        WrongType(key, "bilangan bulat", "a whole number");
        return std::nullopt;
    }
    std::optional<std::optional<double>> NullableNumber(std::string_view key) {
        const auto* value = body_.if_contains(key);
        if (value == nullptr) {
            return std::nullopt;
        }
        if (value->is_null()) {
            return std::optional<double>{};
        }
        if (value->is_number()) {
            return std::optional(value->to_number<double>());
        }
        WrongType(key, "angka", "a number");
        return std::nullopt;
    }

 private:
    void WrongType(std::string_view key, std::string_view id, std::string_view en) {
        report_.Add("PRG-2013", key,
                    {fmt::format("'{}' harus berupa {}.", key, id), fmt::format("'{}' must be {}.", key, en)});
    }

    const json::object& body_;
    ValidationReport& report_;
};

std::string FieldsChanged(const Program& before, const Program& after) {
    std::vector<std::string_view> names;
    const auto note = [&names](bool differs, std::string_view name) {
        if (differs) {
            names.push_back(name);
        }
    };
    note(before.sipd_code != after.sipd_code, "sipd_code");
    note(before.name != after.name, "name");
    note(before.description != after.description, "description");
    note(before.benefit_type != after.benefit_type, "benefit_type");
    note(before.target_level != after.target_level, "target_level");
    note(before.amount_per_stage != after.amount_per_stage, "amount_per_stage");
    note(before.quantity_per_stage != after.quantity_per_stage, "quantity_per_stage");
    note(before.unit != after.unit, "unit");
    note(before.period_start != after.period_start, "period_start");
    note(before.period_end != after.period_end, "period_end");
    note(before.budget != after.budget, "budget");
    note(before.target_count != after.target_count, "target_count");
    note(before.eligibility_rule_json != after.eligibility_rule_json, "eligibility_rule");
    note(before.status != after.status, "status");
    const bool stages_differ =
        before.stages.size() != after.stages.size() ||
        !std::equal(before.stages.begin(), before.stages.end(), after.stages.begin(), [](const auto& a, const auto& b) {
            return a.number == b.number && a.name == b.name && a.planned_date == b.planned_date;
        });
    note(stages_differ, "stages");
    return fmt::format("{}", fmt::join(names, ","));
}

// Applies the members of `input` that were sent onto `program`.
void Apply(const ProgramInput& input, Program& program) {
    const auto set = [](auto& target, const auto& value) {
        if (value) {
            target = *value;
        }
    };
    set(program.sipd_code, input.sipd_code);
    set(program.name, input.name);
    set(program.description, input.description);
    set(program.benefit_type, input.benefit_type);
    set(program.target_level, input.target_level);
    set(program.amount_per_stage, input.amount_per_stage);
    set(program.quantity_per_stage, input.quantity_per_stage);
    set(program.unit, input.unit);
    set(program.period_start, input.period_start);
    set(program.period_end, input.period_end);
    set(program.budget, input.budget);
    set(program.target_count, input.target_count);
    set(program.status, input.status);
    if (input.stages) {
        program.stages.clear();
        std::int64_t number = 0;
        for (const auto& stage : *input.stages) {
            program.stages.push_back({++number, stage.name, stage.planned_date});
        }
    }
}

Error NotFound(std::int64_t id) {
    return Error(sinergi::errors::kNotFound,
                 {fmt::format("Program {} tidak ditemukan.", id), fmt::format("Programme {} was not found.", id)});
}

}  // namespace

ProgramInput ReadProgramInput(const json::object& body, bool creating, ValidationReport& report) {
    static constexpr std::string_view kCreateOnly[] = {"agency_id", "code"};
    static constexpr std::string_view kMembers[] = {
        "sipd_code",          "name",   "description",  "benefit_type",     "target_level",
        "amount_per_stage",   "unit",   "period_start", "period_end",       "stages",
        "quantity_per_stage", "budget", "target_count", "eligibility_rule", "status"};
    for (const auto& [key, value] : body) {
        const bool known = OneOf(kMembers, key) || (creating && OneOf(kCreateOnly, key));
        if (!known) {
            report.Add(
                "PRG-2009", key,
                OneOf(kCreateOnly, key)
                    ? LocalizedText{fmt::format("'{}' tidak dapat diubah setelah program dibuat.",
                                                std::string_view(key)),
                                    fmt::format("'{}' cannot change once the programme exists.", std::string_view(key))}
                    : LocalizedText{fmt::format("Kolom '{}' tidak dikenal.", std::string_view(key)),
                                    fmt::format("Unknown field '{}'.", std::string_view(key))});
        }
    }
    BodyReader read(body, report);
    ProgramInput input;
    if (creating) {
        if (auto agency = read.NullableInt("agency_id")) {
            input.agency_id = *agency;
        }
        input.code = read.Text("code");
    }
    input.sipd_code = read.NullableText("sipd_code");
    input.name = read.Text("name");
    input.description = read.NullableText("description");
    input.benefit_type = read.Text("benefit_type");
    input.target_level = read.Text("target_level");
    input.amount_per_stage = read.NullableInt("amount_per_stage");
    input.quantity_per_stage = read.NullableNumber("quantity_per_stage");
    input.unit = read.NullableText("unit");
    input.period_start = read.Text("period_start");
    input.period_end = read.Text("period_end");
    input.budget = read.NullableInt("budget");
    input.target_count = read.NullableInt("target_count");
    input.status = read.Text("status");
    if (const auto* rule = body.if_contains("eligibility_rule")) {
        input.eligibility_rule = *rule;
    }
    if (const auto* stages = body.if_contains("stages")) {
        if (!stages->is_array()) {
            report.Add("PRG-2013", "stages", {"'stages' harus berupa daftar.", "'stages' must be a list."});
        } else {
            input.stages.emplace();
            for (std::size_t i = 0; i < stages->as_array().size(); ++i) {
                const auto& item = stages->as_array()[i];
                const auto* name = item.is_object() ? item.as_object().if_contains("name") : nullptr;
                const auto* date = item.is_object() ? item.as_object().if_contains("planned_date") : nullptr;
                if (name == nullptr || !name->is_string() || date == nullptr || !date->is_string() ||
                    item.as_object().size() != 2) {
                    report.Add("PRG-2006", fmt::format("stages[{}]", i),
                               {"Setiap tahap perlu name dan planned_date (YYYY-MM-DD), tidak lebih.",
                                "Each stage needs a name and a planned_date (YYYY-MM-DD), nothing else."});
                    continue;
                }
                input.stages->push_back({Trim(name->as_string()), std::string(date->as_string())});
            }
        }
    }
    return input;
}

ProgramsService::ProgramsService(db::Database& db, identity::IdentityService& identity,
                                 registry::RegistryService& registry, const Clock& clock)
    : db_(db), identity_(identity), registry_(registry), clock_(clock) {}

std::string ProgramsService::Today() const { return FormatTimestamp(clock_.Now()).substr(0, 10); }

std::string ProgramsService::CheckedDate(const std::optional<std::string>& as_of) const {
    if (!as_of) {
        return Today();
    }
    if (!IsDate(*as_of)) {
        ValidationReport report;
        report.Add(
            "PRG-2005", "as_of",
            {"Tanggal as_of harus tanggal yang valid (YYYY-MM-DD).", "as_of must be a valid date (YYYY-MM-DD)."});
        report.ThrowIfAny();
    }
    return *as_of;
}

void ProgramsService::RequireManage(const Caller& caller, std::int64_t agency_id) const {
    const auto scope =
        caller.user ? identity::Policy::Decide(caller.user->role, identity::actions::kProgramsManage) : std::nullopt;
    if (!scope) {
        throw Error(sinergi::errors::kForbidden,
                    {"Anda tidak berwenang mengelola program.", "You are not allowed to manage programmes."});
    }
    if (*scope != identity::Scope::kAll && caller.user->agency_id != agency_id) {
        throw Error(sinergi::errors::kForbidden, {"Anda hanya dapat mengelola program instansi Anda sendiri.",
                                                  "You can manage only your own agency's programmes."});
    }
}

std::optional<EligibilityRule> ProgramsService::Validate(db::Connection& connection, const Program& program,
                                                         const std::optional<json::value>& rule_json,
                                                         ValidationReport& report) const {
    static const std::regex kCode("^[A-Z0-9][A-Z0-9._-]{1,31}$");
    static const std::regex kSipd("^[0-9A-Za-z]+(\\.[0-9A-Za-z]+)*$");
    if (!std::regex_match(program.code, kCode)) {
        report.Add("PRG-2001", "code",
                   {"Kode program wajib: 2–32 huruf besar, angka, titik, garis bawah atau tanda hubung, mis. PKH-2026.",
                    "A programme code is required: 2–32 capital letters, digits, '.', '_' or '-', e.g. PKH-2026."});
    }
    if (program.sipd_code && (program.sipd_code->size() > 40 || !std::regex_match(*program.sipd_code, kSipd))) {
        report.Add(
            "PRG-2012", "sipd_code",
            {"Kode SIPD berupa angka dan huruf dipisah titik, paling panjang 40 karakter, mis. 1.06.02.2.01.0001.",
             "A SIPD code is digits and letters separated by dots, at most 40 characters, e.g. "
             "1.06.02.2.01.0001."});
    }
    if (Characters(program.name) < 3 || Characters(program.name) > 200) {
        report.Add("PRG-2002", "name",
                   {"Nama program wajib, 3–200 karakter.", "A programme name of 3–200 characters is required."});
    }
    if (program.description && Characters(*program.description) > 2000) {
        report.Add("PRG-2012", "description",
                   {"Keterangan paling panjang 2000 karakter.", "The description can be at most 2000 characters."});
    }
    if (program.unit && Characters(*program.unit) > 40) {
        report.Add("PRG-2012", "unit",
                   {"Satuan paling panjang 40 karakter.", "The unit can be at most 40 characters."});
    }
    if (!OneOf(kBenefitTypes, program.benefit_type)) {
        report.Add("PRG-2003", "benefit_type",
                   {"Jenis bantuan harus salah satu dari: cash, in_kind, service, training, insurance_premium, "
                    "housing, business_capital.",
                    "The benefit type must be one of: cash, in_kind, service, training, insurance_premium, housing, "
                    "business_capital."});
    }
    if (!OneOf(kTargetLevels, program.target_level)) {
        report.Add("PRG-2003", "target_level",
                   {"Sasaran harus household (rumah tangga) atau person (orang).",
                    "The target level must be household or person."});
    }
    const auto in_range = [&report](const auto& value, double max, std::string_view field) {
        if (value && (*value < 0 || static_cast<double>(*value) > max)) {
            report.Add("PRG-2004", field,
                       {fmt::format("{} harus 0 sampai {:.0f}.", field, max),
                        fmt::format("{} must be from 0 to {:.0f}.", field, max)});
        }
    };
    in_range(program.amount_per_stage, 1e12, "amount_per_stage");
    in_range(program.quantity_per_stage, 1e9, "quantity_per_stage");
    in_range(program.budget, 1e15, "budget");
    in_range(program.target_count, 1e8, "target_count");
    const bool start_ok = IsDate(program.period_start);
    const bool end_ok = IsDate(program.period_end);
    if (!start_ok) {
        report.Add("PRG-2005", "period_start",
                   {"Awal periode wajib, tanggal YYYY-MM-DD.", "The period start is required, as YYYY-MM-DD."});
    }
    if (!end_ok) {
        report.Add("PRG-2005", "period_end",
                   {"Akhir periode wajib, tanggal YYYY-MM-DD.", "The period end is required, as YYYY-MM-DD."});
    }
    if (start_ok && end_ok && program.period_end < program.period_start) {
        report.Add("PRG-2005", "period_end",
                   {"Akhir periode tidak boleh sebelum awalnya.", "The period cannot end before it starts."});
    }
    if (program.stages.size() > 52) {
        report.Add("PRG-2006", "stages", {"Paling banyak 52 tahap.", "At most 52 stages."});
    }
    std::string previous;
    for (std::size_t i = 0; i < program.stages.size(); ++i) {
        const auto& stage = program.stages[i];
        const auto path = fmt::format("stages[{}]", i);
        if (Characters(stage.name) < 1 || Characters(stage.name) > 80) {
            report.Add("PRG-2006", path + ".name",
                       {"Nama tahap wajib, paling panjang 80 karakter.",
                        "A stage needs a name of at most 80 "
                        "characters."});
        }
        if (!IsDate(stage.planned_date) ||
            (start_ok && end_ok &&
             (stage.planned_date < program.period_start || stage.planned_date > program.period_end))) {
            report.Add("PRG-2006", path + ".planned_date",
                       {"Tanggal tahap harus tanggal yang valid di dalam periode program.",
                        "A stage's date must be a valid date within the programme's period."});
        } else if (stage.planned_date < previous) {
            report.Add("PRG-2006", path + ".planned_date",
                       {"Tahap harus berurutan menurut tanggal.", "Stages must be in date order."});
        } else {
            previous = stage.planned_date;
        }
    }
    if (!store::AgencyExists(connection, program.agency_id)) {
        report.Add("PRG-2007", "agency_id",
                   {fmt::format("Instansi {} tidak ada.", program.agency_id),
                    fmt::format("There is no agency {}.", program.agency_id)});
    }
    if (program.status != "draft" && program.status != "active" && program.status != "closed") {
        report.Add("PRG-2008", "status",
                   {"Status harus draft, active atau closed.", "The status must be draft, active or closed."});
    }
    if (!rule_json) {
        return std::nullopt;
    }
    return EligibilityRule::Parse(*rule_json, report, "eligibility_rule",
                                  [&connection](std::string_view code) { return store::CodeExists(connection, code); });
}

std::optional<Program> ProgramsService::Find(db::Connection& connection, std::int64_t id) const {
    return store::Find(connection, id);
}

Program ProgramsService::Create(const Caller& caller, const ProgramInput& input) {
    ValidationReport report;
    Program program;
    if (input.agency_id) {
        program.agency_id = *input.agency_id;
    } else if (caller.user && caller.user->agency_id) {
        program.agency_id = *caller.user->agency_id;
    } else {
        report.Add("PRG-2007", "agency_id",
                   {"Sebutkan instansi pemilik program (agency_id).",
                    "Name the agency that owns the programme "
                    "(agency_id)."});
        report.ThrowIfAny();
    }
    RequireManage(caller, program.agency_id);
    program.code = input.code.value_or("");
    program.status = "draft";
    Apply(input, program);
    if (input.status && *input.status == "closed") {
        report.Add("PRG-2008", "status",
                   {"Program baru berstatus draft atau active.", "A new programme is draft or active."});
    }
    program.created_at = program.updated_at = FormatTimestamp(clock_.Now());
    const auto rule_json = input.eligibility_rule.value_or(json::value(json::object{{"all", json::array{}}}));
    auto connection = db_.Acquire();
    db::Transaction tx(*connection, db::TxMode::kWrite);
    auto rule = Validate(*connection, program, rule_json, report);
    report.ThrowIfAny();
    program.eligibility_rule_json = json::serialize(rule->ToJson());
    if (store::CodeExists(*connection, program.code)) {
        throw Error(errors::kProgramCodeTaken,
                    {fmt::format("Kode program {} sudah dipakai program lain.", program.code),
                     fmt::format("The programme code {} is already used by another programme.", program.code)});
    }
    const auto id = store::Insert(*connection, program);
    tx.Commit();
    identity_.Audit(caller, {"program.create",
                             "program",
                             std::to_string(id),
                             identity::Outcome::kSuccess,
                             {{"code", program.code}, {"agency_id", program.agency_id}, {"status", program.status}}});
    return *store::Find(*connection, id);
}

Program ProgramsService::Get(const Caller& /*caller*/, std::int64_t id) {
    auto connection = db_.Acquire();
    auto program = Find(*connection, id);
    if (!program) {
        throw NotFound(id);
    }
    return *program;
}

identity::Page<Program> ProgramsService::List(const Caller& /*caller*/, const ProgramFilter& filter,
                                              const PageRequest& page) {
    if (filter.status && *filter.status != "draft" && *filter.status != "active" && *filter.status != "closed") {
        ValidationReport report;
        report.Add("PRG-2008", "status",
                   {"Status harus draft, active atau closed.", "The status must be draft, active or closed."});
        report.ThrowIfAny();
    }
    auto connection = db_.Acquire();
    return store::List(*connection, filter, page);
}

Program ProgramsService::Update(const Caller& caller, std::int64_t id, std::int64_t expected_version,
                                const ProgramInput& changes) {
    auto connection = db_.Acquire();
    db::Transaction tx(*connection, db::TxMode::kWrite);
    auto current = Find(*connection, id);
    if (!current) {
        throw NotFound(id);
    }
    RequireManage(caller, current->agency_id);
    if (current->version != expected_version) {
        throw Error(errors::kProgramVersionMismatch,
                    {fmt::format("Program ini telah diubah orang lain (versi {}, Anda melihat versi {}). Muat ulang.",
                                 current->version, expected_version),
                     fmt::format("Someone changed this programme meanwhile (version {}, you saw {}). Reload it.",
                                 current->version, expected_version)})
            .WithExtension("current_version", current->version);
    }
    ValidationReport report;
    if (current->status == "closed") {
        report.Add(
            "PRG-2010", "status",
            {"Program ini sudah ditutup dan tidak dapat diubah.", "This programme is closed and cannot change."});
        report.ThrowIfAny();
    }
    if (changes.status && *changes.status == "draft" && current->status == "active") {
        report.Add("PRG-2011", "status",
                   {"Program yang sudah berjalan tidak dapat kembali ke draft; tutup bila perlu.",
                    "A running programme cannot return to draft; close it if need be."});
    }
    auto updated = *current;
    Apply(changes, updated);
    const auto rule_json = changes.eligibility_rule ? changes.eligibility_rule
                                                    : std::optional(json::parse(current->eligibility_rule_json));
    auto rule = Validate(*connection, updated, rule_json, report);
    report.ThrowIfAny();
    updated.eligibility_rule_json = json::serialize(rule->ToJson());
    const auto changed = FieldsChanged(*current, updated);
    if (changed.empty()) {
        return *current;
    }
    updated.updated_at = FormatTimestamp(clock_.Now());
    if (!store::Update(*connection, updated, expected_version)) {
        throw Error(errors::kProgramVersionMismatch, {"Program ini baru saja diubah orang lain. Muat ulang.",
                                                      "Someone changed this programme just now. Reload it."});
    }
    tx.Commit();
    identity_.Audit(caller, {"program.update",
                             "program",
                             std::to_string(id),
                             identity::Outcome::kSuccess,
                             {{"fields", changed}, {"status", updated.status}}});
    return *Find(*connection, id);
}

PreviewResult ProgramsService::Preview(const Caller& caller, const PreviewRequest& request) {
    ValidationReport report;
    auto connection = db_.Acquire();
    auto rule =
        EligibilityRule::Parse(request.eligibility_rule, report, "eligibility_rule",
                               [&connection](std::string_view code) { return store::CodeExists(*connection, code); });
    if (request.limit < 0 || request.limit > 100) {
        report.Add("PRG-2014", "limit", {"limit harus 0–100.", "limit must be from 0 to 100."});
    }
    report.ThrowIfAny();
    PreviewResult result;
    result.as_of = CheckedDate(request.as_of);
    const auto found = FindEligible(caller, identity::actions::kProgramsPreview, *rule, request.region, result.as_of);
    result.checked = found.checked;
    result.eligible = static_cast<std::int64_t>(found.household_ids.size());
    // Reasons cost several times the verdict: built only for the households listed.
    ActiveEnrolments enrolments(*connection, rule->ProgramsRead());
    const auto listed = std::min<std::size_t>(found.household_ids.size(), static_cast<std::size_t>(request.limit));
    const std::vector<std::int64_t> listed_ids(found.household_ids.begin(),
                                               found.household_ids.begin() + static_cast<std::ptrdiff_t>(listed));
    for (const auto& household : registry_.GetMany(caller, identity::actions::kProgramsPreview, listed_ids)) {
        auto verdict = rule->Evaluate(household, enrolments.For(household.id, result.as_of));
        EligibleHousehold item;
        item.household_id = household.id;
        item.head_name = household.head_name;
        item.village_name = household.village_name;
        auto village = household.fields.find("village_code");
        if (village != household.fields.end() && std::holds_alternative<std::string>(village->second)) {
            item.village_code = std::get<std::string>(village->second);
        }
        auto desil = household.fields.find("desil");
        if (desil != household.fields.end() && std::holds_alternative<std::int64_t>(desil->second)) {
            item.desil = std::get<std::int64_t>(desil->second);
        }
        item.reasons = std::move(verdict.reasons);
        result.items.push_back(std::move(item));
    }
    identity_.Audit(caller, {"program.preview",
                             "program",
                             std::nullopt,
                             identity::Outcome::kSuccess,
                             {{"eligible", result.eligible}, {"checked", result.checked}}});
    return result;
}

EligibleHouseholdFinder::Found ProgramsService::FindEligible(const Caller& caller, std::string_view action,
                                                             const EligibilityRule& rule,
                                                             const std::optional<std::string>& region,
                                                             const std::string& as_of) {
    if (finder_ != nullptr) {
        return finder_->FindEligible(rule, registry_.RegionScope(caller, action), region, as_of);
    }
    EligibleHouseholdFinder::Found found;
    auto connection = db_.Acquire();
    ActiveEnrolments enrolments(*connection, rule.ProgramsRead());
    registry::HouseholdQuery query;
    query.region = region;
    registry_.VisitHouseholds(caller, action, query, std::numeric_limits<std::int64_t>::max(),
                              [&](const registry::Household& household) {
                                  ++found.checked;
                                  if (rule.Matches(household, enrolments.For(household.id, as_of))) {
                                      found.household_ids.push_back(household.id);
                                  }
                              });
    std::sort(found.household_ids.begin(), found.household_ids.end());
    return found;
}

EligibilityVerdict ProgramsService::Explain(const Caller& caller, std::int64_t program_id, std::int64_t household_id,
                                            const std::optional<std::string>& as_of) {
    const auto program = Get(caller, program_id);
    const auto date = CheckedDate(as_of);
    ValidationReport report;
    auto rule = EligibilityRule::Parse(json::parse(program.eligibility_rule_json), report);
    report.ThrowIfAny();
    const auto household = registry_.Get(caller, household_id);
    auto connection = db_.Acquire();
    ActiveEnrolments enrolments(*connection, rule->ProgramsRead());
    return rule->Evaluate(household, enrolments.For(household.id, date));
}

ActiveEnrolments::ActiveEnrolments(db::Connection& connection, const std::vector<std::string>& program_codes) {
    for (const auto& code : program_codes) {
        auto& households = enrolled_[code];
        connection.ForEach(
            "SELECT DISTINCT e.household_id FROM enrolments e JOIN programs p ON p.id = e.program_id "
            "WHERE p.code = ? AND e.status = 'active'",
            {code}, [&households](const db::Row& row) { households.insert(row.Int(0)); });
    }
}

EligibilityContext ActiveEnrolments::For(std::int64_t household_id, const std::string& as_of) {
    household_id_ = household_id;
    return {as_of, [this](std::string_view code) {
                auto it = enrolled_.find(code);
                return it != enrolled_.end() && it->second.contains(household_id_);
            }};
}

}  // namespace sinergi::programs
