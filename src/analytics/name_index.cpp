#include "analytics/name_index.hpp"

#include <algorithm>
#include <limits>

#include "platform/error.hpp"

namespace sinergi::analytics {

namespace {

NameIndex::Bitmap FromSorted(const std::vector<std::uint32_t>& sorted) {
    NameIndex::Bitmap bitmap(sorted.size(), sorted.data());
    bitmap.runOptimize();
    return bitmap;
}

}  // namespace

std::uint32_t NameIndex::TokenId(std::string_view token) {
    if (auto it = ids_.find(token); it != ids_.end()) {
        return it->second;
    }
    const auto id = static_cast<std::uint32_t>(entries_.size());
    ids_.emplace(std::string(token), id);
    entries_.emplace_back();
    return id;
}

std::span<const std::uint32_t> NameIndex::TokensOf(std::uint32_t person) const {
    if (person >= first_.size()) {
        return {};
    }
    return {pool_.data() + first_[person], count_[person]};
}

void NameIndex::Load(db::Connection& connection, const std::vector<std::uint32_t>& household_of) {
    *this = NameIndex();
    // The covering index (token, person_id) hands the rows over token by token, each token's persons in order.
    std::vector<std::pair<std::uint32_t, std::uint32_t>> person_tokens;  // (person, token id)
    std::vector<std::uint32_t> persons;
    std::string current;
    std::uint32_t current_id = 0;
    const auto flush = [&] {
        if (!persons.empty()) {
            persons.erase(std::unique(persons.begin(), persons.end()), persons.end());
            entries_[current_id].persons = FromSorted(persons);
            persons.clear();
        }
    };
    connection.ForEach("SELECT token, person_id FROM person_name_tokens ORDER BY token, person_id", {},
                       [&](const db::Row& row) {
                           auto token = row.Text(0);
                           if (entries_.empty() || token != current) {
                               flush();
                               current = std::move(token);
                               current_id = TokenId(current);
                           }
                           const auto person = row.Int(1);
                           SINERGI_INVARIANT(person > 0 && person < std::numeric_limits<std::uint32_t>::max());
                           persons.push_back(static_cast<std::uint32_t>(person));
                           person_tokens.emplace_back(static_cast<std::uint32_t>(person), current_id);
                       });
    flush();

    std::sort(person_tokens.begin(), person_tokens.end());
    person_tokens.erase(std::unique(person_tokens.begin(), person_tokens.end()), person_tokens.end());
    const std::uint32_t slots = person_tokens.empty() ? 0 : person_tokens.back().first + 1;
    first_.assign(slots, 0);
    count_.assign(slots, 0);
    pool_.reserve(person_tokens.size());
    for (const auto& [person, token] : person_tokens) {
        if (count_[person] == 0) {
            first_[person] = static_cast<std::uint32_t>(pool_.size());
        }
        pool_.push_back(token);
        SINERGI_INVARIANT(count_[person] < std::numeric_limits<std::uint16_t>::max());
        ++count_[person];
    }
    for (auto& entry : entries_) {
        RecomputeHouseholds(entry, household_of);
    }
}

void NameIndex::SetPersonTokens(std::uint32_t person, std::span<const std::string> tokens) {
    std::vector<std::uint32_t> ids;
    ids.reserve(tokens.size());
    for (const auto& token : tokens) {
        ids.push_back(TokenId(token));
    }
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    const auto old = TokensOf(person);
    if (std::equal(old.begin(), old.end(), ids.begin(), ids.end())) {
        return;  // the same name: nothing to move (a change of household reaches Finish through `moved`)
    }
    for (const auto id : old) {
        entries_[id].persons.remove(person);
        entries_[id].stale = true;
        stale_.push_back(id);
    }
    for (const auto id : ids) {
        entries_[id].persons.add(person);
        entries_[id].stale = true;
        stale_.push_back(id);
    }
    if (person >= first_.size()) {
        first_.resize(static_cast<std::size_t>(person) + 1, 0);
        count_.resize(static_cast<std::size_t>(person) + 1, 0);
    }
    SINERGI_INVARIANT(ids.size() < std::numeric_limits<std::uint16_t>::max());
    first_[person] = static_cast<std::uint32_t>(pool_.size());
    count_[person] = static_cast<std::uint16_t>(ids.size());
    pool_.insert(pool_.end(), ids.begin(), ids.end());
}

void NameIndex::Finish(const std::vector<std::uint32_t>& household_of, std::span<const std::uint32_t> moved) {
    for (const auto person : moved) {
        for (const auto id : TokensOf(person)) {
            stale_.push_back(id);
            entries_[id].stale = true;
        }
    }
    for (const auto id : stale_) {
        if (entries_[id].stale) {
            RecomputeHouseholds(entries_[id], household_of);
        }
    }
    stale_.clear();
}

void NameIndex::RecomputeHouseholds(Entry& entry, const std::vector<std::uint32_t>& household_of) {
    std::vector<std::uint32_t> persons(entry.persons.cardinality());
    entry.persons.toUint32Array(persons.data());
    std::vector<std::uint32_t> households;
    households.reserve(persons.size());
    for (const auto person : persons) {
        if (person < household_of.size() && household_of[person] != 0) {
            households.push_back(household_of[person]);
        }
    }
    std::sort(households.begin(), households.end());
    households.erase(std::unique(households.begin(), households.end()), households.end());
    entry.households = FromSorted(households);
    entry.persons.runOptimize();
    entry.stale = false;
}

template <typename Visit>
void NameIndex::ForEachWithPrefix(std::string_view prefix, Visit&& visit) const {
    for (auto it = ids_.lower_bound(prefix); it != ids_.end() && it->first.starts_with(prefix); ++it) {
        visit(entries_[it->second]);
    }
}

NameIndex::Bitmap NameIndex::UnionWithPrefix(std::string_view prefix, Bitmap Entry::*which) const {
    std::vector<const Bitmap*> parts;
    ForEachWithPrefix(prefix, [&parts, which](const Entry& entry) { parts.push_back(&(entry.*which)); });
    if (parts.empty()) {
        return {};
    }
    return parts.size() == 1 ? *parts.front() : Bitmap::fastunion(parts.size(), parts.data());
}

NameIndex::Bitmap NameIndex::PersonsWithPrefix(std::string_view prefix) const {
    return UnionWithPrefix(prefix, &Entry::persons);
}

NameIndex::Bitmap NameIndex::HouseholdsWithPrefix(std::string_view prefix) const {
    return UnionWithPrefix(prefix, &Entry::households);
}

std::size_t NameIndex::MemoryBytes() const {
    std::size_t bytes = pool_.capacity() * sizeof(std::uint32_t) + first_.capacity() * sizeof(std::uint32_t) +
                        count_.capacity() * sizeof(std::uint16_t);
    for (const auto& [token, id] : ids_) {
        bytes += 64 + token.capacity();  // a map node with its key
    }
    for (const auto& entry : entries_) {
        bytes += sizeof(Entry) + entry.persons.getSizeInBytes(false) + entry.households.getSizeInBytes(false);
    }
    return bytes;
}

}  // namespace sinergi::analytics
