// The authorisation table: which role may do which action, and within which scope (DESIGN.md §2). It is the one
// place roles are checked; tests walk it for every endpoint and every role.
#include <map>
#include <utility>

#include "identity/identity_service.hpp"

namespace sinergi::identity {
namespace {

using Grants = std::map<Role, Scope>;

Grants EveryRole() {
    Grants grants;
    for (auto role : kAllRoles) {
        grants.emplace(role, Scope::kAll);
    }
    return grants;
}

// Who may read the register's personal data: never NGO partners or auditors; villages and facilitators locally.
Grants RegisterReaders() {
    return {{Role::kAdmin, Scope::kAll},
            {Role::kCoordinator, Scope::kAll},
            {Role::kAgencyHead, Scope::kAll},
            {Role::kAgencyStaff, Scope::kAll},
            {Role::kRegistryOperator, Scope::kAll},
            {Role::kVillageOperator, Scope::kOwnRegion},
            {Role::kFacilitator, Scope::kOwnRegion}};
}

const std::map<std::string_view, Grants>& Table() {
    static const std::map<std::string_view, Grants> kTable{
        // Staff names and roles are personal data: the secretariat sees all, a head of agency their own staff.
        {actions::kUsersRead, {{Role::kAdmin, Scope::kAll}, {Role::kAgencyHead, Scope::kOwnAgency}}},
        {actions::kUsersManage, {{Role::kAdmin, Scope::kAll}}},
        // The list of agencies is public administrative information every participant needs.
        {actions::kAgenciesRead, EveryRole()},
        {actions::kAgenciesManage, {{Role::kAdmin, Scope::kAll}}},
        {actions::kTokensManage, {{Role::kAdmin, Scope::kAll}}},
        {actions::kAuditRead, {{Role::kAdmin, Scope::kAll}}},
        // The register holds personal data: NGO partners never browse it and auditors see aggregates only.
        // Village operators read their own village; facilitators their agency's region until assignments exist.
        {actions::kRegistryRead, RegisterReaders()},
        // Whoever may search may take the result away as a file, within the same scope; the purpose is audited.
        {actions::kRegistryExport, RegisterReaders()},
        {actions::kRegistryWrite, {{Role::kAdmin, Scope::kAll}, {Role::kRegistryOperator, Scope::kAll}}},
        // Villages propose changes for their own village (musdes results); the social agency's data staff decide.
        {actions::kRegistryPropose,
         {{Role::kAdmin, Scope::kAll},
          {Role::kRegistryOperator, Scope::kAll},
          {Role::kVillageOperator, Scope::kOwnRegion}}},
        {actions::kRegistryVerify, {{Role::kAdmin, Scope::kAll}, {Role::kRegistryOperator, Scope::kAll}}},
        // Counts per village carry no personal data: auditors see them too.
        {actions::kRegistryFigures,
         [] {
             auto grants = RegisterReaders();
             grants.emplace(Role::kAuditor, Scope::kAll);
             return grants;
         }()},
        // Programmes are public administrative information; each agency's own staff run theirs.
        {actions::kProgramsRead, EveryRole()},
        {actions::kProgramsManage,
         {{Role::kAdmin, Scope::kAll},
          {Role::kAgencyHead, Scope::kOwnAgency},
          {Role::kAgencyStaff, Scope::kOwnAgency}}},
        // A rule's preview lists households: register readers only, within their scope.
        {actions::kProgramsPreview, RegisterReaders()},
        {actions::kEnrolmentsRead, RegisterReaders()},
        // A PMT estimate is about a named household: read as the register is read, within the same scope. A run
        // rewrites every estimate: the register's data staff start it.
        {actions::kPmtRead, RegisterReaders()},
        {actions::kPmtRun, {{Role::kAdmin, Scope::kAll}, {Role::kRegistryOperator, Scope::kAll}}},
        // Overlap, coverage and targeting counts carry no personal data: heads of agency, the coordinator and
        // auditors see them (villages and facilitators for their own area); the lists behind them need kRegistryRead.
        {actions::kAnalyticsFigures,
         [] {
             auto grants = RegisterReaders();
             grants.emplace(Role::kAuditor, Scope::kAll);
             return grants;
         }()},
        // Region codes are public reference data.
        {actions::kRegionsRead, EveryRole()},
    };
    return kTable;
}

}  // namespace

std::optional<Scope> Policy::Decide(Role role, std::string_view action) {
    if (action == actions::kSelf || action == actions::kPublic) {
        return Scope::kAll;
    }
    const auto& table = Table();
    auto grants = table.find(action);
    if (grants == table.end()) {
        return std::nullopt;  // an action nobody declared is refused, never silently allowed
    }
    auto grant = grants->second.find(role);
    if (grant == grants->second.end()) {
        return std::nullopt;
    }
    return grant->second;
}

std::vector<std::string_view> Policy::KnownActions() {
    std::vector<std::string_view> known{actions::kPublic, actions::kSelf};
    for (const auto& [action, grants] : Table()) {
        known.push_back(action);
    }
    return known;
}

}  // namespace sinergi::identity
