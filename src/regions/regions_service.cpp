#include "regions/regions_service.hpp"

#include <fstream>

#include <fmt/format.h>

#include "platform/csv_reader.hpp"
#include "platform/text.hpp"

namespace sinergi::regions {

namespace {

constexpr ErrorDef kLoadFailed{ErrorKind::kInvalid, "REG-1001", "region-file-invalid", "Region file invalid"};

constexpr std::string_view kSelect = "SELECT code, name, level, parent_code FROM regions";

Region ReadRegion(const db::Row& row) {
    return Region{row.Text(0), row.Text(1), ParseLevel(row.Text(2)).value_or(Level::kVillage), row.OptText(3)};
}

bool AllDigits(std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

std::string_view ToString(Level level) {
    switch (level) {
        case Level::kProvince:
            return "province";
        case Level::kRegency:
            return "regency";
        case Level::kDistrict:
            return "district";
        case Level::kVillage:
            return "village";
    }
    return "village";
}

std::optional<Level> ParseLevel(std::string_view text) {
    for (auto level : {Level::kProvince, Level::kRegency, Level::kDistrict, Level::kVillage}) {
        if (ToString(level) == text) {
            return level;
        }
    }
    return std::nullopt;
}

std::optional<Level> LevelOfCode(std::string_view code) {
    // Segment widths per level: 2, 2.2, 2.2.2, 2.2.2.4
    static constexpr std::size_t kWidths[] = {2, 2, 2, 4};
    std::size_t start = 0;
    int segment = 0;
    while (true) {
        auto end = code.find('.', start);
        auto part = code.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
        if (segment >= 4 || part.size() != kWidths[segment] || !AllDigits(part)) {
            return std::nullopt;
        }
        ++segment;
        if (end == std::string_view::npos) {
            break;
        }
        start = end + 1;
    }
    return static_cast<Level>(segment - 1);
}

identity::Page<Region> RegionsService::List(const RegionQuery& query, const PageRequest& page) {
    db::Conditions where;
    if (query.parent) {
        where.Add("parent_code = ?", {*query.parent});
    } else if (!query.level && !query.q) {
        where.Add("level = ?", {ToString(Level::kProvince)});
    }
    if (query.level) {
        where.Add("level = ?", {ToString(*query.level)});
    }
    if (query.q) {
        where.Add("name_key LIKE ? ESCAPE '\\'", {db::ContainsPattern(*query.q)});
    }
    auto connection = db_.Acquire();
    return QueryPage<Region>(*connection, kSelect, "FROM regions", std::move(where), "code", KeyOrder::kAscending,
                             false, page, ReadRegion);
}

RegionDetail RegionsService::Get(const std::string& code) {
    auto connection = db_.Acquire();
    auto row = connection->QueryOne(std::string(kSelect) + " WHERE code = ?", {code});
    if (!row) {
        throw Error(sinergi::errors::kNotFound, {fmt::format("Wilayah dengan kode '{}' tidak ditemukan.", code),
                                                 fmt::format("No region with code '{}'.", code)});
    }
    RegionDetail detail{ReadRegion(*row), {}};
    auto parent = detail.region.parent_code;
    while (parent) {
        auto ancestor = connection->QueryOne(std::string(kSelect) + " WHERE code = ?", {*parent});
        if (!ancestor) {
            break;
        }
        detail.ancestors.insert(detail.ancestors.begin(), ReadRegion(*ancestor));
        parent = detail.ancestors.front().parent_code;
    }
    return detail;
}

bool RegionsService::Exists(const std::string& code) {
    auto connection = db_.Acquire();
    return connection->QueryOne("SELECT 1 FROM regions WHERE code = ?", {code}).has_value();
}

LoadReport RegionsService::Load(const std::filesystem::path& dir,
                                const std::function<void(std::int64_t, const std::string&)>& progress) {
    struct FileSpec {
        const char* file;
        Level level;
        const char* parent_column;  // empty for provinces
        std::int64_t LoadReport::*count;
    };
    static constexpr FileSpec kFiles[] = {
        {"provinces.csv", Level::kProvince, "", &LoadReport::provinces},
        {"regencies.csv", Level::kRegency, "province_code", &LoadReport::regencies},
        {"districts.csv", Level::kDistrict, "regency_code", &LoadReport::districts},
        {"villages.csv", Level::kVillage, "district_code", &LoadReport::villages},
    };
    const auto fail = [](const std::string& file, std::int64_t line, const std::string& id, const std::string& en) {
        return Error(kLoadFailed,
                     {fmt::format("{} baris {}: {}", file, line, id), fmt::format("{} line {}: {}", file, line, en)});
    };

    LoadReport report;
    auto connection = db_.Acquire();
    db::Transaction tx(*connection, db::TxMode::kWrite);
    std::int64_t done = 0;
    for (const auto& spec : kFiles) {
        const auto path = dir / spec.file;
        std::ifstream in(path, std::ios::binary);
        if (!in) {
            throw Error(kLoadFailed, {fmt::format("Berkas {} tidak dapat dibuka.", path.string()),
                                      fmt::format("Cannot open {}.", path.string())});
        }
        CsvReader reader(in);
        std::vector<std::string> fields;
        const std::vector<std::string> expected = spec.level == Level::kProvince
                                                      ? std::vector<std::string>{"code", "name"}
                                                      : std::vector<std::string>{"code", spec.parent_column, "name"};
        if (!reader.Next(fields) || fields != expected) {
            throw fail(spec.file, 1, fmt::format("kepala kolom harus {}", fmt::join(expected, ",")),
                       fmt::format("the header must be {}", fmt::join(expected, ",")));
        }
        while (reader.Next(fields)) {
            const auto line = reader.record_line();
            if (fields.size() != expected.size()) {
                throw fail(spec.file, line, fmt::format("harus {} kolom, ada {}", expected.size(), fields.size()),
                           fmt::format("expected {} fields, found {}", expected.size(), fields.size()));
            }
            const auto& code = fields[0];
            const auto& name = fields.back();
            std::optional<std::string> parent;
            if (spec.level != Level::kProvince) {
                parent = fields[1];
            }
            if (LevelOfCode(code) != spec.level || (parent && !code.starts_with(*parent + "."))) {
                throw fail(spec.file, line, fmt::format("kode '{}' tidak sesuai tingkat atau induknya", code),
                           fmt::format("code '{}' does not fit its level or parent", code));
            }
            if (name.empty()) {
                throw fail(spec.file, line, "nama kosong", "empty name");
            }
            connection->Execute(
                "INSERT INTO regions (code, parent_code, level, name, name_key) VALUES (?, ?, ?, ?, ?) "
                "ON CONFLICT (code) DO UPDATE SET name = excluded.name, name_key = excluded.name_key",
                {code, parent, ToString(spec.level), name, text::LowerAscii(name)});
            ++(report.*spec.count);
            if (++done % 5000 == 0 && progress) {
                progress(done, spec.file);
            }
        }
        if (const auto& problem = reader.problem()) {
            throw fail(spec.file, problem->line, problem->message_id, problem->message_en);
        }
    }
    tx.Commit();
    if (progress) {
        progress(done, "");
    }
    return report;
}

}  // namespace sinergi::regions
