#include "registry/xlsx_reader.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <deque>
#include <expat.h>
#include <map>
#include <zip.h>

#include <fmt/format.h>

namespace sinergi::registry {

namespace {

// Expat reports a namespaced name as "uri|local"; files from different programs use different prefixes (or none)
// for the same namespace, so only the local part is compared.
constexpr XML_Char kNamespaceSeparator = '|';
constexpr std::size_t kChunkBytes = std::size_t{64} * 1024;
// Excel itself keeps at most 32,767 characters in a cell; anything far beyond is a damaged or hostile file.
constexpr std::size_t kMaxCellBytes = std::size_t{128} * 1024;
// The shared-string table lives in memory; a table past this size is not a register export but a zip bomb.
constexpr std::size_t kMaxSharedStringBytes = std::size_t{1} << 30;
constexpr std::size_t kMaxColumns = 16384;  // A … XFD

struct ZipDiscard {
    void operator()(zip_t* zip) const { zip_discard(zip); }  // opened read-only: nothing to write back
};
struct ZipFileClose {
    void operator()(zip_file_t* file) const { zip_fclose(file); }
};
struct ParserFree {
    void operator()(XML_ParserStruct* parser) const { XML_ParserFree(parser); }
};
using ZipPtr = std::unique_ptr<zip_t, ZipDiscard>;
using ZipFilePtr = std::unique_ptr<zip_file_t, ZipFileClose>;
using ParserPtr = std::unique_ptr<XML_ParserStruct, ParserFree>;

std::string_view LocalName(const XML_Char* name) {
    std::string_view text(name);
    const auto separator = text.rfind(kNamespaceSeparator);
    return separator == std::string_view::npos ? text : text.substr(separator + 1);
}

const XML_Char* Attribute(const XML_Char** attributes, std::string_view local_name) {
    for (std::size_t i = 0; attributes[i] != nullptr; i += 2) {
        if (LocalName(attributes[i]) == local_name) {
            return attributes[i + 1];
        }
    }
    return nullptr;
}

std::optional<std::int64_t> PositiveNumber(const char* text) {
    if (text == nullptr || *text == '\0') {
        return std::nullopt;
    }
    std::int64_t value = 0;
    for (const char* p = text; *p != '\0'; ++p) {
        if (*p < '0' || *p > '9' || value > 100'000'000) {
            return std::nullopt;
        }
        value = value * 10 + (*p - '0');
    }
    return value > 0 ? std::optional(value) : std::nullopt;
}

ParserPtr NewParser() { return ParserPtr(XML_ParserCreateNS(nullptr, kNamespaceSeparator)); }

XlsxProblem DamagedXml(std::string_view entry, XML_Parser parser, std::optional<std::int64_t> row) {
    const auto line = XML_GetCurrentLineNumber(parser);
    const char* reason = XML_ErrorString(XML_GetErrorCode(parser));
    return XlsxProblem{row,
                       {fmt::format("Isi {} di dalam berkas XLSX rusak (XML baris {}: {}); buka berkas di Excel lalu "
                                    "simpan ulang sebagai .xlsx.",
                                    entry, line, reason),
                        fmt::format("{} inside the XLSX file is damaged (XML line {}: {}); open the file in Excel and "
                                    "save it again as .xlsx.",
                                    entry, line, reason)}};
}

XlsxProblem ZipReadFailed(std::string_view entry, zip_file_t* file) {
    const char* reason = zip_error_strerror(zip_file_get_error(file));
    return XlsxProblem{std::nullopt,
                       {fmt::format("{} tidak dapat dibaca dari berkas XLSX ({}); berkas mungkin rusak atau terpotong.",
                                    entry, reason),
                        fmt::format("{} cannot be read from the XLSX file ({}); the file may be damaged or truncated.",
                                    entry, reason)}};
}

// Streams one archive entry through `parser`, chunk by chunk. A handler that finds a problem stores it in `problem`
// and stops the parser; otherwise a damaged entry becomes the problem.
void ParseWholeEntry(zip_t* zip, const std::string& entry, XML_Parser parser, std::optional<XlsxProblem>& problem) {
    ZipFilePtr file(zip_fopen(zip, entry.c_str(), 0));
    if (!file) {
        problem =
            XlsxProblem{std::nullopt,
                        {fmt::format("{} tidak dapat dibuka di dalam berkas XLSX; berkas mungkin rusak.", entry),
                         fmt::format("{} cannot be opened inside the XLSX file; the file may be damaged.", entry)}};
        return;
    }
    std::vector<char> buffer(kChunkBytes);
    for (;;) {
        const auto read = zip_fread(file.get(), buffer.data(), buffer.size());
        if (read < 0) {
            problem = ZipReadFailed(entry, file.get());
            return;
        }
        const bool last = read == 0;
        if (XML_Parse(parser, buffer.data(), static_cast<int>(read), last ? XML_TRUE : XML_FALSE) == XML_STATUS_ERROR) {
            if (!problem) {
                problem = DamagedXml(entry, parser, std::nullopt);
            }
            return;
        }
        if (last) {
            return;
        }
    }
}

bool EntryExists(zip_t* zip, const std::string& entry) { return zip_name_locate(zip, entry.c_str(), 0) >= 0; }

// A relationship target is relative to xl/ unless it starts with '/'.
std::string ResolveTarget(std::string_view target) {
    if (target.starts_with('/')) {
        return std::string(target.substr(1));
    }
    return "xl/" + std::string(target);
}

// ---- xl/workbook.xml and its relationships: which part is the first sheet, which holds the shared strings ----

struct WorkbookInfo {
    std::optional<std::string> first_sheet_id;
    bool date1904 = false;
};

void XMLCALL WorkbookStart(void* data, const XML_Char* name, const XML_Char** attributes) {
    auto& info = *static_cast<WorkbookInfo*>(data);
    const auto local = LocalName(name);
    if (local == "sheet" && !info.first_sheet_id) {
        if (const auto* id = Attribute(attributes, "id")) {
            info.first_sheet_id = id;
        }
    } else if (local == "workbookPr") {
        if (const auto* flag = Attribute(attributes, "date1904")) {
            info.date1904 = std::string_view(flag) == "1" || std::string_view(flag) == "true";
        }
    }
}

struct Relationship {
    std::string target;
    std::string type;
};
using Relationships = std::map<std::string, Relationship, std::less<>>;

void XMLCALL RelationshipStart(void* data, const XML_Char* name, const XML_Char** attributes) {
    auto& relationships = *static_cast<Relationships*>(data);
    if (LocalName(name) != "Relationship") {
        return;
    }
    const auto* id = Attribute(attributes, "Id");
    const auto* target = Attribute(attributes, "Target");
    const auto* type = Attribute(attributes, "Type");
    if (id != nullptr && target != nullptr) {
        relationships[id] = Relationship{target, type != nullptr ? type : ""};
    }
}

}  // namespace

struct XlsxReader::State {
    ZipPtr zip;
    std::string sheet_entry;
    std::int64_t sheet_bytes = 0;
    bool date1904 = false;
    std::optional<XlsxProblem> open_problem;  // found while opening: every pass ends there

