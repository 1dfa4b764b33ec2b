// Progress of long work (imports, PMT runs) as users see it: one percentage over work done in two phases, the
// first (checking, estimating) shown as 0–50 % and the second (writing) as 50–99 %; 100 % only once it is finished.
#pragma once

#include <algorithm>
#include <cstdint>

namespace sinergi {

inline int TwoPhasePercent(bool first_phase, std::int64_t done, std::int64_t total) {
    const auto half =
        total > 0 ? static_cast<int>(std::clamp<std::int64_t>(done * 50 / total, std::int64_t{0}, std::int64_t{50}))
                  : 0;
    return first_phase ? half : std::min(99, 50 + half);
}

}  // namespace sinergi
