#include "registry/register_import.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <chrono>
#include <cmath>
#include <fstream>
#include <ostream>
#include <unordered_map>

#include <fmt/format.h>

#include "platform/csv_reader.hpp"
#include "platform/csv_writer.hpp"
#include "platform/text.hpp"
#include "registry/xlsx_reader.hpp"

namespace sinergi::registry {

namespace {

using std::string_view;

constexpr RegisterImportColumn kColumns[] = {
    // Identity of the household and the person, then the address: what every file has.
    {"no_kk", true, "kk_number", true},
    {"nik", false, "nik", true},
    {"nama", false, "name", true},
    {"jenis_kelamin", false, "sex", true},
    {"tempat_lahir", false, "birth_place", false},
    {"tanggal_lahir", false, "birth_date", true},
    {"hubungan_keluarga", false, "relation", true},
    {"kode_desa", true, "village_code", true},
    {"rt", true, "rt", false},
    {"rw", true, "rw", false},
    {"alamat", true, "address", false},
    // The person's other attributes.
    {"status_perkawinan", false, "marital_status", false},
    {"pendidikan", false, "education_level", false},
    {"sekolah", false, "schooling", false},
    {"status_pekerjaan", false, "work_status", false},
    {"pekerjaan", false, "occupation", false},
    {"disabilitas", false, "disability_type", false},
    {"tingkat_disabilitas", false, "disability_severity", false},
    {"penyakit_kronis", false, "chronic_illness", false},
    {"hamil", false, "pregnant", false},
    {"status_hidup", false, "life_status", false},
    {"tanggal_status_hidup", false, "life_status_date", false},
    // The dwelling, assets and welfare rank (the Proxy Means Test's household variables).
    {"jenis_lantai", true, "floor_material", false},
    {"jenis_dinding", true, "wall_material", false},
    {"jenis_atap", true, "roof_material", false},
    {"sumber_air", true, "water_source", false},
    {"penerangan", true, "lighting", false},
    {"daya_listrik", true, "electricity_va", false},
    {"bahan_bakar_masak", true, "cooking_fuel", false},
    {"jamban", true, "toilet", false},
    {"status_rumah", true, "house_ownership", false},
    {"status_lahan", true, "land_ownership", false},
    {"luas_lantai", true, "floor_area_m2", false},
    {"punya_motor", true, "has_motorcycle", false},
    {"punya_mobil", true, "has_car", false},
    {"punya_kulkas", true, "has_refrigerator", false},
    {"punya_ac", true, "has_air_conditioner", false},
    {"punya_emas", true, "has_gold", false},
    {"punya_lahan", true, "has_land", false},
    {"punya_komputer", true, "has_computer", false},
    {"jumlah_sapi", true, "cattle_count", false},
    {"jumlah_kambing", true, "goat_count", false},
    {"jumlah_unggas", true, "poultry_count", false},
    {"desil", true, "desil", false},
    {"sumber_desil", true, "desil_source", false},
    {"tanggal_desil", true, "desil_as_of", false},
    {"tanggal_verifikasi", true, "verified_at", false},
};
constexpr std::size_t kColumnCount = std::size(kColumns);
constexpr std::size_t kNoColumn = static_cast<std::size_t>(-1);

// The register stores life status as alive/deceased/moved_out; people writing files speak Indonesian.
constexpr std::pair<string_view, string_view> kLifeStatusWords[] = {
    {"hidup", "alive"}, {"meninggal", "deceased"}, {"pindah", "moved_out"}};

// Past this many problems the file is almost surely in the wrong format; the import stops and imports nothing, and
// the report stays readable (and small enough to hold in memory).
constexpr std::size_t kMaxIssues = 100'000;
constexpr std::int64_t kProgressEveryRows = 1024;
// Valid households are written in groups of this many (RegistryService::QueueCreate): a few statements per table for
// the group instead of about eight per person, while what is held in memory stays small.
constexpr std::size_t kQueuedHouseholds = 256;
// How many other rows a message names before it says "…".
constexpr std::size_t kRowsNamed = 5;

constexpr std::size_t ColumnNamed(string_view name) {
    for (std::size_t i = 0; i < kColumnCount; ++i) {
        if (kColumns[i].name == name) {
            return i;
        }
    }
    return kNoColumn;
}

std::size_t ColumnOfField(bool household, string_view field) {
    for (std::size_t i = 0; i < kColumnCount; ++i) {
        if (kColumns[i].household == household && kColumns[i].field == field) {
            return i;
        }
    }
    return kNoColumn;
}

constexpr std::size_t kNoKkColumn = ColumnNamed("no_kk");
constexpr std::size_t kNikColumn = ColumnNamed("nik");
constexpr std::size_t kLifeStatusColumn = ColumnNamed("status_hidup");

bool IsTrimmed(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// Trims ASCII white space and the no-break spaces (U+00A0) that text copied from web pages and Word carries.
string_view Trim(string_view text) {
    constexpr string_view kNoBreakSpace = "\xC2\xA0";
    for (;;) {
        if (!text.empty() && IsTrimmed(text.front())) {
            text.remove_prefix(1);
        } else if (text.starts_with(kNoBreakSpace)) {
            text.remove_prefix(kNoBreakSpace.size());
        } else {
            break;
        }
    }
    for (;;) {
        if (!text.empty() && IsTrimmed(text.back())) {
            text.remove_suffix(1);
        } else if (text.ends_with(kNoBreakSpace)) {
            text.remove_suffix(kNoBreakSpace.size());
        } else {
            break;
        }
    }
    return text;
}

// Header names: case and surrounding spaces do not matter, and "Jenis Kelamin" means jenis_kelamin.
std::string HeaderKey(string_view text) {
    auto key = text::LowerAscii(Trim(text));
    std::replace(key.begin(), key.end(), ' ', '_');
    return key;
}

// Codes: case does not matter ("Anak", "L"), and a space stands for the underscore ("kepala keluarga").
std::string CodeKey(string_view text, bool upper) {
    std::string key(text);
    for (auto& c : key) {
        if (upper && c >= 'a' && c <= 'z') {
            c = static_cast<char>(c - 'a' + 'A');
        } else if (!upper && c >= 'A' && c <= 'Z') {
            c = static_cast<char>(c - 'A' + 'a');
        } else if (!upper && c == ' ') {
            c = '_';
        }
    }
    return key;
}

std::optional<std::uint64_t> SixteenDigitKey(string_view text) {
    std::uint64_t value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || end != text.data() + text.size()) {
        return std::nullopt;
    }
    return value;
}

// A 16-digit number that a spreadsheet turned into a number shows as 3.30201E+15: its last digits are gone.
bool LooksLikeExponent(string_view text) {
    const auto e = text.find_first_of("Ee");
    return e != string_view::npos && e + 1 < text.size() && (text[e + 1] == '+' || text[e + 1] == '-') &&
           std::all_of(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(e),
                       [](char c) { return (c >= '0' && c <= '9') || c == '.' || c == ','; });
}

// An XLSX number in a non-date column, as a person would type it: 36.5, 3, 1000.
std::string NumberText(string_view raw) {
    double value = 0;
    const auto [end, ec] = std::from_chars(raw.data(), raw.data() + raw.size(), value);
    if (ec != std::errc{} || end != raw.data() + raw.size() || !std::isfinite(value)) {
        return std::string(raw);
    }
    if (std::floor(value) == value && std::fabs(value) < 1e15) {
        return std::to_string(static_cast<std::int64_t>(value));
    }
    return fmt::format("{}", value);
}

std::optional<unsigned> SmallNumber(string_view digits) {
    if (digits.empty() || digits.size() > 4 ||
        !std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        return std::nullopt;
    }
    unsigned value = 0;
    std::from_chars(digits.data(), digits.data() + digits.size(), value);
    return value;
}

// YYYY-MM-DD (also with a time after it, as XLSX date cells may have), DD-MM-YYYY or DD/MM/YYYY (day and month may
// have one digit) → YYYY-MM-DD when it is a real calendar date.
std::optional<std::string> IsoDate(string_view text) {
    if (text.size() > 10 && text[10] == 'T') {
        text = text.substr(0, 10);
    }
    std::optional<unsigned> year;
    std::optional<unsigned> month;
    std::optional<unsigned> day;
    if (text.size() == 10 && text[4] == '-' && text[7] == '-') {
        year = SmallNumber(text.substr(0, 4));
        month = SmallNumber(text.substr(5, 2));
        day = SmallNumber(text.substr(8, 2));
    } else {
        const auto first = text.find_first_of("-/");
        const auto second = first == string_view::npos ? first : text.find(text[first], first + 1);
        if (second == string_view::npos || first > 2 || second - first - 1 > 2 || text.size() - second - 1 != 4) {
            return std::nullopt;
        }
        day = SmallNumber(text.substr(0, first));
        month = SmallNumber(text.substr(first + 1, second - first - 1));
        year = SmallNumber(text.substr(second + 1));
    }
    if (!year || !month || !day) {
        return std::nullopt;
    }
    const std::chrono::year_month_day date{std::chrono::year{static_cast<int>(*year)}, std::chrono::month{*month},
                                           std::chrono::day{*day}};
    if (!date.ok() || *year < 1800) {
        return std::nullopt;
    }
    // Every date cell of every row comes here: digits written directly rather than through a format string.
    std::string iso = "0000-00-00";
    const auto put = [&iso](std::size_t end, unsigned value, std::size_t digits) {
        for (std::size_t i = 0; i < digits; ++i, value /= 10) {
            iso[end - i] = static_cast<char>('0' + value % 10);
        }
    };
    put(3, *year, 4);
    put(6, *month, 2);
    put(9, *day, 2);
    return iso;
}

std::string ValueText(const db::Value& value) {
    if (const auto* s = std::get_if<std::string>(&value)) {
        return *s;
    }
    if (const auto* n = std::get_if<std::int64_t>(&value)) {
        return std::to_string(*n);
    }
    if (const auto* d = std::get_if<double>(&value)) {
        return fmt::format("{}", *d);
    }
    return "";
}

std::string RowList(const std::vector<std::int64_t>& rows) {
    std::string out;
    for (std::size_t i = 0; i < rows.size() && i < kRowsNamed; ++i) {
        out += (i == 0 ? "" : ", ") + std::to_string(rows[i]);
    }
    if (rows.size() > kRowsNamed) {
        out += ", …";
    }
    return out;
}

// ---- Sources: CSV and XLSX behind one row-at-a-time interface ----

struct SourceCell {
    enum class Kind { kText, kNumber, kFormula, kError };
    Kind kind = Kind::kText;
    std::string text;
};

struct SourceProblem {
    std::string code;
    std::optional<std::int64_t> row;
    std::optional<std::size_t> column;  // 0-based position in the row, when known
    LocalizedText message;
    std::vector<std::string> cells_before = {};  // the row's cells read whole before the problem, if any
};

class RowSource {
 public:
    virtual ~RowSource() = default;
    // The next row and its number as a person sees it (header = 1). False at the end or when reading had to stop.
    virtual bool Next(std::int64_t& row, std::vector<SourceCell>& cells) = 0;
    // Why reading stopped before the end, if it did.
    virtual const std::optional<SourceProblem>& problem() const = 0;
    virtual void Restart() = 0;
    virtual std::int64_t bytes_read() = 0;
    virtual std::int64_t total_bytes() const = 0;
    // CSV rows must have exactly the header's cells; an XLSX row simply has no cell where nothing was typed.
    virtual bool fixed_width() const = 0;
    virtual bool date1904() const = 0;
};

class CsvSource final : public RowSource {
 public:
    CsvSource(const std::filesystem::path& path, char delimiter, std::int64_t size)
        : in_(path, std::ios::binary), delimiter_(delimiter), size_(size) {
        reader_.emplace(in_, delimiter_);
    }

