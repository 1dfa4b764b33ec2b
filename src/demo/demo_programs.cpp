#include "demo/demo_programs.hpp"

#include <limits>

#include <boost/json.hpp>
#include <fmt/format.h>

namespace sinergi::demo {

namespace {

struct DemoProgram {
    std::string_view agency;
    std::string_view code;
    std::string_view name;
    std::string_view benefit_type;
    std::string_view target_level;
    std::int64_t amount_per_stage;
    std::vector<std::pair<std::string_view, std::string_view>> stages;  // name, date (month-day within the year)
    std::string_view rule;
    // Shares in per mille: eligible households enrolled, and households of desil 5–8 enrolled without meeting the
    // rule (the inclusion errors field research found).
    int coverage_per_mille;
    int inclusion_per_mille;
};

// Amounts are illustrative, in the order of magnitude of the national programmes; rules follow their published
// criteria in simplified form (docs/eligibility-rules.md explains the language).
const std::vector<DemoProgram>& Catalogue() {
    static const std::vector<DemoProgram> kPrograms{
        {"DINSOS",
         "PKH-2026",
         "Program Keluarga Harapan 2026",
         "cash",
         "household",
         750000,
         {{"Tahap 1", "03-20"}, {"Tahap 2", "06-20"}, {"Tahap 3", "09-20"}, {"Tahap 4", "12-10"}},
         R"({"all":[{"field":"desil","op":"<=","value":3},{"any":[
              {"members":{"where":{"field":"pregnant","op":"=","value":true}}},
              {"members":{"where":{"field":"age","op":"<=","value":6}}},
              {"members":{"where":{"field":"schooling","op":"in","value":["sd","smp","sma"]}}},
              {"members":{"where":{"field":"age","op":">=","value":70}}},
              {"members":{"where":{"field":"disability_severity","op":"=","value":"berat"}}}]}]})",
         700,
         10},
        {"DINSOS",
         "BPNT-2026",
         "Bantuan Pangan Non Tunai 2026 (Rp200.000 per bulan)",
         "cash",
         "household",
         600000,
         {{"Tahap 1 (Jan–Mar)", "03-15"},
          {"Tahap 2 (Apr–Jun)", "06-15"},
          {"Tahap 3 (Jul–Sep)", "09-15"},
          {"Tahap 4 (Okt–Des)", "12-05"}},
         R"({"all":[{"field":"desil","op":"<=","value":4}]})",
         800,
         40},
        {"DINKES",
         "PBI-JK-2026",
         "Bantuan Iuran Jaminan Kesehatan Daerah 2026",
         "insurance_premium",
         "household",
         126000,
         {{"Triwulan 1", "03-31"}, {"Triwulan 2", "06-30"}, {"Triwulan 3", "09-30"}, {"Triwulan 4", "12-15"}},
         R"({"all":[{"field":"desil","op":"<=","value":5}]})",
         850,
         20},
        {"DINPERKIM",
         "RTLH-2026",
         "Rehabilitasi Rumah Tidak Layak Huni 2026",
         "housing",
         "household",
         20000000,
         {{"Pencairan", "08-15"}},
         R"({"all":[{"field":"desil","op":"<=","value":4},{"any":[
              {"field":"floor_material","op":"in","value":["tanah","bambu"]},
              {"field":"wall_material","op":"in","value":["anyaman_bambu","lainnya"]}]}]})",
         150,
         2},
        {"DINDIK",
         "PIP-DAERAH-2026",
         "Bantuan Pendidikan Daerah 2026",
         "cash",
         "household",
         450000,
         {{"Semester genap", "04-15"}, {"Semester ganjil", "10-15"}},
         R"({"all":[{"field":"desil","op":"<=","value":4},
              {"members":{"where":{"field":"schooling","op":"in","value":["sd","smp","sma"]}}}]})",
         600,
         15},
        {"DINSOS",
         "KUBE-2026",
         "Modal Usaha Kelompok Usaha Bersama 2026",
         "business_capital",
         "household",
         2000000,
         {{"Penyaluran modal", "07-01"}},
         R"({"all":[{"field":"desil","op":"<=","value":4},
              {"members":{"where":{"all":[{"field":"age","op":"between","value":[18,59]},
                                          {"field":"work_status","op":"=","value":"tidak_bekerja"}]}}}]})",
         60,
         3},
        {"DINNAKER",
         "PELATIHAN-KERJA-2026",
         "Pelatihan Keterampilan Kerja 2026",
         "training",
         "person",
         0,
         {{"Angkatan 1", "05-10"}, {"Angkatan 2", "09-10"}},
         R"({"all":[{"field":"desil","op":"<=","value":5},
              {"members":{"where":{"all":[{"field":"age","op":"between","value":[18,35]},
                                          {"field":"work_status","op":"=","value":"tidak_bekerja"}]}}}]})",
         40,
         0},
    };
    return kPrograms;
}

// A deterministic draw in [0, 1000) per seed, programme and household (splitmix64).
int Draw(std::uint64_t seed, std::string_view code, std::int64_t household_id) {
    std::uint64_t x = seed ^ std::hash<std::string_view>{}(code) ^ (static_cast<std::uint64_t>(household_id) << 1U);
    x += 0x9E3779B97F4A7C15ULL;
    x = (x ^ (x >> 30U)) * 0xBF58476D1CE4E5B9ULL;
    x = (x ^ (x >> 27U)) * 0x94D049BB133111EBULL;
    x ^= x >> 31U;
    return static_cast<int>(x % 1000U);
}

