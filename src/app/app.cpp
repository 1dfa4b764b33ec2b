#include "app/app.hpp"

#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "platform/embedded.hpp"

namespace sinergi {

std::string Version() { return "0.1.0"; }

App::App(db::Database& db, const Clock& clock, AppOptions options)
    : db_(db),
      options_(std::move(options)),
      identity_(db, clock, options_.identity),
      regions_(db),
      registry_(db, identity_, regions_, clock),
      importer_(db, registry_, identity_),
      exporter_(registry_, identity_, clock, options_.work_dir),
      programs_(db, identity_, registry_, clock),
      enrolments_(db, identity_, registry_, programs_, clock),
      stages_(db, identity_, registry_, programs_, clock),
      pmt_(db, identity_, registry_, clock,
           options_.pmt_weights ? pmt::Weights::Load(*options_.pmt_weights) : pmt::Weights::Default()),
      analytics_(db, identity_, registry_, clock),
      api_(identity_),
      site_(options_.web_root),
      imports_(db, importer_, identity_, clock, options_.work_dir) {
    api_.Add("GET", "/api/v1/health", identity::actions::kPublic, [this](http::Request&, const identity::Caller&) {
        // Healthy means the database answers, not merely that the process runs.
        try {
            auto connection = db_.Acquire();
            connection->QueryOne("SELECT 1");
        } catch (const db::DatabaseError& e) {
            throw Error(sinergi::errors::kUnavailable, {fmt::format("Basis data tidak dapat diakses: {}", e.what()),
                                                        fmt::format("The database cannot be reached: {}", e.what())});
        }
        return http::Response::Json(200, boost::json::object{{"status", "ok"}, {"version", Version()}});
    });
    api_.Add("GET", "/api/v1/openapi.yaml", identity::actions::kPublic,
             [this](http::Request&, const identity::Caller&) { return ServeApiSpec(); });
    identity::RegisterIdentityRoutes(api_, identity_);
    regions::RegisterRegionRoutes(api_, regions_);
    registry::RegisterRegistryRoutes(api_, registry_);
    registry::RegisterTransferRoutes(api_, imports_, exporter_);
    programs::RegisterProgramRoutes(api_, programs_);
    programs::RegisterEnrolmentRoutes(api_, enrolments_);
    programs::RegisterStageRoutes(api_, stages_);
    pmt::RegisterPmtRoutes(api_, pmt_);
    // Previews and enrolment from the eligible list read the in-memory snapshot instead of walking the register.
    programs_.UseEligibleFinder(&analytics_);
    // Name searches too: a common name's households are a bitmap there, thousands of rows in SQL.
    registry_.UseSearchIndex(&analytics_);
    analytics::RegisterAnalyticsRoutes(api_, analytics_);
}

void App::StartBackgroundWork() {
    imports_.StartWorker();
    pmt_.StartWorker();
    // A large register takes seconds to load: begin now so the first dashboard does not wait for all of it.
    analytics_.StartLoading();
}

http::Response App::ServeApiSpec() const {
    http::Response response;
    response.content_type = "application/yaml; charset=utf-8";
    if (options_.api_spec) {
        std::ifstream in(*options_.api_spec, std::ios::binary);
        if (!in) {
            throw Error(sinergi::errors::kInternal,
                        {fmt::format("Berkas kontrak API {} tidak dapat dibaca.", options_.api_spec->string()),
                         fmt::format("Cannot read the API contract {}.", options_.api_spec->string())});
        }
        std::ostringstream content;
        content << in.rdbuf();
        response.body = content.str();
    } else {
        response.body = std::string(embedded::ApiContract().front().content);
    }
    return response;
}

http::Response App::Handle(http::Request& request) {
    const auto& path = request.path;
    if (path == "/api/docs" || path == "/api/docs/") {
        http::Request page = request;
        page.path = "/api-docs.html";
        if (auto response = site_.Serve(page); response && site_.available()) {
            return *response;
        }
    }
    if (path.starts_with("/api/") || path == "/api") {
        return api_.Handle(request);
    }
    if (request.method != "GET" && request.method != "HEAD") {
        throw Error(http::errors::kMethodNotAllowed, {fmt::format("Metode {} tidak didukung di sini.", request.method),
                                                      fmt::format("Method {} is not supported here.", request.method)});
    }
    if (auto response = site_.Serve(request)) {
        return *response;
    }
    throw Error(http::errors::kNoSuchEndpoint,
                {"Antarmuka web belum dibangun (web/dist tidak ada). Jalankan 'make demo'.",
                 "The web UI has not been built (no web/dist). Run 'make demo'."});
}

}  // namespace sinergi