    bool Next(std::int64_t& row, std::vector<SourceCell>& cells) override {
        if (!reader_->Next(fields_)) {
            if (reader_->problem() && !problem_) {
                const auto& found = *reader_->problem();
                problem_ = SourceProblem{
                    "REG-3004",
                    records_ + 1,
                    static_cast<std::size_t>(found.column - 1),
                    {found.message_id + " Pembacaan berhenti di sini: baris ini dan baris sesudahnya tidak dibaca.",
                     found.message_en + " Reading stopped here: this row and the rows after it were not read."}};
                // The reader leaves the fields it completed before the problem; they precede the damage, so they
                // can be trusted (and if a reader leaves none, nothing is assumed).
                if (fields_.size() < static_cast<std::size_t>(found.column)) {
                    problem_->cells_before = fields_;
                }
            }
            return false;
        }
        row = ++records_;
        cells.resize(fields_.size());
        for (std::size_t i = 0; i < fields_.size(); ++i) {
            cells[i].kind = SourceCell::Kind::kText;
            cells[i].text.swap(fields_[i]);
        }
        return true;
    }
    const std::optional<SourceProblem>& problem() const override { return problem_; }
    void Restart() override {
        in_.clear();
        in_.seekg(0);
        reader_.emplace(in_, delimiter_);
        records_ = 0;
        problem_.reset();
    }
    std::int64_t bytes_read() override {
        const auto position = static_cast<std::int64_t>(in_.tellg());
        return position < 0 ? size_ : position;
    }
    std::int64_t total_bytes() const override { return size_; }
    bool fixed_width() const override { return true; }
    bool date1904() const override { return false; }

