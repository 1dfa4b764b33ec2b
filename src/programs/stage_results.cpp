// Importing a stage's results (issue 4, item 4): the bank, post office or e-warong returns what happened to each line
// of a frozen list as a CSV file (docs/formats/stage-results.md). The pipeline is
//
//   read every row alone (cells, identifiers, status words) ──► match each row to a line of this stage and check the
//   change against the line's lifecycle, inside the write transaction ──► apply, in that transaction ──► report
//
// and it never half-applies: by default one bad row means nothing is recorded; with `partial` every valid row is
// recorded and exactly the rows named in the report are left out. Each line goes through StageService::CheckUpdate and
// ApplyUpdate, the code path of PATCH /api/v1/disbursements/{id}, and is audited as that PATCH is.
#include <algorithm>
#include <charconv>
#include <map>
#include <set>
#include <sstream>
#include <unordered_map>

#include <fmt/format.h>

#include "platform/csv_reader.hpp"
#include "platform/csv_writer.hpp"
#include "platform/text.hpp"
#include "programs/stages.hpp"

namespace sinergi::programs {

using identity::Caller;

namespace {

using std::string_view;

constexpr string_view kLineIdColumn = "id_penyaluran";
constexpr string_view kNikColumn = "nik";
constexpr string_view kStatusColumn = "status";
constexpr string_view kDateColumn = "tanggal";
constexpr string_view kChannelColumn = "saluran";
constexpr string_view kNoteColumn = "catatan";
constexpr string_view kColumns[] = {kLineIdColumn, kNikColumn, kStatusColumn, kDateColumn, kChannelColumn, kNoteColumn};
constexpr std::size_t kNoColumn = static_cast<std::size_t>(-1);

// A stage's list in a large regency runs to tens of thousands of lines; a file much longer than any list is the wrong
// file, and its report would be too long to read.
constexpr std::int64_t kMaxRows = 100'000;
// How many other rows a message names before it says "…".
constexpr std::size_t kRowsNamed = 5;

// The words a results file may use for a line's new status, Indonesian first; the stored status is English.
constexpr std::pair<string_view, string_view> kStatusWords[] = {
    {"dibayar", "paid"}, {"gagal", "failed"},  {"dikembalikan", "returned"},
    {"paid", "paid"},    {"failed", "failed"}, {"returned", "returned"},
};

bool IsTrimmed(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// Trims ASCII white space and the no-break spaces (U+00A0) that text copied from web pages carries.
string_view Trim(string_view text) {
    constexpr string_view kNoBreakSpace = "\xC2\xA0";
    for (;;) {
        if (!text.empty() && IsTrimmed(text.front())) {
            text.remove_prefix(1);
        } else if (text.starts_with(kNoBreakSpace)) {
            text.remove_prefix(kNoBreakSpace.size());
        } else if (!text.empty() && IsTrimmed(text.back())) {
            text.remove_suffix(1);
        } else if (text.ends_with(kNoBreakSpace)) {
            text.remove_suffix(kNoBreakSpace.size());
        } else {
            return text;
        }
    }
}

// Header names: case and surrounding spaces do not matter, and "Id Penyaluran" means id_penyaluran.
std::string HeaderKey(string_view text) {
    auto key = text::LowerAscii(Trim(text));
    std::replace(key.begin(), key.end(), ' ', '_');
    return key;
}

std::optional<std::int64_t> PositiveId(string_view text) {
    std::int64_t id = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
    if (ec != std::errc{} || end != text.data() + text.size() || id < 1) {
        return std::nullopt;
    }
    return id;
}

bool IsSixteenDigits(string_view text) {
    return text.size() == 16 && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string RowList(const std::vector<std::int64_t>& rows, std::int64_t except) {
    std::string out;
    std::size_t named = 0;
    for (auto row : rows) {
        if (row == except) {
            continue;
        }
        if (named == kRowsNamed) {
            out += ", …";
            break;
        }
        out += (named++ == 0 ? "" : ", ") + std::to_string(row);
    }
    return out;
}

// One data row as read, before it is matched to a line.
struct ResultRow {
    std::int64_t row = 0;
    bool bad = false;
    std::optional<std::int64_t> line_id;
    std::optional<std::string> nik;
    DisbursementUpdate update;
    const Disbursement* line = nullptr;  // the line it names, once matched
};

struct ResultsFile {
    std::vector<ResultRow> rows;
    std::optional<std::int64_t> header_row;      // when a usable header was read
    std::optional<std::int64_t> stopped_at_row;  // reading ended early here
};

// Reads the file into rows; every problem of the file, the header or a row read alone goes to `issues`.
class ResultsFileReader {
 public:
    ResultsFileReader(string_view file, std::vector<Issue>& issues) : file_(file), issues_(issues) {}

    ResultsFile Read() {
        ResultsFile result;
        if (!KnownEncoding()) {
            return result;
        }
        auto& rows = result.rows;
        std::istringstream in{std::string(file_)};
        CsvReader reader(in, DetectCsvDelimiter(file_.substr(0, file_.find('\n'))));
        std::vector<std::string> cells;
        std::int64_t record = 0;
        bool header_read = false;
        while (reader.Next(cells)) {
            ++record;
            if (std::all_of(cells.begin(), cells.end(), [](const std::string& cell) { return Trim(cell).empty(); })) {
                continue;
            }
            if (!header_read) {
                header_read = true;
                if (!ReadHeader(cells, record)) {
                    return result;
                }
                result.header_row = record;
                continue;
            }
            if (static_cast<std::int64_t>(rows.size()) == kMaxRows) {
                Add("PRG-2327", "", std::nullopt,
                    {fmt::format("Berkas berisi lebih dari {} baris data; tidak ada yang dicatat. Bagi berkas per "
                                 "tahap atau per penyalur.",
                                 kMaxRows),
                     fmt::format("The file has more than {} data rows; nothing was recorded. Split it by stage or "
                                 "by paying agent.",
                                 kMaxRows)});
                rows.clear();
                return result;
            }
            rows.push_back(ReadRow(cells, record));
        }
        if (const auto& problem = reader.problem()) {
            // The record that broke is the one after the last complete record.
            result.stopped_at_row = record + 1;
            const auto column = static_cast<std::size_t>(problem->column - 1);
            Add("PRG-2314", column < columns_.size() && columns_[column] != kNoColumn ? kColumns[columns_[column]] : "",
                result.stopped_at_row,
                {problem->message_id + " Pembacaan berhenti di sini: baris ini dan baris sesudahnya tidak dibaca.",
                 problem->message_en + " Reading stopped here: this row and the rows after it were not read."});
        } else if (!header_read) {
            Add("PRG-2317", "", std::nullopt,
                {"Berkas tidak berisi baris judul kolom.", "The file has no header row."});
        } else if (rows.empty()) {
            Add("PRG-2328", "", std::nullopt,
                {"Berkas hanya berisi baris judul; tidak ada hasil penyaluran untuk dicatat.",
                 "The file holds only the header row; there are no results to record."});
        }
        return result;
    }

 private:
    void Add(string_view code, string_view field, std::optional<std::int64_t> row, LocalizedText message) {
        issues_.push_back(Issue{std::string(code), std::string(field), row, std::move(message)});
    }

    // Files saved as "Unicode Text" or as a workbook are told apart from CSV by their first bytes.
    bool KnownEncoding() {
        const auto byte = [this](std::size_t i) { return i < file_.size() ? static_cast<unsigned char>(file_[i]) : 0; };
        if ((byte(0) == 0xFF && byte(1) == 0xFE) || (byte(0) == 0xFE && byte(1) == 0xFF) ||
            (file_.size() >= 2 && (byte(0) == 0 || byte(1) == 0))) {
            Add("PRG-2312", "", std::nullopt,
                {"Berkas tersimpan sebagai teks UTF-16 (\"Unicode Text\"). Di Excel pilih Simpan Sebagai → \"CSV "
                 "UTF-8 (Comma delimited)\", lalu unggah berkas itu.",
                 "The file is saved as UTF-16 text (\"Unicode Text\"). In Excel choose Save As → \"CSV UTF-8 "
                 "(Comma delimited)\" and upload that file."});
            return false;
        }
        if ((byte(0) == 'P' && byte(1) == 'K' && byte(2) == 3 && byte(3) == 4) ||
            (byte(0) == 0xD0 && byte(1) == 0xCF && byte(2) == 0x11 && byte(3) == 0xE0)) {
            Add("PRG-2313", "", std::nullopt,
                {"Berkas ini buku kerja Excel, bukan CSV. Di Excel pilih Simpan Sebagai → \"CSV UTF-8 (Comma "
                 "delimited)\", lalu unggah berkas itu.",
                 "This file is an Excel workbook, not CSV. In Excel choose Save As → \"CSV UTF-8 (Comma delimited)\" "
                 "and upload that file."});
            return false;
        }
        return true;
    }

    bool ReadHeader(const std::vector<std::string>& cells, std::int64_t row) {
        const auto before = issues_.size();
        std::vector<bool> seen(std::size(kColumns), false);
        columns_.assign(cells.size(), kNoColumn);
        for (std::size_t i = 0; i < cells.size(); ++i) {
            const auto key = HeaderKey(cells[i]);
            if (key.empty()) {
                continue;  // an unnamed column: allowed while its cells stay empty (checked per row)
            }
            const auto* known = std::find(std::begin(kColumns), std::end(kColumns), key);
            if (known == std::end(kColumns)) {
                Add("PRG-2315", key, row,
                    {fmt::format("Kolom '{}' tidak dikenal. Kolom yang dikenal: id_penyaluran, nik, status, tanggal, "
                                 "saluran, catatan (lihat docs/formats/stage-results.md).",
                                 Trim(cells[i])),
                     fmt::format("Column '{}' is not known. The known columns are id_penyaluran, nik, status, "
                                 "tanggal, saluran, catatan (see docs/formats/stage-results.md).",
                                 Trim(cells[i]))});
                continue;
            }
            const auto column = static_cast<std::size_t>(known - std::begin(kColumns));
            if (seen[column]) {
                Add("PRG-2316", key, row,
                    {fmt::format("Kolom '{}' muncul lebih dari sekali di baris judul.", key),
                     fmt::format("Column '{}' appears more than once in the header.", key)});
                continue;
            }
            seen[column] = true;
            columns_[i] = column;
        }
        const auto has = [&seen](string_view name) {
            return seen[static_cast<std::size_t>(std::find(std::begin(kColumns), std::end(kColumns), name) -
                                                 std::begin(kColumns))];
        };
        if (!has(kLineIdColumn) && !has(kNikColumn)) {
            Add("PRG-2317", kLineIdColumn, row,
                {"Baris judul harus memuat kolom id_penyaluran (nomor baris daftar) atau nik (NIK penerima).",
                 "The header must have the column id_penyaluran (the line's number) or nik (the recipient's NIK)."});
        }
        for (const auto name : {kStatusColumn, kDateColumn}) {
            if (!has(name)) {
                Add("PRG-2317", name, row,
                    {fmt::format("Kolom wajib '{}' tidak ada di baris judul.", name),
                     fmt::format("The required column '{}' is missing from the header.", name)});
            }
        }
        return issues_.size() == before;
    }

    ResultRow ReadRow(const std::vector<std::string>& cells, std::int64_t row) {
        ResultRow result;
        result.row = row;
        const auto problem = [&](string_view code, string_view column, std::string id, std::string en) {
            Add(code, column, row, {std::move(id), std::move(en)});
            result.bad = true;
        };
        if (cells.size() != columns_.size()) {
            const bool extra = cells.size() > columns_.size();
            problem("PRG-2318", "",
                    fmt::format("Baris ini berisi {} sel, sedangkan baris judul {} kolom{}. Periksa pemisah kolom dan "
                                "tanda kutip di baris ini.",
                                cells.size(), columns_.size(),
                                extra ? "; mungkin ada koma di dalam isi sel yang tidak diberi tanda kutip" : ""),
                    fmt::format("This row has {} cells while the header has {} columns{}. Check the separators and "
                                "quotes on this row.",
                                cells.size(), columns_.size(),
                                extra ? "; perhaps a cell holds a comma without quotes around it" : ""));
            return result;
        }
        std::map<string_view, std::string, std::less<>> values;
        for (std::size_t i = 0; i < cells.size(); ++i) {
            std::string text(Trim(cells[i]));
            if (text == "-") {
                text.clear();  // the usual way to write "nothing" on Indonesian forms
            }
            if (columns_[i] == kNoColumn) {
                if (!text.empty()) {
                    problem("PRG-2318", "",
                            "Baris ini berisi nilai di kolom tanpa judul. Beri judul kolom itu atau "
                            "hapus isinya.",
                            "This row has a value in a column without a header. Give the column a header or clear it.");
                }
                continue;
            }
            const auto name = kColumns[columns_[i]];
            // A spreadsheet runs such a cell as a formula when the file is opened again: refused, so no such value
            // is stored and handed on (CSV injection).
            if (LooksLikeFormula(text)) {
                problem("PRG-2319", name,
                        fmt::format("Sel di kolom {} diawali '{}' sehingga dapat dijalankan sebagai rumus oleh program "
                                    "spreadsheet; ditolak demi keamanan. Hapus tanda itu di awal sel.",
                                    name, text[0]),
                        fmt::format("The cell in column {} starts with '{}', so a spreadsheet program could run it as "
                                    "a formula; refused for safety. Remove that sign from the start of the cell.",
                                    name, text[0]));
                continue;
            }
            values.emplace(name, std::move(text));
        }
        const auto value = [&values](string_view name) {
            auto it = values.find(name);
            return it == values.end() ? std::string() : it->second;
        };
        const auto id_text = value(kLineIdColumn);
        const auto nik_text = value(kNikColumn);
        if (!id_text.empty()) {
            result.line_id = PositiveId(id_text);
            if (!result.line_id) {
                problem("PRG-2320", kLineIdColumn,
                        fmt::format("id_penyaluran harus nomor baris daftar (bilangan bulat positif); '{}' bukan.",
                                    id_text),
                        fmt::format("id_penyaluran must be the line's number (a positive whole number); '{}' is not.",
                                    id_text));
            }
        }
        if (!nik_text.empty()) {
            if (IsSixteenDigits(nik_text)) {
                result.nik = nik_text;
            } else {
                problem("PRG-2320", kNikColumn,
                        fmt::format("NIK harus 16 angka; '{}' bukan. Bila Excel menampilkannya seperti 3,30201E+15, "
                                    "format kolom nik sebagai Teks lalu ketik ulang.",
                                    nik_text),
                        fmt::format("A NIK is 16 digits; '{}' is not. If Excel shows it like 3.30201E+15, format the "
                                    "nik column as Text and type the numbers again.",
                                    nik_text));
            }
        }
        if (id_text.empty() && nik_text.empty() && !values.empty()) {
            problem("PRG-2320", values.contains(kLineIdColumn) ? kLineIdColumn : kNikColumn,
                    "Baris ini tidak menyebut id_penyaluran maupun nik, sehingga tidak diketahui baris daftar mana.",
                    "This row gives neither id_penyaluran nor nik, so it names no line of the list.");
        }
        const auto status_text = text::LowerAscii(value(kStatusColumn));
        const auto* word = std::find_if(std::begin(kStatusWords), std::end(kStatusWords),
                                        [&status_text](const auto& pair) { return pair.first == status_text; });
        if (status_text.empty() && values.contains(kStatusColumn)) {
            problem("PRG-2326", kStatusColumn, "Kolom status wajib diisi: dibayar, gagal atau dikembalikan.",
                    "The status column is required: dibayar, gagal or dikembalikan (paid, failed, returned).");
        } else if (word == std::end(kStatusWords)) {
            if (values.contains(kStatusColumn)) {
                problem("PRG-2326", kStatusColumn,
                        fmt::format("Status '{}' tidak dikenal; tulis dibayar, gagal atau dikembalikan (atau paid, "
                                    "failed, returned).",
                                    value(kStatusColumn)),
                        fmt::format("Unknown status '{}'; write dibayar, gagal or dikembalikan (or paid, failed, "
                                    "returned).",
                                    value(kStatusColumn)));
            }
        } else {
            result.update.status = std::string(word->second);
        }
        const auto optional = [&value](string_view name) {
            auto text = value(name);
            return text.empty() ? std::nullopt : std::optional(std::move(text));
        };
        result.update.status_date = optional(kDateColumn);
        result.update.channel = optional(kChannelColumn);
        result.update.note = optional(kNoteColumn);
        return result;
    }

    string_view file_;
    std::vector<Issue>& issues_;
    std::vector<std::size_t> columns_;  // file column → kColumns index, or kNoColumn
};

}  // namespace

StageResultsReport StageService::ImportResults(const Caller& caller, std::int64_t program_id, std::int64_t stage_number,
                                               std::string_view csv, bool partial) {
    const auto program = programs_.Get(caller, program_id);
    programs_.RequireManage(caller, program.agency_id);
    StageOf(program, stage_number);
    if (csv.empty()) {
        ValidationReport report;
        report.Add("PRG-2310", "", {"Berkas yang diunggah kosong.", "The uploaded file is empty."});
        report.ThrowIfAny();
    }
    StageResultsReport result;
    auto file = ResultsFileReader(csv, result.issues).Read();
    auto& rows = file.rows;
    result.stopped_at_row = file.stopped_at_row;
    // The row where reading stopped counts as read (and refused) when it came after the header.
    const bool stopped_in_data = file.header_row && file.stopped_at_row;
    result.rows = static_cast<std::int64_t>(rows.size()) + (stopped_in_data ? 1 : 0);
    const UpdateFieldNames names{kStatusColumn, kDateColumn, kChannelColumn, kNoteColumn};
    struct Applied {
        std::int64_t id;
        std::string from;
        std::string to;
    };
    std::vector<Applied> applied;
    {
        auto connection = db_.Acquire();
        // Lines are matched and checked in the transaction that records them, so no other change slips in between.
        db::Transaction tx(*connection, db::TxMode::kWrite);
        if (!connection->QueryOne("SELECT 1 FROM stage_lists WHERE program_id = ? AND stage_number = ?",
                                  {program_id, stage_number})) {
            ValidationReport report;
            report.Add(
                "PRG-2311", "stage",
                {fmt::format("Tahap {} belum dibekukan: belum ada daftar penyaluran untuk dicatat hasilnya.",
                             stage_number),
                 fmt::format("Stage {} is not frozen yet: there is no list to record results on.", stage_number)});
            report.ThrowIfAny();
        }
        const auto lines = StageLines(*connection, program_id, stage_number);
        std::unordered_map<std::int64_t, const Disbursement*> by_id;
        std::unordered_map<std::string, std::vector<const Disbursement*>> by_nik;
        for (const auto& line : lines) {
            by_id.emplace(line.id, &line);
            if (line.recipient_nik) {
                by_nik[*line.recipient_nik].push_back(&line);
            }
        }
        const auto refuse = [&result](ResultRow& row, string_view code, string_view column, std::string id,
                                      std::string en) {
            result.issues.push_back(
                Issue{std::string(code), std::string(column), row.row, {std::move(id), std::move(en)}});
            row.bad = true;
        };
        std::unordered_map<std::int64_t, std::vector<std::int64_t>> rows_of_line;
        for (auto& row : rows) {
            if (row.line_id) {
                auto found = by_id.find(*row.line_id);
                if (found != by_id.end()) {
                    row.line = found->second;
                } else if (auto other = FindLine(*connection, *row.line_id)) {
                    refuse(row, "PRG-2322", kLineIdColumn,
                           fmt::format("Baris daftar {} milik tahap {} program lain atau tahap lain (program {}), "
                                       "bukan tahap {} ini.",
                                       other->id, other->stage_number, other->program_id, stage_number),
                           fmt::format("List line {} belongs to stage {} of another programme or stage (programme "
                                       "{}), not to this stage {}.",
                                       other->id, other->stage_number, other->program_id, stage_number));
                } else {
                    refuse(row, "PRG-2321", kLineIdColumn,
                           fmt::format("Tidak ada baris daftar dengan id_penyaluran {}.", *row.line_id),
                           fmt::format("There is no list line with id_penyaluran {}.", *row.line_id));
                }
                if (row.line != nullptr && row.nik && row.line->recipient_nik != row.nik) {
                    refuse(row, "PRG-2324", kNikColumn,
                           fmt::format("NIK {} bukan NIK penerima baris daftar {}; periksa apakah baris ini tertukar.",
                                       *row.nik, row.line->id),
                           fmt::format("NIK {} is not the recipient's NIK on list line {}; check whether rows were "
                                       "mixed up.",
                                       *row.nik, row.line->id));
                    row.line = nullptr;
                }
            } else if (row.nik) {
                auto found = by_nik.find(*row.nik);
                if (found == by_nik.end()) {
                    refuse(row, "PRG-2321", kNikColumn,
                           fmt::format("Tidak ada penerima dengan NIK {} di daftar tahap {}.", *row.nik, stage_number),
                           fmt::format("No recipient with NIK {} is on the list of stage {}.", *row.nik, stage_number));
                } else if (found->second.size() > 1) {
                    refuse(row, "PRG-2323", kNikColumn,
                           fmt::format("NIK {} tercantum di {} baris daftar tahap ini; pakai kolom id_penyaluran.",
                                       *row.nik, found->second.size()),
                           fmt::format("NIK {} is on {} lines of this stage's list; use the id_penyaluran column.",
                                       *row.nik, found->second.size()));
                } else {
                    row.line = found->second.front();
                }
            }
            if (row.line != nullptr) {
                rows_of_line[row.line->id].push_back(row.row);
            }
        }
        std::set<std::pair<std::int64_t, std::string>> named_cells;
        for (const auto& issue : result.issues) {
            named_cells.emplace(issue.row.value_or(0), issue.field);
        }
        for (auto& row : rows) {
            if (row.line == nullptr) {
                continue;
            }
            const auto& same_line = rows_of_line[row.line->id];
            if (same_line.size() > 1) {
                // Two results for one line cannot both be true; neither is guessed at.
                refuse(row, "PRG-2325", row.line_id ? kLineIdColumn : kNikColumn,
                       fmt::format("Baris daftar {} juga tercantum di baris {} berkas ini; sisakan satu baris saja.",
                                   row.line->id, RowList(same_line, row.row)),
                       fmt::format("List line {} is also on row(s) {} of this file; keep one row only.", row.line->id,
                                   RowList(same_line, row.row)));
                continue;
            }
            if (row.update.status.empty()) {
                continue;  // the status word was already refused; the transition cannot be judged
            }
            ValidationReport report;
            CheckUpdate(*row.line, row.update, names, row.row, report);
            for (const auto& issue : report.issues()) {
                row.bad = true;
                // A cell refused while reading (a formula where the date goes) is not reported a second time.
                if (!named_cells.contains({*issue.row, issue.field})) {
                    result.issues.push_back(issue);
                }
            }
        }
        const bool apply = partial || result.issues.empty();
        if (apply) {
            const auto now = FormatTimestamp(clock_.Now());
            for (const auto& row : rows) {
                if (!row.bad && row.line != nullptr) {
                    ApplyUpdate(*connection, row.line->id, row.update, now);
                    applied.push_back({row.line->id, row.line->status, row.update.status});
                }
            }
            tx.Commit();
        }
    }
    for (const auto& line : applied) {
        AuditUpdate(caller, line.id, line.from, line.to, true);
    }
    std::stable_sort(result.issues.begin(), result.issues.end(),
                     [](const Issue& a, const Issue& b) { return a.row.value_or(0) < b.row.value_or(0); });
    std::optional<std::int64_t> previous;
    for (const auto& issue : result.issues) {
        // Rows up to the header's are not data: their problems are the file's.
        if (issue.row && file.header_row && *issue.row > *file.header_row && issue.row != previous) {
            ++result.rejected;
            previous = issue.row;
        }
    }
    result.applied = static_cast<std::int64_t>(applied.size());
    result.committed = result.applied > 0;
    identity_.Audit(
        caller, {"stage.results.import",
                 "program",
                 std::to_string(program_id),
                 result.committed || result.issues.empty() ? identity::Outcome::kSuccess : identity::Outcome::kFailure,
                 {{"stage", stage_number},
                  {"partial", partial},
                  {"rows", result.rows},
                  {"applied", result.applied},
                  {"rejected", result.rejected}}});
    return result;
}

}  // namespace sinergi::programs
