#include "linkage/names.hpp"

#include <algorithm>
#include <array>
#include <cstddef>
#include <utility>

namespace sinergi::linkage {

namespace {

// Honorifics stand before a name and are dropped in any spelling (compared lower case, dots removed).
constexpr std::array<std::string_view, 19> kHonorifics{"h",    "hj", "haji", "hajah",  "hajjah",  "drs", "dra",
                                                       "dr",   "ir", "prof", "kh",     "r",       "rr",  "ust",
                                                       "ustd", "ny", "tn",   "ustadz", "ustadzah"};
// Academic degrees follow a name. Two-letter ones (S.E., S.H.) are also ordinary initials or short names ("St." is
// often Siti), so they are dropped only when written with an inner dot, split as "S. E.", or after a comma.
constexpr std::array<std::string_view, 28> kDegrees{
    "spd",  "se",  "sh", "skom", "mpd",  "skm", "skep", "sag", "sip", "st",  "mm", "amd",  "sos",   "ssos",
    "spdi", "ssi", "mh", "msi",  "mkes", "bsc", "mag",  "sth", "si",  "shi", "mt", "sked", "amkep", "ak"};
// Written forms of Muhammad after spelling normalisation; one of the commonest name parts, abbreviated many ways.
constexpr std::array<std::string_view, 13> kMuhammadForms{"muhamad",  "mohamad", "muhamed", "mohamed", "mokhamad",
                                                          "mukhamad", "moh",     "muh",     "mokh",    "mukh",
                                                          "mhd",      "mohd",    "muhd"};
// The link to the father's name: "Abdul bin Slamet", "Siti binti Umar", "Siti bt. Umar".
constexpr std::array<std::string_view, 3> kPatronymicLinks{"bin", "binti", "bt"};

template <std::size_t N>
bool Contains(const std::array<std::string_view, N>& list, std::string_view word) {
    return std::find(list.begin(), list.end(), word) != list.end();
}

bool IsLower(char c) { return c >= 'a' && c <= 'z'; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// ASCII letter for a two-byte UTF-8 letter of Latin-1 (U+00C0..U+00FF), e.g. é → e; 0 when there is none.
char FoldLatin1(unsigned char second) {
    static constexpr std::string_view kBase = "aaaaaaaceeeeiiiidnooooo ouuuuy  aaaaaaaceeeeiiiidnooooo ouuuuy y";
    const std::size_t index = static_cast<std::size_t>(second) - 0x80u;
    const char base = index < kBase.size() ? kBase[index] : ' ';
    return base == ' ' ? '\0' : base;
}

// Lower-case letters, '.', ',' and ' ' only: digits and apostrophes vanish (Ma'ruf → maruf), other punctuation
// separates words, non-ASCII letters of Latin-1 lose their accent and other non-ASCII characters vanish.
std::string Clean(std::string_view raw, bool keep_digits) {
    std::string out;
    out.reserve(raw.size());
    for (std::size_t i = 0; i < raw.size(); ++i) {
        const auto c = static_cast<unsigned char>(raw[i]);
        const bool kept =
            IsLower(static_cast<char>(c)) || (keep_digits && IsDigit(static_cast<char>(c))) || c == '.' || c == ',';
        if (c >= 'A' && c <= 'Z') {
            out.push_back(static_cast<char>(c - 'A' + 'a'));
        } else if (kept) {
            out.push_back(static_cast<char>(c));
        } else if (c == 0xC3 && i + 1 < raw.size()) {
            if (const char folded = FoldLatin1(static_cast<unsigned char>(raw[i + 1]))) {
                out.push_back(folded);
            }
            ++i;
        } else if (c == 0xE2 && i + 2 < raw.size() && static_cast<unsigned char>(raw[i + 1]) == 0x80 &&
                   (static_cast<unsigned char>(raw[i + 2]) == 0x98 || static_cast<unsigned char>(raw[i + 2]) == 0x99)) {
            i += 2;  // ‘ ’ typographic apostrophes
        } else if (c == '\'' || c == '`' || IsDigit(static_cast<char>(c)) || c >= 0x80) {
            continue;  // vanish without separating: Ma'ruf, Budi2, other non-ASCII bytes
        } else {
            out.push_back(' ');
        }
    }
    return out;
}

std::string WithoutDots(std::string_view chunk) {
    std::string out;
    for (char c : chunk) {
        if (c != '.') {
            out.push_back(c);
        }
    }
    return out;
}

bool HasInnerDot(std::string_view chunk) {
    const auto dot = chunk.find('.');
    return dot != std::string_view::npos && dot + 1 < chunk.size() && chunk.find_first_not_of('.', dot) != chunk.npos;
}

struct Chunk {
    std::string text;  // lower case letters and dots
    bool after_comma = false;
};

std::vector<Chunk> SplitChunks(std::string_view cleaned) {
    std::vector<Chunk> chunks;
    bool comma_seen = false;
    std::string current;
    auto flush = [&] {
        if (!current.empty() && current.find_first_not_of('.') != std::string::npos) {
            chunks.push_back({current, comma_seen});
        }
        current.clear();
    };
    for (char c : cleaned) {
        if (c == ' ' || c == ',') {
            flush();
            comma_seen = comma_seen || c == ',';
        } else {
            current.push_back(c);
        }
    }
    flush();
    return chunks;
}

bool IsDegreeHere(std::string_view dotless, bool written_dotted, bool after_comma) {
    return Contains(kDegrees, dotless) && (dotless.size() >= 3 || written_dotted || after_comma);
}

// The name parts of `chunks` with every title removed, in order.
std::vector<std::string> RemoveTitles(const std::vector<Chunk>& chunks) {
    std::vector<std::string> parts;
    for (std::size_t i = 0; i < chunks.size(); ++i) {
        const auto& chunk = chunks[i].text;
        const auto dotless = WithoutDots(chunk);
        if (Contains(kHonorifics, dotless) || IsDegreeHere(dotless, HasInnerDot(chunk), chunks[i].after_comma)) {
            continue;
        }
        // "S. Pd." written as two words.
        if (dotless.size() == 1 && chunk.back() == '.' && i + 1 < chunks.size() &&
            Contains(kDegrees, dotless + WithoutDots(chunks[i + 1].text))) {
            ++i;
            continue;
        }
        if (chunk.find('.') == std::string::npos) {
            parts.push_back(dotless);
            continue;
        }
        // Dots inside a word separate parts: "H.Moch." is a title and a name; "S.Pd" alone was handled above.
        std::vector<std::string> pieces;
        for (std::size_t start = 0; start < chunk.size();) {
            auto end = chunk.find('.', start);
            if (end == std::string::npos) {
                end = chunk.size();
            }
            if (end > start) {
                pieces.emplace_back(chunk.substr(start, end - start));
            }
            start = end + 1;
        }
        for (std::size_t p = 0; p < pieces.size(); ++p) {
            if (Contains(kHonorifics, pieces[p]) || (pieces[p].size() >= 3 && Contains(kDegrees, pieces[p]))) {
                continue;
            }
            if (p + 1 < pieces.size() && Contains(kDegrees, pieces[p] + pieces[p + 1])) {
                ++p;
                continue;
            }
            parts.push_back(pieces[p]);
        }
    }
    return parts;
}

bool StartsWith(std::string_view text, std::string_view prefix) { return text.substr(0, prefix.size()) == prefix; }

// A token written in the pre-1972 spelling, where j was today's y: Djojo, Soenjoto, Tjahjono, Njoman.
bool IsOldSpelling(std::string_view token) {
    return token.find("oe") != std::string_view::npos || token.find("dj") != std::string_view::npos ||
           token.find("tj") != std::string_view::npos || token.find("sj") != std::string_view::npos ||
           StartsWith(token, "nj");
}

}  // namespace

std::string NormalisedName::Joined() const {
    std::string out;
    for (const auto& token : tokens) {
        if (!out.empty()) {
            out.push_back(' ');
        }
        out += token;
    }
    return out;
}

std::string NormaliseNameToken(std::string_view raw) {
    std::string letters;
    for (char c : raw) {
        if (c >= 'A' && c <= 'Z') {
            letters.push_back(static_cast<char>(c - 'A' + 'a'));
        } else if (IsLower(c)) {
            letters.push_back(c);
        }
    }
    // One left-to-right pass over the written form, so a j that came from dj is not read again as an old j
    // (Pandjaitan → panjaitan, not panyaitan) and a modern nj stays (Panji).
    const bool old = IsOldSpelling(letters);
    std::string spelled;
    for (std::size_t i = 0; i < letters.size(); ++i) {
        const char c = letters[i];
        const char next = i + 1 < letters.size() ? letters[i + 1] : '\0';
        if (c == 'c' && next == 'h') {
            spelled += "kh";
            ++i;
        } else if (old && c == 'o' && next == 'e') {
            spelled.push_back('u');
            ++i;
        } else if (old && c == 'd' && next == 'j') {
            spelled.push_back('j');
            ++i;
        } else if (old && c == 't' && next == 'j') {
            spelled.push_back('c');
            ++i;
        } else if (old && (c == 's' || c == 'n') && next == 'j') {
            spelled.push_back(c);
            spelled.push_back('y');
            ++i;
        } else if (old && c == 'j') {
            spelled.push_back('y');
        } else {
            spelled.push_back(c);
        }
    }
    std::string collapsed;
    for (char c : spelled) {
        if (collapsed.empty() || collapsed.back() != c) {
            collapsed.push_back(c);
        }
    }
    if (Contains(kMuhammadForms, collapsed)) {
        return "muhamad";
    }
    return collapsed;
}

NormalisedName NormaliseName(std::string_view name) {
    const auto parts = RemoveTitles(SplitChunks(Clean(name, false)));
    NormalisedName out;
    bool father = false;
    for (const auto& part : parts) {
        // A leading "bin" has no person before it to link, so it is read as a name.
        if (!father && !out.tokens.empty() && Contains(kPatronymicLinks, part)) {
            father = true;
            continue;
        }
        auto token = NormaliseNameToken(part);
        if (token.empty()) {
            continue;
        }
        (father ? out.father_tokens : out.tokens).push_back(std::move(token));
    }
    for (const auto& token : out.tokens) {
        out.compact += token;
    }
    out.sorted_tokens = out.tokens;
    std::sort(out.sorted_tokens.begin(), out.sorted_tokens.end());
    out.sorted_tokens.erase(std::unique(out.sorted_tokens.begin(), out.sorted_tokens.end()), out.sorted_tokens.end());
    return out;
}

namespace {

constexpr std::array<std::pair<std::string_view, std::string_view>, 24> kAddressWords{{
    {"jl", "jalan"},        {"jln", "jalan"},       {"gg", "gang"},       {"dsn", "dusun"},
    {"ds", "desa"},         {"kp", "kampung"},      {"kmp", "kampung"},   {"kamp", "kampung"},
    {"kel", "kelurahan"},   {"kec", "kecamatan"},   {"kab", "kabupaten"}, {"no", "nomor"},
    {"nmr", "nomor"},       {"perum", "perumahan"}, {"blk", "blok"},      {"lingk", "lingkungan"},
    {"ling", "lingkungan"}, {"lk", "lingkungan"},   {"komp", "kompleks"}, {"komplek", "kompleks"},
    {"gn", "gunung"},       {"dk", "dukuh"},        {"dkh", "dukuh"},     {"prov", "provinsi"},
}};

std::string WithoutLeadingZeros(std::string_view digits) {
    const auto first = digits.find_first_not_of('0');
    return first == std::string_view::npos ? std::string("0") : std::string(digits.substr(first));
}

bool IsNumber(std::string_view token) { return !token.empty() && IsDigit(token.front()); }

}  // namespace

std::string NormaliseAddress(std::string_view address) {
    // Runs of letters and runs of digits are separate words: "RT03" → rt 03, "No.5" → no 5.
    std::vector<std::string> words;
    for (char c : Clean(address, true)) {
        const bool letter = IsLower(c);
        const bool digit = IsDigit(c);
        if (!letter && !digit) {
            words.emplace_back();
            continue;
        }
        if (words.empty() || words.back().empty() || IsDigit(words.back().back()) != digit) {
            words.emplace_back();
        }
        words.back().push_back(c);
    }
    std::erase_if(words, [](const std::string& word) { return word.empty(); });

    std::vector<std::string> out;
    for (std::size_t i = 0; i < words.size();) {
        // "RT 3 / RW 05", "RT/RW 003/005", "rt3rw5": labels, then their numbers in the same order.
        if (words[i] == "rt" || words[i] == "rw") {
            std::vector<std::string> labels;
            while (i < words.size() && (words[i] == "rt" || words[i] == "rw") && labels.size() < 2) {
                labels.push_back(words[i++]);
                if (i < words.size() && IsNumber(words[i]) && labels.size() == 1 && i + 1 < words.size() &&
                    (words[i + 1] == "rt" || words[i + 1] == "rw")) {
                    break;  // "RT 3 RW 5": the first label has its own number
                }
            }
            for (const auto& label : labels) {
                out.push_back(label);
                if (i < words.size() && IsNumber(words[i])) {
                    auto number = WithoutLeadingZeros(words[i++]);
                    out.push_back(std::string(number.size() < 3 ? 3 - number.size() : 0, '0') + number);
                }
            }
            continue;
        }
        const auto& word = words[i++];
        if (IsNumber(word)) {
            out.push_back(WithoutLeadingZeros(word));
            continue;
        }
        const auto* found = std::find_if(kAddressWords.begin(), kAddressWords.end(),
                                         [&](const auto& entry) { return entry.first == word; });
        out.emplace_back(found != kAddressWords.end() ? found->second : word);
    }
    std::string joined;
    for (const auto& word : out) {
        if (!joined.empty()) {
            joined.push_back(' ');
        }
        joined += word;
    }
    return joined;
}

}  // namespace sinergi::linkage
