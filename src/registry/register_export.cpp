#include "registry/register_export.hpp"

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <unistd.h>
#include <xlsxwriter.h>

#include <fmt/format.h>

#include "platform/csv_writer.hpp"
#include "registry/register_import.hpp"
#include "registry/registry_store.hpp"

namespace sinergi::registry {

namespace {

// One row's cells, as text (CSV) and, for numbers, as numbers (XLSX keeps them numeric).
struct Cell {
    std::string text;
    std::optional<double> number;
};

Cell CellOf(const db::Value& value, const FieldSpec& spec) {
    if (std::holds_alternative<std::monostate>(value)) {
        return {};
    }
    switch (spec.type) {
        case FieldType::kBool:
            return {std::get<std::int64_t>(value) != 0 ? "ya" : "tidak", std::nullopt};
        case FieldType::kInt: {
            const auto number = std::get<std::int64_t>(value);
            return {std::to_string(number), static_cast<double>(number)};
        }
        case FieldType::kReal: {
            const auto number = std::holds_alternative<double>(value)
                                    ? std::get<double>(value)
                                    : static_cast<double>(std::get<std::int64_t>(value));
            return {fmt::format("{}", number), number};
        }
        default:
            break;
    }
    auto text = std::get<std::string>(value);
    if (spec.name == "life_status") {
        text = std::string(LifeStatusWord(text));
    }
    return {std::move(text), std::nullopt};
}

std::vector<Cell> RowOf(const Household& household, const Person& person) {
    std::vector<Cell> cells;
    for (const auto& column : RegisterImportColumns()) {
        const auto& fields = column.household ? household.fields : person.fields;
        const auto* spec = FindField(column.household ? HouseholdFields() : PersonFields(), column.field);
        auto it = fields.find(column.field);
        cells.push_back(spec == nullptr || it == fields.end() ? Cell{} : CellOf(it->second, *spec));
    }
    return cells;
}

// Builds the file row by row, whichever format.
class ExportWriter {
 public:
    virtual ~ExportWriter() = default;
    virtual void Header() = 0;
    virtual void Row(const std::vector<Cell>& cells) = 0;
    virtual std::string Finish() = 0;
};

class CsvExportWriter final : public ExportWriter {
 public:
    void Header() override {
        out_ << kUtf8ByteOrderMark;
        const char* separator = "";
        for (const auto& column : RegisterImportColumns()) {
            out_ << separator << column.name;
            separator = ",";
        }
        out_ << "\r\n";
    }
    void Row(const std::vector<Cell>& cells) override {
        const char* separator = "";
        for (const auto& cell : cells) {
            out_ << separator << CsvCell(cell.text);
            separator = ",";
        }
        out_ << "\r\n";
    }
    std::string Finish() override { return std::move(out_).str(); }

 private:
    std::ostringstream out_;
};

// libxlsxwriter (Debian's 1.1.4) writes only to a file: the workbook goes to a temporary file that is read back and
// removed. constant_memory keeps one row in memory at a time.
class XlsxExportWriter final : public ExportWriter {
 public:
    explicit XlsxExportWriter(const std::filesystem::path& temp_dir) {
        std::error_code ec;
        std::filesystem::create_directories(temp_dir, ec);
        auto pattern = (temp_dir / "sinergi-export-XXXXXX").string();
        const int fd = ::mkstemp(pattern.data());
        if (fd < 0) {
            throw Error(sinergi::errors::kInternal,
                        {fmt::format("Berkas sementara tidak dapat dibuat di {}.", temp_dir.string()),
                         fmt::format("Cannot create a temporary file in {}.", temp_dir.string())});
        }
        ::close(fd);
        path_ = pattern;
        temp_dir_ = temp_dir.string();
        lxw_workbook_options options{};
        options.constant_memory = LXW_TRUE;
        options.tmpdir = temp_dir_.data();
        workbook_ = workbook_new_opt(path_.c_str(), &options);
        sheet_ = workbook_ == nullptr ? nullptr : workbook_add_worksheet(workbook_, "register");
        if (sheet_ == nullptr) {
            Cleanup();
            throw Error(sinergi::errors::kInternal,
                        {"Berkas XLSX tidak dapat dibuat.", "The XLSX workbook could not be created."});
        }
    }
    ~XlsxExportWriter() override { Cleanup(); }
    XlsxExportWriter(const XlsxExportWriter&) = delete;
    XlsxExportWriter& operator=(const XlsxExportWriter&) = delete;

