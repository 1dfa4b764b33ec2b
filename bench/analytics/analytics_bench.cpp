// analytics_bench: the analytics benchmark of docs/performance.md ("Analytics"), run by bench/analytics/run.
//
//   analytics_bench --db DB [--programs 40] [--enrolments 3000000] [--repeat 30] [--seed S]
//
// DB holds a register (bench/analytics/run generates 1,000,000 demo households with `sinergi demo`, which also adds
// the seven demo programmes). First the bench tops the programmes up to --programs and their active enrolments up to
// --enrolments: extra programmes of the demo agencies with rules of the shapes real ones use (desil thresholds,
// housing conditions, members by age and schooling), each enrolling households drawn deterministically with a
// probability that falls with the desil, written straight into the tables in one transaction (the figures measured
// are about reading them). Then it measures, through AnalyticsService as the HTTP routes call it (audit entry and
// the event check included):
//   - loading the snapshot: wall time, the process's resident memory before and after, the snapshot's own estimate;
//   - the overlap matrix of every programme, coverage of desil 1–4 per village, and a rule preview (the eligible
//     households of "desil ≤ 4 and a member aged 6–18 in school", counted and listed as ProgramsService::Preview
//     does with its first 20 households), each --repeat times after one warm-up, printing p50, p99 and max.
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <boost/json.hpp>
#include <fmt/format.h>

#include "analytics/analytics_service.hpp"
#include "identity/identity_service.hpp"
#include "platform/clock.hpp"
#include "platform/database.hpp"
#include "programs/programs_service.hpp"
#include "regions/regions_service.hpp"
#include "registry/registry_service.hpp"

namespace {

using namespace sinergi;
using SteadyClock = std::chrono::steady_clock;

double ResidentMiB() {
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line)) {
        if (line.starts_with("VmRSS:")) {
            return std::stod(line.substr(6)) / 1024.0;
        }
    }
    return 0;
}

double PeakResidentMiB() {
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line)) {
        if (line.starts_with("VmHWM:")) {
            return std::stod(line.substr(6)) / 1024.0;
        }
    }
    return 0;
}

// splitmix64: a deterministic draw per (seed, programme, household).
std::uint64_t Mix(std::uint64_t x) {
    x += 0x9E3779B97F4A7C15ULL;
    x = (x ^ (x >> 30U)) * 0xBF58476D1CE4E5B9ULL;
    x = (x ^ (x >> 27U)) * 0x94D049BB133111EBULL;
    return x ^ (x >> 31U);
}

struct RuleShape {
    const char* benefit_type;
    const char* rule;
};

// The shapes of the demo and real programmes' rules, with the thresholds varied per programme.
constexpr RuleShape kShapes[] = {
    {"cash", R"({"all":[{"field":"desil","op":"<=","value":%D%}]})"},
    {"in_kind", R"({"all":[{"field":"desil","op":"<=","value":%D%},{"field":"floor_material","op":"in",)"
                R"("value":["tanah","bambu","kayu_papan"]}]})"},
    {"service", R"({"all":[{"field":"desil","op":"<=","value":%D%},{"members":{"where":{"field":"age","op":)"
                R"(">=","value":60}}}]})"},
    {"cash", R"({"all":[{"field":"desil","op":"<=","value":%D%},{"members":{"where":{"all":[{"field":"age",)"
             R"("op":"between","value":[6,18]},{"field":"schooling","op":"in","value":["sd","smp","sma"]}]}}}]})"},
    {"housing",
     R"({"all":[{"field":"desil","op":"<=","value":%D%},{"any":[{"field":"wall_material","op":"in",)"
     R"("value":["anyaman_bambu","lainnya"]},{"field":"roof_material","op":"in","value":["jerami_ijuk_rumbia",)"
     R"("bambu"]}]}]})"},
    {"business_capital", R"({"all":[{"field":"desil","op":"<=","value":%D%},{"members":{"where":{"all":[{"field":)"
                         R"("age","op":"between","value":[18,59]},{"field":"work_status","op":"=","value":)"
                         R"("tidak_bekerja"}]}}}]})"},
};

std::string RuleText(const RuleShape& shape, int desil) {
    std::string rule = shape.rule;
    rule.replace(rule.find("%D%"), 3, std::to_string(desil));
    return rule;
}