    // The shared-string table, back to back in one buffer: far less memory than one std::string per entry.
    std::string strings;
    std::vector<std::size_t> string_ends;
    std::string current_string;
    bool in_string_item = false;
    bool collecting_string = false;
    int phonetic_depth = 0;  // <rPh> runs are reading hints for East Asian text, not part of the value

    // The sheet, streamed.
    ZipFilePtr sheet;
    ParserPtr parser;
    std::vector<char> buffer = std::vector<char>(kChunkBytes);
    bool sheet_finished = false;
    std::int64_t bytes_read = 0;
    std::deque<XlsxRow> ready;  // rows completed by the last chunk: a handful, never the sheet
    std::optional<XlsxProblem> problem;

    bool in_sheet_data = false;
    bool in_row = false;
    XlsxRow row;
    std::int64_t last_row_number = 0;
    std::size_t next_column = 0;
    bool in_cell = false;
    std::size_t cell_column = 0;
    std::string cell_type;
    bool cell_has_formula = false;
    bool in_inline_string = false;
    bool collecting_text = false;
    std::string text;

    std::optional<std::int64_t> CurrentRow() const {
        return in_row ? row.number : (last_row_number > 0 ? std::optional(last_row_number + 1) : std::nullopt);
    }

    // The parser now running (shared strings, then the sheet), so a handler that finds a problem can stop it.
    XML_Parser active_parser = nullptr;

    void Stop(XlsxProblem found) {
        problem = std::move(found);
        XML_StopParser(active_parser, XML_FALSE);
    }

