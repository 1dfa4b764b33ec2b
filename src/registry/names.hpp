// Spelling-tolerant keys for Indonesian names: lower case, titles and honorifics dropped, old spellings brought to
// the current one (oe→u, dj→j, tj→c, nj→ny, sj→sy, ch→kh), doubled letters collapsed and a final h after a vowel
// dropped, so "Moehammad Joesoef" and "Muhamad Yusuf" meet. The linkage engine (issue 5) refines this further.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace sinergi::registry {

// The normalised tokens of a name, in order, titles removed. Empty for a name of only titles or punctuation.
std::vector<std::string> NameTokens(std::string_view name);
// One token normalised the same way (for search input that may be a prefix).
std::string NormaliseNameToken(std::string_view token);

}  // namespace sinergi::registry
