// Eligibility rules: the JSON criteria language a programme uses to say which households it is for (issue 4,
// item 2). This unit owns the language — parsing and validating a rule with errors that name their place, its
// canonical JSON form, evaluating it against one household with its members, and explaining every verdict in
// Indonesian and English. It is a pure library: no HTTP, no database; programmes, preview and enrolment build on it.
// The language is documented for rule authors in docs/eligibility-rules.md.
#pragma once

#include <compare>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/value.hpp>

#include "platform/error.hpp"
#include "registry/registry_service.hpp"

namespace sinergi::programs {

// What a rule may ask beyond the household itself.
struct EligibilityContext {
    std::string as_of;  // YYYY-MM-DD: ages are computed on this date
    // Whether the household (any member, for person-level programmes) is actively enrolled in the programme with this
    // code. Needed only when the rule uses enrolled_in.
    std::function<bool(std::string_view program_code)> enrolled_in;
};

struct EligibilityVerdict {
    bool eligible = false;
    std::vector<LocalizedText> reasons;  // the conditions that decided it, in rule order, Indonesian and English
};

// A validated, compiled rule. Immutable once parsed: copies share the compiled form and may be evaluated from many
// threads at once.
class EligibilityRule {
 public:
    // Validates `json`; every problem goes to `report` naming its place, e.g. "eligibility_rule.all[1].value", with a
    // code PRG-21xx and a message in Indonesian and English. `known_program` says whether an enrolled_in code exists
    // (not checked when empty). Returns nullopt exactly when it added an issue.
    static std::optional<EligibilityRule> Parse(const boost::json::value& json, ValidationReport& report,
                                                std::string_view path = "eligibility_rule",
                                                const std::function<bool(std::string_view)>& known_program = {});

    // The verdict with the facts that decided it. `household.members` must be filled.
    EligibilityVerdict Evaluate(const registry::Household& household, const EligibilityContext& context) const;
    // The same verdict without building reasons: allocates nothing, for scanning a whole register.
    bool Matches(const registry::Household& household, const EligibilityContext& context) const;

    // Canonical form: Parse(ToJson()) gives an equal rule and the same ToJson.
    boost::json::value ToJson() const;
    // The rule as a sentence, e.g. "desil ≤ 4 dan sedikitnya 1 anggota: berumur 6–18 tahun".
    LocalizedText Describe() const;

    // What the rule reads, so callers load only that: household fields (village_code for region conditions), person
    // fields (birth_date for age; life_status whenever members are counted), in catalogue order; and the programme
    // codes named by enrolled_in, in rule order without repeats.
    const std::vector<std::string_view>& HouseholdFieldsRead() const;
    const std::vector<std::string_view>& PersonFieldsRead() const;
    const std::vector<std::string>& ProgramsRead() const;

    // The compiled rule's tree, for evaluators that answer it for whole sets of households at once.
    class Node;
    Node Root() const;

    struct Compiled;  // defined in eligibility.cpp; named here only so the helpers there can reach it

 private:
    explicit EligibilityRule(std::shared_ptr<const Compiled> compiled) : compiled_(std::move(compiled)) {}

    std::shared_ptr<const Compiled> compiled_;
};

// One condition of a compiled rule, read-only. A set evaluator (the analytics snapshot) walks these and must give
// exactly the verdict Matches gives: it decides single values with Accepts, which is Matches' own test, and follows
// Matches' conventions — members are counted among living members only (no life status, or "alive"), a region
// matches a village code equal to it or below it, age is AgeOn(birth_date, as_of).
class EligibilityRule::Node {
 public:
    enum class Kind : std::uint8_t { kAll, kAny, kNot, kField, kRegion, kMembers, kEnrolledIn };

    Kind kind() const;
    // all/any: the parts; not: the one negated; members: the where rule if it has one; otherwise empty.
    std::vector<Node> Children() const;
    // field: the catalogue name of the household or member field, or "age" (derived from birth_date).
    std::string_view field() const;
    bool age() const;
    // field: whether `value` (nullptr when not recorded) satisfies the condition.
    bool Accepts(const db::Value* value) const;
    // region: the region codes, any level.
    std::vector<std::string_view> Regions() const;
    // members: the count of matching living members must lie in [at_least, at_most].
    std::int64_t at_least() const;
    std::int64_t at_most() const;
    // enrolled_in: the programme code.
    std::string_view program_code() const;

 private:
    friend class EligibilityRule;
    Node(const Compiled* compiled, std::uint32_t index) : compiled_(compiled), index_(index) {}

    const Compiled* compiled_;
    std::uint32_t index_;
};

// Whole years completed on `as_of` (YYYY-MM-DD) by someone born on `birth_date`; nullopt when either is not a date
// or the birth is after `as_of`. Someone born on 29 February turns a year older on 1 March in common years.
std::optional<std::int64_t> AgeOn(std::string_view birth_date, std::string_view as_of);

// How a rule compares two stored values: numbers across integer and real (integers exactly), texts with texts;
// values of different kinds are unordered.
std::partial_ordering CompareValues(const db::Value& a, const db::Value& b);

// Fields that single out a household or person (KK number, address, NIK, name, birth place): a rule may only ask
// whether they are recorded.
bool IsIdentifyingField(std::string_view name);

// Whether a member with this life status counts in members conditions.
bool CountsAsLiving(const db::Value* life_status);

// A verdict as one line for a list or a letter: "layak: desil 2 ≤ 4; …" / "eligible: desil 2 ≤ 4; …".
LocalizedText Summarise(const EligibilityVerdict& verdict);

}  // namespace sinergi::programs
