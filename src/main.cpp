// `sinergi`: the server and the command line over the same services.
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sys/stat.h>
#include <tuple>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include "app/app.hpp"
#include "demo/demo_programs.hpp"
#include "demo/population.hpp"
#include "linkage/link_files.hpp"
#include "platform/crypto.hpp"
#include "platform/http_server.hpp"
#include "platform/migrations.hpp"
#include "registry/register_import.hpp"

namespace {

using namespace sinergi;  // NOLINT(google-build-using-namespace): the entry point names many modules

std::unique_ptr<db::Database> OpenMigrated(const std::string& path, int pool_size = 4) {
    const auto parent = std::filesystem::path(path).parent_path();
    if (!parent.empty()) {
        std::filesystem::create_directories(parent);
    }
    auto db = db::Database::Open(path, pool_size);
    auto connection = db->Acquire();
    auto outcome = ApplyMigrations(*connection);
    for (const auto& name : outcome.applied) {
        spdlog::info("applied migration {}", name);
    }
    return db;
}

void PrintProgressBar(std::int64_t done, std::int64_t total, const std::string& what) {
    if (::isatty(STDERR_FILENO) == 0) {
        return;
    }
    const int width = 30;
    const auto filled = total > 0 ? static_cast<int>(width * std::min(done, total) / total) : 0;
    std::cerr << fmt::format("\r[{}{}] {:>6}/{} {:<16}", std::string(static_cast<std::size_t>(filled), '#'),
                             std::string(static_cast<std::size_t>(width - filled), ' '), done, total, what)
              << std::flush;
}

std::string ReadPasswordLine() {
    std::string password;
    std::getline(std::cin, password);
    if (!password.empty() && password.back() == '\r') {
        password.pop_back();
    }
    return password;
}

// Splits "HOST:PORT" (IPv6 as [::1]:8080).
std::pair<std::string, unsigned short> ParseListen(const std::string& listen) {
    const auto colon = listen.rfind(':');
    if (colon == std::string::npos) {
        throw CLI::ValidationError("--listen", "expected HOST:PORT, e.g. 127.0.0.1:8080");
    }
    auto host = listen.substr(0, colon);
    if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
        host = host.substr(1, host.size() - 2);
    }
    int port = 0;
    try {
        port = std::stoi(listen.substr(colon + 1));
    } catch (...) {
        port = -1;
    }
    if (port < 0 || port > 65535) {
        throw CLI::ValidationError("--listen", "the port must be a number from 0 to 65535");
    }
    return {host, static_cast<unsigned short>(port)};
}

int Serve(const std::string& db_path, const std::string& listen, AppOptions app_options, http::ServerOptions options) {
    std::tie(options.host, options.port) = ParseListen(listen);
    // Each request may hold two connections at once (its work and an audit write), so the pool covers both; the
    // import worker and the PMT worker hold one more each.
    auto db = OpenMigrated(db_path, options.threads * 2 + 4);
    SystemClock clock;
    // Uploads wait beside the database (same disk, same permissions), not in a shared /tmp.
    app_options.work_dir = std::filesystem::path(db_path + ".work");
    App app(*db, clock, app_options);
    app.StartBackgroundWork();
    options.upload_paths = {"/api/v1/registry/imports"};
    http::Server server(options, [&app](http::Request& request) { return app.Handle(request); });
    server.Bind();
    spdlog::info("Sinergi {} serving http://{}:{} (database {}, web UI {})", Version(), options.host, server.port(),
                 db_path, app_options.web_root.string());
    server.Run();
    return 0;
}

