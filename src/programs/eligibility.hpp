// Eligibility rules: the JSON criteria language a programme uses to say which households it is for (issue 4,
// item 2). This unit owns the language — parsing and validating a rule with errors that name their place, its
// canonical JSON form, evaluating it against one household with its members, and explaining every verdict in
// Indonesian and English. It is a pure library: no HTTP, no database; programmes, preview and enrolment build on it.
// The language is documented for rule authors in docs/eligibility-rules.md.
#pragma once

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

    struct Compiled;  // defined in eligibility.cpp; named here only so the helpers there can reach it

 private:
    explicit EligibilityRule(std::shared_ptr<const Compiled> compiled) : compiled_(std::move(compiled)) {}

    std::shared_ptr<const Compiled> compiled_;
};

// A verdict as one line for a list or a letter: "layak: desil 2 ≤ 4; …" / "eligible: desil 2 ≤ 4; …".
LocalizedText Summarise(const EligibilityVerdict& verdict);

}  // namespace sinergi::programs
