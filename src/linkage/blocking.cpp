#include "linkage/blocking.hpp"

#include <algorithm>
#include <array>
#include <string_view>

namespace sinergi::linkage {

std::string_view RuleName(BlockingRule rule) {
    switch (rule) {
        case BlockingRule::kNikDeletions:
            return "nik_deletions";
        case BlockingRule::kNamePhonetic:
            return "name_phonetic";
        case BlockingRule::kBirthDate:
            return "birth_date";
        case BlockingRule::kSurnameBirthYear:
            return "surname_birth_year";
        case BlockingRule::kGivenBirthYear:
            return "given_name_birth_year";
        case BlockingRule::kPostcodeInitials:
            return "postcode_initials";
    }
    return "?";
}

namespace {

constexpr std::array<BlockingRule, kBlockingRuleCount> kRules{
    BlockingRule::kNikDeletions,     BlockingRule::kNamePhonetic,   BlockingRule::kBirthDate,
    BlockingRule::kSurnameBirthYear, BlockingRule::kGivenBirthYear, BlockingRule::kPostcodeInitials};

// FNV-1a over the key's parts, then a final mix: stable across runs and platforms.
class KeyHash {
 public:
    explicit KeyHash(BlockingRule rule) { Add(static_cast<std::uint64_t>(rule) + 1); }
    KeyHash& Add(std::uint64_t value) {
        for (int i = 0; i < 8; ++i) {
            hash_ = (hash_ ^ ((value >> (8 * i)) & 0xFFU)) * 0x100000001B3ULL;
        }
        return *this;
    }
    KeyHash& Add(std::string_view text) { return AddBytes(text).Add(text.size()); }
    // Bytes without their length: two pieces hash as their concatenation.
    KeyHash& AddBytes(std::string_view text) {
        for (const char c : text) {
            hash_ = (hash_ ^ static_cast<unsigned char>(c)) * 0x100000001B3ULL;
        }
        return *this;
    }
    std::uint64_t Value() const {
        std::uint64_t z = hash_;
        z = (z ^ (z >> 33U)) * 0xFF51AFD7ED558CCDULL;
        return z ^ (z >> 33U);
    }

