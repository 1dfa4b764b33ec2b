#include "registry/fields.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>

#include <boost/json/object.hpp>
#include <fmt/format.h>

#include "platform/clock.hpp"
#include "platform/text.hpp"

namespace sinergi::registry {

namespace {

using std::string_view;

// Codes follow the DTSEN/Susenas questionnaire wording, in Indonesian.
constexpr string_view kFloor[] = {"marmer_granit", "keramik", "parket_vinil", "ubin_tegel", "kayu_papan",
                                  "semen_bata",    "bambu",   "tanah",        "lainnya"};
constexpr string_view kWall[] = {"tembok", "plesteran_anyaman_bambu", "kayu_papan", "anyaman_bambu", "lainnya"};
constexpr string_view kRoof[] = {"beton",  "genteng", "seng", "asbes", "kayu_sirap", "bambu", "jerami_ijuk_rumbia",
                                 "lainnya"};
constexpr string_view kWater[] = {
    "air_kemasan", "ledeng",    "sumur_bor",    "sumur_terlindung", "sumur_tak_terlindung",
    "mata_air",    "air_hujan", "sungai_danau", "lainnya"};
constexpr string_view kLighting[] = {"pln_meteran", "pln_tanpa_meteran", "listrik_non_pln", "bukan_listrik"};
constexpr string_view kCookingFuel[] = {"listrik", "gas_elpiji_besar", "gas_elpiji_3kg", "biogas", "minyak_tanah",
                                        "arang",   "kayu_bakar",       "tidak_memasak",  "lainnya"};
constexpr string_view kToilet[] = {"sendiri", "bersama", "umum", "tidak_ada"};
constexpr string_view kHouseOwnership[] = {"milik_sendiri", "kontrak_sewa", "bebas_sewa", "dinas", "lainnya"};
constexpr string_view kLandOwnership[] = {"milik_sendiri", "milik_orang_lain", "tanah_negara", "lainnya"};
constexpr string_view kDesilSource[] = {"dtsen", "pmt_sinergi", "lainnya"};

constexpr string_view kSex[] = {"L", "P"};
constexpr string_view kRelation[] = {"kepala_keluarga", "istri_suami", "anak",        "menantu", "cucu",
                                     "orang_tua",       "mertua",      "famili_lain", "lainnya"};
constexpr string_view kMarital[] = {"belum_kawin", "kawin", "cerai_hidup", "cerai_mati"};
constexpr string_view kEducation[] = {"tidak_sekolah", "sd", "smp", "sma", "d1_d3", "d4_s1", "s2_s3"};
constexpr string_view kSchooling[] = {"tidak_bersekolah", "paud", "sd", "smp", "sma", "perguruan_tinggi"};
constexpr string_view kWorkStatus[] = {"bekerja", "tidak_bekerja", "sekolah", "mengurus_rumah_tangga", "lainnya"};
constexpr string_view kDisability[] = {"tidak_ada", "fisik", "intelektual", "mental", "sensorik", "ganda"};
constexpr string_view kSeverity[] = {"ringan", "sedang", "berat"};
constexpr string_view kChronic[] = {"tidak_ada", "hipertensi", "diabetes",     "tbc",    "jantung",
                                    "kanker",    "stroke",     "gagal_ginjal", "lainnya"};
constexpr string_view kLifeStatus[] = {"alive", "deceased", "moved_out"};

constexpr FieldSpec Text(string_view name, double max_length, bool required = false) {
    return FieldSpec{name, FieldType::kText, {}, 0, max_length, required};
}
constexpr FieldSpec Enum(string_view name, std::span<const string_view> values, bool required = false) {
    return FieldSpec{name, FieldType::kEnum, values, 0, 0, required};
}
constexpr FieldSpec Int(string_view name, double min, double max) {
    return FieldSpec{name, FieldType::kInt, {}, min, max, false};
}
constexpr FieldSpec Real(string_view name, double min, double max) {
    return FieldSpec{name, FieldType::kReal, {}, min, max, false};
}
constexpr FieldSpec Bool(string_view name) { return FieldSpec{name, FieldType::kBool, {}, 0, 0, false}; }
constexpr FieldSpec Date(string_view name, bool required = false) {
    return FieldSpec{name, FieldType::kDate, {}, 0, 0, required};
}

constexpr FieldSpec kHouseholdFields[] = {
    Text("kk_number", 16),
    Text("village_code", 13, true),
    Text("rt", 3),
    Text("rw", 3),
    Text("address", 200),
    Enum("floor_material", kFloor),
    Enum("wall_material", kWall),
    Enum("roof_material", kRoof),
    Enum("water_source", kWater),
    Enum("lighting", kLighting),
    Int("electricity_va", 0, 100000),
    Enum("cooking_fuel", kCookingFuel),
    Enum("toilet", kToilet),
    Enum("house_ownership", kHouseOwnership),
    Enum("land_ownership", kLandOwnership),
    Real("floor_area_m2", 1, 10000),
    Bool("has_motorcycle"),
    Bool("has_car"),
    Bool("has_refrigerator"),
    Bool("has_air_conditioner"),
    Bool("has_gold"),
    Bool("has_land"),
    Bool("has_computer"),
    Int("cattle_count", 0, 10000),
    Int("goat_count", 0, 10000),
    Int("poultry_count", 0, 100000),
    Int("desil", 1, 10),
    Enum("desil_source", kDesilSource),
    Date("desil_as_of"),
    Date("verified_at"),
};

constexpr FieldSpec kPersonFields[] = {
    Text("nik", 16),
    Text("name", 120, true),
    Enum("sex", kSex, true),
    Text("birth_place", 80),
    Date("birth_date"),
    Enum("relation", kRelation, true),
    Enum("marital_status", kMarital),
    Enum("education_level", kEducation),
    Enum("schooling", kSchooling),
    Enum("work_status", kWorkStatus),
    Text("occupation", 100),
    Enum("disability_type", kDisability),
    Enum("disability_severity", kSeverity),
    Enum("chronic_illness", kChronic),
    Bool("pregnant"),
    Enum("life_status", kLifeStatus),
    Date("life_status_date"),
};

std::string Allowed(std::span<const string_view> values) {
    std::string out;
    for (auto value : values) {
        out += (out.empty() ? "" : ", ") + std::string(value);
    }
    return out;
}

void AddIssue(ValidationReport& report, string_view field, std::optional<std::int64_t> row, string_view code,
              std::string id, std::string en) {
    report.Add(code, field, {std::move(id), std::move(en)}, row);
}

// Validates the text form of a value; shared by JSON strings and import cells.
std::optional<db::Value> FromText(const FieldSpec& spec, string_view text, string_view field,
                                  std::optional<std::int64_t> row, ValidationReport& report) {
    switch (spec.type) {
        case FieldType::kText: {
            const auto length = text::Utf8Length(text);
            if (!text::IsValidUtf8(text) || length > static_cast<std::size_t>(spec.max)) {
                AddIssue(report, field, row, "REG-2101", fmt::format("Kolom {} maksimal {} karakter.", field, spec.max),
                         fmt::format("Field {} takes at most {} characters.", field, spec.max));
                return std::nullopt;
            }
            return db::Value(std::string(text));
        }
        case FieldType::kEnum:
            if (std::find(spec.values.begin(), spec.values.end(), text) == spec.values.end()) {
                AddIssue(
                    report, field, row, "REG-2102",
                    fmt::format("Nilai '{}' tidak dikenal untuk {}; pilih: {}.", text, field, Allowed(spec.values)),
                    fmt::format("Unknown value '{}' for {}; use one of: {}.", text, field, Allowed(spec.values)));
                return std::nullopt;
            }
            return db::Value(std::string(text));
        case FieldType::kInt: {
            std::int64_t value = 0;
            const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
            if (ec != std::errc{} || ptr != text.data() + text.size() || static_cast<double>(value) < spec.min ||
                static_cast<double>(value) > spec.max) {
                AddIssue(report, field, row, "REG-2103",
                         fmt::format("Kolom {} harus bilangan bulat {}–{}.", field, spec.min, spec.max),
                         fmt::format("Field {} must be a whole number from {} to {}.", field, spec.min, spec.max));
                return std::nullopt;
            }
            return db::Value(value);
        }
        case FieldType::kReal: {
            double value = 0;
            std::string normalised(text);
            std::replace(normalised.begin(), normalised.end(), ',', '.');  // Indonesian decimal comma
            const auto [ptr, ec] = std::from_chars(normalised.data(), normalised.data() + normalised.size(), value);
            if (ec != std::errc{} || ptr != normalised.data() + normalised.size() || !std::isfinite(value) ||
                value < spec.min || value > spec.max) {
                AddIssue(report, field, row, "REG-2104",
                         fmt::format("Kolom {} harus angka {}–{}.", field, spec.min, spec.max),
                         fmt::format("Field {} must be a number from {} to {}.", field, spec.min, spec.max));
                return std::nullopt;
            }
            return db::Value(value);
        }
        case FieldType::kBool: {
            const auto lower = text::LowerAscii(text);
            if (lower == "1" || lower == "ya" || lower == "true" || lower == "y") {
                return db::Value(std::int64_t{1});
            }
            if (lower == "0" || lower == "tidak" || lower == "false" || lower == "t") {
                return db::Value(std::int64_t{0});
            }
            AddIssue(report, field, row, "REG-2105", fmt::format("Kolom {} harus ya/tidak (1/0).", field),
                     fmt::format("Field {} must be yes/no (1/0).", field));
            return std::nullopt;
        }
        case FieldType::kDate: {
            auto parsed = text.size() == 10 ? ParseTimestamp(text) : std::nullopt;
            if (!parsed) {
                AddIssue(
                    report, field, row, "REG-2106",
                    fmt::format("Kolom {} harus tanggal YYYY-MM-DD yang ada di kalender; '{}' bukan.", field, text),
                    fmt::format("Field {} must be a real date YYYY-MM-DD; '{}' is not.", field, text));
                return std::nullopt;
            }
            return db::Value(std::string(text));
        }
    }
    return std::nullopt;
}

}  // namespace

std::span<const FieldSpec> HouseholdFields() { return kHouseholdFields; }
std::span<const FieldSpec> PersonFields() { return kPersonFields; }

const FieldSpec* FindField(std::span<const FieldSpec> fields, std::string_view name) {
    for (const auto& spec : fields) {
        if (spec.name == name) {
            return &spec;
        }
    }
    return nullptr;
}

std::optional<db::Value> ReadFieldText(const FieldSpec& spec, std::string_view text, std::string_view field_path,
                                       std::optional<std::int64_t> row, ValidationReport& report) {
    if (text.empty()) {
        if (spec.required) {
            AddIssue(report, field_path, row, "REG-2100", fmt::format("Kolom {} wajib diisi.", field_path),
                     fmt::format("Field {} is required.", field_path));
            return std::nullopt;
        }
        return db::Value{};
    }
    return FromText(spec, text, field_path, row, report);
}

std::optional<db::Value> ReadField(const FieldSpec& spec, const boost::json::value& value, std::string_view field_path,
                                   ValidationReport& report) {
    if (value.is_null()) {
        return ReadFieldText(spec, "", field_path, std::nullopt, report);
    }
    if (value.is_string()) {
        std::string text(value.as_string());
        if (spec.type == FieldType::kText) {
            text.erase(0, text.find_first_not_of(" \t\r\n"));
            text.erase(text.find_last_not_of(" \t\r\n") + 1);
        }
        if (spec.type == FieldType::kInt || spec.type == FieldType::kReal || spec.type == FieldType::kBool) {
            AddIssue(report, field_path, std::nullopt, "REG-2107",
                     fmt::format("Kolom {} harus {}, bukan teks.", field_path,
                                 spec.type == FieldType::kBool ? "true/false" : "angka"),
                     fmt::format("Field {} must be {}, not text.", field_path,
                                 spec.type == FieldType::kBool ? "true/false" : "a number"));
            return std::nullopt;
        }
        return ReadFieldText(spec, text, field_path, std::nullopt, report);
    }
    if (spec.type == FieldType::kBool && value.is_bool()) {
        return db::Value(std::int64_t{value.as_bool() ? 1 : 0});
    }
    if ((spec.type == FieldType::kInt || spec.type == FieldType::kReal) && value.is_number()) {
        const double number = value.to_number<double>();
        if (spec.type == FieldType::kInt && (!value.is_int64() && !value.is_uint64())) {
            AddIssue(report, field_path, std::nullopt, "REG-2103",
                     fmt::format("Kolom {} harus bilangan bulat {}–{}.", field_path, spec.min, spec.max),
                     fmt::format("Field {} must be a whole number from {} to {}.", field_path, spec.min, spec.max));
            return std::nullopt;
        }
        return FromText(
            spec,
            spec.type == FieldType::kInt ? std::to_string(value.to_number<std::int64_t>()) : fmt::format("{}", number),
            field_path, std::nullopt, report);
    }
    AddIssue(report, field_path, std::nullopt, "REG-2108", fmt::format("Jenis nilai kolom {} salah.", field_path),
             fmt::format("Field {} has the wrong kind of value.", field_path));
    return std::nullopt;
}

// Reads the catalogue fields present in `object` (others are reported unless `allowed_extra` lists them).
FieldValues ReadFields(const boost::json::object& object, std::span<const FieldSpec> specs,
                       std::string_view path_prefix, std::initializer_list<std::string_view> allowed_extra,
                       ValidationReport& report) {
    FieldValues values;
    for (const auto& [key, value] : object) {
        const std::string_view name = key;
        if (std::find(allowed_extra.begin(), allowed_extra.end(), name) != allowed_extra.end()) {
            continue;
        }
        const auto path = fmt::format("{}{}", path_prefix, name);
        const auto* spec = FindField(specs, name);
        if (spec == nullptr) {
            report.Add("REG-2109", path,
                       {fmt::format("Kolom '{}' tidak dikenal.", path), fmt::format("Unknown field '{}'.", path)});
            continue;
        }
        if (auto read = ReadField(*spec, value, path, report)) {
            values[std::string(name)] = std::move(*read);
        }
    }
    return values;
}

boost::json::value ToJson(const db::Value& value, FieldType type) {
    if (std::holds_alternative<std::monostate>(value)) {
        return nullptr;
    }
    if (type == FieldType::kBool) {
        return std::get<std::int64_t>(value) != 0;
    }
    if (const auto* n = std::get_if<std::int64_t>(&value)) {
        return *n;
    }
    if (const auto* d = std::get_if<double>(&value)) {
        return *d;
    }
    return boost::json::string(std::get<std::string>(value));
}

}  // namespace sinergi::registry

namespace sinergi::registry {

boost::json::object FieldsJson(std::span<const FieldSpec> specs, const FieldValues& values) {
    boost::json::object out;
    for (const auto& [name, value] : values) {
        const auto* spec = FindField(specs, name);
        out[name] = ToJson(value, spec != nullptr ? spec->type : FieldType::kText);
    }
    return out;
}

}  // namespace sinergi::registry
