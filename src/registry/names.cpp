#include "registry/names.hpp"

#include <algorithm>
#include <array>
#include <cctype>

namespace sinergi::registry {

namespace {

// Titles and honorifics that are not part of the name (compared after lower-casing and removing dots).
constexpr std::array<std::string_view, 24> kTitles{"h",    "hj",  "haji", "hajah", "drs", "dra",  "dr",  "ir",
                                                   "prof", "spd", "sh",   "se",    "skm", "skep", "sag", "sip",
                                                   "st",   "mm",  "mpd",  "amd",   "sos", "ssos", "kh",  "ust"};

bool IsTitle(std::string_view token) { return std::find(kTitles.begin(), kTitles.end(), token) != kTitles.end(); }

bool IsVowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }

}  // namespace

std::string NormaliseNameToken(std::string_view raw) {
    std::string token;
    for (char c : raw) {
        const auto u = static_cast<unsigned char>(c);
        if (u >= 'A' && u <= 'Z') {
            token.push_back(static_cast<char>(u - 'A' + 'a'));
        } else if (u >= 'a' && u <= 'z') {
            token.push_back(c);
        }
    }
    // Old (van Ophuijsen / Soewandi) spellings to EYD.
    // Old (van Ophuijsen / Soewandi) spellings to EYD first; then letters Indonesian names use interchangeably
    // (j/y: Joesoef = Yusuf; kh/h: Khairul = Hairul; f/v/p(h); z/j) fold together. Over-matching is acceptable
    // here: this key serves search, where a person then picks from the list.
    static constexpr std::pair<std::string_view, std::string_view> kSpellings[] = {
        {"oe", "u"}, {"dj", "j"}, {"tj", "c"}, {"nj", "ny"}, {"sj", "sy"}, {"ch", "h"}, {"kh", "h"},
        {"ph", "f"}, {"q", "k"},  {"v", "f"},  {"z", "j"},   {"j", "y"},   {"y", "i"}};
    for (const auto& [from, to] : kSpellings) {
        for (auto pos = token.find(from); pos != std::string::npos; pos = token.find(from, pos + to.size())) {
            token.replace(pos, from.size(), to);
        }
    }
    std::string collapsed;
    for (char c : token) {
        if (collapsed.empty() || collapsed.back() != c) {
            collapsed.push_back(c);
        }
    }
    if (collapsed.size() > 2 && collapsed.back() == 'h' && IsVowel(collapsed[collapsed.size() - 2])) {
        collapsed.pop_back();
    }
    return collapsed;
}

std::vector<std::string> NameTokens(std::string_view name) {
    std::vector<std::string> tokens;
    std::size_t start = 0;
    while (start < name.size()) {
        auto end = name.find_first_of(" ,;/-\t", start);
        if (end == std::string_view::npos) {
            end = name.size();
        }
        std::string raw(name.substr(start, end - start));
        start = end + 1;
        raw.erase(std::remove(raw.begin(), raw.end(), '.'), raw.end());
        std::string lower;
        for (char c : raw) {
            lower.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
        }
        if (lower.empty() || IsTitle(lower) || lower == "bin" || lower == "binti") {
            continue;
        }
        auto token = NormaliseNameToken(lower);
        if (!token.empty()) {
            tokens.push_back(std::move(token));
        }
    }
    return tokens;
}

}  // namespace sinergi::registry