 private:
    std::ifstream in_;
    char delimiter_;
    std::int64_t size_;
    std::optional<CsvReader> reader_;
    std::vector<std::string> fields_;
    std::int64_t records_ = 0;
    std::optional<SourceProblem> problem_;
};

class XlsxSource final : public RowSource {
 public:
    explicit XlsxSource(const std::filesystem::path& path) : reader_(path) { TakeProblem(); }

    bool Next(std::int64_t& row, std::vector<SourceCell>& cells) override {
        if (!reader_.Next(row_)) {
            TakeProblem();
            return false;
        }
        row = row_.number;
        cells.resize(row_.cells.size());
        for (std::size_t i = 0; i < row_.cells.size(); ++i) {
            auto& cell = row_.cells[i];
            switch (cell.kind) {
                case XlsxCellKind::kNumber:
                    cells[i].kind = SourceCell::Kind::kNumber;
                    break;
                case XlsxCellKind::kFormula:
                    cells[i].kind = SourceCell::Kind::kFormula;
                    break;
                case XlsxCellKind::kError:
                    cells[i].kind = SourceCell::Kind::kError;
                    break;
                case XlsxCellKind::kEmpty:
                case XlsxCellKind::kText:
                case XlsxCellKind::kBool:
                    cells[i].kind = SourceCell::Kind::kText;
                    break;
            }
            cells[i].text.swap(cell.value);
        }
        return true;
    }
    const std::optional<SourceProblem>& problem() const override { return problem_; }
    void Restart() override {
        reader_.Restart();
        problem_.reset();
        TakeProblem();
    }
    std::int64_t bytes_read() override { return reader_.bytes_read(); }
    std::int64_t total_bytes() const override { return reader_.total_bytes(); }
    bool fixed_width() const override { return false; }
    bool date1904() const override { return reader_.date1904(); }

 private:
    void TakeProblem() {
        if (reader_.problem() && !problem_) {
            const auto& found = *reader_.problem();
            problem_ = SourceProblem{
                "REG-3005",
                found.row,
                std::nullopt,
                {found.message.id + (found.row ? " Pembacaan berhenti di sini: baris ini dan baris sesudahnya tidak "
                                                 "dibaca."
                                               : ""),
                 found.message.en +
                     (found.row ? " Reading stopped here: this row and the rows after it were not read." : "")}};
        }
    }

    XlsxReader reader_;
    XlsxRow row_;
    std::optional<SourceProblem> problem_;
};

enum class FileKind { kCsv, kXlsx, kXls, kUtf16, kEmpty, kUnreadable };

FileKind KindOf(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        return FileKind::kUnreadable;
    }
    unsigned char head[4] = {0, 0, 0, 0};
    in.read(reinterpret_cast<char*>(head), 4);  // NOLINT(cppcoreguidelines-pro-type-reinterpret-cast)
    const auto got = in.gcount();
    if (got == 0) {
        return FileKind::kEmpty;
    }
    if (got >= 2 && ((head[0] == 0xFF && head[1] == 0xFE) || (head[0] == 0xFE && head[1] == 0xFF))) {
        return FileKind::kUtf16;
    }
    if (got == 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) {
        return FileKind::kXlsx;
    }
    if (got == 4 && head[0] == 0xD0 && head[1] == 0xCF && head[2] == 0x11 && head[3] == 0xE0) {
        return FileKind::kXls;
    }
    // UTF-16 without a byte-order mark: every other byte of ASCII text is zero.
    if (got >= 2 && (head[0] == 0 || head[1] == 0)) {
        return FileKind::kUtf16;
    }
    return FileKind::kCsv;
}

// The separator Excel used, from the file's header line.
char DetectDelimiter(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::string line;
    std::getline(in, line);
    return DetectCsvDelimiter(line);
}

// ---- One import ----

struct ParsedRow {
    bool bad = false;
    bool misaligned = false;  // wrong number of cells: only no_kk was read, the rest cannot be trusted
    std::optional<std::uint64_t> kk;
    std::optional<std::uint64_t> nik;
    std::vector<db::Value> values = std::vector<db::Value>(kColumnCount);  // per kColumns entry; NULL when empty
};

struct PendingHousehold {
    std::uint64_t kk = 0;
    std::vector<std::int64_t> rows;         // every row of the household, in file order
    std::vector<std::int64_t> member_rows;  // the row of each entry of household.members
    std::vector<std::int64_t> value_rows = std::vector<std::int64_t>(kColumnCount);  // row a household value came from
    NewHousehold household;
    bool has_bad_rows = false;
};

struct NikAt {
    std::uint64_t nik;
    std::int64_t row;
    bool operator<(const NikAt& other) const { return nik != other.nik ? nik < other.nik : row < other.row; }
};

struct KkRun {
    std::uint64_t kk;
    std::int64_t last_row;
};

class ImportRun {
 public:
    ImportRun(db::Database& db, RegistryService& registry, const identity::Caller& caller, std::string write_prefix,
              const RegisterImportOptions& options, const ImportProgressFn& progress)
        : db_(db),
          registry_(registry),
          caller_(caller),
          write_prefix_(std::move(write_prefix)),
          options_(options),
          progress_(progress) {
        for (std::size_t i = 0; i < kColumnCount; ++i) {
            specs_[i] = FindField(kColumns[i].household ? HouseholdFields() : PersonFields(), kColumns[i].field);
            SINERGI_INVARIANT(specs_[i] != nullptr);
        }
    }

    RegisterImportResult Run(const std::filesystem::path& file) {
        if (OpenSource(file) && ReadHeader()) {
            CheckRows();
            if (!too_many_) {
                FindDuplicateNiks();
                FindSpreadHouseholds();
                GatherHouseholds();
            }
        }
        return Finish();
    }