    void Header() override {
        lxw_col_t column = 0;
        for (const auto& spec : RegisterImportColumns()) {
            worksheet_write_string(sheet_, 0, column++, std::string(spec.name).c_str(), nullptr);
        }
        worksheet_freeze_panes(sheet_, 1, 0);
    }
    void Row(const std::vector<Cell>& cells) override {
        ++row_;
        lxw_col_t column = 0;
        for (const auto& cell : cells) {
            if (cell.number) {
                worksheet_write_number(sheet_, row_, column, *cell.number, nullptr);
            } else if (!cell.text.empty()) {
                // A string cell is not evaluated, but copied elsewhere formula-like text could be: defused as in CSV
                // (the import drops the apostrophe again).
                const auto text = LooksLikeFormula(cell.text) ? "'" + cell.text : cell.text;
                worksheet_write_string(sheet_, row_, column, text.c_str(), nullptr);
            }
            ++column;
        }
    }
    std::string Finish() override {
        const auto status = workbook_close(workbook_);
        workbook_ = nullptr;
        if (status != LXW_NO_ERROR) {
            throw Error(sinergi::errors::kInternal,
                        {fmt::format("Berkas XLSX gagal ditulis: {}.", lxw_strerror(status)),
                         fmt::format("Writing the XLSX workbook failed: {}.", lxw_strerror(status))});
        }
        std::ifstream in(path_, std::ios::binary);
        std::ostringstream bytes;
        bytes << in.rdbuf();
        return std::move(bytes).str();
    }

 private:
    void Cleanup() {
        if (workbook_ != nullptr) {
            workbook_close(workbook_);
            workbook_ = nullptr;
        }
        if (!path_.empty()) {
            std::error_code ignored;
            std::filesystem::remove(path_, ignored);
        }
    }

    std::string path_;
    std::string temp_dir_;
    lxw_workbook* workbook_ = nullptr;
    lxw_worksheet* sheet_ = nullptr;
    lxw_row_t row_ = 0;
};

std::string Trimmed(std::string_view text) {
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) {
        return "";
    }
    return std::string(text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1));
}

std::size_t CharacterCount(std::string_view utf8) {
    std::size_t count = 0;
    for (char c : utf8) {
        count += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
    }
    return count;
}

}  // namespace

std::optional<ExportFormat> ParseExportFormat(std::string_view text) {
    if (text == "csv") {
        return ExportFormat::kCsv;
    }
    if (text == "xlsx") {
        return ExportFormat::kXlsx;
    }
    return std::nullopt;
}

std::int64_t RegistryService::VisitHouseholds(const identity::Caller& caller, std::string_view action,
                                              const HouseholdQuery& query, std::int64_t max_households,
                                              const std::function<void(const Household&)>& visit) {
    const auto scope = RegionScope(caller, action);
    auto connection = db_.Acquire();
    // One read transaction: every page and every member list come from the same snapshot.
    db::Transaction snapshot(*connection, db::TxMode::kRead);
    PageRequest page;
    page.limit = 500;
    auto result = store_->SearchHouseholds(*connection, query, scope, page);
    const auto total = result.total;
    if (total > max_households) {
        return total;
    }
    for (;;) {
        for (auto& household : result.items) {
            household.members = store_->Members(*connection, household.id);
            visit(household);
        }
        if (!result.next_key) {
            break;
        }
        page.after = result.next_key;
        result = store_->SearchHouseholds(*connection, query, scope, page);
    }
    snapshot.Commit();
    return total;
}

