// Small text helpers shared across modules: UTF-8 checks and lengths, ASCII case folding.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace sinergi::text {

// Number of code points in valid UTF-8 text.
std::size_t Utf8Length(std::string_view text);
// True when `text` is well-formed UTF-8 (no overlong forms, surrogates or values past U+10FFFF).
bool IsValidUtf8(std::string_view text);
std::string LowerAscii(std::string_view text);

}  // namespace sinergi::text