 private:
    // ---- issues ----

    void AddIssue(std::string_view code, std::string_view column, std::optional<std::int64_t> row,
                  LocalizedText message) {
        if (issues_.size() >= kMaxIssues) {
            too_many_ = true;
            return;
        }
        issues_.push_back(Issue{std::string(code), std::string(column), row, std::move(message)});
    }

    void MarkBad(std::int64_t row) {
        const auto index = static_cast<std::size_t>(row);
        if (bad_rows_.size() <= index) {
            bad_rows_.resize(std::max(index + 1, bad_rows_.size() * 2));
        }
        bad_rows_[index] = true;
    }
    bool IsBad(std::int64_t row) const {
        const auto index = static_cast<std::size_t>(row);
        return index < bad_rows_.size() && bad_rows_[index];
    }

    // ---- opening and the header ----

    bool OpenSource(const std::filesystem::path& file) {
        std::error_code ec;
        const auto size = std::filesystem::file_size(file, ec);
        switch (ec ? FileKind::kUnreadable : KindOf(file)) {
            case FileKind::kUnreadable:
                AddIssue("REG-3001", "", std::nullopt,
                         {fmt::format("Berkas {} tidak dapat dibuka.", file.filename().string()),
                          fmt::format("The file {} cannot be opened.", file.filename().string())});
                return false;
            case FileKind::kEmpty:
                AddIssue("REG-3006", "", std::nullopt,
                         {"Berkas kosong: tidak ada baris judul kolom maupun data.",
                          "The file is empty: no header row and no data."});
                return false;
            case FileKind::kUtf16:
                AddIssue("REG-3002", "", 1,
                         {"Berkas tersimpan sebagai teks UTF-16 (\"Unicode Text\"). Di Excel pilih Simpan Sebagai → "
                          "\"CSV UTF-8 (Comma delimited)\", lalu impor berkas itu.",
                          "The file is saved as UTF-16 text (\"Unicode Text\"). In Excel choose Save As → \"CSV UTF-8 "
                          "(Comma delimited)\" and import that file."});
                return false;
            case FileKind::kXls:
                AddIssue("REG-3003", "", std::nullopt,
                         {"Format Excel lama (.xls) tidak didukung. Simpan sebagai Buku Kerja Excel (.xlsx) atau CSV "
                          "UTF-8.",
                          "The old Excel format (.xls) is not supported. Save it as Excel Workbook (.xlsx) or CSV "
                          "UTF-8."});
                return false;
            case FileKind::kXlsx:
                source_ = std::make_unique<XlsxSource>(file);
                break;
            case FileKind::kCsv:
                source_ = std::make_unique<CsvSource>(file, DetectDelimiter(file), static_cast<std::int64_t>(size));
                break;
        }
        return true;
    }

    static bool AllEmpty(const std::vector<SourceCell>& cells) {
        return std::all_of(cells.begin(), cells.end(), [](const SourceCell& cell) { return Trim(cell.text).empty(); });
    }

    // Reads the first non-blank row as the header and maps each file column to an import column.
    bool ReadHeader() {
        std::int64_t row = 0;
        while (source_->Next(row, cells_)) {
            if (!AllEmpty(cells_)) {
                header_row_ = row;
                break;
            }
        }
        if (header_row_ == 0) {
            NoteSourceProblem();
            if (issues_.empty()) {
                AddIssue("REG-3006", "", std::nullopt,
                         {"Berkas tidak berisi baris judul kolom.", "The file has no header row."});
            }
            return false;
        }
        std::vector<bool> seen(kColumnCount, false);
        file_columns_.assign(cells_.size(), kNoColumn);
        for (std::size_t i = 0; i < cells_.size(); ++i) {
            const auto key = HeaderKey(cells_[i].text);
            if (key.empty()) {
                continue;  // an unnamed column: allowed as long as its cells stay empty (checked per row)
            }
            const auto column = ColumnNamed(key);
            if (column == kNoColumn) {
                AddIssue("REG-3011", key, header_row_,
                         {fmt::format("Kolom '{}' tidak dikenal. Hapus kolom itu atau ganti judulnya dengan nama "
                                      "kolom yang benar (lihat docs/formats/register-import.md).",
                                      Trim(cells_[i].text)),
                          fmt::format("Column '{}' is not known. Remove it or rename it to a listed column name (see "
                                      "docs/formats/register-import.md).",
                                      Trim(cells_[i].text))});
            } else if (seen[column]) {
                AddIssue("REG-3012", key, header_row_,
                         {fmt::format("Kolom '{}' muncul lebih dari sekali di baris judul.", key),
                          fmt::format("Column '{}' appears more than once in the header.", key)});
            } else {
                seen[column] = true;
                file_columns_[i] = column;
            }
        }
        for (std::size_t column = 0; column < kColumnCount; ++column) {
            if (kColumns[column].required && !seen[column]) {
                AddIssue("REG-3010", kColumns[column].name, header_row_,
                         {fmt::format("Kolom wajib '{}' tidak ada di baris judul.", kColumns[column].name),
                          fmt::format("The required column '{}' is missing from the header.", kColumns[column].name)});
            }
        }
        return issues_.empty();
    }

    void NoteSourceProblem() {
        const auto& problem = source_->problem();
        if (!problem || stopped_) {
            return;
        }
        std::string column;
        if (problem->column && *problem->column < file_columns_.size() &&
            file_columns_[*problem->column] != kNoColumn) {
            column = kColumns[file_columns_[*problem->column]].name;
        }
        stopped_ = true;
        stopped_at_row_ = problem->row;
        for (std::size_t i = 0; i < problem->cells_before.size() && i < file_columns_.size(); ++i) {
            const auto text = Trim(problem->cells_before[i]);
            if (file_columns_[i] == kNoKkColumn && !ParseKk(text).problem) {
                broken_row_kk_ = SixteenDigitKey(text);
            }
        }
        AddIssue(problem->code, column, problem->row, problem->message);
    }

    // ---- one row ----

