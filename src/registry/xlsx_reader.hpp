// Reads the rows of the first worksheet of an .xlsx workbook (Office Open XML), one row at a time, for imports.
// libzip opens the archive and expat stream-parses the XML, so memory holds the shared-string table (XLSX stores
// every distinct text once there and cells point into it, so it must be at hand) plus one chunk of the sheet, never
// the whole sheet. Like the CSV reader it never guesses: a damaged archive or sheet is reported once, with the row
// where reading stopped, in words the person who saved the file can act on.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "platform/error.hpp"

namespace sinergi::registry {

enum class XlsxCellKind {
    kEmpty,
    kText,     // a shared or inline string
    kNumber,   // a number (dates are numbers too: days since 1900 or 1904, see ExcelSerialToIsoDate)
    kBool,     // "1" or "0"
    kFormula,  // the cell holds a formula; `value` is the result the saving program cached, possibly none
    kError,    // an Excel error value such as #N/A or #REF!
};

struct XlsxCell {
    XlsxCellKind kind = XlsxCellKind::kEmpty;
    std::string value;  // text as written; numbers exactly as the file spells them ("36.5", "44197", "3.3E+15")
};

struct XlsxRow {
    std::int64_t number = 0;      // 1-based row number as Excel shows it
    std::vector<XlsxCell> cells;  // index = column (A = 0); columns after the last non-empty cell may be absent
};

struct XlsxProblem {
    std::optional<std::int64_t> row;  // the row being read when reading stopped, if any
    LocalizedText message;
};

class XlsxReader {
 public:
    // Opens the workbook and reads its shared strings; a problem is in problem() and Next() then returns false.
    explicit XlsxReader(const std::filesystem::path& path);
    ~XlsxReader();
    XlsxReader(const XlsxReader&) = delete;
    XlsxReader& operator=(const XlsxReader&) = delete;

    // Reads the next row that has at least one cell element. False at the end of the sheet or on a problem.
    bool Next(XlsxRow& row);
    // Starts again at the first row; the shared strings are kept, so a second pass costs only the sheet.
    void Restart();
    const std::optional<XlsxProblem>& problem() const;
    // True when the workbook counts dates from 1904 (old Mac Excel) instead of 1900.
    bool date1904() const;
    // Uncompressed bytes of the sheet read so far and in all, for a progress bar.
    std::int64_t bytes_read() const;
    std::int64_t total_bytes() const;

    struct State;

 private:
    std::unique_ptr<State> state_;
};

// The 0-based column of a cell reference: "A7" → 0, "AB12" → 27; nullopt for a malformed reference or a column
// past Excel's last (XFD).
std::optional<std::size_t> ColumnIndexOf(std::string_view cell_reference);
// The column letters Excel shows for a 0-based index: 0 → "A", 27 → "AB".
std::string ColumnLetters(std::size_t index);
// The calendar date (YYYY-MM-DD) of an Excel date serial number; the time of day is dropped. In the 1900 system
// Excel counts a 29 February 1900 that never was (serial 60), which has no date. Nullopt outside 1900-01-01 …
// 9999-12-31.
std::optional<std::string> ExcelSerialToIsoDate(double serial, bool date1904);

}  // namespace sinergi::registry