// The demo programmes on top of the demo register; a programme that exists already is left as it is.
void SeedPrograms(App& app, const demo::DemoOptions& options, const Clock& clock) {
    const auto started = std::chrono::steady_clock::now();
    const auto counts =
        demo::SeedDemoPrograms(app.identity(), app.registry(), app.programs(), app.enrolments(), options.seed,
                               FormatTimestamp(clock.Now()).substr(0, 10), options.regency);
    for (const auto& count : counts) {
        std::cout << fmt::format("Programme {:<22} {:>7} eligible households, {:>7} beneficiaries ({} not eligible)\n",
                                 count.code, count.eligible, count.beneficiaries, count.not_eligible);
    }
    if (!counts.empty()) {
        std::cout << fmt::format("Demo programmes written in {:.1f} s\n",
                                 std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
    }
}

// Runs the Proxy Means Test over the whole register with a progress bar; 0 when the run finished.
int EstimatePmt(App& app) {
    const auto started = std::chrono::steady_clock::now();
    bool drew_bar = false;
    const auto run = app.pmt().RunNow(
        identity::IdentityService::System(), [&drew_bar](pmt::RunPhase phase, std::int64_t done, std::int64_t total) {
            drew_bar = true;
            PrintProgressBar(done, total, phase == pmt::RunPhase::kEstimating ? "diestimasi" : "ditulis");
        });
    if (drew_bar && ::isatty(STDERR_FILENO) != 0) {
        std::cerr << '\n';
    }
    if (run.status != "finished") {
        std::cerr << fmt::format("Estimasi PMT gagal / the PMT run failed: {}\n",
                                 run.error ? run.error->en : run.status);
        return 1;
    }
    std::cout << fmt::format(
        "PMT estimates: {} households ranked into desil in {:.1f} s ({} without a living member skipped), weights "
        "{}\n",
        run.households, std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count(), run.skipped,
        run.weights_version);
    return 0;
}

void WriteCredentials(const std::filesystem::path& file, const demo::DemoResult& result) {
    std::ofstream out(file, std::ios::trunc);
    ::chmod(file.c_str(), S_IRUSR | S_IWUSR);
    out << "# Sinergi demo accounts for " << result.regency_name << " (keep this file private)\n";
    for (const auto& account : result.accounts) {
        if (account.password) {
            out << account.username << ' ' << *account.password << ' ' << identity::ToString(account.role) << '\n';
        }
    }
}

// `sinergi import register`: the summary goes to stdout in both languages, the problems to the report file (or the
// first few to stderr). Exit code 0 when every row was imported, 1 when any row was refused.
int ImportRegister(db::Database& db, App& app, const std::filesystem::path& file, bool partial,
                   const std::string& report_path) {
    registry::RegisterImporter importer(db, app.registry(), app.identity());
    registry::RegisterImportOptions options;
    options.partial = partial;
    options.reason = fmt::format("Impor register dari {}", file.filename().string());
    bool drew_bar = false;
    const auto result =
        importer.Import(identity::IdentityService::System(), file, options,
                        [&drew_bar](registry::ImportPhase phase, std::int64_t done, std::int64_t total) {
                            drew_bar = true;
                            if (phase == registry::ImportPhase::kChecking) {
                                PrintProgressBar(done / 1024, total / 1024, "KB diperiksa");
                            } else {
                                PrintProgressBar(done, total, "baris diproses");
                            }
                        });
    if (drew_bar && ::isatty(STDERR_FILENO) != 0) {
        std::cerr << '\n';
    }
    if (!report_path.empty()) {
        std::ofstream report(report_path, std::ios::binary | std::ios::trunc);
        registry::WriteImportReport(report, result.issues);
        if (!report) {
            std::cerr << fmt::format("Laporan tidak dapat ditulis ke {} / the report cannot be written to {}\n",
                                     report_path, report_path);
        }
    } else {
        constexpr std::size_t kShown = 20;
        for (std::size_t i = 0; i < result.issues.size() && i < kShown; ++i) {
            const auto& issue = result.issues[i];
            std::cerr << fmt::format("{}{}: {} {}\n", issue.row ? fmt::format("baris {}", *issue.row) : "berkas",
                                     issue.field.empty() ? "" : ", kolom " + issue.field, issue.code, issue.message.id);
        }
        if (result.issues.size() > kShown) {
            std::cerr << fmt::format(
                "… {} masalah lagi; pakai --report FILE.csv untuk daftar lengkap / {} more "
                "problems; use --report FILE.csv for the full list\n",
                result.issues.size() - kShown, result.issues.size() - kShown);
        }
    }
    std::cout << fmt::format("Baris dibaca / rows read: {}\n", result.rows_read);
    if (result.stopped_at_row) {
        std::cout << fmt::format(
            "Pembacaan berhenti di baris {}; baris sesudahnya tidak dibaca / reading stopped at row {}; the rows "
            "after it were not read\n",
            *result.stopped_at_row, *result.stopped_at_row);
    }
    std::cout << fmt::format("Rumah tangga diimpor / households imported: {} ({} orang / persons)\n",
                             result.households_imported, result.persons_imported);
    std::cout << fmt::format("Baris ditolak / rows refused: {}\n", result.rows_refused);
    if (result.issues.empty()) {
        return 0;
    }
    if (!partial) {
        std::cout << "Tidak ada yang diimpor karena ada baris bermasalah; perbaiki lalu ulangi, atau pakai --partial / "
                     "nothing was imported because some rows have problems; fix them and retry, or use --partial\n";
    }
    return 1;
}

// `sinergi link dedupe|match`: the work is linkage::RunLinkCommand; this draws the progress bar and prints the
// summary. Exit code 0 when pairs.csv was written, 1 when a file could not be read or written.
int RunLink(const linkage::LinkCommand& command) {
    bool drew_bar = false;
    const auto outcome = linkage::RunLinkCommand(
        command, [&drew_bar](linkage::LinkPhase phase, std::uint64_t done, std::uint64_t total) {
            drew_bar = true;
            const char* what = "blok";
            switch (phase) {
                case linkage::LinkPhase::kBlocking:
                    what = "blocking";
                    break;
                case linkage::LinkPhase::kScoring:
                    what = "pasangan dinilai";
                    break;
                case linkage::LinkPhase::kFitting:
                    what = "model (EM)";
                    break;
                case linkage::LinkPhase::kClustering:
                    what = "klaster";
                    break;
            }
            PrintProgressBar(static_cast<std::int64_t>(done), static_cast<std::int64_t>(total), what);
        });
    if (drew_bar && ::isatty(STDERR_FILENO) != 0) {
        std::cerr << '\n';  // ends the progress bar's line
    }
    if (outcome.problem) {
        std::cerr << outcome.problem->Describe() << '\n';
        return 1;
    }
    for (const auto& rule : outcome.blocking) {
        if (rule.oversized_blocks > 0) {
            std::cerr << fmt::format(
                "Aturan blok {}: {} blok terlalu besar ({} record, terbesar {}) tidak dipasangkan / blocking rule {}: "
                "{} blocks too large ({} records, largest {}) were not paired\n",
                linkage::RuleName(rule.rule), rule.oversized_blocks, rule.oversized_records, rule.largest_oversized,
                linkage::RuleName(rule.rule), rule.oversized_blocks, rule.oversized_records, rule.largest_oversized);
        }
    }
    std::cout << fmt::format(
        "Record / records: {}; pasangan kandidat / candidate pairs: {}; dinilai / scored: {:.0f} pasangan/s (pairs/s); "
        "cocok / matches: {}; perlu diperiksa / review: {}; klaster ≥ 2 / clusters of 2 or more: {}; {:.1f} s\n",
        outcome.records, outcome.candidate_pairs, outcome.pairs_scored_per_second, outcome.matches, outcome.reviews,
        outcome.clusters_of_two_or_more, outcome.seconds);
    return 0;
}
}  // namespace