    // Reads one cell into `out` (NULL when empty); false, with the problem reported, when it cannot be used.
    bool ParseCell(std::size_t column, const SourceCell& cell, std::int64_t row, ValidationReport& report,
                   db::Value& out) {
        const auto& spec = *specs_[column];
        const auto name = kColumns[column].name;
        const auto problem = [&](std::string_view code, std::string id, std::string en) {
            report.Add(code, name, {std::move(id), std::move(en)}, row);
            return false;
        };
        out = db::Value{};
        if (cell.kind == SourceCell::Kind::kError) {
            return problem(
                "REG-3025",
                fmt::format("Sel di kolom {} berisi galat Excel {}; isi dengan nilai yang benar atau kosongkan.", name,
                            cell.text),
                fmt::format("The cell in column {} holds the Excel error {}; enter the right value or leave it empty.",
                            name, cell.text));
        }
        if (cell.kind == SourceCell::Kind::kFormula) {
            return problem(
                "REG-3024",
                fmt::format("Sel di kolom {} berisi rumus Excel. Salin kolomnya lalu Tempel Spesial → Nilai, agar "
                            "yang diimpor adalah isinya, bukan rumusnya.",
                            name),
                fmt::format("The cell in column {} holds an Excel formula. Copy the column and Paste Special → Values, "
                            "so that the value is imported, not the formula.",
                            name));
        }
        const bool number_cell = cell.kind == SourceCell::Kind::kNumber;
        std::string text(Trim(cell.text));
        if (text == "-") {
            text.clear();  // the usual way to write "nothing" on Indonesian forms
        }
        const bool number_column = spec.type == FieldType::kInt || spec.type == FieldType::kReal;
        // A spreadsheet runs such a cell as a formula when the file is opened again: refused, so the register never
        // hands such a value on (CSV injection).
        if (!number_cell && LooksLikeFormula(text) && !(number_column && text[0] == '-')) {
            return problem(
                "REG-3022",
                fmt::format("Sel di kolom {} diawali '{}' sehingga dapat dijalankan sebagai rumus oleh program "
                            "spreadsheet; ditolak demi keamanan. Hapus tanda itu di awal sel.",
                            name, text[0]),
                fmt::format(
                    "The cell in column {} starts with '{}', so a spreadsheet program could run it as a formula; "
                    "refused for safety. Remove that sign from the start of the cell.",
                    name, text[0]));
        }
        if (column == kNikColumn || column == kNoKkColumn) {
            if (number_cell || LooksLikeExponent(text)) {
                return problem("REG-3023",
                               fmt::format("{} tersimpan sebagai angka, sehingga Excel hanya menyimpan 15 digit dan "
                                           "digit terakhirnya bisa berubah. Format kolom {} sebagai Teks, lalu ketik "
                                           "ulang nomornya.",
                                           name, name),
                               fmt::format("{} is stored as a number, so Excel keeps only 15 digits and the last ones "
                                           "may have changed. Format column {} as Text and type the numbers again.",
                                           name, name));
            }
            if (text.empty()) {
                if (column == kNoKkColumn) {
                    return problem("REG-2100",
                                   "Kolom no_kk wajib diisi: anggota satu rumah tangga dikenali dari no_kk yang sama.",
                                   "Column no_kk is required: the members of one household share one no_kk.");
                }
                return true;  // a person without a NIK (a young child, say) is kept with a warning
            }
            const auto found = column == kNikColumn ? ParseNik(text, name).problem : ParseKk(text, name).problem;
            if (found) {
                report.Add(found->code, name, found->message, row);
                return false;
            }
            out = std::move(text);
            return true;
        }
        if (number_cell) {
            if (spec.type == FieldType::kDate) {
                double serial = 0;
                std::from_chars(text.data(), text.data() + text.size(), serial);
                text = ExcelSerialToIsoDate(serial, source_->date1904()).value_or(text);
            } else {
                text = NumberText(text);
            }
        }
        if (spec.type == FieldType::kDate && !text.empty()) {
            auto iso = IsoDate(text);
            if (!iso) {
                return problem("REG-2106",
                               fmt::format("Kolom {} harus tanggal yang ada di kalender, ditulis YYYY-MM-DD, "
                                           "DD-MM-YYYY atau DD/MM/YYYY; '{}' bukan.",
                                           name, text),
                               fmt::format("Column {} must be a real date written YYYY-MM-DD, DD-MM-YYYY or "
                                           "DD/MM/YYYY; '{}' is not.",
                                           name, text));
            }
            text = std::move(*iso);
        }
        if (spec.type == FieldType::kEnum && !text.empty()) {
            text = CodeKey(text, spec.name == "sex");
            if (column == kLifeStatusColumn) {
                const auto* word = std::find_if(std::begin(kLifeStatusWords), std::end(kLifeStatusWords),
                                                [&text](const auto& pair) { return pair.first == text; });
                if (word == std::end(kLifeStatusWords)) {
                    return problem(
                        "REG-2102",
                        fmt::format("Nilai '{}' tidak dikenal untuk {}; pilih: hidup, meninggal, pindah.", text, name),
                        fmt::format("Unknown value '{}' for {}; use one of: hidup, meninggal, pindah.", text, name));
                }
                text = word->second;
            }
        }
        auto value = ReadFieldText(spec, text, name, row, report);
        if (!value) {
            return false;
        }
        out = std::move(*value);
        return true;
    }

