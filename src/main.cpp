// `sinergi`: the server and the command line over the same services.
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sys/stat.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include "app/app.hpp"
#include "platform/crypto.hpp"
#include "platform/http_server.hpp"
#include "platform/migrations.hpp"

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

int Serve(const std::string& db_path, const std::string& listen, const AppOptions& app_options, std::size_t body_limit,
          int threads, bool trust_proxy) {
    auto [host, port] = ParseListen(listen);
    // Each request may hold two connections at once (its work and an audit write), so the pool covers both.
    auto db = OpenMigrated(db_path, threads * 2 + 2);
    SystemClock clock;
    App app(*db, clock, app_options);
    http::ServerOptions options;
    options.host = host;
    options.port = port;
    options.threads = threads;
    options.body_limit = body_limit;
    options.trust_proxy = trust_proxy;
    http::Server server(options, [&app](http::Request& request) { return app.Handle(request); });
    server.Bind();
    spdlog::info("Sinergi {} serving http://{}:{} (database {}, web UI {})", Version(), host, server.port(), db_path,
                 app_options.web_root.string());
    server.Run();
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
    std::size_t body_limit = std::size_t{10} * 1024 * 1024;
    int threads = 4;
    serve->add_option("--db", db_path, "SQLite database file")->required();
    serve->add_option("--listen", listen, "Address to listen on, HOST:PORT")->capture_default_str();
    serve->add_option("--web", web_root, "Directory of the built web UI")->capture_default_str();
    serve->add_option("--api-spec", api_spec, "Serve this OpenAPI file instead of the built-in contract");
    serve->add_flag("--secure-cookies", secure_cookies, "Mark session cookies Secure (when served over HTTPS)");
    serve->add_flag("--trust-proxy", trust_proxy, "Take client addresses from X-Forwarded-For (behind a proxy)");
    serve->add_option("--body-limit", body_limit, "Largest request body in bytes")->capture_default_str();
    serve->add_option("--threads", threads, "Worker threads")->check(CLI::Range(1, 64))->capture_default_str();

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

    auto* demo_cmd = cli.add_subcommand("demo", "Create the demo district: agencies and one user per role");
    demo::DemoOptions demo_options;
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

    CLI11_PARSE(cli, argc, argv);

    try {
        if (serve->parsed()) {
            AppOptions options;
            options.web_root = web_root;
            if (!api_spec.empty()) {
                options.api_spec = api_spec;
            }
            options.identity.secure_cookies = secure_cookies;
            return Serve(db_path, listen, options, body_limit, threads, trust_proxy);
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
        App app(*db, clock, {});
        auto system = identity::IdentityService::System();
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
