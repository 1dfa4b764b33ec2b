// Blocking: which pairs of records are worth scoring. Each rule gives every record keys; records sharing a key under
// one rule form a block and every pair in a block (left × right when matching) becomes a candidate. Several rules
// catch what one misses, and a pair found by several rules is a candidate once. A block past the cap is not paired
// but counted and reported, so a giant block (a placeholder date, an empty-looking name) is never silently lost.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "linkage/records.hpp"

namespace sinergi::linkage {

enum class BlockingRule {
    kNikDeletions,      // the identity number and each form of it with one digit deleted: any one-digit error meets
    kNamePhonetic,      // phonetic keys of given name and surname, in either order
    kBirthDate,         // the same birth date
    kSurnameBirthYear,  // surname's phonetic key and birth year
    kGivenBirthYear,    // given name's phonetic key and birth year
    kPostcodeInitials,  // postcode (or region) with the initials of both names
};
inline constexpr std::size_t kBlockingRuleCount = 6;
std::string_view RuleName(BlockingRule rule);

struct BlockingOptions {
    // Blocks holding more records than this are skipped (and reported): a block of n records makes n²/2 pairs.
    std::size_t max_block_records = 1000;
};

struct RuleReport {
    BlockingRule rule = BlockingRule::kNikDeletions;
    std::uint64_t blocks = 0;
    std::uint64_t pairs_emitted = 0;  // before removing pairs another rule found too
    std::uint64_t oversized_blocks = 0;
    std::uint64_t oversized_records = 0;  // records in skipped blocks
    std::uint64_t largest_oversized = 0;
};

struct CandidatePairs {
    // Each pair once, a < b, sorted; packed as a << 32 | b.
    std::vector<std::uint64_t> pairs;
    std::vector<RuleReport> rules;  // the rules that applied (their fields are present)

    std::uint32_t First(std::size_t i) const { return static_cast<std::uint32_t>(pairs[i] >> 32U); }
    std::uint32_t Second(std::size_t i) const { return static_cast<std::uint32_t>(pairs[i] & 0xFFFFFFFFU); }
};

// The keys of `record` under `rule` (none when the fields it needs are missing). 64-bit hashes of the key text, the
// rule mixed in; a collision only adds a candidate.
std::vector<std::uint64_t> BlockingKeys(const RecordSet& records, std::uint32_t record, BlockingRule rule);

// Candidate pairs under every rule whose fields some record has. Matching pairs only left with right records.
CandidatePairs FindCandidates(const RecordSet& records, const BlockingOptions& options);

}  // namespace sinergi::linkage
