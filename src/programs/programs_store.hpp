// The programmes' SQL, and nothing else; every value is a bound parameter.
#pragma once

#include <optional>
#include <string>

#include "programs/programs_service.hpp"

namespace sinergi::programs::store {

// Inserts the programme with its stages; returns its id.
std::int64_t Insert(db::Connection& c, const Program& program);
// Writes every column and the stages; false when the row is no longer at `expected_version`.
bool Update(db::Connection& c, const Program& program, std::int64_t expected_version);
std::optional<Program> Find(db::Connection& c, std::int64_t id);
identity::Page<Program> List(db::Connection& c, const ProgramFilter& filter, const PageRequest& page);
// Whether some programme has this code (a new one may not; a rule may name only existing ones).
bool CodeExists(db::Connection& c, std::string_view code);
bool AgencyExists(db::Connection& c, std::int64_t agency_id);

}  // namespace sinergi::programs::store
