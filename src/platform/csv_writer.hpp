// Writing CSV that people open in spreadsheet programs: RFC 4180 quoting, a UTF-8 byte-order mark so Excel shows
// Indonesian text right, and cells a spreadsheet would run as a formula (=, +, -, @) defused with an apostrophe.
#pragma once

#include <string>
#include <string_view>

namespace sinergi {

inline constexpr std::string_view kUtf8ByteOrderMark = "\xEF\xBB\xBF";

// True for text a spreadsheet would take as a formula.
bool LooksLikeFormula(std::string_view text);

// One cell, ready to join with commas: an apostrophe before formula-like text, quotes around text with a comma,
// quote or line break (quotes inside doubled).
std::string CsvCell(std::string_view text);

}  // namespace sinergi
