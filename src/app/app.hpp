// The composition root: builds every module's service on one database, registers their routes with the identity
// gateway, and answers any HTTP request (API, contract, API reference, web UI). main.cpp and the in-process tests
// use it; no module includes it.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "analytics/analytics_service.hpp"
#include "demo/demo_service.hpp"
#include "identity/identity_service.hpp"
#include "platform/clock.hpp"
#include "platform/database.hpp"
#include "platform/http.hpp"
#include "platform/static_site.hpp"
#include "pmt/pmt_service.hpp"
#include "programs/enrolments.hpp"
#include "programs/programs_service.hpp"
#include "programs/stages.hpp"
#include "regions/regions_service.hpp"
#include "registry/import_jobs.hpp"
#include "registry/register_export.hpp"
#include "registry/register_import.hpp"
#include "registry/registry_service.hpp"

namespace sinergi {

struct AppOptions {
    std::filesystem::path web_root = "web/dist";
    // Uploaded register files wait here for their import job; XLSX exports are assembled here.
    std::filesystem::path work_dir = std::filesystem::temp_directory_path() / "sinergi-work";
    std::optional<std::filesystem::path> api_spec;     // default: the contract compiled into the binary
    std::optional<std::filesystem::path> pmt_weights;  // default: the illustrative weights compiled in
    identity::IdentityOptions identity;
};

class App {
 public:
    App(db::Database& db, const Clock& clock, AppOptions options);
    http::Response Handle(http::Request& request);
    // Starts the background work of a serving process (the import and PMT workers). Other commands never call it.
    void StartBackgroundWork();

    identity::IdentityService& identity() { return identity_; }
    regions::RegionsService& regions() { return regions_; }
    registry::RegistryService& registry() { return registry_; }
    registry::ImportJobs& imports() { return imports_; }
    programs::ProgramsService& programs() { return programs_; }
    analytics::AnalyticsService& analytics() { return analytics_; }
    programs::EnrolmentService& enrolments() { return enrolments_; }
    pmt::PmtService& pmt() { return pmt_; }
    const identity::ApiGateway& api() const { return api_; }

 private:
    http::Response ServeApiSpec() const;

    db::Database& db_;
    AppOptions options_;
    identity::IdentityService identity_;
    regions::RegionsService regions_;
    registry::RegistryService registry_;
    registry::RegisterImporter importer_;
    registry::RegisterExporter exporter_;
    programs::ProgramsService programs_;
    programs::EnrolmentService enrolments_;
    programs::StageService stages_;
    pmt::PmtService pmt_;
    analytics::AnalyticsService analytics_;
    identity::ApiGateway api_;
    http::StaticSite site_;
    // Last: its worker uses the members above, so it is destroyed (and joined) first.
    registry::ImportJobs imports_;
};

std::string Version();

}  // namespace sinergi
