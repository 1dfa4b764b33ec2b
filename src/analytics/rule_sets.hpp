// Eligibility rules answered on the snapshot for whole sets of households at once: every condition becomes a bitmap
// (a field condition is decided once per distinct value of its column, then the column is scanned), and all / any /
// not become intersections, unions and differences. The verdicts are those of EligibilityRule::Matches household
// by household — tests/analytics compares the two on the demo register.
#pragma once

#include <string>

#include "analytics/snapshot.hpp"
#include "programs/eligibility.hpp"

namespace sinergi::analytics {

// The households of `universe` that `rule` selects, ages counted on `as_of` (YYYY-MM-DD).
Bitmap SelectHouseholds(const Snapshot& snapshot, const programs::EligibilityRule& rule, const Bitmap& universe,
                        const std::string& as_of);

}  // namespace sinergi::analytics