    // Checks one row alone. Problems go to `report` (with the row); the row's values land in `out`.
    void ParseRow(const std::vector<SourceCell>& cells, std::int64_t row, ValidationReport& report, ParsedRow& out) {
        out.bad = false;
        out.misaligned = false;
        out.kk.reset();
        out.nik.reset();
        std::fill(out.values.begin(), out.values.end(), db::Value{});
        if (source_->fixed_width() && cells.size() != file_columns_.size()) {
            out.bad = out.misaligned = true;
            const bool extra = cells.size() > file_columns_.size();
            report.Add(extra ? "REG-3020" : "REG-3021", "",
                       {fmt::format("Baris ini berisi {} sel, sedangkan baris judul {} kolom{}. Periksa pemisah "
                                    "kolom dan tanda kutip di baris ini.",
                                    cells.size(), file_columns_.size(),
                                    extra ? "; mungkin ada koma di dalam isi sel yang tidak diberi tanda kutip" : ""),
                        fmt::format("This row has {} cells while the header has {} columns{}. Check the separators "
                                    "and quotes on this row.",
                                    cells.size(), file_columns_.size(),
                                    extra ? "; perhaps a cell holds a comma without quotes around it" : "")},
                       row);
            // The household key usually comes first, before whatever shifted the cells; with it the household can
            // still be left out whole.
            for (std::size_t i = 0; i < cells.size() && i < file_columns_.size(); ++i) {
                if (file_columns_[i] == kNoKkColumn) {
                    const auto text = Trim(cells[i].text);
                    if (!ParseKk(text).problem) {
                        out.kk = SixteenDigitKey(text);
                    }
                }
            }
            return;
        }
        std::vector<std::string> stray;
        for (std::size_t i = 0; i < cells.size(); ++i) {
            if ((i >= file_columns_.size() || file_columns_[i] == kNoColumn) && !Trim(cells[i].text).empty()) {
                stray.push_back(ColumnLetters(i));
            }
        }
        if (!stray.empty()) {
            out.bad = true;
            std::string list;
            for (const auto& letters : stray) {
                list += (list.empty() ? "" : ", ") + letters;
            }
            report.Add("REG-3020", "",
                       {fmt::format("Baris ini berisi nilai di kolom tanpa judul ({}). Beri judul kolom itu atau "
                                    "hapus isinya.",
                                    list),
                        fmt::format("This row has values in columns without a header ({}). Give the column a header "
                                    "or clear it.",
                                    list)},
                       row);
        }
        static const SourceCell kEmptyCell;
        for (std::size_t i = 0; i < file_columns_.size(); ++i) {
            const auto column = file_columns_[i];
            if (column == kNoColumn) {
                continue;
            }
            if (!ParseCell(column, i < cells.size() ? cells[i] : kEmptyCell, row, report, out.values[column])) {
                out.bad = true;
            }
        }
        if (const auto* kk = std::get_if<std::string>(&out.values[kNoKkColumn])) {
            out.kk = SixteenDigitKey(*kk);
        }
        if (const auto* nik = std::get_if<std::string>(&out.values[kNikColumn])) {
            out.nik = SixteenDigitKey(*nik);
        }
    }

    // ---- pass 1: every row alone ----

    void CheckRows() {
        std::int64_t row = 0;
        ValidationReport report;
        while (!too_many_ && source_->Next(row, cells_)) {
            if (AllEmpty(cells_)) {
                continue;
            }
            ++rows_read_;
            ParseRow(cells_, row, report, parsed_);
            if (parsed_.bad) {
                MarkBad(row);
                for (const auto& issue : report.issues()) {
                    AddIssue(issue.code, issue.field, issue.row, issue.message);
                }
                report = ValidationReport();
            }
            if (parsed_.kk) {
                if (runs_.empty() || runs_.back().kk != *parsed_.kk) {
                    runs_.push_back(KkRun{*parsed_.kk, row});
                } else {
                    runs_.back().last_row = row;
                }
                last_kk_ = parsed_.kk;
            }
            if (parsed_.nik) {
                niks_.push_back(NikAt{*parsed_.nik, row});
            }
            if (progress_ && rows_read_ % kProgressEveryRows == 0) {
                progress_(ImportPhase::kChecking, source_->bytes_read(), source_->total_bytes());
            }
        }
        NoteSourceProblem();
        if (progress_) {
            progress_(ImportPhase::kChecking, source_->total_bytes(), source_->total_bytes());
        }
    }

    void FindDuplicateNiks() {
        std::sort(niks_.begin(), niks_.end());
        for (std::size_t begin = 0; begin < niks_.size();) {
            auto end = begin + 1;
            while (end < niks_.size() && niks_[end].nik == niks_[begin].nik) {
                ++end;
            }
            if (end - begin > 1) {
                const auto nik = fmt::format("{:016}", niks_[begin].nik);
                for (auto i = begin; i < end; ++i) {
                    std::vector<std::int64_t> others;
                    for (auto j = begin; j < end; ++j) {
                        if (j != i) {
                            others.push_back(niks_[j].row);
                        }
                    }
                    AddIssue("REG-3030", "nik", niks_[i].row,
                             {fmt::format("NIK {} juga tercantum di baris {}; satu NIK hanya untuk satu orang.", nik,
                                          RowList(others)),
                              fmt::format("NIK {} also appears on row {}; one NIK belongs to one person.", nik,
                                          RowList(others))});
                    MarkBad(niks_[i].row);
                }
            }
            begin = end;
        }
        niks_ = {};
    }

    // A no_kk that starts more than one run of consecutive rows is a household spread over the file: it is complete
    // only at its last row.
    void FindSpreadHouseholds() {
        std::sort(runs_.begin(), runs_.end(), [](const KkRun& a, const KkRun& b) { return a.kk < b.kk; });
        for (std::size_t begin = 0; begin < runs_.size();) {
            auto end = begin + 1;
            auto last_row = runs_[begin].last_row;
            while (end < runs_.size() && runs_[end].kk == runs_[begin].kk) {
                last_row = std::max(last_row, runs_[end].last_row);
                ++end;
            }
            if (end - begin > 1) {
                spread_last_row_[runs_[begin].kk] = last_row;
            }
            begin = end;
        }
        runs_ = {};
    }

    // ---- pass 2: households ----

    void GatherHouseholds() {
        // All or nothing: once a row is known to be bad nothing will be committed, so nothing is written; the
        // households are still checked so the report is complete.
        connection_.emplace(db_.Acquire());
        writing_ = options_.partial || issues_.empty();
        if (writing_) {
            bulk_.emplace(**connection_);
            transaction_.emplace(**connection_, db::TxMode::kWrite);
        }
        source_->Restart();
        std::int64_t row = 0;
        std::int64_t rows_done = 0;
        ValidationReport ignored;  // pass 1 reported every row problem already
        std::optional<PendingHousehold> current;
        std::unordered_map<std::uint64_t, PendingHousehold> spread;
        while (!too_many_ && source_->Next(row, cells_)) {
            if (row <= header_row_ || AllEmpty(cells_)) {
                continue;
            }
            if (stopped_at_row_ && row >= *stopped_at_row_) {
                break;
            }
            ParseRow(cells_, row, ignored, parsed_);
            ignored = ValidationReport();
            if (++rows_done % kProgressEveryRows == 0 && progress_) {
                progress_(ImportPhase::kWriting, rows_done, rows_read_);
            }
            if (!parsed_.kk) {
                continue;  // no household to belong to; the row is already reported
            }
            const auto kk = *parsed_.kk;
            if (current && current->kk != kk) {
                FinishHousehold(*current);
                current.reset();
            }
            if (auto last = spread_last_row_.find(kk); last != spread_last_row_.end()) {
                auto& household = spread[kk];
                household.kk = kk;
                AddRow(household, row);
                if (row == last->second) {
                    FinishHousehold(household);
                    spread.erase(kk);
                }
                continue;
            }
            if (!current) {
                current.emplace();
                current->kk = kk;
            }
            AddRow(*current, row);
        }
        if (current) {
            FinishHousehold(*current);
        }
        // Only when reading stopped early can a spread household still be open.
        for (auto& [kk, household] : spread) {
            FinishHousehold(household);
        }
        if (writing_) {
            registry_.WriteQueued(**connection_, caller_, queue_, Source::kImport, options_.reason);
        }
        if (progress_) {
            progress_(ImportPhase::kWriting, rows_read_, rows_read_);
        }
    }