// Adds programmes and active enrolments until the register has `programs` programmes and `enrolments` active ones.
void TopUp(db::Database& database, int programs, std::int64_t enrolments, std::uint64_t seed) {
    auto connection = database.Acquire();
    const auto existing_programs = connection->QueryOne("SELECT COUNT(*) FROM programs")->Int(0);
    const auto existing_enrolments =
        connection->QueryOne("SELECT COUNT(*) FROM enrolments WHERE status = 'active'")->Int(0);
    if (existing_programs >= programs) {
        fmt::print("programmes: {} present, {} active enrolments; nothing added\n", existing_programs,
                   existing_enrolments);
        return;
    }
    std::vector<std::pair<std::int64_t, int>> households;  // id, desil (0: none)
    connection->ForEach(
        "SELECT id, COALESCE(desil, 0) FROM households WHERE status = 'active' ORDER BY id", {},
        [&households](const db::Row& row) { households.emplace_back(row.Int(0), static_cast<int>(row.Int(1))); });
    std::vector<std::int64_t> agencies;
    connection->ForEach("SELECT id FROM agencies WHERE kind = 'dinas' ORDER BY id", {},
                        [&agencies](const db::Row& row) { agencies.push_back(row.Int(0)); });
    if (agencies.empty() || households.empty()) {
        throw std::runtime_error("the database needs the demo agencies and a register (see bench/analytics/run)");
    }
    const auto to_add = programs - existing_programs;
    const double per_programme =
        static_cast<double>(std::max<std::int64_t>(0, enrolments - existing_enrolments)) / static_cast<double>(to_add);
    // The chance of a household falls with its desil; scaled so each programme enrols about per_programme.
    constexpr double kWeight[11] = {0.3, 1.0, 0.9, 0.8, 0.65, 0.45, 0.3, 0.2, 0.12, 0.08, 0.05};
    double weight_sum = 0;
    for (const auto& [id, desil] : households) {
        weight_sum += kWeight[desil];
    }
    const double scale = per_programme / weight_sum;
    const auto started = SteadyClock::now();
    db::BulkWrite bulk(*connection);
    db::Transaction tx(*connection, db::TxMode::kWrite);
    std::int64_t added = 0;
    for (std::int64_t p = 0; p < to_add; ++p) {
        const auto& shape = kShapes[p % std::size(kShapes)];
        const int desil = 3 + static_cast<int>(p % 3);
        const auto code = fmt::format("BENCH-{:02}", p + 1);
        connection->Execute(
            "INSERT INTO programs (agency_id, code, name, benefit_type, target_level, amount_per_stage, period_start, "
            "period_end, budget, target_count, eligibility_rule, status, version, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, 'household', 250000, '2026-01-01', '2026-12-31', ?, ?, ?, 'active', 1, "
            "'2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')",
            {agencies[static_cast<std::size_t>(p) % agencies.size()], code, fmt::format("Program uji beban {}", p + 1),
             shape.benefit_type, static_cast<std::int64_t>(per_programme * 250000 * 2),
             static_cast<std::int64_t>(per_programme),
             boost::json::serialize(boost::json::parse(RuleText(shape, desil)))});
        const auto program_id = connection->LastInsertId();
        connection->Execute(
            "INSERT INTO program_stages (program_id, number, name, planned_date) VALUES (?, 1, 'Tahap 1', "
            "'2026-04-15'), (?, 2, 'Tahap 2', '2026-10-15')",
            {program_id, program_id});
        constexpr std::size_t kRowsPerInsert = 100;
        std::vector<std::int64_t> chosen;
        for (const auto& [id, household_desil] : households) {
            const double chance = kWeight[household_desil] * scale;
            const auto draw = static_cast<double>(Mix(seed ^ (static_cast<std::uint64_t>(program_id) << 40U) ^
                                                      static_cast<std::uint64_t>(id)) %
                                                  1000000U) /
                              1e6;
            if (draw < chance) {
                chosen.push_back(id);
            }
        }
        for (std::size_t start = 0; start < chosen.size(); start += kRowsPerInsert) {
            const auto end = std::min(chosen.size(), start + kRowsPerInsert);
            std::string sql =
                "INSERT INTO enrolments (program_id, household_id, status, status_reason, source, created_at, "
                "updated_at, version) VALUES ";
            db::Params params;
            for (auto i = start; i < end; ++i) {
                sql += i == start ? "(?, ?, 'active', 'uji beban', 'eligible_list', '2026-01-01T00:00:00Z', "
                                    "'2026-01-01T00:00:00Z', 1)"
                                  : ", (?, ?, 'active', 'uji beban', 'eligible_list', '2026-01-01T00:00:00Z', "
                                    "'2026-01-01T00:00:00Z', 1)";
                params.emplace_back(program_id);
                params.emplace_back(chosen[i]);
            }
            connection->Execute(sql, params);
        }
        added += static_cast<std::int64_t>(chosen.size());
    }
    tx.Commit();
    const auto seconds = std::chrono::duration<double>(SteadyClock::now() - started).count();
    fmt::print("programmes: added {} (now {}), active enrolments added {} (now {}) in {:.1f} s\n", to_add, programs,
               added, existing_enrolments + added, seconds);
}