RegisterExporter::RegisterExporter(RegistryService& registry, identity::IdentityService& identity, const Clock& clock,
                                   std::filesystem::path temp_dir)
    : registry_(registry), identity_(identity), clock_(clock), temp_dir_(std::move(temp_dir)) {}

ExportedFile RegisterExporter::Export(const identity::Caller& caller, const HouseholdQuery& query, ExportFormat format,
                                      const std::string& purpose) {
    const auto stated = Trimmed(purpose);
    if (CharacterCount(stated) < 10 || CharacterCount(stated) > 500) {
        ValidationReport report;
        report.Add("REG-2340", "purpose",
                   {"Tujuan ekspor wajib diisi, 10–500 karakter: untuk apa data pribadi ini dibawa keluar?",
                    "State the purpose of the export in 10–500 characters: why does this personal data leave the "
                    "system?"});
        report.ThrowIfAny();
    }
    std::unique_ptr<ExportWriter> writer;
    if (format == ExportFormat::kCsv) {
        writer = std::make_unique<CsvExportWriter>();
    } else {
        writer = std::make_unique<XlsxExportWriter>(temp_dir_);
    }
    writer->Header();
    ExportedFile file;
    const auto total = registry_.VisitHouseholds(caller, identity::actions::kRegistryExport, query, kMaxHouseholds,
                                                 [&](const Household& household) {
                                                     ++file.households;
                                                     for (const auto& person : household.members) {
                                                         writer->Row(RowOf(household, person));
                                                         ++file.persons;
                                                     }
                                                 });
    boost::json::array filters;
    for (const auto* name : {"q", "region", "desil_min", "desil_max", "status"}) {
        const std::string_view key(name);
        const bool given = (key == "q" && query.q) || (key == "region" && query.region) ||
                           (key == "desil_min" && query.desil_min) || (key == "desil_max" && query.desil_max) ||
                           (key == "status" && query.status);
        if (given) {
            filters.emplace_back(key);
        }
    }
    for (const auto& [name, value] : query.attributes) {
        filters.emplace_back(name);
    }
    if (total > kMaxHouseholds) {
        identity_.Audit(caller, {"household.export",
                                 "household",
                                 std::nullopt,
                                 identity::Outcome::kFailure,
                                 {{"purpose", stated}, {"filters", filters}, {"matched", total}}});
        ValidationReport report;
        report.Add("REG-2342", "filters",
                   {fmt::format("Pencarian ini menemukan {} rumah tangga; ekspor paling banyak {}. Persempit filter "
                                "(misalnya per kecamatan atau desa).",
                                total, kMaxHouseholds),
                    fmt::format("This search finds {} households; an export holds at most {}. Narrow the filters "
                                "(for example to a district or village).",
                                total, kMaxHouseholds)});
        report.ThrowIfAny();
    }
    file.bytes = writer->Finish();
    const auto stamp = FormatTimestamp(clock_.Now());  // 2026-11-23T04:25:05Z
    const auto compact = stamp.substr(0, 4) + stamp.substr(5, 2) + stamp.substr(8, 2) + "-" + stamp.substr(11, 2) +
                         stamp.substr(14, 2) + stamp.substr(17, 2);
    if (format == ExportFormat::kCsv) {
        file.content_type = "text/csv; charset=utf-8";
        file.filename = fmt::format("register-{}.csv", compact);
    } else {
        file.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
        file.filename = fmt::format("register-{}.xlsx", compact);
    }
    // Personal data left the system: who, why, which filters (not the query text, which may be a name) and how much.
    identity_.Audit(caller, {"household.export",
                             "household",
                             std::nullopt,
                             identity::Outcome::kSuccess,
                             {{"purpose", stated},
                              {"format", format == ExportFormat::kCsv ? "csv" : "xlsx"},
                              {"filters", filters},
                              {"households", file.households},
                              {"persons", file.persons}}});
    return file;
}

}  // namespace sinergi::registry
