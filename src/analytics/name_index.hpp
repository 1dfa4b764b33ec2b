// The register's name tokens in memory (issue 3, search speed): for every spelling-tolerant name token stored in
// person_name_tokens, the persons who carry it and the households one of whose members carries it, as compressed
// bitmaps. A name search is then a union per query token (tokens match by prefix, as in SQL) and an intersection
// across them: microseconds instead of reading every person named "Siti". The snapshot owns one and keeps it current
// as it reloads persons; this unit owns the layout and the updates, not when they happen.
#pragma once

#include <cstdint>
#include <map>
#include <roaring/roaring.hh>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "platform/database.hpp"

namespace sinergi::analytics {

class NameIndex {
 public:
    using Bitmap = Roaring;

    // Reads every (token, person) row of person_name_tokens; `household_of` maps a person id to its household id.
    void Load(db::Connection& connection, const std::vector<std::uint32_t>& household_of);

    // Replaces the tokens person `person` carries. Household bitmaps are brought up to date by Finish().
    void SetPersonTokens(std::uint32_t person, std::span<const std::string> tokens);
    // Recomputes, from `household_of`, the household bitmap of every token whose persons changed since the last call
    // and of every token of the persons in `moved` (who changed household).
    void Finish(const std::vector<std::uint32_t>& household_of, std::span<const std::uint32_t> moved);

    // The persons (households) carrying a token that starts with `prefix`.
    Bitmap PersonsWithPrefix(std::string_view prefix) const;
    Bitmap HouseholdsWithPrefix(std::string_view prefix) const;

    std::size_t token_count() const { return entries_.size(); }
    std::size_t MemoryBytes() const;

 private:
    struct Entry {
        Bitmap persons;
        Bitmap households;
        bool stale = false;  // persons changed since households was computed
    };
    std::uint32_t TokenId(std::string_view token);
    std::span<const std::uint32_t> TokensOf(std::uint32_t person) const;
    void RecomputeHouseholds(Entry& entry, const std::vector<std::uint32_t>& household_of);
    // The union of one of the entries' bitmaps over every token starting with `prefix`.
    Bitmap UnionWithPrefix(std::string_view prefix, Bitmap Entry::*which) const;
    template <typename Visit>
    void ForEachWithPrefix(std::string_view prefix, Visit&& visit) const;

    std::map<std::string, std::uint32_t, std::less<>> ids_;  // sorted, so a prefix is one range
    std::vector<Entry> entries_;
    // Each person's token ids: pool_[first_[p] .. first_[p] + count_[p]). A change appends a new run and abandons the
    // old one; a full Load compacts.
    std::vector<std::uint32_t> pool_;
    std::vector<std::uint32_t> first_;
    std::vector<std::uint16_t> count_;
    std::vector<std::uint32_t> stale_;  // token ids marked stale
};

}  // namespace sinergi::analytics
