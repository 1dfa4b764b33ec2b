// The composition root: builds every module's service on one database, registers their routes with the identity
// gateway, and answers any HTTP request (API, contract, API reference, web UI). main.cpp and the in-process tests
// use it; no module includes it.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "demo/demo_service.hpp"
#include "identity/identity_service.hpp"
#include "platform/clock.hpp"
#include "platform/database.hpp"
#include "platform/http.hpp"
#include "platform/static_site.hpp"
#include "regions/regions_service.hpp"
#include "registry/registry_service.hpp"

namespace sinergi {

struct AppOptions {
    std::filesystem::path web_root = "web/dist";
    std::optional<std::filesystem::path> api_spec;  // default: the contract compiled into the binary
    identity::IdentityOptions identity;
};

class App {
 public:
    App(db::Database& db, const Clock& clock, AppOptions options);
    http::Response Handle(http::Request& request);

    identity::IdentityService& identity() { return identity_; }
    regions::RegionsService& regions() { return regions_; }
    registry::RegistryService& registry() { return registry_; }
    const identity::ApiGateway& api() const { return api_; }

 private:
    http::Response ServeApiSpec() const;

    db::Database& db_;
    AppOptions options_;
    identity::IdentityService identity_;
    regions::RegionsService regions_;
    registry::RegistryService registry_;
    identity::ApiGateway api_;
    http::StaticSite site_;
};

std::string Version();

}  // namespace sinergi
