#include "linkage/clustering.hpp"

#include <algorithm>
#include <numeric>

namespace sinergi::linkage {

namespace {

class UnionFind {
 public:
    explicit UnionFind(std::size_t n) : parent_(n), members_(n) {
        std::iota(parent_.begin(), parent_.end(), 0U);
        for (std::uint32_t i = 0; i < n; ++i) {
            members_[i] = {i};
        }
    }
    std::uint32_t Find(std::uint32_t x) {
        while (parent_[x] != x) {
            parent_[x] = parent_[parent_[x]];
            x = parent_[x];
        }
        return x;
    }
    const std::vector<std::uint32_t>& Members(std::uint32_t root) const { return members_[root]; }
    // Joins two roots; the larger cluster absorbs the smaller's member list.
    void Join(std::uint32_t a, std::uint32_t b) {
        if (members_[a].size() < members_[b].size()) {
            std::swap(a, b);
        }
        parent_[b] = a;
        members_[a].insert(members_[a].end(), members_[b].begin(), members_[b].end());
        members_[b].clear();
        members_[b].shrink_to_fit();
    }

 private:
    std::vector<std::uint32_t> parent_;
    std::vector<std::vector<std::uint32_t>> members_;
};

}  // namespace

Clusters ClusterRecords(const RecordSet& records, const MatchModel& model, std::vector<MatchEdge> edges,
                        const ClusterOptions& options) {
    const auto n = records.size();
    UnionFind sets(n);
    Clusters out;
    std::sort(edges.begin(), edges.end(), [](const MatchEdge& x, const MatchEdge& y) {
        return x.weight != y.weight ? x.weight > y.weight : (x.a != y.a ? x.a < y.a : x.b < y.b);
    });
    const auto is_left = [&](std::uint32_t record) { return record < records.left_count; };
    for (const auto& edge : edges) {
        const auto root_a = sets.Find(edge.a);
        const auto root_b = sets.Find(edge.b);
        if (root_a == root_b) {
            continue;
        }
        const auto& members_a = sets.Members(root_a);
        const auto& members_b = sets.Members(root_b);
        bool allowed = members_a.size() + members_b.size() <= options.max_cluster_size;
        if (allowed && (options.left_clean || options.right_clean) && records.left_count < n) {
            const auto lefts = std::count_if(members_a.begin(), members_a.end(), is_left) +
                               std::count_if(members_b.begin(), members_b.end(), is_left);
            const auto rights = static_cast<std::int64_t>(members_a.size() + members_b.size()) - lefts;
            allowed = !(options.left_clean && lefts > 1) && !(options.right_clean && rights > 1);
        }
        // Two single records are joined by their own pair; larger clusters must agree across every cross pair.
        if (allowed && (members_a.size() > 1 || members_b.size() > 1)) {
            for (std::size_t i = 0; i < members_a.size() && allowed; ++i) {
                for (std::size_t j = 0; j < members_b.size() && allowed; ++j) {
                    const auto x = std::min(members_a[i], members_b[j]);
                    const auto y = std::max(members_a[i], members_b[j]);
                    allowed = MatchModel::Probability(model.Weight(ComparePair(records, x, y), x, y)) >=
                              options.review_probability;
                }
            }
        }
        if (allowed) {
            sets.Join(root_a, root_b);
            ++out.joins;
        } else {
            ++out.refused_joins;
        }
    }
    out.cluster_of.resize(n);
    for (std::uint32_t r = 0; r < n; ++r) {
        const auto root = sets.Find(r);
        const auto& members = sets.Members(root);
        out.cluster_of[r] = *std::min_element(members.begin(), members.end());
    }
    return out;
}

}  // namespace sinergi::linkage
