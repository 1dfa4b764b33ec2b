// Helpers shared by the register's service files (registry_service.cpp, change_requests.cpp); not for other modules.
#pragma once

#include <chrono>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "registry/registry_service.hpp"

namespace sinergi::registry::detail {

std::optional<std::string> TextOf(const FieldValues& fields, std::string_view name);
std::string WarningsJson(const std::vector<std::string>& warnings);
// The field-level record of a create (`before` null: every value set) or a change (before → after).
std::string ChangesJson(std::span<const FieldSpec> specs, const FieldValues* before, const FieldValues& after);
std::optional<std::chrono::year_month_day> DateOf(const FieldValues& fields, std::string_view name);
std::optional<Sex> SexOf(const FieldValues& fields);
Error NotFound(std::string_view what_id, std::string_view what_en, std::int64_t id);

}  // namespace sinergi::registry::detail
