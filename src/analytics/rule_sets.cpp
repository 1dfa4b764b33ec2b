#include "analytics/rule_sets.hpp"

#include <algorithm>
#include <limits>

#include "platform/error.hpp"

namespace sinergi::analytics {

namespace {

using RuleNode = programs::EligibilityRule::Node;
using Kind = RuleNode::Kind;

class SetEvaluator {
 public:
    SetEvaluator(const Snapshot& snapshot, const std::string& as_of) : snapshot_(snapshot), as_of_(as_of) {}

    Bitmap Households(const RuleNode& node, const Bitmap& universe) const {
        switch (node.kind()) {
            case Kind::kAll:
            case Kind::kAny:
            case Kind::kNot:
                return Combine(node, universe,
                               [this](const RuleNode& part, const Bitmap& within) { return Households(part, within); });
            case Kind::kField: {
                const auto* column = snapshot_.household_column(node.field());
                SINERGI_INVARIANT(column != nullptr);
                return column->Select(universe, [&node](const db::Value* value) { return node.Accepts(value); });
            }
            case Kind::kRegion: {
                Bitmap selected;
                for (const auto region : node.Regions()) {
                    selected |= snapshot_.ActiveIn(region);
                }
                selected &= universe;
                return selected;
            }
            case Kind::kMembers:
                return Members(node, universe);
            case Kind::kEnrolledIn: {
                const auto* program = snapshot_.FindProgramByCode(node.program_code());
                return program != nullptr ? program->households & universe : Bitmap();
            }
        }
        return {};
    }

 private:
    // all / any / not over the sets `evaluate` gives for the parts: households or members alike.
    template <typename Evaluate>
    static Bitmap Combine(const RuleNode& node, const Bitmap& universe, Evaluate&& evaluate) {
        if (node.kind() == Kind::kNot) {
            return universe - evaluate(node.Children().front(), universe);
        }
        if (node.kind() == Kind::kAll) {
            auto selected = universe;
            for (const auto& part : node.Children()) {
                if (selected.isEmpty()) {
                    break;
                }
                selected = evaluate(part, selected);  // each part only looks at what is still in
            }
            return selected;
        }
        Bitmap selected;
        for (const auto& part : node.Children()) {
            auto rest = universe - selected;
            if (rest.isEmpty()) {
                break;
            }
            selected |= evaluate(part, rest);
        }
        return selected;
    }

    Bitmap Persons(const RuleNode& node, const Bitmap& universe) const {
        switch (node.kind()) {
            case Kind::kAll:
            case Kind::kAny:
            case Kind::kNot:
                return Combine(node, universe,
                               [this](const RuleNode& part, const Bitmap& within) { return Persons(part, within); });
            case Kind::kField: {
                if (node.age()) {
                    const auto* birth = snapshot_.person_column("birth_date");
                    SINERGI_INVARIANT(birth != nullptr);
                    return birth->Select(universe, [&](const db::Value* value) {
                        const auto* text = value != nullptr ? std::get_if<std::string>(value) : nullptr;
                        const auto age = text != nullptr ? programs::AgeOn(*text, as_of_) : std::nullopt;
                        if (!age) {
                            return node.Accepts(nullptr);
                        }
                        const db::Value years(*age);
                        return node.Accepts(&years);
                    });
                }
                const auto* column = snapshot_.person_column(node.field());
                SINERGI_INVARIANT(column != nullptr);
                return column->Select(universe, [&node](const db::Value* value) { return node.Accepts(value); });
            }
            default:
                SINERGI_ASSERT(false);  // the parser keeps household-only conditions out of members.where
                return {};
        }
    }

    // Households of `universe` with between at_least and at_most living members that match the where rule.
    Bitmap Members(const RuleNode& node, const Bitmap& universe) const {
        const auto where = node.Children();
        const auto members =
            where.empty() ? snapshot_.living_persons() : Persons(where.front(), snapshot_.living_persons());
        std::vector<std::uint16_t> counts(snapshot_.household_count() + 1, 0);
        for (const auto person : members) {
            const auto household = snapshot_.household_of(person);
            if (household < counts.size() && counts[household] < std::numeric_limits<std::uint16_t>::max()) {
                ++counts[household];
            }
        }
        std::vector<std::uint32_t> selected;
        selected.reserve(universe.cardinality());
        for (const auto household : universe) {
            const std::int64_t count = household < counts.size() ? counts[household] : 0;
            if (count >= node.at_least() && count <= node.at_most()) {
                selected.push_back(household);
            }
        }
        return {selected.size(), selected.data()};
    }

    const Snapshot& snapshot_;
    const std::string& as_of_;
};

}  // namespace

Bitmap SelectHouseholds(const Snapshot& snapshot, const programs::EligibilityRule& rule, const Bitmap& universe,
                        const std::string& as_of) {
    return SetEvaluator(snapshot, as_of).Households(rule.Root(), universe);
}

}  // namespace sinergi::analytics