    void AddRow(PendingHousehold& household, std::int64_t row) {
        household.rows.push_back(row);
        if (IsBad(row) || parsed_.bad) {
            household.has_bad_rows = true;
            return;
        }
        // Household columns repeat on every member's row; a member's row may leave them empty, but a value that
        // differs from an earlier row's makes it unclear which one is right.
        auto& fields = household.household.fields;
        bool differs = false;
        for (std::size_t column = 0; column < kColumnCount; ++column) {
            const auto& value = parsed_.values[column];
            if (!kColumns[column].household || std::holds_alternative<std::monostate>(value)) {
                continue;
            }
            auto it = fields.find(kColumns[column].field);
            if (it != fields.end() && it->second != value) {
                differs = true;
                const auto name = kColumns[column].name;
                const auto earlier = household.value_rows[column];
                AddIssue("REG-3031", name, row,
                         {fmt::format("Nilai {} '{}' berbeda dengan baris {} ('{}'), padahal no_kk sama. Kolom rumah "
                                      "tangga harus sama di semua baris anggotanya.",
                                      name, ValueText(value), earlier, ValueText(it->second)),
                          fmt::format("Value {} '{}' differs from row {} ('{}') although no_kk is the same. Household "
                                      "columns must be the same on every member's row.",
                                      name, ValueText(value), earlier, ValueText(it->second))});
            }
        }
        if (differs) {
            MarkBad(row);
            household.has_bad_rows = true;
            return;
        }
        FieldValues member;
        for (std::size_t column = 0; column < kColumnCount; ++column) {
            auto& value = parsed_.values[column];
            if (std::holds_alternative<std::monostate>(value)) {
                continue;
            }
            if (kColumns[column].household) {
                if (fields.try_emplace(std::string(kColumns[column].field), value).second) {
                    household.value_rows[column] = row;
                }
            } else {
                member.emplace(std::string(kColumns[column].field), std::move(value));
            }
        }
        household.household.members.push_back(std::move(member));
        household.member_rows.push_back(row);
    }

    bool InArea(const std::string& village_code) const {
        return village_code == write_prefix_ || village_code.starts_with(write_prefix_ + ".");
    }

    // Turns a problem RegistryService found with a household (field paths such as "members[1].nik") into issues on
    // the file's rows and columns.
    void ReportHouseholdIssue(const PendingHousehold& household, const Issue& issue) {
        if (issue.field.starts_with("members[")) {
            const auto close = issue.field.find(']');
            std::size_t index = 0;
            std::from_chars(issue.field.data() + 8, issue.field.data() + close, index);
            const auto field = close + 2 <= issue.field.size() ? string_view(issue.field).substr(close + 2) : "";
            const auto column = ColumnOfField(false, field);
            const auto row = household.member_rows.at(index);
            AddIssue(issue.code, column == kNoColumn ? "" : kColumns[column].name, row, issue.message);
            MarkBad(row);
            return;
        }
        std::string_view column;
        if (issue.field == "members") {
            column = "hubungan_keluarga";  // exactly one head of family
        } else if (const auto index = ColumnOfField(true, issue.field); index != kNoColumn) {
            column = kColumns[index].name;
        }
        for (const auto row : household.member_rows) {
            AddIssue(issue.code, column, row, issue.message);
            MarkBad(row);
        }
    }

    void FinishHousehold(PendingHousehold& household) {
        // Reading stopped early: the household of the unreadable row lacks a member; when that row's no_kk is not
        // known, the household read last may have more members there.
        const bool maybe_incomplete = stopped_ && household.kk == (broken_row_kk_ ? *broken_row_kk_ : last_kk_);
        ValidationReport found;
        bool written = false;
        std::size_t members = 0;
        const auto village = household.household.fields.find("village_code");
        const bool outside_area = !write_prefix_.empty() && village != household.household.fields.end() &&
                                  !InArea(std::get<std::string>(village->second));
        if (outside_area) {
            found.Add("REG-3032", "village_code",
                      {fmt::format("Desa/kelurahan {} di luar wilayah kerja Anda ({}).",
                                   std::get<std::string>(village->second), write_prefix_),
                       fmt::format("Village {} is outside your area ({}).", std::get<std::string>(village->second),
                                   write_prefix_)});
        } else if (!household.household.members.empty()) {
            if (writing_ && !household.has_bad_rows && !maybe_incomplete) {
                members = household.household.members.size();
                written = registry_.QueueCreate(**connection_, caller_, std::move(household.household), queue_, found);
                if (queue_.households() >= kQueuedHouseholds) {
                    registry_.WriteQueued(**connection_, caller_, queue_, Source::kImport, options_.reason);
                }
            } else {
                registry_.Validate(**connection_, household.household, found);
            }
        }
        for (const auto& issue : found.issues()) {
            // With rows missing the head count says nothing; the missing rows are reported already.
            if (household.has_bad_rows && issue.field == "members") {
                continue;
            }
            ReportHouseholdIssue(household, issue);
        }
        const bool refused = household.has_bad_rows || !found.empty() || maybe_incomplete;
        if (!refused) {
            if (written) {
                ++households_imported_;
                persons_imported_ += static_cast<std::int64_t>(members);
            }
            return;
        }
        if (!options_.partial) {
            writing_ = false;
            queue_ = CreateQueue();  // nothing will be committed
            return;
        }
        // With `partial` the report lists exactly the rows left out, so the sound rows of a refused household are
        // named too, with the reason.
        std::vector<std::int64_t> bad;
        for (const auto row : household.rows) {
            if (IsBad(row)) {
                bad.push_back(row);
            }
        }
        const auto kk = fmt::format("{:016}", household.kk);
        for (const auto row : household.rows) {
            if (IsBad(row)) {
                continue;
            }
            if (bad.empty()) {
                AddIssue("REG-3041", "", row,
                         {fmt::format("Tidak diimpor: pembacaan berkas berhenti di baris {} sehingga belum pasti "
                                      "semua anggota rumah tangga ini (no_kk {}) terbaca.",
                                      stopped_at_row_.value_or(0), kk),
                          fmt::format("Not imported: reading stopped at row {}, so it is not certain that every "
                                      "member of this household (no_kk {}) was read.",
                                      stopped_at_row_.value_or(0), kk)});
            } else {
                AddIssue("REG-3040", "", row,
                         {fmt::format("Baris ini benar tetapi tidak diimpor, karena rumah tangganya (no_kk {}) "
                                      "bermasalah di baris {}; rumah tangga diimpor utuh atau tidak sama sekali.",
                                      kk, RowList(bad)),
                          fmt::format("This row is fine but was not imported because its household (no_kk {}) has "
                                      "problems on row {}; a household is imported whole or not at all.",
                                      kk, RowList(bad))});
            }
        }
    }