    std::optional<std::string_view> SharedString(std::string_view index_text) const {
        std::size_t index = 0;
        for (char c : index_text) {
            if (c < '0' || c > '9' || index > string_ends.size()) {
                return std::nullopt;
            }
            index = index * 10 + static_cast<std::size_t>(c - '0');
        }
        if (index_text.empty() || index >= string_ends.size()) {
            return std::nullopt;
        }
        const auto begin = index == 0 ? 0 : string_ends[index - 1];
        return std::string_view(strings).substr(begin, string_ends[index] - begin);
    }

    void FinishCell() {
        XlsxCell cell;
        if (cell_has_formula) {
            cell.kind = XlsxCellKind::kFormula;
            if (cell_type == "s") {
                cell.value = std::string(SharedString(text).value_or(""));
            } else {
                cell.value = text;
            }
        } else if (cell_type == "s") {
            auto shared = SharedString(text);
            if (!shared) {
                const auto reference = ColumnLetters(cell_column) + std::to_string(row.number);
                Stop(XlsxProblem{row.number,
                                 {fmt::format("Sel {} menunjuk teks bersama nomor '{}' yang tidak ada; berkas XLSX "
                                              "rusak. Buka di Excel lalu simpan ulang.",
                                              reference, text),
                                  fmt::format("Cell {} points to shared text number '{}', which does not exist; the "
                                              "XLSX file is damaged. Open it in Excel and save it again.",
                                              reference, text)}});
                return;
            }
            cell.kind = shared->empty() ? XlsxCellKind::kEmpty : XlsxCellKind::kText;
            cell.value = std::string(*shared);
        } else if (cell_type == "inlineStr" || cell_type == "str" || cell_type == "d") {
            cell.kind = text.empty() ? XlsxCellKind::kEmpty : XlsxCellKind::kText;
            cell.value = text;
        } else if (cell_type == "b") {
            cell.kind = text.empty() ? XlsxCellKind::kEmpty : XlsxCellKind::kBool;
            cell.value.push_back(text == "1" || text == "true" ? '1' : '0');
        } else if (cell_type == "e") {
            cell.kind = XlsxCellKind::kError;
            cell.value = text;
        } else {
            cell.kind = text.empty() ? XlsxCellKind::kEmpty : XlsxCellKind::kNumber;
            cell.value = text;
        }
        next_column = cell_column + 1;
        if (cell.kind == XlsxCellKind::kEmpty) {
            return;  // a formatted but empty cell: leaving it out keeps "no value" and "empty" the same
        }
        if (row.cells.size() <= cell_column) {
            row.cells.resize(cell_column + 1);
        }
        row.cells[cell_column] = std::move(cell);
    }
};

namespace {

using State = XlsxReader::State;

void XMLCALL SharedStringStart(void* data, const XML_Char* name, const XML_Char** /*attributes*/) {
    auto& state = *static_cast<State*>(data);
    if (state.problem) {
        return;  // expat may deliver a few more events after a stop
    }
    const auto local = LocalName(name);
    if (local == "si") {
        state.in_string_item = true;
        state.current_string.clear();
    } else if (local == "rPh") {
        ++state.phonetic_depth;
    } else if (local == "t" && state.in_string_item && state.phonetic_depth == 0) {
        state.collecting_string = true;
    }
}

void XMLCALL SharedStringEnd(void* data, const XML_Char* name) {
    auto& state = *static_cast<State*>(data);
    if (state.problem) {
        return;  // expat may deliver a few more events after a stop
    }
    const auto local = LocalName(name);
    if (local == "t") {
        state.collecting_string = false;
    } else if (local == "rPh") {
        --state.phonetic_depth;
    } else if (local == "si") {
        state.in_string_item = false;
        state.strings += state.current_string;
        state.string_ends.push_back(state.strings.size());
    }
}

void XMLCALL SharedStringText(void* data, const XML_Char* text, int length) {
    auto& state = *static_cast<State*>(data);
    if (state.problem) {
        return;  // expat may deliver a few more events after a stop
    }
    if (!state.collecting_string) {
        return;
    }
    state.current_string.append(text, static_cast<std::size_t>(length));
    if (state.strings.size() + state.current_string.size() > kMaxSharedStringBytes ||
        state.current_string.size() > kMaxCellBytes) {
        state.Stop(XlsxProblem{std::nullopt,
                               {"Tabel teks di dalam berkas XLSX terlalu besar untuk sebuah daftar register; berkas "
                                "mungkin rusak. Simpan sebagai CSV UTF-8 lalu impor berkas CSV itu.",
                                "The text table inside the XLSX file is too large for a register list; the file may "
                                "be damaged. Save it as CSV UTF-8 and import that file."}});
    }
}

void XMLCALL SheetStart(void* data, const XML_Char* name, const XML_Char** attributes) {
    auto& state = *static_cast<State*>(data);
    if (state.problem) {
        return;  // expat may deliver a few more events after a stop
    }
    const auto local = LocalName(name);
    if (local == "sheetData") {
        state.in_sheet_data = true;
    } else if (local == "row" && state.in_sheet_data) {
        state.in_row = true;
        state.row.cells.clear();
        state.row.number = PositiveNumber(Attribute(attributes, "r")).value_or(state.last_row_number + 1);
        state.next_column = 0;
    } else if (local == "c" && state.in_row) {
        state.in_cell = true;
        state.cell_column = state.next_column;
        if (const auto* reference = Attribute(attributes, "r")) {
            auto column = ColumnIndexOf(reference);
            if (!column) {
                state.Stop(XlsxProblem{state.row.number,
                                       {fmt::format("Alamat sel '{}' di baris {} tidak sah; berkas XLSX rusak.",
                                                    reference, state.row.number),
                                        fmt::format("Cell address '{}' in row {} is not valid; the XLSX file is "
                                                    "damaged.",
                                                    reference, state.row.number)}});
                return;
            }
            state.cell_column = *column;
        }
        if (state.cell_column >= kMaxColumns) {
            state.Stop(XlsxProblem{
                state.row.number,
                {fmt::format("Baris {} memiliki sel di luar kolom XFD; berkas XLSX rusak.", state.row.number),
                 fmt::format("Row {} has a cell past column XFD; the XLSX file is damaged.", state.row.number)}});
            return;
        }
        const auto* type = Attribute(attributes, "t");
        state.cell_type = type != nullptr ? type : "n";
        state.cell_has_formula = false;
        state.in_inline_string = false;
        state.text.clear();
    } else if (state.in_cell) {
        // A cell's value is the text of <v>, or of the <t> runs of an inline string <is> (phonetic runs aside).
        if (local == "v" || (local == "t" && state.in_inline_string && state.phonetic_depth == 0)) {
            state.collecting_text = true;
        } else if (local == "f") {
            state.cell_has_formula = true;
        } else if (local == "is") {
            state.in_inline_string = true;
        } else if (local == "rPh") {
            ++state.phonetic_depth;
        }
    }
}

void XMLCALL SheetEnd(void* data, const XML_Char* name) {
    auto& state = *static_cast<State*>(data);
    if (state.problem) {
        return;  // expat may deliver a few more events after a stop
    }
    const auto local = LocalName(name);
    if (local == "v" || local == "t") {
        state.collecting_text = false;
    } else if (local == "rPh") {
        --state.phonetic_depth;
    } else if (local == "is") {
        state.in_inline_string = false;
    } else if (local == "c" && state.in_cell) {
        state.in_cell = false;
        state.collecting_text = false;
        state.FinishCell();
    } else if (local == "row" && state.in_row) {
        state.in_row = false;
        state.last_row_number = state.row.number;
        state.ready.push_back(std::move(state.row));
        state.row = XlsxRow{};
    } else if (local == "sheetData") {
        state.in_sheet_data = false;
    }
}

void XMLCALL SheetText(void* data, const XML_Char* text, int length) {
    auto& state = *static_cast<State*>(data);
    if (state.problem) {
        return;  // expat may deliver a few more events after a stop
    }
    if (!state.collecting_text) {
        return;
    }
    state.text.append(text, static_cast<std::size_t>(length));
    if (state.text.size() > kMaxCellBytes) {
        const auto reference = ColumnLetters(state.cell_column) + std::to_string(state.row.number);
        state.Stop(
            XlsxProblem{state.row.number,
                        {fmt::format("Sel {} berisi lebih dari 32.767 karakter, batas Excel; berkas rusak.", reference),
                         fmt::format("Cell {} holds more than 32,767 characters, Excel's limit; the file is "
                                     "damaged.",
                                     reference)}});
    }
}

}  // namespace

XlsxReader::XlsxReader(const std::filesystem::path& path) : state_(std::make_unique<State>()) {
    auto& state = *state_;
    const auto fail = [&state](std::string id, std::string en) {
        state.open_problem = XlsxProblem{std::nullopt, {std::move(id), std::move(en)}};
        state.problem = state.open_problem;
    };
    int error_code = 0;
    state.zip.reset(zip_open(path.c_str(), ZIP_RDONLY, &error_code));
    if (!state.zip) {
        zip_error_t error;
        zip_error_init_with_code(&error, error_code);
        const std::string reason = zip_error_strerror(&error);
        zip_error_fini(&error);
        fail(fmt::format("Berkas tidak dapat dibuka sebagai XLSX ({}); simpan ulang dari Excel sebagai Buku Kerja "
                         "Excel (.xlsx) atau sebagai CSV UTF-8.",
                         reason),
             fmt::format("The file cannot be opened as XLSX ({}); save it again from Excel as Excel Workbook (.xlsx) "
                         "or as CSV UTF-8.",
                         reason));
        return;
    }
    if (!EntryExists(state.zip.get(), "xl/workbook.xml")) {
        fail("Berkas ZIP ini bukan buku kerja Excel (.xlsx); simpan sebagai .xlsx atau CSV UTF-8.",
             "This ZIP file is not an Excel workbook (.xlsx); save it as .xlsx or CSV UTF-8.");
        return;
    }

    WorkbookInfo workbook;
    auto workbook_parser = NewParser();
    XML_SetUserData(workbook_parser.get(), &workbook);
    XML_SetStartElementHandler(workbook_parser.get(), WorkbookStart);
    ParseWholeEntry(state.zip.get(), "xl/workbook.xml", workbook_parser.get(), state.open_problem);
    Relationships relationships;
    if (!state.open_problem && EntryExists(state.zip.get(), "xl/_rels/workbook.xml.rels")) {
        auto rels_parser = NewParser();
        XML_SetUserData(rels_parser.get(), &relationships);
        XML_SetStartElementHandler(rels_parser.get(), RelationshipStart);
        ParseWholeEntry(state.zip.get(), "xl/_rels/workbook.xml.rels", rels_parser.get(), state.open_problem);
    }
    if (state.open_problem) {
        state.problem = state.open_problem;
        return;
    }
    state.date1904 = workbook.date1904;

    // The first <sheet> of the workbook is the first tab a person sees, whatever its part is called.
    if (workbook.first_sheet_id) {
        if (auto it = relationships.find(*workbook.first_sheet_id); it != relationships.end()) {
            if (!it->second.type.ends_with("/worksheet")) {
                fail(
                    "Lembar pertama buku kerja bukan lembar data (misalnya lembar grafik); pindahkan lembar data ke "
                    "urutan pertama.",
                    "The workbook's first sheet is not a data sheet (a chart sheet, say); move the data sheet to the "
                    "first position.");
                return;
            }
            state.sheet_entry = ResolveTarget(it->second.target);
        }
    }
    if (state.sheet_entry.empty()) {
        state.sheet_entry = "xl/worksheets/sheet1.xml";
    }
    if (!EntryExists(state.zip.get(), state.sheet_entry)) {
        fail("Buku kerja tidak memiliki lembar kerja yang dapat dibaca.", "The workbook has no readable worksheet.");
        return;
    }
    zip_stat_t stat;
    zip_stat_init(&stat);
    if (zip_stat(state.zip.get(), state.sheet_entry.c_str(), 0, &stat) == 0 && (stat.valid & ZIP_STAT_SIZE) != 0) {
        state.sheet_bytes = static_cast<std::int64_t>(stat.size);
    }

    std::string shared_strings_entry = "xl/sharedStrings.xml";
    for (const auto& [id, relationship] : relationships) {
        if (relationship.type.ends_with("/sharedStrings")) {
            shared_strings_entry = ResolveTarget(relationship.target);
        }
    }
    if (EntryExists(state.zip.get(), shared_strings_entry)) {
        auto strings_parser = NewParser();
        XML_SetUserData(strings_parser.get(), &state);
        XML_SetElementHandler(strings_parser.get(), SharedStringStart, SharedStringEnd);
        XML_SetCharacterDataHandler(strings_parser.get(), SharedStringText);
        state.active_parser = strings_parser.get();
        ParseWholeEntry(state.zip.get(), shared_strings_entry, strings_parser.get(), state.problem);
        state.active_parser = nullptr;
        if (state.problem) {
            state.open_problem = state.problem;
            return;
        }
        state.current_string = std::string();
    }
    Restart();
}

XlsxReader::~XlsxReader() = default;

void XlsxReader::Restart() {
    auto& state = *state_;
    state.problem = state.open_problem;
    state.ready.clear();
    state.sheet.reset();
    state.active_parser = nullptr;
    state.parser.reset();
    state.sheet_finished = false;
    state.bytes_read = 0;
    state.in_sheet_data = state.in_row = state.in_cell = state.in_inline_string = state.collecting_text = false;
    state.phonetic_depth = 0;
    state.last_row_number = 0;
    state.row = XlsxRow{};
    if (state.open_problem) {
        return;
    }
    state.sheet.reset(zip_fopen(state.zip.get(), state.sheet_entry.c_str(), 0));
    if (!state.sheet) {
        state.problem = XlsxProblem{
            std::nullopt,
            {fmt::format("{} tidak dapat dibuka di dalam berkas XLSX; berkas mungkin rusak.", state.sheet_entry),
             fmt::format("{} cannot be opened inside the XLSX file; the file may be damaged.", state.sheet_entry)}};
        return;
    }
    state.parser = NewParser();
    state.active_parser = state.parser.get();
    XML_SetUserData(state.parser.get(), &state);
    XML_SetElementHandler(state.parser.get(), SheetStart, SheetEnd);
    XML_SetCharacterDataHandler(state.parser.get(), SheetText);
}

bool XlsxReader::Next(XlsxRow& row) {
    auto& state = *state_;
    while (state.ready.empty()) {
        if (state.problem || state.sheet_finished) {
            return false;
        }
        const auto read = zip_fread(state.sheet.get(), state.buffer.data(), state.buffer.size());
        if (read < 0) {
            state.problem = ZipReadFailed(state.sheet_entry, state.sheet.get());
            state.problem->row = state.CurrentRow();
            return false;
        }
        state.bytes_read += read;
        const bool last = read == 0;
        if (XML_Parse(state.parser.get(), state.buffer.data(), static_cast<int>(read), last ? XML_TRUE : XML_FALSE) ==
            XML_STATUS_ERROR) {
            if (!state.problem) {
                state.problem = DamagedXml(state.sheet_entry, state.parser.get(), state.CurrentRow());
            }
            // Rows completed before the damage are still good; they are returned first.
        }
        state.sheet_finished = last;
    }
    row = std::move(state.ready.front());
    state.ready.pop_front();
    return true;
}

const std::optional<XlsxProblem>& XlsxReader::problem() const { return state_->problem; }
bool XlsxReader::date1904() const { return state_->date1904; }
std::int64_t XlsxReader::bytes_read() const { return state_->bytes_read; }
std::int64_t XlsxReader::total_bytes() const { return state_->sheet_bytes; }

std::optional<std::size_t> ColumnIndexOf(std::string_view cell_reference) {
    std::size_t index = 0;
    std::size_t letters = 0;
    while (letters < cell_reference.size()) {
        char c = cell_reference[letters];
        if (c >= 'a' && c <= 'z') {
            c = static_cast<char>(c - 'a' + 'A');
        }
        if (c < 'A' || c > 'Z') {
            break;
        }
        index = index * 26 + static_cast<std::size_t>(c - 'A' + 1);
        if (index > kMaxColumns) {
            return std::nullopt;
        }
        ++letters;
    }
    if (letters == 0) {
        return std::nullopt;
    }
    for (char c : cell_reference.substr(letters)) {
        if (c < '0' || c > '9') {
            return std::nullopt;
        }
    }
    return index - 1;
}

std::string ColumnLetters(std::size_t index) {
    std::string letters;
    for (std::size_t n = index + 1; n > 0; n = (n - 1) / 26) {
        letters.push_back(static_cast<char>('A' + (n - 1) % 26));
    }
    std::reverse(letters.begin(), letters.end());  // built from the last letter
    return letters;
}

std::optional<std::string> ExcelSerialToIsoDate(double serial, bool date1904) {
    using namespace std::chrono;
    if (!std::isfinite(serial) || serial < (date1904 ? 0 : 1) || serial >= 2958466) {
        return std::nullopt;
    }
    const auto days = static_cast<int>(std::floor(serial));
    sys_days date;
    if (date1904) {
        date = sys_days{year{1904} / January / 1} + std::chrono::days{days};
    } else if (days < 60) {
        date = sys_days{year{1899} / December / 31} + std::chrono::days{days};
    } else if (days == 60) {
        return std::nullopt;  // 29 February 1900, kept by Excel for Lotus 1-2-3's sake, never existed
    } else {
        date = sys_days{year{1899} / December / 30} + std::chrono::days{days};
    }
    const year_month_day ymd{date};
    if (ymd.year() > year{9999}) {
        return std::nullopt;
    }
    return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                       static_cast<unsigned>(ymd.day()));
}

}  // namespace sinergi::registry