int main(int argc, char** argv) {
    spdlog::set_default_logger(spdlog::stderr_color_mt("sinergi"));
    spdlog::set_pattern("%Y-%m-%dT%H:%M:%S.%e%z %^%l%$ %v");
    crypto::Initialise();

    CLI::App cli{"Sinergi: one register, every programme, and the coordination of a regency's fight against poverty."};
    cli.require_subcommand(1);
    cli.set_version_flag("--version", Version());

    std::string db_path = "var/sinergi.db";

    auto* serve = cli.add_subcommand("serve", "Run the HTTP server (API and web UI)");
    std::string listen = "127.0.0.1:8080";
    std::string web_root = "web/dist";
    std::string api_spec;
    bool secure_cookies = false;
    bool trust_proxy = false;
    http::ServerOptions server_options;
    serve->add_option("--db", db_path, "SQLite database file")->required();
    serve->add_option("--listen", listen, "Address to listen on, HOST:PORT")->capture_default_str();
    serve->add_option("--web", web_root, "Directory of the built web UI")->capture_default_str();
    serve->add_option("--api-spec", api_spec, "Serve this OpenAPI file instead of the built-in contract");
    std::string pmt_weights;
    serve
        ->add_option("--pmt-weights", pmt_weights,
                     "Proxy Means Test weights file (docs/pmt.md) instead of the built-in illustrative one")
        ->check(CLI::ExistingFile);
    serve->add_flag("--secure-cookies", secure_cookies, "Mark session cookies Secure (when served over HTTPS)");
    serve->add_flag("--trust-proxy", trust_proxy, "Take client addresses from X-Forwarded-For (behind a proxy)");
    serve->add_option("--body-limit", server_options.body_limit, "Largest request body in bytes")
        ->capture_default_str();
    serve->add_option("--upload-limit", server_options.upload_limit, "Largest register file uploaded for import, bytes")
        ->capture_default_str();
    serve->add_option("--threads", server_options.threads, "Worker threads")
        ->check(CLI::Range(1, 64))
        ->capture_default_str();

    auto* migrate = cli.add_subcommand("migrate", "Apply database migrations");
    migrate->add_option("--db", db_path, "SQLite database file")->required();

    auto* regions_cmd = cli.add_subcommand("regions", "Reference regions (Kemendagri codes)");
    regions_cmd->require_subcommand(1);
    auto* regions_load = regions_cmd->add_subcommand("load", "Load regions from idn-area-data CSV files");
    std::string regions_dir;
    regions_load->add_option("--db", db_path, "SQLite database file")->required();
    regions_load->add_option("--from", regions_dir, "Directory with provinces.csv ... villages.csv")
        ->required()
        ->check(CLI::ExistingDirectory);

    auto* demo_cmd = cli.add_subcommand(
        "demo", "Create the demo district: agencies, one user per role, and a register population with a truth file");
    demo::DemoOptions demo_options;
    demo::PopulationOptions population_options;
    std::string demo_password;
    std::string demo_regions_from;
    demo_cmd->add_option("--db", db_path, "SQLite database file")->required();
    demo_cmd->add_option("--regency", demo_options.regency, "Regency code")->capture_default_str();
    demo_cmd->add_option("--seed", demo_options.seed, "Random seed")->capture_default_str();
    demo_cmd->add_option("--demo-password", demo_password,
                         "One password for all demo users (default: a random one each, written to "
                         "demo-credentials.txt beside the database)");
    demo_cmd->add_option("--regions-from", demo_regions_from,
                         "Load regions from this directory first if the database has none");
    demo_cmd
        ->add_option("--households", population_options.households,
                     "Households to generate into the register (0: none); problems injected on purpose are listed "
                     "in demo-truth.csv beside the database")
        ->check(CLI::Range(std::int64_t{0}, std::int64_t{10'000'000}))
        ->capture_default_str();

    auto* user_cmd = cli.add_subcommand("user", "Manage users");
    user_cmd->require_subcommand(1);
    std::string username;
    std::string full_name;
    std::string agency_code;
    std::string role_text;
    bool password_stdin = false;
    auto* user_add = user_cmd->add_subcommand("add", "Create a user");
    user_add->add_option("--db", db_path, "SQLite database file")->required();
    user_add->add_option("--username", username, "Username")->required();
    user_add->add_option("--full-name", full_name, "Full name")->required();
    user_add->add_option("--agency", agency_code, "Agency code, e.g. DINSOS")->required();
    user_add->add_option("--role", role_text, "Role")
        ->required()
        ->check(CLI::IsMember({"admin", "coordinator", "agency_head", "agency_staff", "registry_operator",
                               "village_operator", "ngo_partner", "facilitator", "auditor"}));
    user_add->add_flag("--password-stdin", password_stdin, "Read the password from standard input");
    auto* user_passwd = user_cmd->add_subcommand("passwd", "Set a user's password (ends their sessions)");
    user_passwd->add_option("--db", db_path, "SQLite database file")->required();
    user_passwd->add_option("--username", username, "Username")->required();
    user_passwd->add_flag("--password-stdin", password_stdin, "Read the password from standard input");
    auto* user_disable = user_cmd->add_subcommand("disable", "Disable a user (ends their sessions)");
    user_disable->add_option("--db", db_path, "SQLite database file")->required();
    user_disable->add_option("--username", username, "Username")->required();

    auto* import_cmd = cli.add_subcommand("import", "Import data from files");
    import_cmd->require_subcommand(1);
    auto* import_register =
        import_cmd->add_subcommand("register",
                                   "Import households and persons from a CSV (UTF-8) or XLSX file, one row per person "
                                   "(docs/formats/register-import.md). All or nothing unless --partial");
    std::string import_file;
    std::string import_report;
    bool import_partial = false;
    import_register->add_option("--db", db_path, "SQLite database file")->required();
    import_register->add_option("FILE", import_file, "The CSV or XLSX file")->required()->check(CLI::ExistingFile);
    import_register->add_flag("--partial", import_partial,
                              "Import the valid households even when others are refused (a household with any bad "
                              "row is left out whole)");
    import_register->add_option("--report", import_report,
                                "Write every refused row (row, column, code, message_id, message_en) to this CSV file");

    auto* pmt_cmd = cli.add_subcommand("pmt", "Proxy Means Test estimates (docs/pmt.md)");
    pmt_cmd->require_subcommand(1);
    auto* pmt_estimate = pmt_cmd->add_subcommand(
        "estimate", "Estimate every active household's consumption per capita and rank them into desil per regency");
    pmt_estimate->add_option("--db", db_path, "SQLite database file")->required();
    pmt_estimate
        ->add_option("--pmt-weights", pmt_weights,
                     "Weights file (docs/pmt.md) instead of the built-in illustrative one")
        ->check(CLI::ExistingFile);

    auto* link_cmd = cli.add_subcommand("link", "Record linkage of CSV lists (docs/linkage.md)");
    link_cmd->require_subcommand(1);
    linkage::LinkCommand link_command;
    std::string link_input;
    std::string link_left;
    std::string link_right;
    std::string link_map;
    std::string link_out;
    std::string link_clusters;
    auto* link_dedupe = link_cmd->add_subcommand("dedupe", "Find the records of one list that are the same person");
    link_dedupe->add_option("--input", link_input, "The CSV list")->required()->check(CLI::ExistingFile);
    auto* link_match =
        link_cmd->add_subcommand("match", "Find the records of the right list that are persons of the left list");
    link_match->add_option("--left", link_left, "The left CSV list (each person once)")
        ->required()
        ->check(CLI::ExistingFile);
    link_match->add_option("--right", link_right, "The right CSV list (each person once)")
        ->required()
        ->check(CLI::ExistingFile);
    for (auto* command : {link_dedupe, link_match}) {
        command->add_option("--map", link_map, "Column map (JSON): which column holds the id, names, birth date…")
            ->required()
            ->check(CLI::ExistingFile);
        command->add_option("--out", link_out, "pairs.csv to write: every pair from the review probability up")
            ->required();
        command
            ->add_option("--match-probability", link_command.options.match_probability,
                         "Pairs from this probability up are matches")
            ->capture_default_str()
            ->check(CLI::Range(0.0, 1.0));
        command
            ->add_option("--review-probability", link_command.options.review_probability,
                         "Pairs from this probability up (and below the match probability) go to review")
            ->capture_default_str()
            ->check(CLI::Range(0.0, 1.0));
        command
            ->add_option("--max-block", link_command.options.blocking.max_block_records,
                         "Blocks of more records than this are not paired (and are reported)")
            ->capture_default_str();
    }
    link_dedupe->add_option("--clusters", link_clusters, "clusters.csv to write: each record's cluster");

    CLI11_PARSE(cli, argc, argv);

    if (link_dedupe->parsed() || link_match->parsed()) {
        link_command.matching = link_match->parsed();
        link_command.input = link_input;
        link_command.left = link_left;
        link_command.right = link_right;
        link_command.map = link_map;
        link_command.out = link_out;
        if (!link_clusters.empty()) {
            link_command.clusters = link_clusters;
        }
        if (link_command.options.review_probability > link_command.options.match_probability) {
            std::cerr << "--review-probability melebihi --match-probability / --review-probability is above "
                         "--match-probability\n";
            return 2;
        }
        try {
            return RunLink(link_command);
        } catch (const std::exception& e) {
            std::cerr << "error: " << e.what() << '\n';
            return 1;
        }
    }

    try {
        if (serve->parsed()) {
            AppOptions options;
            options.web_root = web_root;
            if (!api_spec.empty()) {
                options.api_spec = api_spec;
            }
            if (!pmt_weights.empty()) {
                options.pmt_weights = pmt_weights;
            }
            options.identity.secure_cookies = secure_cookies;
            server_options.trust_proxy = trust_proxy;
            return Serve(db_path, listen, options, server_options);
        }
        if (migrate->parsed()) {
            auto db = db::Database::Open(db_path, 1);
            auto connection = db->Acquire();
            auto outcome = ApplyMigrations(*connection);
            std::cout << fmt::format("Schema version {} ({} migration(s) applied now)\n", outcome.version,
                                     outcome.applied.size());
            return 0;
        }
        auto db = OpenMigrated(db_path);
        SystemClock clock;
        AppOptions command_options;
        if (!pmt_weights.empty()) {
            command_options.pmt_weights = pmt_weights;
        }
        App app(*db, clock, command_options);
        auto system = identity::IdentityService::System();
        if (import_register->parsed()) {
            return ImportRegister(*db, app, import_file, import_partial, import_report);
        }
        if (pmt_estimate->parsed()) {
            return EstimatePmt(app);
        }
        if (regions_load->parsed()) {
            auto report = app.regions().Load(
                regions_dir, [](std::int64_t done, const std::string& file) { PrintProgressBar(done, 91599, file); });
            std::cerr << '\n';
            std::cout << fmt::format("Loaded {} provinces, {} regencies, {} districts, {} villages\n", report.provinces,
                                     report.regencies, report.districts, report.villages);
            return 0;
        }
        if (demo_cmd->parsed()) {
            if (!demo_regions_from.empty() && !app.regions().Exists("11")) {
                app.regions().Load(demo_regions_from);
            }
            if (!demo_password.empty()) {
                demo_options.password = demo_password;
            }
            auto result = demo::SeedDemo(app.identity(), app.regions(), demo_options);
            std::cout << fmt::format("Demo district: {} ({} agencies created)\n", result.regency_name,
                                     result.agencies_created);
            const auto credentials = std::filesystem::path(db_path).parent_path() / "demo-credentials.txt";
            if (!demo_options.password) {
                WriteCredentials(credentials, result);
            }
            for (const auto& account : result.accounts) {
                std::cout << fmt::format("  {:<15} {:<18} {:<24} {}\n", account.username,
                                         identity::ToString(account.role), account.password.value_or("(unchanged)"),
                                         account.agency_name);
            }
            if (!demo_options.password) {
                std::cout << "Passwords are shown once; new ones were written to " << credentials.string()
                          << " (mode 600)\n";
            }
            if (population_options.households > 0) {
                population_options.regency = demo_options.regency;
                population_options.seed = demo_options.seed;
                population_options.as_of =
                    std::chrono::year_month_day{std::chrono::floor<std::chrono::days>(clock.Now())};
                const auto truth_file = std::filesystem::path(db_path).parent_path() / "demo-truth.csv";
                const auto started = std::chrono::steady_clock::now();
                const auto summary = demo::GeneratePopulation(
                    app.registry(), app.regions(), population_options, truth_file,
                    [](std::int64_t done, std::int64_t total) { PrintProgressBar(done, total, "households"); });
                if (summary.existing_households > 0) {
                    std::cout << fmt::format(
                        "Register already holds {} households in {}; no population generated (truth file left as "
                        "it was)\n",
                        summary.existing_households, result.regency_name);
                    SeedPrograms(app, demo_options, clock);
                    return 0;
                }
                const double seconds =
                    std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
                if (::isatty(STDERR_FILENO) != 0) {
                    std::cerr << '\n';  // ends the progress bar's line
                }
                const auto& counts = summary.counts;
                std::cout << fmt::format(
                    "Register: {} households, {} persons in {} ({} villages) in {:.1f} s ({:.0f} persons/s); {} "
                    "without NIK\n",
                    counts.households, counts.persons, result.regency_name, summary.villages, seconds,
                    seconds > 0 ? static_cast<double>(counts.persons) / seconds : 0.0, counts.missing_nik);
                std::cout << fmt::format(
                    "Injected problems: {} duplicate persons, {} stale households, {} deceased listed alive; truth "
                    "file {}\n",
                    counts.duplicates, counts.stale, counts.deceased_listed, truth_file.string());
                SeedPrograms(app, demo_options, clock);
                // The demo ends with estimates present, so the household page and the disagreements list show them.
                return EstimatePmt(app);
            }
            return 0;
        }
        if (user_add->parsed() || user_passwd->parsed()) {
            std::string password;
            if (password_stdin) {
                password = ReadPasswordLine();
            } else {
                password = crypto::RandomToken(12);
            }
            if (user_add->parsed()) {
                auto agency = app.identity().FindAgencyByCode(agency_code);
                if (!agency) {
                    std::cerr << fmt::format("Instansi '{}' tidak ada / no agency with code '{}'\n", agency_code,
                                             agency_code);
                    return 2;
                }
                auto user = app.identity().CreateUser(
                    system, {username, full_name, agency->id, *identity::ParseRole(role_text), password});
                std::cout << fmt::format("Created user {} (id {})\n", user.username, user.id);
            } else {
                auto user = app.identity().FindUserByUsername(username);
                if (!user) {
                    std::cerr << fmt::format("Pengguna '{}' tidak ada / no user '{}'\n", username, username);
                    return 2;
                }
                app.identity().ResetPassword(system, user->id, password);
                std::cout << fmt::format("Password of {} changed\n", user->username);
            }
            if (!password_stdin) {
                std::cout << "Password: " << password << '\n';
            }
            return 0;
        }
        if (user_disable->parsed()) {
            auto user = app.identity().FindUserByUsername(username);
            if (!user) {
                std::cerr << fmt::format("Pengguna '{}' tidak ada / no user '{}'\n", username, username);
                return 2;
            }
            app.identity().SetUserActive(system, user->id, false);
            std::cout << fmt::format("Disabled {}\n", user->username);
            return 0;
        }
    } catch (const Error& error) {
        std::cerr << error.message().id << "\n" << error.message().en << '\n';
        for (const auto& issue : error.issues()) {
            std::cerr << fmt::format("  {}: {} / {}\n", issue.field, issue.message.id, issue.message.en);
        }
        return 1;
    } catch (const std::exception& e) {
        std::cerr << "error: " << e.what() << '\n';
        return 1;
    }
    return 0;
}