    // ---- the outcome ----

    RegisterImportResult Finish() {
        RegisterImportResult result;
        const bool commit = transaction_ && !too_many_ && (options_.partial || issues_.empty());
        if (commit) {
            transaction_->Commit();
            result.committed = households_imported_ > 0;
            result.households_imported = households_imported_;
            result.persons_imported = persons_imported_;
        }
        transaction_.reset();  // rolls back whatever was not committed
        bulk_.reset();
        connection_.reset();
        if (too_many_) {
            issues_.insert(issues_.begin(),
                           Issue{"REG-3009",
                                 "",
                                 std::nullopt,
                                 {fmt::format("Lebih dari {} masalah: pemeriksaan dihentikan dan tidak ada yang "
                                              "diimpor. Periksa apakah berkas ini memakai format yang benar.",
                                              kMaxIssues),
                                  fmt::format("More than {} problems: checking stopped and nothing was imported. "
                                              "Check that the file has the right format.",
                                              kMaxIssues)}});
        }
        std::stable_sort(issues_.begin(), issues_.end(),
                         [](const Issue& a, const Issue& b) { return a.row.value_or(0) < b.row.value_or(0); });
        std::optional<std::int64_t> previous;
        for (const auto& issue : issues_) {
            if (issue.row && issue.row != previous) {
                ++result.rows_refused;
                previous = issue.row;
            }
        }
        result.rows_read = rows_read_;
        result.stopped_at_row = stopped_at_row_;
        result.issues = std::move(issues_);
        return result;
    }

    db::Database& db_;
    RegistryService& registry_;
    const identity::Caller& caller_;
    // The region the caller may write in ("" = everywhere). RegistryService checks it again on every write; checking
    // first turns an out-of-area household into a reported row problem instead of an error that ends the import.
    std::string write_prefix_;
    const RegisterImportOptions& options_;
    const ImportProgressFn& progress_;
    std::array<const FieldSpec*, kColumnCount> specs_{};

    std::unique_ptr<RowSource> source_;
    std::int64_t header_row_ = 0;
    std::vector<std::size_t> file_columns_;  // file column → kColumns index, or kNoColumn
    std::vector<SourceCell> cells_;
    ParsedRow parsed_;

    std::vector<Issue> issues_;
    bool too_many_ = false;
    std::vector<bool> bad_rows_;  // by row number
    std::int64_t rows_read_ = 0;
    bool stopped_ = false;                        // reading ended before the end of the file
    std::optional<std::int64_t> stopped_at_row_;  // where, when known
    std::optional<std::uint64_t> last_kk_;        // household of the last row read in pass 1
    std::optional<std::uint64_t> broken_row_kk_;  // household of the row where reading stopped, when legible
    std::vector<NikAt> niks_;
    std::vector<KkRun> runs_;
    std::unordered_map<std::uint64_t, std::int64_t> spread_last_row_;

    std::optional<db::Database::Lease> connection_;
    std::optional<db::BulkWrite> bulk_;  // declared between the two: it ends after the transaction, before the lease
    std::optional<db::Transaction> transaction_;
    CreateQueue queue_;  // households checked and waiting to be written together
    bool writing_ = false;
    std::int64_t households_imported_ = 0;
    std::int64_t persons_imported_ = 0;
};

}  // namespace

std::span<const RegisterImportColumn> RegisterImportColumns() { return kColumns; }

std::string_view LifeStatusWord(std::string_view stored) {
    for (const auto& [word, code] : kLifeStatusWords) {
        if (code == stored) {
            return word;
        }
    }
    return stored;
}

RegisterImporter::RegisterImporter(db::Database& db, RegistryService& registry, identity::IdentityService& identity)
    : db_(db), registry_(registry), identity_(identity) {}

RegisterImportResult RegisterImporter::Import(const identity::Caller& caller, const std::filesystem::path& file,
                                              const RegisterImportOptions& options, const ImportProgressFn& progress) {
    const auto scope =
        caller.user ? identity::Policy::Decide(caller.user->role, identity::actions::kRegistryWrite) : std::nullopt;
    if (!scope || (*scope != identity::Scope::kAll && !caller.user->agency_region_code)) {
        throw Error(sinergi::errors::kForbidden,
                    {"Anda tidak berwenang mengimpor data register.", "You are not allowed to import register data."});
    }
    ImportRun run(db_, registry_, caller, *scope == identity::Scope::kAll ? "" : *caller.user->agency_region_code,
                  options, progress);
    auto result = run.Run(file);
    identity_.Audit(
        caller, {"household.import",
                 "household",
                 std::nullopt,
                 result.committed || result.issues.empty() ? identity::Outcome::kSuccess : identity::Outcome::kFailure,
                 {{"file", file.filename().string()},
                  {"partial", options.partial},
                  {"rows_read", result.rows_read},
                  {"rows_refused", result.rows_refused},
                  {"households", result.households_imported},
                  {"persons", result.persons_imported}}});
    return result;
}

void WriteImportReport(std::ostream& out, const std::vector<Issue>& issues) {
    out << kUtf8ByteOrderMark << "row,column,code,message_id,message_en\r\n";
    for (const auto& issue : issues) {
        out << (issue.row ? std::to_string(*issue.row) : "") << ',' << CsvCell(issue.field) << ','
            << CsvCell(issue.code) << ',' << CsvCell(issue.message.id) << ',' << CsvCell(issue.message.en) << "\r\n";
    }
}

}  // namespace sinergi::registry
