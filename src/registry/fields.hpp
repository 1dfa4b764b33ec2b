// The register's attribute catalogue: every household and person field with its type and allowed values, in one
// table that drives validation, storage columns, JSON, change history and (later) import columns. Values are the
// codes used in Indonesian data (e.g. floor material "tanah"); labels live in the web UI.
#pragma once

#include <initializer_list>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include "platform/database.hpp"
#include "platform/error.hpp"

namespace sinergi::registry {

enum class FieldType { kText, kEnum, kInt, kReal, kBool, kDate };

struct FieldSpec {
    std::string_view name;  // API member and database column
    FieldType type = FieldType::kText;
    std::span<const std::string_view> values;  // kEnum: the allowed codes
    double min = 0;                            // kInt/kReal: range; kText: max length in `max`
    double max = 0;
    bool required = false;
};

// Household attributes a person may set (not id, status, version, head: those have their own operations).
std::span<const FieldSpec> HouseholdFields();
// Person attributes a person may set (not id, household, version).
std::span<const FieldSpec> PersonFields();
const FieldSpec* FindField(std::span<const FieldSpec> fields, std::string_view name);

using FieldValues = std::map<std::string, db::Value, std::less<>>;

// Reads `value` for `spec` from JSON; adds an issue (named `field_path`) and returns nullopt when it does not fit.
// JSON null gives SQL NULL (allowed unless the field is required).
std::optional<db::Value> ReadField(const FieldSpec& spec, const boost::json::value& value, std::string_view field_path,
                                   ValidationReport& report);
// Reads a text value (as in an import file) for `spec`; empty text is NULL.
std::optional<db::Value> ReadFieldText(const FieldSpec& spec, std::string_view text, std::string_view field_path,
                                       std::optional<std::int64_t> row, ValidationReport& report);
boost::json::value ToJson(const db::Value& value, FieldType type);
// Reads every member of `object` as a field of `specs` (path prefixed for messages, e.g. "members[1]."); members
// named in `allowed_extra` are skipped, any other unknown member is reported.
FieldValues ReadFields(const boost::json::object& object, std::span<const FieldSpec> specs,
                       std::string_view path_prefix, std::initializer_list<std::string_view> allowed_extra,
                       ValidationReport& report);
// The JSON object of `values` (catalogue types: booleans as JSON booleans).
boost::json::object FieldsJson(std::span<const FieldSpec> specs, const FieldValues& values);

}  // namespace sinergi::registry