struct Timings {
    std::vector<double> ms;
    void Print(const std::string& what) {
        std::sort(ms.begin(), ms.end());
        const auto at = [this](double q) {
            return ms[std::min(ms.size() - 1, static_cast<std::size_t>(q * static_cast<double>(ms.size())))];
        };
        fmt::print("{:<44} p50 {:8.2f} ms  p99 {:8.2f} ms  max {:8.2f} ms  ({} runs)\n", what, at(0.5), at(0.99),
                   ms.back(), ms.size());
    }
};

template <typename F>
Timings Measure(int repeat, F&& run) {
    run();  // warm-up
    Timings timings;
    for (int i = 0; i < repeat; ++i) {
        const auto started = SteadyClock::now();
        run();
        timings.ms.push_back(std::chrono::duration<double, std::milli>(SteadyClock::now() - started).count());
    }
    return timings;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App cli{"Sinergi analytics benchmark"};
    std::string db_path;
    int programs = 40;
    std::int64_t enrolments = 3'000'000;
    int repeat = 30;
    std::uint64_t seed = 1;
    cli.add_option("--db", db_path, "the register database")->required();
    cli.add_option("--programs", programs, "programmes wanted");
    cli.add_option("--enrolments", enrolments, "active enrolments wanted");
    cli.add_option("--repeat", repeat, "runs per measurement");
    cli.add_option("--seed", seed, "seed of the enrolment draws");
    CLI11_PARSE(cli, argc, argv);
    try {
        auto database = db::Database::Open(db_path, 4);
        TopUp(*database, programs, enrolments, seed);
        SystemClock clock;
        identity::IdentityService identity(*database, clock);
        regions::RegionsService regions(*database);
        registry::RegistryService registry(*database, identity, regions, clock);
        programs::ProgramsService program_service(*database, identity, registry, clock);
        analytics::AnalyticsService analytics(*database, identity, registry, clock);
        program_service.UseEligibleFinder(&analytics);
        {
            auto connection = database->Acquire();
            fmt::print("register: {} active households, {} persons, {} programmes, {} active enrolments\n",
                       connection->QueryOne("SELECT COUNT(*) FROM households WHERE status = 'active'")->Int(0),
                       connection->QueryOne("SELECT COUNT(*) FROM persons")->Int(0),
                       connection->QueryOne("SELECT COUNT(*) FROM programs")->Int(0),
                       connection->QueryOne("SELECT COUNT(*) FROM enrolments WHERE status = 'active'")->Int(0));
        }
        const auto before = ResidentMiB();
        const auto started = SteadyClock::now();
        analytics.Load();
        const auto load_seconds = std::chrono::duration<double>(SteadyClock::now() - started).count();
        const auto after = ResidentMiB();
        const auto info = analytics.Info();
        fmt::print(
            "snapshot load: {:.1f} s; resident memory {:.0f} MiB -> {:.0f} MiB (+{:.0f} MiB, peak {:.0f} MiB); "
            "snapshot's own estimate {:.0f} MiB\n",
            load_seconds, before, after, after - before, PeakResidentMiB(),
            static_cast<double>(info.memory_bytes) / (1024.0 * 1024.0));

        const auto coordinator = identity.FindUserByUsername("koordinator");
        identity::Caller caller = identity::IdentityService::System();
        if (coordinator) {
            caller.user = *coordinator;
        }
        std::int64_t pairs = 0;
        Measure(repeat, [&] {
            pairs = static_cast<std::int64_t>(analytics.GetOverlap(caller, std::nullopt, {}).programs.size());
        }).Print(fmt::format("overlap matrix ({0} x {0} programmes)", pairs));
        std::size_t villages = 0;
        Measure(repeat, [&] {
            villages = analytics.GetCoverage(caller, std::nullopt, "village").areas.size();
        }).Print(fmt::format("coverage of desil 1-4 per village ({})", villages));
        programs::PreviewRequest preview;
        preview.eligibility_rule = boost::json::parse(
            R"({"all":[{"field":"desil","op":"<=","value":4},{"members":{"where":{"all":[{"field":"age","op":)"
            R"("between","value":[6,18]},{"field":"schooling","op":"in","value":["sd","smp","sma"]}]}}}]})");
        preview.limit = 20;
        std::int64_t eligible = 0;
        Measure(repeat, [&] {
            eligible = program_service.Preview(caller, preview).eligible;
        }).Print(fmt::format("rule preview ({} eligible, 20 listed)", eligible));
        Measure(repeat, [&] {
            (void)analytics.GetOverview(caller, std::nullopt);
        }).Print("dashboard overview (all programmes' targeting)");
        fmt::print("peak resident memory of the process: {:.0f} MiB\n", PeakResidentMiB());
    } catch (const std::exception& e) {
        std::fprintf(stderr, "analytics_bench: %s\n", e.what());
        return 1;
    }
    return 0;
}
