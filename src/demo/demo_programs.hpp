// The demo district's programmes (issue 4, item 9): seven programmes of five agencies modelled on real ones (PKH,
// food aid, health-premium aid, house renovation, school aid, KUBE business capital, job training), each with its
// eligibility rule and stage schedule, and beneficiaries drawn from the demo register the way real lists look:
// most eligible households enrolled, some left out, a few enrolled who do not meet the rule. The draws are
// deterministic for a seed, so analytics figures are reproducible.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "identity/identity_service.hpp"
#include "programs/enrolments.hpp"
#include "programs/programs_service.hpp"
#include "registry/registry_service.hpp"

namespace sinergi::demo {

struct DemoProgramCount {
    std::string code;
    std::int64_t eligible = 0;       // households meeting the rule
    std::int64_t beneficiaries = 0;  // active enrolments recorded
    std::int64_t not_eligible = 0;   // of those, enrolled without meeting the rule (inclusion error)
};

// Needs the demo agencies (SeedDemo) and a register. Does nothing for a programme code that already exists.
std::vector<DemoProgramCount> SeedDemoPrograms(identity::IdentityService& identity, registry::RegistryService& registry,
                                               programs::ProgramsService& programs,
                                               programs::EnrolmentService& enrolments, std::uint64_t seed,
                                               const std::string& as_of, const std::string& regency);

}  // namespace sinergi::demo