 private:
    std::uint64_t hash_ = 0xCBF29CE484222325ULL;
};

bool RuleApplies(const RecordSet& records, BlockingRule rule) {
    const auto has = [&](Field field) { return records.present[Index(field)]; };
    switch (rule) {
        case BlockingRule::kNikDeletions:
            return has(Field::kNik);
        case BlockingRule::kNamePhonetic:
            return has(Field::kGivenName) || has(Field::kSurname);
        case BlockingRule::kBirthDate:
            return has(Field::kBirthDate);
        case BlockingRule::kSurnameBirthYear:
            return has(Field::kSurname) && has(Field::kBirthDate);
        case BlockingRule::kGivenBirthYear:
            return has(Field::kGivenName) && has(Field::kBirthDate);
        case BlockingRule::kPostcodeInitials:
            return has(Field::kPostcode) && has(Field::kGivenName);
    }
    return false;
}

char Initial(const RecordSet& records, std::uint32_t name_code) {
    return name_code == 0 ? '\0' : records.names.Text(name_code).front();
}

}  // namespace

std::vector<std::uint64_t> BlockingKeys(const RecordSet& records, std::uint32_t record, BlockingRule rule) {
    std::vector<std::uint64_t> keys;
    const auto given = records.given_name[record];
    const auto surname = records.surname[record];
    const auto given_phonetic = records.name_phonetic[given];
    const auto surname_phonetic = records.name_phonetic[surname];
    const auto year = records.birth_date[record] / 10000;
    switch (rule) {
        case BlockingRule::kNikDeletions: {
            const std::string_view nik = records.niks.Text(records.nik[record]);
            if (nik.empty()) {
                break;
            }
            // A replaced digit at position i leaves both numbers equal without position i; a dropped or added digit
            // leaves the shorter number equal to the longer one without it; two swapped neighbours meet when either
            // is deleted. So the whole number and its deletions all share one key space.
            keys.push_back(KeyHash(rule).AddBytes(nik).Add(nik.size()).Value());
            // In a 16-digit NIK's birth-date digits (7-12) a deletion alone pairs everyone of one district born
            // within days of each other, so there the key adds the name's first letter: a mistyped date digit is
            // still caught when the names start alike (or either record has no name).
            // A number one digit short of 16 meets those keys through its own with the letter.
            const bool dated = nik.size() == 16;
            const auto initial = static_cast<std::uint64_t>(static_cast<unsigned char>(Initial(records, given)));
            if (nik.size() == 15 && initial != 0) {
                keys.push_back(KeyHash(rule).AddBytes(nik).Add(nik.size()).Add(initial).Value());
            }
            for (std::size_t i = 0; i < nik.size(); ++i) {
                KeyHash key(rule);
                key.AddBytes(nik.substr(0, i)).AddBytes(nik.substr(i + 1)).Add(nik.size() - 1);
                if (dated && i >= 6 && i < 12 && initial != 0) {
                    key.Add(initial);
                }
                keys.push_back(key.Value());
            }
            break;
        }
        case BlockingRule::kNamePhonetic: {
            if (given_phonetic == 0 && surname_phonetic == 0) {
                break;
            }
            // In either order, so a swapped given name and surname meet.
            keys.push_back(KeyHash(rule)
                               .Add(std::min(given_phonetic, surname_phonetic))
                               .Add(std::max(given_phonetic, surname_phonetic))
                               .Value());
            break;
        }
        case BlockingRule::kBirthDate:
            if (records.birth_date[record] != 0) {
                keys.push_back(KeyHash(rule).Add(records.birth_date[record]).Value());
            }
            break;
        case BlockingRule::kSurnameBirthYear:
            if (surname_phonetic != 0 && year != 0) {
                keys.push_back(KeyHash(rule).Add(surname_phonetic).Add(year).Value());
            }
            break;
        case BlockingRule::kGivenBirthYear:
            if (given_phonetic != 0 && year != 0) {
                keys.push_back(KeyHash(rule).Add(given_phonetic).Add(year).Value());
            }
            break;
        case BlockingRule::kPostcodeInitials: {
            // Postcode only: a village (region code) holds thousands of people, and a block of village-mates
            // sharing two initials brings more neighbours than duplicates.
            const auto place = records.postcode[record];
            if (place == 0 || given == 0) {
                break;
            }
            const char first = Initial(records, given);
            const char second = Initial(records, surname);
            keys.push_back(KeyHash(rule)
                               .Add(place)
                               .Add(static_cast<std::uint64_t>(std::min(first, second)))
                               .Add(static_cast<std::uint64_t>(std::max(first, second)))
                               .Value());
            break;
        }
    }
    return keys;
}

CandidatePairs FindCandidates(const RecordSet& records, const BlockingOptions& options) {
    CandidatePairs out;
    const auto n = static_cast<std::uint32_t>(records.size());
    const bool matching = records.left_count < records.size();
    std::vector<std::pair<std::uint64_t, std::uint32_t>> keyed;
    std::vector<std::uint32_t> left_members;
    std::vector<std::uint32_t> right_members;
    for (const auto rule : kRules) {
        if (!RuleApplies(records, rule)) {
            continue;
        }
        RuleReport report;
        report.rule = rule;
        keyed.clear();
        for (std::uint32_t r = 0; r < n; ++r) {
            for (const auto key : BlockingKeys(records, r, rule)) {
                keyed.emplace_back(key, r);
            }
        }
        std::sort(keyed.begin(), keyed.end());
        // One record can give the same key twice (a NIK "1123" deleted at either 1); it joins its block once.
        keyed.erase(std::unique(keyed.begin(), keyed.end()), keyed.end());
        for (std::size_t begin = 0; begin < keyed.size();) {
            std::size_t end = begin + 1;
            while (end < keyed.size() && keyed[end].first == keyed[begin].first) {
                ++end;
            }
            const std::size_t size = end - begin;
            if (size > 1) {
                ++report.blocks;
            }
            if (size > options.max_block_records) {
                ++report.oversized_blocks;
                report.oversized_records += size;
                report.largest_oversized = std::max<std::uint64_t>(report.largest_oversized, size);
            } else if (size > 1) {
                left_members.clear();
                right_members.clear();
                for (std::size_t i = begin; i < end; ++i) {
                    const auto record = keyed[i].second;
                    (matching && record >= records.left_count ? right_members : left_members).push_back(record);
                }
                if (matching) {
                    for (const auto a : left_members) {
                        for (const auto b : right_members) {
                            out.pairs.push_back(static_cast<std::uint64_t>(a) << 32U | b);
                        }
                    }
                    report.pairs_emitted += left_members.size() * right_members.size();
                } else {
                    for (std::size_t i = 0; i < left_members.size(); ++i) {
                        for (std::size_t j = i + 1; j < left_members.size(); ++j) {
                            // Members are sorted by record, so the first is the smaller.
                            out.pairs.push_back(static_cast<std::uint64_t>(left_members[i]) << 32U | left_members[j]);
                        }
                    }
                    report.pairs_emitted += left_members.size() * (left_members.size() - 1) / 2;
                }
            }
            begin = end;
        }
        out.rules.push_back(report);
        // Removing repeats after each rule keeps memory near the number of distinct pairs.
        std::sort(out.pairs.begin(), out.pairs.end());
        out.pairs.erase(std::unique(out.pairs.begin(), out.pairs.end()), out.pairs.end());
    }
    return out;
}

}  // namespace sinergi::linkage