std::optional<std::int64_t> Desil(const registry::Household& household) {
    auto it = household.fields.find("desil");
    if (it == household.fields.end() || !std::holds_alternative<std::int64_t>(it->second)) {
        return std::nullopt;
    }
    return std::get<std::int64_t>(it->second);
}

// For a person-level programme, the first living member the rule's member condition is about: here the first of
// working age without work, as the training programme's rule asks.
std::optional<std::int64_t> TraineeOf(const registry::Household& household, const std::string& as_of) {
    const int year = std::stoi(as_of.substr(0, 4));
    for (const auto& member : household.members) {
        const auto get = [&member](std::string_view name) -> std::string {
            auto it = member.fields.find(name);
            return it != member.fields.end() && std::holds_alternative<std::string>(it->second)
                       ? std::get<std::string>(it->second)
                       : "";
        };
        const auto birth = get("birth_date");
        const int age = birth.size() >= 4 ? year - std::stoi(birth.substr(0, 4)) : -1;
        if (get("life_status") != "deceased" && get("life_status") != "moved_out" &&
            get("work_status") == "tidak_bekerja" && age >= 18 && age <= 35) {
            return member.id;
        }
    }
    return std::nullopt;
}

}  // namespace

std::vector<DemoProgramCount> SeedDemoPrograms(identity::IdentityService& identity, registry::RegistryService& registry,
                                               programs::ProgramsService& programs,
                                               programs::EnrolmentService& enrolments, std::uint64_t seed,
                                               const std::string& as_of, const std::string& regency) {
    const auto system = identity::IdentityService::System();
    const auto year = as_of.substr(0, 4);
    // Create the programmes first, then walk the register once and draw every programme's beneficiaries.
    struct Seeding {
        const DemoProgram* plan = nullptr;
        std::int64_t program_id = 0;
        std::optional<programs::EligibilityRule> rule;
        DemoProgramCount count;
        std::vector<std::pair<std::int64_t, std::optional<std::int64_t>>> targets;
    };
    std::vector<Seeding> seedings;
    for (const auto& plan : Catalogue()) {
        programs::ProgramFilter by_code;
        by_code.q = std::string(plan.code);
        const auto agency = identity.FindAgencyByCode(plan.agency);
        if (programs.List(system, by_code, PageRequest{}).total > 0 || !agency) {
            continue;  // already there, or a database without the demo agencies (SeedDemo creates them)
        }
        programs::ProgramInput input;
        input.agency_id = agency->id;
        input.code = std::string(plan.code);
        input.name = std::string(plan.name);
        input.benefit_type = std::string(plan.benefit_type);
        input.target_level = std::string(plan.target_level);
        if (plan.amount_per_stage > 0) {
            input.amount_per_stage = std::optional<std::int64_t>(plan.amount_per_stage);
        }
        input.period_start = year + "-01-01";
        input.period_end = year + "-12-31";
        input.stages.emplace();
        for (const auto& [name, day] : plan.stages) {
            input.stages->push_back({std::string(name), fmt::format("{}-{}", year, day)});
        }
        input.eligibility_rule = boost::json::parse(plan.rule);
        input.status = "active";
        Seeding seeding;
        seeding.plan = &plan;
        seeding.program_id = programs.Create(system, input).id;
        ValidationReport report;
        seeding.rule = programs::EligibilityRule::Parse(*input.eligibility_rule, report);
        seeding.count.code = std::string(plan.code);
        seedings.push_back(std::move(seeding));
    }
    if (seedings.empty()) {
        return {};
    }
    // Nobody is enrolled yet, and the demo rules do not ask about other programmes.
    const programs::EligibilityContext context{as_of, [](std::string_view) { return false; }};
    registry::HouseholdQuery query;
    query.region = regency;
    registry.VisitHouseholds(system, identity::actions::kRegistryRead, query, std::numeric_limits<std::int64_t>::max(),
                             [&](const registry::Household& household) {
                                 const auto desil = Desil(household).value_or(10);
                                 for (auto& seeding : seedings) {
                                     const auto& plan = *seeding.plan;
                                     const bool eligible = seeding.rule->Matches(household, context);
                                     seeding.count.eligible += eligible ? 1 : 0;
                                     const auto draw = Draw(seed, plan.code, household.id);
                                     const bool enrol =
                                         eligible ? draw < plan.coverage_per_mille
                                                  : desil >= 5 && desil <= 8 && draw < plan.inclusion_per_mille;
                                     if (!enrol) {
                                         continue;
                                     }
                                     std::optional<std::int64_t> person;
                                     if (plan.target_level == "person") {
                                         person = TraineeOf(household, as_of);
                                         if (!person) {
                                             continue;
                                         }
                                     }
                                     seeding.targets.emplace_back(household.id, person);
                                     seeding.count.not_eligible += eligible ? 0 : 1;
                                 }
                             });
    std::vector<DemoProgramCount> counts;
    for (auto& seeding : seedings) {
        seeding.count.beneficiaries = enrolments.RecordExistingBeneficiaries(
            system, seeding.program_id, seeding.targets, "Data penerima program berjalan (kabupaten demo)");
        counts.push_back(seeding.count);
    }
    return counts;
}

}  // namespace sinergi::demo
