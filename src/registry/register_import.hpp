// The register import pipeline (issue 3, item 7). A CSV (UTF-8) or XLSX file holds one row per person with the
// household's columns repeated on every member's row, under Indonesian column names (docs/formats/register-import.md
// is the reference for the people who make such files). The pipeline is
//
//   read ──► check each row ──► group rows into households by no_kk ──► check each household against the register
//        ──► write, in one transaction ──► report
//
// and it never half-imports: by default any refused row means nothing is committed; with `partial` every household
// whose rows are all valid goes in and a household with any bad row is left out whole. The report names each refused
// row with its column, a stable code and a message in Indonesian and English.
//
// Streaming, two passes over the file:
//   1. Check: every row is read once and checked alone (cells, types, codes, dates, NIK and KK numbers, formula-like
//      cells, cell count). Kept per row: nothing but a bit "bad". Kept for the whole file: each NIK (8 bytes + its
//      row) to find NIKs used twice, and each run of consecutive rows with the same no_kk (8 bytes + last row) to
//      find households whose rows are spread over the file.
//   2. Households: the file is read again and rows are gathered into households. When a household's rows are
//      consecutive (the usual export) only that household is in memory; a household whose rows are spread out is held
//      from its first row until its last one (known from pass 1), so memory grows only with how far apart members
//      are. Each complete household is checked as a whole (RegistryService::Validate: village known, one head, NIK not
//      already held by a living person) and, if it may be written, queued; every 256 queued households are written
//      together (RegistryService::WriteQueued, multi-row inserts) inside the one write transaction.
//      Nothing is committed before every row and household has been checked; the transaction then commits (all
//      valid, or `partial`) or rolls back.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <iosfwd>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "identity/identity_service.hpp"
#include "platform/database.hpp"
#include "platform/error.hpp"
#include "registry/registry_service.hpp"

namespace sinergi::registry {

// One column an import file may have.
struct RegisterImportColumn {
    std::string_view name;   // the Indonesian column name in the file's header
    bool household = false;  // a household column (the same on every member's row) rather than a person's
    std::string_view field;  // the attribute catalogue's field it fills (fields.hpp)
    bool required = false;   // the header must name it
};

// Every column, in the order docs/formats/register-import.md lists them; together they cover the whole catalogue.
std::span<const RegisterImportColumn> RegisterImportColumns();

// The word an import file uses for a stored life status (alive → hidup, deceased → meninggal, moved_out → pindah).
std::string_view LifeStatusWord(std::string_view stored);

struct RegisterImportOptions {
    bool partial = false;                   // import the valid households even when others are refused
    std::string reason = "Impor register";  // recorded on every create event
};

enum class ImportPhase {
    kChecking,  // pass 1; done/total in bytes of the file (XLSX: of the uncompressed sheet)
    kWriting,   // pass 2; done/total in data rows
};
using ImportProgressFn = std::function<void(ImportPhase phase, std::int64_t done, std::int64_t total)>;

struct RegisterImportResult {
    std::int64_t rows_read = 0;     // data rows read (the header and blank rows not counted)
    std::int64_t rows_refused = 0;  // distinct rows named in `issues`
    std::int64_t households_imported = 0;
    std::int64_t persons_imported = 0;
    bool committed = false;  // something was written; false whenever nothing was
    // Reading ended early at this row (broken quoting, invalid text, a damaged XLSX): the rows after it were not read.
    std::optional<std::int64_t> stopped_at_row;
    // Sorted by row; within a row cell problems come first, then whole-file and household ones. An issue without a row
    // concerns the whole file.
    std::vector<Issue> issues;
};

class RegisterImporter {
 public:
    RegisterImporter(db::Database& db, RegistryService& registry, identity::IdentityService& identity);

    // Imports `file` (CSV or XLSX, told apart by content, not by name). Expected problems, including an unreadable
    // file, are in the result; only a caller without the right to write the register, or a failing database, throws.
    // The import is audited, succeeded or not.
    RegisterImportResult Import(const identity::Caller& caller, const std::filesystem::path& file,
                                const RegisterImportOptions& options, const ImportProgressFn& progress = {});

 private:
    db::Database& db_;
    RegistryService& registry_;
    identity::IdentityService& identity_;
};

// Writes the report as CSV (UTF-8 with a byte-order mark, so spreadsheet programs show the Indonesian text right):
// columns row, column, code, message_id, message_en; one line per issue. Cells that a spreadsheet would run as a
// formula are prefixed with an apostrophe.
void WriteImportReport(std::ostream& out, const std::vector<Issue>& issues);

}  // namespace sinergi::registry
