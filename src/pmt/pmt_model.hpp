// The Proxy Means Test model (issue 4, item 5), free of storage: the weights file (docs/pmt.md) that says how much each
// household attribute moves the logarithm of consumption per capita, the estimate for one household with the terms
// that drove it, and the ranking of estimates into desil 1-10. The service (pmt_service.hpp) feeds it the register.
//
//   log(consumption per capita, rupiah a month) = intercept + Σ term(variable's value for the household)
//
// A term is a category weight (the code's weight; codes not listed weigh 0, the reference), a flag weight (when true),
// a number times a weight (optionally capped, optionally of its natural logarithm) or bands of a number (the weight of
// the last band the value reaches). A variable the register does not hold for a household counts 0 and is listed as
// missing.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "platform/database.hpp"
#include "platform/error.hpp"

namespace sinergi::pmt {

enum class VariableKind {
    kCategory,  // a code of the register's catalogue (floor material, head's education, …)
    kFlag,      // yes/no (owns a motorcycle, …)
    kNumber,    // a count or a measure (household size, floor area per person, …)
};

// One thing about a household the weights may use: a household attribute of the register's catalogue
// (registry/fields.cpp) or one derived from the members (household_size, dependants_share, head_education,
// members_working) or from both (floor_area_per_capita).
enum class Derived { kNone, kHouseholdSize, kDependantsShare, kHeadEducation, kMembersWorking, kFloorAreaPerCapita };

struct Variable {
    std::string_view name;
    VariableKind kind;
    std::string_view label_id;
    std::string_view label_en;
    bool always_positive = false;  // kNumber: never 0 or less, so its logarithm may be taken
    int attribute = -1;            // index in HouseholdAttributeNames(); -1 when derived
    Derived derived = Derived::kNone;
};

// Every variable, in the order docs/pmt.md lists them.
std::span<const Variable> Variables();
const Variable* FindVariable(std::string_view name);
// The codes a category variable takes (from the register's catalogue).
std::span<const std::string_view> CategoryCodes(const Variable& variable);

enum class Transform { kLinear, kLog };

struct Band {
    double from = 0;
    double weight = 0;
};

struct Term {
    const Variable* variable = nullptr;
    std::map<std::string, double, std::less<>> category_weights;  // kCategory
    double weight = 0;                                            // kFlag; kNumber without bands
    Transform transform = Transform::kLinear;                     // kNumber without bands
    std::optional<double> cap;                                    // kNumber: the value counts up to this much
    std::vector<Band> bands;                                      // kNumber: ascending `from`
};

// A weights file, checked. Its `note` travels with every estimate shown, so people read whether the weights are
// official or, like the shipped default, only illustrative.
struct Weights {
    std::string version;
    std::string note;
    double intercept = 0;
    std::vector<Term> terms;

    // Checks `json_text` against the format of docs/pmt.md. Every mistake goes to `report`, its field the JSON path
    // ("terms[3].weights.tanahh"); broken JSON is one issue naming its line and column. nullopt when any mistake.
    static std::optional<Weights> Parse(std::string_view json_text, ValidationReport& report);
    // The illustrative default compiled into the binary (data/pmt/default-weights.json).
    static Weights Default();
    // Reads and checks `file`; throws a validation error listing every mistake (field = JSON path) when it is not a
    // valid weights file.
    static Weights Load(const std::filesystem::path& file);
};

// The register's facts about one household that the model reads.
struct MemberFacts {
    std::optional<std::string> birth_date;  // YYYY-MM-DD
    std::optional<std::string> education_level;
    std::optional<std::string> work_status;
    bool head = false;
};

// The household attributes a weights file can name directly (in the order of the register's catalogue).
std::span<const std::string_view> HouseholdAttributeNames();

struct HouseholdFacts {
    // The register's values (codes, numbers, 0/1 flags; NULL when not known), one per HouseholdAttributeNames().
    std::vector<db::Value> attributes = std::vector<db::Value>(HouseholdAttributeNames().size());
    std::vector<MemberFacts> members;  // living members only

    // Sets the attribute `name` (one of HouseholdAttributeNames(); others are ignored).
    void Set(std::string_view name, db::Value value);
};

// A variable's value for one household: a code, a flag, a number, or nothing known.
using VariableValue = std::variant<std::monostate, std::string, bool, double>;

struct Contribution {
    const Variable* variable = nullptr;
    VariableValue value;
    double contribution = 0;  // in log points: +0.10 means about 10.5 % more consumption per person
};

struct Estimate {
    double log_consumption = 0;
    std::int64_t consumption_per_capita = 0;  // rupiah a month, rounded
    std::vector<Contribution> contributions;  // one per term, in the weights' order
    std::vector<const Variable*> missing;     // variables the weights use that this household lacks
};

// Consumption per capita of one household with living members, on `as_of` (YYYY-MM-DD: ages are counted to it).
Estimate EstimateHousehold(const Weights& weights, const HouseholdFacts& household, std::string_view as_of);

// The `count` terms with the largest absolute contribution, largest first (zero contributions left out; among equal
// ones the weights' order).
std::vector<Contribution> TopContributions(const Estimate& estimate, std::size_t count);

// Desil 1-10 of each value (log consumption per capita), in input order: the values are ranked from the poorest up and
// cut into ten groups of equal size, desil = 1 + floor(10 × position / n) with positions counted from 0. Values that
// are exactly equal share the position of the first of them, so a tie never spreads over two desil: the poorer one
// takes them all (the benefit of the doubt goes to the household).
std::vector<int> RankIntoDesil(std::span<const double> values);

}  // namespace sinergi::pmt
