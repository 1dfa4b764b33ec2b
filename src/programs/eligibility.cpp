#include "programs/eligibility.hpp"

#include <algorithm>
#include <array>
#include <compare>
#include <cstdint>
#include <limits>
#include <span>
#include <string_view>
#include <utility>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <fmt/format.h>

#include "regions/regions_service.hpp"
#include "registry/fields.hpp"

namespace sinergi::programs {

using registry::FieldSpec;
using registry::FieldType;
using std::string_view;

// The compiled rule: a flat array of nodes that refer to each other by index, so evaluating walks plain structs and
// never JSON, and copying a rule shares one immutable block.
struct EligibilityRule::Compiled {
    enum class Kind : std::uint8_t { kAll, kAny, kNot, kField, kRegion, kMembers, kEnrolledIn };
    enum class Op : std::uint8_t { kEq, kNe, kLt, kLe, kGt, kGe, kIn, kNotIn, kBetween, kMissing, kPresent };

    // How a field reads in a sentence. Fields the table does not know read by their catalogue name.
    struct Label {
        string_view name;
        string_view id;  // a noun phrase: "lantai", "floor"
        string_view en;
        string_view unit_id = {};  // after a number: " tahun", " m²"
        string_view unit_en = {};
        string_view prefix_id = {};  // before a single enum value instead of the noun: "bersekolah SD"
        string_view prefix_en = {};
        string_view yes_id = {};  // booleans as facts: "memiliki sepeda motor"
        string_view no_id = {};
        string_view yes_en = {};
        string_view no_en = {};
        bool bare = false;  // enum values read as facts on their own: "perempuan", "bekerja"
    };

    static constexpr std::uint32_t kNone = std::numeric_limits<std::uint32_t>::max();
    static constexpr std::int64_t kUnbounded = std::numeric_limits<std::int64_t>::max();

    struct Node {
        Kind kind = Kind::kAll;
        Op op = Op::kEq;
        bool person = false;   // a field of a member, inside members.where
        bool age = false;      // the derived field age
        bool exactly = false;  // members written as "exactly"
        const FieldSpec* spec = nullptr;
        const Label* label = nullptr;
        // all/any: children[begin, end); field: operands[begin, end); region: texts[begin, end).
        std::uint32_t begin = 0;
        std::uint32_t end = 0;
        // not: the negated rule; members: the where rule (kNone: every living member); enrolled_in: index in texts.
        std::uint32_t child = kNone;
        std::int64_t at_least = 0;
        std::int64_t at_most = kUnbounded;
    };

    std::vector<Node> nodes;
    std::vector<std::uint32_t> children;
    std::vector<db::Value> operands;
    std::vector<std::string> texts;
    std::uint32_t root = kNone;
    bool uses_age = false;
    bool uses_enrolment = false;
    std::vector<std::string_view> household_fields;
    std::vector<std::string_view> person_fields;
    std::vector<std::string> programs;
};

namespace {

using Compiled = EligibilityRule::Compiled;
using Kind = Compiled::Kind;
using Op = Compiled::Op;
using Node = Compiled::Node;
using Label = Compiled::Label;
constexpr auto kNone = Compiled::kNone;
constexpr auto kUnbounded = Compiled::kUnbounded;

// Limits keep a rule readable and its evaluation bounded over a whole register.
constexpr int kMaxDepth = 10;
constexpr int kMaxNodes = 200;
constexpr std::size_t kMaxListValues = 100;
constexpr std::size_t kMaxRegions = 500;  // a programme may name every village of its locus
constexpr std::int64_t kMaxCount = 100;
constexpr std::size_t kMaxProgramCode = 50;

// Age is derived from birth_date on the evaluation date; it has no catalogue entry of its own.
constexpr FieldSpec kAgeSpec{"age", FieldType::kInt, {}, 0, 150, false};

// Fields that single out a household or person: a rule naming them is a list, not a criterion (UU 27/2022 asks for
// no more personal data than the purpose needs), so they may only be tested for being recorded.
constexpr string_view kIdentifying[] = {"kk_number", "address", "nik", "name", "birth_place"};

constexpr Label kLabels[] = {
    {.name = "kk_number", .id = "nomor KK", .en = "KK number"},
    {.name = "village_code", .id = "kode desa", .en = "village code"},
    {.name = "rt", .id = "RT", .en = "RT"},
    {.name = "rw", .id = "RW", .en = "RW"},
    {.name = "address", .id = "alamat", .en = "address"},
    {.name = "floor_material", .id = "lantai", .en = "floor"},
    {.name = "wall_material", .id = "dinding", .en = "walls"},
    {.name = "roof_material", .id = "atap", .en = "roof"},
    {.name = "water_source", .id = "sumber air minum", .en = "drinking water source"},
    {.name = "lighting", .id = "penerangan", .en = "lighting"},
    {.name = "electricity_va", .id = "daya listrik", .en = "electric power", .unit_id = " VA", .unit_en = " VA"},
    {.name = "cooking_fuel", .id = "bahan bakar memasak", .en = "cooking fuel"},
    {.name = "toilet", .id = "fasilitas BAB", .en = "toilet"},
    {.name = "house_ownership", .id = "status rumah", .en = "house ownership"},
    {.name = "land_ownership", .id = "status lahan", .en = "land ownership"},
    {.name = "floor_area_m2", .id = "luas lantai", .en = "floor area", .unit_id = " m²", .unit_en = " m²"},
    {.name = "has_motorcycle",
     .id = "kepemilikan sepeda motor",
     .en = "motorcycle ownership",
     .yes_id = "memiliki sepeda motor",
     .no_id = "tidak memiliki sepeda motor",
     .yes_en = "owns a motorcycle",
     .no_en = "owns no motorcycle"},
    {.name = "has_car",
     .id = "kepemilikan mobil",
     .en = "car ownership",
     .yes_id = "memiliki mobil",
     .no_id = "tidak memiliki mobil",
     .yes_en = "owns a car",
     .no_en = "owns no car"},
    {.name = "has_refrigerator",
     .id = "kepemilikan kulkas",
     .en = "refrigerator ownership",
     .yes_id = "memiliki kulkas",
     .no_id = "tidak memiliki kulkas",
     .yes_en = "owns a refrigerator",
     .no_en = "owns no refrigerator"},
    {.name = "has_air_conditioner",
     .id = "kepemilikan AC",
     .en = "air conditioner ownership",
     .yes_id = "memiliki AC",
     .no_id = "tidak memiliki AC",
     .yes_en = "owns an air conditioner",
     .no_en = "owns no air conditioner"},
    {.name = "has_gold",
     .id = "kepemilikan emas",
     .en = "gold ownership",
     .yes_id = "memiliki emas/perhiasan",
     .no_id = "tidak memiliki emas/perhiasan",
     .yes_en = "owns gold or jewellery",
     .no_en = "owns no gold or jewellery"},
    {.name = "has_land",
     .id = "kepemilikan lahan",
     .en = "land ownership",
     .yes_id = "memiliki lahan",
     .no_id = "tidak memiliki lahan",
     .yes_en = "owns land",
     .no_en = "owns no land"},
    {.name = "has_computer",
     .id = "kepemilikan komputer",
     .en = "computer ownership",
     .yes_id = "memiliki komputer/laptop",
     .no_id = "tidak memiliki komputer/laptop",
     .yes_en = "owns a computer",
     .no_en = "owns no computer"},
    {.name = "cattle_count", .id = "jumlah sapi", .en = "cattle"},
    {.name = "goat_count", .id = "jumlah kambing", .en = "goats"},
    {.name = "poultry_count", .id = "jumlah unggas", .en = "poultry"},
    {.name = "desil", .id = "desil", .en = "desil"},
    {.name = "desil_source", .id = "sumber desil", .en = "desil source"},
    {.name = "desil_as_of", .id = "tanggal desil", .en = "desil date"},
    {.name = "verified_at", .id = "tanggal verifikasi", .en = "verification date"},
    {.name = "nik", .id = "NIK", .en = "NIK"},
    {.name = "name", .id = "nama", .en = "name"},
    {.name = "sex", .id = "jenis kelamin", .en = "sex", .bare = true},
    {.name = "birth_place", .id = "tempat lahir", .en = "birth place"},
    {.name = "birth_date", .id = "tanggal lahir", .en = "birth date"},
    {.name = "relation", .id = "hubungan keluarga", .en = "relation to the head"},
    {.name = "marital_status", .id = "status perkawinan", .en = "marital status"},
    {.name = "education_level", .id = "pendidikan terakhir", .en = "education"},
    {.name = "schooling", .id = "sekolah", .en = "schooling", .prefix_id = "bersekolah", .prefix_en = "attending"},
    {.name = "work_status", .id = "status pekerjaan", .en = "work status", .bare = true},
    {.name = "occupation", .id = "pekerjaan", .en = "occupation"},
    {.name = "disability_type", .id = "disabilitas", .en = "disability"},
    {.name = "disability_severity", .id = "tingkat disabilitas", .en = "disability severity"},
    {.name = "chronic_illness", .id = "penyakit kronis", .en = "chronic illness"},
    {.name = "pregnant",
     .id = "status kehamilan",
     .en = "pregnancy",
     .yes_id = "hamil",
     .no_id = "tidak hamil",
     .yes_en = "pregnant",
     .no_en = "not pregnant"},
    {.name = "life_status", .id = "status hidup", .en = "life status", .bare = true},
    {.name = "life_status_date", .id = "tanggal status hidup", .en = "life status date"},
    {.name = "age", .id = "berumur", .en = "aged", .unit_id = " tahun"},
};

// Enum codes that read better spelled out; field "" applies to every field. Other codes read with '_' as a space.
struct CodeLabel {
    string_view field;
    string_view code;
    string_view id;
    string_view en;
};
constexpr CodeLabel kCodeLabels[] = {
    {"sex", "L", "laki-laki", "male"},
    {"sex", "P", "perempuan", "female"},
    {"life_status", "alive", "hidup", "alive"},
    {"life_status", "deceased", "meninggal", "deceased"},
    {"life_status", "moved_out", "pindah", "moved out"},
    {"work_status", "bekerja", "bekerja", "working"},
    {"work_status", "tidak_bekerja", "tidak bekerja", "not working"},
    {"work_status", "sekolah", "sekolah", "in school"},
    {"work_status", "mengurus_rumah_tangga", "mengurus rumah tangga", "keeping house"},
    {"work_status", "lainnya", "pekerjaan lainnya", "other work status"},
    {"schooling", "tidak_bersekolah", "tidak bersekolah", "not in school"},
    {"schooling", "perguruan_tinggi", "perguruan tinggi", "higher education"},
    {"education_level", "tidak_sekolah", "tidak sekolah", "no schooling"},
    {"", "d1_d3", "D1–D3", "D1–D3"},
    {"", "d4_s1", "D4/S1", "D4/S1"},
    {"", "s2_s3", "S2/S3", "S2/S3"},
    {"", "tidak_ada", "tidak ada", "none"},
    {"", "lainnya", "lainnya", "other"},
};
constexpr string_view kAcronyms[] = {"sd", "smp", "sma", "paud", "pln", "tbc"};

constexpr std::array<string_view, 11> kOpNames = {
    "=", "!=", "<", "<=", ">", ">=", "in", "not_in", "between", "missing", "present"};
constexpr std::array<string_view, 6> kOpSymbols = {"=", "≠", "<", "≤", ">", "≥"};

enum class Lang { kId, kEn };

string_view Pick(Lang lang, string_view id, string_view en) { return lang == Lang::kId ? id : en; }

LocalizedText Both(const auto& render) { return {render(Lang::kId), render(Lang::kEn)}; }

const Label* FindLabel(string_view name) {
    for (const auto& label : kLabels) {
        if (label.name == name) {
            return &label;
        }
    }
    return nullptr;
}

bool IsIdentifying(string_view name) {
    return std::find(std::begin(kIdentifying), std::end(kIdentifying), name) != std::end(kIdentifying);
}

// Types whose values have an order, so <, <=, >, >= and between mean something.
bool Ordered(const FieldSpec& spec) {
    return spec.type == FieldType::kInt || spec.type == FieldType::kReal || spec.type == FieldType::kDate;
}

bool OpAllowed(const FieldSpec& spec, Op op) {
    if (op == Op::kMissing || op == Op::kPresent) {
        return true;
    }
    if (IsIdentifying(spec.name)) {
        return false;
    }
    switch (spec.type) {
        case FieldType::kInt:
        case FieldType::kReal:
            return true;
        case FieldType::kDate:
            return op != Op::kIn && op != Op::kNotIn;
        case FieldType::kEnum:
        case FieldType::kText:
            return op == Op::kEq || op == Op::kNe || op == Op::kIn || op == Op::kNotIn;
        case FieldType::kBool:
            return op == Op::kEq || op == Op::kNe;
    }
    return false;
}

std::string AllowedOps(const FieldSpec& spec) {
    std::string out;
    for (std::size_t i = 0; i < kOpNames.size(); ++i) {
        if (OpAllowed(spec, static_cast<Op>(i))) {
            out += (out.empty() ? "" : ", ") + std::string(kOpNames[i]);
        }
    }
    return out;
}

std::string JoinNames(std::span<const string_view> names) {
    std::string out;
    for (auto name : names) {
        out += (out.empty() ? "" : ", ") + std::string(name);
    }
    return out;
}

std::string FieldNames(std::span<const FieldSpec> specs, bool with_age) {
    std::string out;
    for (const auto& spec : specs) {
        out += (out.empty() ? "" : ", ") + std::string(spec.name);
    }
    return with_age ? out + ", age" : out;
}

std::string TypeName(FieldType type, Lang lang) {
    switch (type) {
        case FieldType::kText:
            return std::string(Pick(lang, "teks", "text"));
        case FieldType::kEnum:
            return std::string(Pick(lang, "pilihan", "choice"));
        case FieldType::kInt:
            return std::string(Pick(lang, "bilangan bulat", "whole number"));
        case FieldType::kReal:
            return std::string(Pick(lang, "angka", "number"));
        case FieldType::kBool:
            return std::string(Pick(lang, "ya/tidak", "yes/no"));
        case FieldType::kDate:
            return std::string(Pick(lang, "tanggal", "date"));
    }
    return {};
}

std::string Expected(const FieldSpec& spec, Lang lang) {
    switch (spec.type) {
        case FieldType::kText:
            return fmt::format("{} {}", Pick(lang, "teks tidak kosong, paling panjang", "non-empty text of at most"),
                               spec.max) +
                   std::string(Pick(lang, " karakter", " characters"));
        case FieldType::kEnum:
            return fmt::format("{} {}", Pick(lang, "salah satu dari", "one of"), JoinNames(spec.values));
        case FieldType::kInt:
            return lang == Lang::kId ? fmt::format("bilangan bulat {}–{}", spec.min, spec.max)
                                     : fmt::format("a whole number from {} to {}", spec.min, spec.max);
        case FieldType::kReal:
            return lang == Lang::kId ? fmt::format("angka {}–{}", spec.min, spec.max)
                                     : fmt::format("a number from {} to {}", spec.min, spec.max);
        case FieldType::kBool:
            return "true/false";
        case FieldType::kDate:
            return std::string(Pick(lang, "tanggal YYYY-MM-DD yang ada di kalender", "a real date YYYY-MM-DD"));
    }
    return {};
}

std::string Join(const std::string& path, string_view key) {
    return path.empty() ? std::string(key) : fmt::format("{}.{}", path, key);
}

std::string Index(const std::string& path, std::size_t i) { return fmt::format("{}[{}]", path, i); }

// ---- Parsing ---------------------------------------------------------------------------------------------------

enum class Level { kHousehold, kPerson };

constexpr string_view kKinds[] = {"all", "any", "not", "field", "region", "members", "enrolled_in"};
constexpr string_view kPersonKinds[] = {"all", "any", "not", "field"};

class Parser {
 public:
    Parser(Compiled& compiled, ValidationReport& report, const std::function<bool(string_view)>& known_program)
        : c_(compiled), report_(report), known_program_(known_program) {
        household_used_.assign(registry::HouseholdFields().size(), false);
        person_used_.assign(registry::PersonFields().size(), false);
    }

    // Returns the node's index, or kNone after reporting why it is not a rule.
    std::uint32_t Rule(const boost::json::value& json, const std::string& path, int depth, Level level) {
        if (++nodes_ > kMaxNodes) {
            if (!too_many_reported_) {
                too_many_reported_ = true;
                Fail("PRG-2117", path,
                     fmt::format("Aturan terlalu besar: paling banyak {} syarat. Sederhanakan aturan.", kMaxNodes),
                     fmt::format("The rule is too large: at most {} conditions. Simplify it.", kMaxNodes));
            }
            return kNone;
        }
        if (depth > kMaxDepth) {
            Fail("PRG-2116", path, fmt::format("Aturan terlalu dalam: paling banyak {} tingkat bersarang.", kMaxDepth),
                 fmt::format("The rule nests too deeply: at most {} levels.", kMaxDepth));
            return kNone;
        }
        if (!json.is_object()) {
            Fail("PRG-2101", path,
                 R"(Setiap syarat harus berupa objek JSON, mis. {"field": "desil", "op": "<=", "value": 4}.)",
                 R"(Each condition must be a JSON object, e.g. {"field": "desil", "op": "<=", "value": 4}.)");
            return kNone;
        }
        const auto& object = json.as_object();
        std::vector<string_view> kinds;
        for (const auto& [key, value] : object) {
            if (std::find(std::begin(kKinds), std::end(kKinds), string_view(key)) != std::end(kKinds)) {
                kinds.emplace_back(key);
            }
        }
        const auto allowed = level == Level::kHousehold ? std::span<const string_view>(kKinds)
                                                        : std::span<const string_view>(kPersonKinds);
        if (kinds.empty()) {
            Fail("PRG-2103", path, fmt::format("Syarat harus memuat salah satu dari: {}.", JoinNames(allowed)),
                 fmt::format("A condition needs one of: {}.", JoinNames(allowed)));
            return kNone;
        }
        if (kinds.size() > 1) {
            Fail("PRG-2103", path,
                 fmt::format("Satu syarat hanya boleh satu jenis, bukan '{}' dan '{}' sekaligus; gabungkan dengan all.",
                             kinds[0], kinds[1]),
                 fmt::format("One condition has one kind, not both '{}' and '{}'; combine them with all.", kinds[0],
                             kinds[1]));
            return kNone;
        }
        const auto kind = kinds.front();
        if (std::find(allowed.begin(), allowed.end(), kind) == allowed.end()) {
            Fail("PRG-2119", Join(path, kind),
                 fmt::format("'{}' tidak dapat dipakai di dalam members.where, yang menilai satu anggota; "
                             "letakkan di luar members (boleh: {}).",
                             kind, JoinNames(allowed)),
                 fmt::format("'{}' cannot be used inside members.where, which judges one member; put it beside the "
                             "members condition (allowed: {}).",
                             kind, JoinNames(allowed)));
            return kNone;
        }
        const bool is_field = kind == "field";
        bool ok = true;
        for (const auto& [key, value] : object) {
            const string_view name = key;
            if (name == kind || (is_field && (name == "op" || name == "value"))) {
                continue;
            }
            const auto expected = is_field ? std::string("field, op, value") : std::string(kind);
            Fail("PRG-2102", Join(path, name),
                 fmt::format("Kunci '{}' tidak dikenal di sini; yang boleh: {}.", name, expected),
                 fmt::format("Unknown key '{}' here; allowed: {}.", name, expected));
            ok = false;
        }
        std::uint32_t index = kNone;
        if (kind == "all" || kind == "any") {
            index = List(object.at(kind), Join(path, kind), kind == "all" ? Kind::kAll : Kind::kAny, depth, level);
        } else if (kind == "not") {
            const auto child = Rule(object.at(kind), Join(path, kind), depth + 1, level);
            index = child == kNone ? kNone : Add(Node{.kind = Kind::kNot, .child = child});
        } else if (kind == "field") {
            index = Field(object, path, level);
        } else if (kind == "region") {
            index = Region(object.at(kind), Join(path, kind));
        } else if (kind == "members") {
            index = Members(object.at(kind), Join(path, kind), depth);
        } else {
            index = Enrolled(object.at(kind), Join(path, kind));
        }
        return ok ? index : kNone;
    }

    // Fields the rule reads, in catalogue order.
    void Finish() {
        const auto household = registry::HouseholdFields();
        for (std::size_t i = 0; i < household.size(); ++i) {
            if (household_used_[i]) {
                c_.household_fields.push_back(household[i].name);
            }
        }
        const auto person = registry::PersonFields();
        for (std::size_t i = 0; i < person.size(); ++i) {
            if (person_used_[i]) {
                c_.person_fields.push_back(person[i].name);
            }
        }
    }

 private:
    void Fail(string_view code, const std::string& path, std::string id, std::string en) {
        report_.Add(code, path, {std::move(id), std::move(en)});
    }

    std::uint32_t Add(const Node& node) {
        c_.nodes.push_back(node);
        return static_cast<std::uint32_t>(c_.nodes.size() - 1);
    }

    void Use(std::span<const FieldSpec> specs, std::vector<bool>& used, string_view name) {
        for (std::size_t i = 0; i < specs.size(); ++i) {
            if (specs[i].name == name) {
                used[i] = true;
            }
        }
    }

    std::uint32_t List(const boost::json::value& json, const std::string& path, Kind kind, int depth, Level level) {
        const auto word = kind == Kind::kAll ? "all" : "any";
        if (!json.is_array()) {
            Fail("PRG-2104", path, fmt::format("{} harus berupa daftar syarat [ … ].", word),
                 fmt::format("{} must be a list of conditions [ … ].", word));
            return kNone;
        }
        const auto& array = json.as_array();
        if (kind == Kind::kAny && array.empty()) {
            Fail("PRG-2104", path, "any tanpa syarat tidak pernah terpenuhi; isi sedikitnya satu syarat.",
                 "An empty any is never met; give it at least one condition.");
            return kNone;
        }
        std::vector<std::uint32_t> kids;
        bool ok = true;
        for (std::size_t i = 0; i < array.size(); ++i) {
            const auto child = Rule(array[i], Index(path, i), depth + 1, level);
            ok = ok && child != kNone;
            kids.push_back(child);
        }
        if (!ok) {
            return kNone;
        }
        Node node{.kind = kind};
        node.begin = static_cast<std::uint32_t>(c_.children.size());
        c_.children.insert(c_.children.end(), kids.begin(), kids.end());
        node.end = static_cast<std::uint32_t>(c_.children.size());
        return Add(node);
    }

    const FieldSpec* FindSpec(string_view name, Level level, const std::string& path) {
        const auto household = registry::HouseholdFields();
        const auto person = registry::PersonFields();
        if (level == Level::kHousehold) {
            if (const auto* spec = registry::FindField(household, name)) {
                Use(household, household_used_, name);
                return spec;
            }
            if (registry::FindField(person, name) != nullptr || name == "age") {
                Fail("PRG-2105", path,
                     fmt::format("'{}' adalah kolom anggota keluarga; pakai di dalam "
                                 "{{\"members\": {{\"where\": …}}}}.",
                                 name),
                     fmt::format("'{}' is a member field; use it inside {{\"members\": {{\"where\": …}}}}.", name));
                return nullptr;
            }
            Fail("PRG-2105", path,
                 fmt::format("Kolom rumah tangga '{}' tidak dikenal; pilih: {}.", name, FieldNames(household, false)),
                 fmt::format("Unknown household field '{}'; use one of: {}.", name, FieldNames(household, false)));
            return nullptr;
        }
        if (name == "age") {
            Use(person, person_used_, "birth_date");
            c_.uses_age = true;
            return &kAgeSpec;
        }
        if (const auto* spec = registry::FindField(person, name)) {
            Use(person, person_used_, name);
            return spec;
        }
        if (registry::FindField(household, name) != nullptr) {
            Fail("PRG-2105", path,
                 fmt::format("'{}' adalah kolom rumah tangga; letakkan di luar members, mis. "
                             "{{\"all\": [{{\"field\": \"{}\", …}}, {{\"members\": …}}]}}.",
                             name, name),
                 fmt::format("'{}' is a household field; put it beside the members condition, e.g. "
                             "{{\"all\": [{{\"field\": \"{}\", …}}, {{\"members\": …}}]}}.",
                             name, name));
            return nullptr;
        }
        Fail("PRG-2105", path,
             fmt::format("Kolom anggota '{}' tidak dikenal; pilih: {}.", name, FieldNames(person, true)),
             fmt::format("Unknown member field '{}'; use one of: {}.", name, FieldNames(person, true)));
        return nullptr;
    }

    // One operand for `spec`, checked as the register checks a stored value.
    std::optional<db::Value> Operand(const FieldSpec& spec, const boost::json::value& json, const std::string& path) {
        if (json.is_null()) {
            Fail("PRG-2109", path,
                 fmt::format("value untuk {} tidak boleh null; untuk kolom yang kosong pakai op \"missing\".",
                             spec.name),
                 fmt::format("The value for {} cannot be null; to test for an empty field use op \"missing\".",
                             spec.name));
            return std::nullopt;
        }
        ValidationReport scratch;
        auto value = registry::ReadField(spec, json, path, scratch);
        if (value && !std::holds_alternative<std::monostate>(*value)) {
            return value;
        }
        if (spec.type == FieldType::kEnum && json.is_string()) {
            Fail("PRG-2110", path,
                 fmt::format("Kode '{}' tidak dikenal untuk {}; pilih: {}.", std::string_view(json.as_string()),
                             spec.name, JoinNames(spec.values)),
                 fmt::format("Unknown code '{}' for {}; use one of: {}.", std::string_view(json.as_string()), spec.name,
                             JoinNames(spec.values)));
            return std::nullopt;
        }
        Fail("PRG-2109", path, fmt::format("value untuk {} harus {}.", spec.name, Expected(spec, Lang::kId)),
             fmt::format("The value for {} must be {}.", spec.name, Expected(spec, Lang::kEn)));
        return std::nullopt;
    }

    std::uint32_t Field(const boost::json::object& object, const std::string& path, Level level) {
        const auto field_path = Join(path, "field");
        const auto& field = object.at("field");
        if (!field.is_string()) {
            Fail("PRG-2105", field_path, "field harus nama kolom (teks), mis. \"desil\".",
                 "field must name a field (text), e.g. \"desil\".");
            return kNone;
        }
        const auto* spec = FindSpec(field.as_string(), level, field_path);
        const auto op_path = Join(path, "op");
        const auto* op_json = object.if_contains("op");
        std::optional<Op> op;
        if (op_json != nullptr && op_json->is_string()) {
            const auto found = std::find(kOpNames.begin(), kOpNames.end(), string_view(op_json->as_string()));
            if (found != kOpNames.end()) {
                op = static_cast<Op>(found - kOpNames.begin());
            }
        }
        if (!op) {
            const auto allowed = spec != nullptr ? AllowedOps(*spec) : JoinNames(kOpNames);
            Fail("PRG-2106", op_path,
                 fmt::format("op {}; pilih: {}.", op_json == nullptr ? "wajib diisi" : "tidak dikenal", allowed),
                 fmt::format("op is {}; use one of: {}.", op_json == nullptr ? "required" : "unknown", allowed));
            return kNone;
        }
        if (spec == nullptr) {
            return kNone;
        }
        const auto op_name = kOpNames[static_cast<std::size_t>(*op)];
        if (!OpAllowed(*spec, *op)) {
            if (IsIdentifying(spec->name)) {
                Fail("PRG-2118", op_path,
                     fmt::format("{} menunjuk orang atau keluarga tertentu, bukan kriteria; hanya boleh diuji dengan "
                                 "missing atau present. Untuk daftar penerima pakai pendaftaran massal.",
                                 spec->name),
                     fmt::format("{} singles out a person or family and is no criterion; it can only be tested with "
                                 "missing or present. Enrol a list of beneficiaries in bulk instead.",
                                 spec->name));
            } else {
                Fail("PRG-2107", op_path,
                     fmt::format("op '{}' tidak dapat dipakai untuk {} ({}); pilih: {}.", op_name, spec->name,
                                 TypeName(spec->type, Lang::kId), AllowedOps(*spec)),
                     fmt::format("op '{}' cannot be used with {} ({}); use one of: {}.", op_name, spec->name,
                                 TypeName(spec->type, Lang::kEn), AllowedOps(*spec)));
            }
            return kNone;
        }
        const auto value_path = Join(path, "value");
        const auto* value = object.if_contains("value");
        Node node{.kind = Kind::kField,
                  .op = *op,
                  .person = level == Level::kPerson,
                  .age = spec == &kAgeSpec,
                  .spec = spec,
                  .label = FindLabel(spec->name)};
        node.begin = static_cast<std::uint32_t>(c_.operands.size());
        if (*op == Op::kMissing || *op == Op::kPresent) {
            if (value != nullptr) {
                Fail("PRG-2108", value_path, fmt::format("op '{}' tidak memakai value; hapus value.", op_name),
                     fmt::format("op '{}' takes no value; remove it.", op_name));
                return kNone;
            }
        } else if (value == nullptr) {
            Fail("PRG-2108", value_path, fmt::format("op '{}' memerlukan value.", op_name),
                 fmt::format("op '{}' needs a value.", op_name));
            return kNone;
        } else if (*op == Op::kIn || *op == Op::kNotIn || *op == Op::kBetween) {
            if (!Operands(*spec, *op, *value, value_path)) {
                return kNone;
            }
        } else if (auto operand = Operand(*spec, *value, value_path)) {
            c_.operands.push_back(std::move(*operand));
        } else {
            return kNone;
        }
        node.end = static_cast<std::uint32_t>(c_.operands.size());
        return Add(node);
    }

    bool Operands(const FieldSpec& spec, Op op, const boost::json::value& json, const std::string& path) {
        const bool between = op == Op::kBetween;
        const auto* array = json.if_array();
        if (between && (array == nullptr || array->size() != 2)) {
            Fail("PRG-2111", path, "between memerlukan [min, max], mis. [6, 18]; batas ikut terhitung.",
                 "between needs [min, max], e.g. [6, 18]; both ends are included.");
            return false;
        }
        if (!between && (array == nullptr || array->empty() || array->size() > kMaxListValues)) {
            Fail("PRG-2111", path,
                 fmt::format("{} memerlukan daftar 1–{} nilai, mis. [\"tanah\", \"bambu\"].",
                             kOpNames[static_cast<std::size_t>(op)], kMaxListValues),
                 fmt::format("{} needs a list of 1–{} values, e.g. [\"tanah\", \"bambu\"].",
                             kOpNames[static_cast<std::size_t>(op)], kMaxListValues));
            return false;
        }
        const auto first = c_.operands.size();
        bool ok = true;
        for (std::size_t i = 0; i < array->size(); ++i) {
            if (auto operand = Operand(spec, (*array)[i], Index(path, i))) {
                c_.operands.push_back(std::move(*operand));
            } else {
                ok = false;
            }
        }
        if (ok && between && c_.operands[first + 1] < c_.operands[first]) {
            Fail("PRG-2112", path, "Pada between, nilai pertama (min) tidak boleh lebih besar dari yang kedua (max).",
                 "In between, the first value (min) cannot be greater than the second (max).");
            return false;
        }
        return ok;
    }

    std::uint32_t Region(const boost::json::value& json, const std::string& path) {
        Node node{.kind = Kind::kRegion};
        node.begin = static_cast<std::uint32_t>(c_.texts.size());
        const auto add = [&](const boost::json::value& code, const std::string& code_path) {
            const auto* text = code.if_string();
            if (text == nullptr || !regions::LevelOfCode(*text)) {
                Fail("PRG-2113", code_path,
                     "region harus kode wilayah Kemendagri: provinsi 33, kabupaten 33.02, kecamatan 33.02.01 atau "
                     "desa 33.02.01.2001.",
                     "region must be a Kemendagri region code: province 33, regency 33.02, district 33.02.01 or "
                     "village 33.02.01.2001.");
                return false;
            }
            c_.texts.emplace_back(*text);
            return true;
        };
        bool ok = true;
        if (const auto* array = json.if_array()) {
            if (array->empty() || array->size() > kMaxRegions) {
                Fail("PRG-2113", path, fmt::format("Daftar region harus berisi 1–{} kode wilayah.", kMaxRegions),
                     fmt::format("A region list holds 1–{} region codes.", kMaxRegions));
                return kNone;
            }
            for (std::size_t i = 0; i < array->size(); ++i) {
                ok = add((*array)[i], Index(path, i)) && ok;
            }
        } else {
            ok = add(json, path);
        }
        if (!ok) {
            return kNone;
        }
        Use(registry::HouseholdFields(), household_used_, "village_code");
        node.end = static_cast<std::uint32_t>(c_.texts.size());
        return Add(node);
    }

    std::optional<std::int64_t> Count(const boost::json::value& json, const std::string& path, std::int64_t min) {
        if ((json.is_int64() || json.is_uint64()) && json.to_number<std::int64_t>() >= min &&
            json.to_number<std::int64_t>() <= kMaxCount) {
            return json.to_number<std::int64_t>();
        }
        Fail("PRG-2114", path, fmt::format("Jumlah anggota harus bilangan bulat {}–{}.", min, kMaxCount),
             fmt::format("A member count must be a whole number from {} to {}.", min, kMaxCount));
        return std::nullopt;
    }

    std::uint32_t Members(const boost::json::value& json, const std::string& path, int depth) {
        if (!json.is_object()) {
            Fail("PRG-2114", path,
                 "members harus objek, mis. {\"where\": {\"field\": \"age\", \"op\": \">=\", \"value\": 60}, "
                 "\"at_least\": 1}.",
                 "members must be an object, e.g. {\"where\": {\"field\": \"age\", \"op\": \">=\", \"value\": 60}, "
                 "\"at_least\": 1}.");
            return kNone;
        }
        const auto& object = json.as_object();
        Node node{.kind = Kind::kMembers};
        bool ok = true;
        std::optional<std::int64_t> at_least;
        std::optional<std::int64_t> at_most;
        std::optional<std::int64_t> exactly;
        for (const auto& [key, value] : object) {
            const string_view name = key;
            const auto key_path = Join(path, name);
            if (name == "where") {
                node.child = Rule(value, key_path, depth + 1, Level::kPerson);
                ok = ok && node.child != kNone;
            } else if (name == "at_least") {
                at_least = Count(value, key_path, 1);
                ok = ok && at_least;
            } else if (name == "at_most") {
                at_most = Count(value, key_path, 0);
                ok = ok && at_most;
            } else if (name == "exactly") {
                exactly = Count(value, key_path, 0);
                ok = ok && exactly;
            } else {
                Fail("PRG-2102", key_path,
                     fmt::format("Kunci '{}' tidak dikenal di members; yang boleh: where, at_least, at_most, exactly.",
                                 name),
                     fmt::format("Unknown key '{}' in members; allowed: where, at_least, at_most, exactly.", name));
                ok = false;
            }
        }
        if (!ok) {
            return kNone;
        }
        if (exactly && (object.contains("at_least") || object.contains("at_most"))) {
            Fail("PRG-2114", Join(path, "exactly"), "exactly tidak dapat digabung dengan at_least atau at_most.",
                 "exactly cannot be combined with at_least or at_most.");
            return kNone;
        }
        if (at_least && at_most && *at_least > *at_most) {
            Fail("PRG-2114", Join(path, "at_most"), "at_most tidak boleh lebih kecil dari at_least.",
                 "at_most cannot be less than at_least.");
            return kNone;
        }
        if (exactly) {
            node.exactly = true;
            node.at_least = node.at_most = *exactly;
        } else {
            node.at_least = at_least.value_or(at_most ? 0 : 1);
            node.at_most = at_most.value_or(kUnbounded);
        }
        Use(registry::PersonFields(), person_used_, "life_status");
        return Add(node);
    }

    std::uint32_t Enrolled(const boost::json::value& json, const std::string& path) {
        const auto* code = json.if_string();
        if (code == nullptr || code->empty() || code->size() > kMaxProgramCode) {
            Fail("PRG-2115", path,
                 fmt::format("enrolled_in harus kode program (teks 1–{} karakter), mis. \"PKH\".", kMaxProgramCode),
                 fmt::format("enrolled_in must be a programme code (text of 1–{} characters), e.g. \"PKH\".",
                             kMaxProgramCode));
            return kNone;
        }
        if (known_program_ && !known_program_(*code)) {
            Fail("PRG-2115", path, fmt::format("Program dengan kode '{}' tidak ada.", string_view(*code)),
                 fmt::format("There is no programme with code '{}'.", string_view(*code)));
            return kNone;
        }
        c_.uses_enrolment = true;
        if (std::find(c_.programs.begin(), c_.programs.end(), string_view(*code)) == c_.programs.end()) {
            c_.programs.emplace_back(*code);
        }
        c_.texts.emplace_back(*code);
        return Add(Node{.kind = Kind::kEnrolledIn, .child = static_cast<std::uint32_t>(c_.texts.size() - 1)});
    }

    Compiled& c_;
    ValidationReport& report_;
    const std::function<bool(string_view)>& known_program_;
    int nodes_ = 0;
    bool too_many_reported_ = false;
    std::vector<bool> household_used_;
    std::vector<bool> person_used_;
};

// ---- Evaluation --------------------------------------------------------------------------------------------------

struct Date {
    int year = 0;
    int month = 0;
    int day = 0;
};

// Strict YYYY-MM-DD; anything else is treated as not recorded.
std::optional<Date> ParseDate(string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') {
        return std::nullopt;
    }
    int parts[3] = {0, 0, 0};
    const std::size_t starts[3] = {0, 5, 8};
    const std::size_t lengths[3] = {4, 2, 2};
    for (int p = 0; p < 3; ++p) {
        for (std::size_t i = starts[p]; i < starts[p] + lengths[p]; ++i) {
            if (text[i] < '0' || text[i] > '9') {
                return std::nullopt;
            }
            parts[p] = parts[p] * 10 + (text[i] - '0');
        }
    }
    if (parts[1] < 1 || parts[1] > 12 || parts[2] < 1 || parts[2] > 31) {
        return std::nullopt;
    }
    return Date{parts[0], parts[1], parts[2]};
}

const db::Value* Lookup(const registry::FieldValues& fields, string_view name) {
    const auto found = fields.find(name);
    if (found == fields.end() || std::holds_alternative<std::monostate>(found->second)) {
        return nullptr;
    }
    return &found->second;
}

const std::string* TextOf(const registry::FieldValues& fields, string_view name) {
    const auto* value = Lookup(fields, name);
    return value != nullptr ? std::get_if<std::string>(value) : nullptr;
}

// Numbers compare across int and real; values of different kinds (a damaged row) are unordered, so every test fails.
std::partial_ordering Compare(const db::Value& a, const db::Value& b) {
    if (const auto* text = std::get_if<std::string>(&a)) {
        const auto* other = std::get_if<std::string>(&b);
        return other != nullptr ? *text <=> *other : std::partial_ordering::unordered;
    }
    const auto number = [](const db::Value& value) -> std::optional<double> {
        if (const auto* whole = std::get_if<std::int64_t>(&value)) {
            return static_cast<double>(*whole);
        }
        if (const auto* real = std::get_if<double>(&value)) {
            return *real;
        }
        return std::nullopt;
    };
    if (const auto* x = std::get_if<std::int64_t>(&a)) {
        if (const auto* y = std::get_if<std::int64_t>(&b)) {
            return *x <=> *y;  // exact, without rounding through double
        }
    }
    const auto x = number(a);
    const auto y = number(b);
    return x && y ? *x <=> *y : std::partial_ordering::unordered;
}

bool InRegion(string_view village, string_view region) {
    return village.starts_with(region) && (village.size() == region.size() || village[region.size()] == '.');
}

bool Living(const registry::Person& person) { return CountsAsLiving(Lookup(person.fields, "life_status")); }

std::optional<std::int64_t> AgeOnDate(string_view birth_date, const Date& as_of) {
    const auto birth = ParseDate(birth_date);
    if (!birth) {
        return std::nullopt;
    }
    const bool before_birthday = as_of.month < birth->month || (as_of.month == birth->month && as_of.day < birth->day);
    const std::int64_t age = as_of.year - birth->year - (before_birthday ? 1 : 0);
    if (age < 0) {
        return std::nullopt;
    }
    return age;
}

std::optional<std::int64_t> AgeOn(const registry::Person& person, const Date& as_of) {
    const auto* text = TextOf(person.fields, "birth_date");
    return text != nullptr ? AgeOnDate(*text, as_of) : std::nullopt;
}

bool InList(const Compiled& c, const Node& node, const db::Value& actual) {
    for (auto i = node.begin; i < node.end; ++i) {
        if (std::is_eq(Compare(actual, c.operands[i]))) {
            return true;
        }
    }
    return false;
}

// The test of one field condition on one value (nullptr: not recorded).
bool Test(const Compiled& c, const Node& node, const db::Value* actual) {
    if (node.op == Op::kMissing) {
        return actual == nullptr;
    }
    if (node.op == Op::kPresent || actual == nullptr) {
        return actual != nullptr;
    }
    const auto* operands = c.operands.data() + node.begin;
    switch (node.op) {
        case Op::kEq:
            return std::is_eq(Compare(*actual, operands[0]));
        case Op::kNe: {
            const auto order = Compare(*actual, operands[0]);
            return std::is_lt(order) || std::is_gt(order);
        }
        case Op::kLt:
            return std::is_lt(Compare(*actual, operands[0]));
        case Op::kLe:
            return std::is_lteq(Compare(*actual, operands[0]));
        case Op::kGt:
            return std::is_gt(Compare(*actual, operands[0]));
        case Op::kGe:
            return std::is_gteq(Compare(*actual, operands[0]));
        case Op::kIn:
            return InList(c, node, *actual);
        case Op::kNotIn: {
            for (auto i = node.begin; i < node.end; ++i) {
                const auto order = Compare(*actual, c.operands[i]);
                if (std::is_eq(order) || order == std::partial_ordering::unordered) {
                    return false;
                }
            }
            return true;
        }
        case Op::kBetween:
            return std::is_gteq(Compare(*actual, operands[0])) && std::is_lteq(Compare(*actual, operands[1]));
        default:
            return false;
    }
}

class Evaluator {
 public:
    Evaluator(const Compiled& compiled, const registry::Household& household, const EligibilityContext& context)
        : c_(compiled), household_(household), context_(context) {
        if (c_.uses_age) {
            auto as_of = ParseDate(context.as_of);
            SINERGI_INVARIANT(as_of.has_value());
            as_of_ = *as_of;
        }
        SINERGI_INVARIANT(!c_.uses_enrolment || context.enrolled_in);
    }

    bool Household(std::uint32_t index) const {
        const auto& node = c_.nodes[index];
        switch (node.kind) {
            case Kind::kAll:
                for (auto i = node.begin; i < node.end; ++i) {
                    if (!Household(c_.children[i])) {
                        return false;
                    }
                }
                return true;
            case Kind::kAny:
                for (auto i = node.begin; i < node.end; ++i) {
                    if (Household(c_.children[i])) {
                        return true;
                    }
                }
                return false;
            case Kind::kNot:
                return !Household(node.child);
            case Kind::kField:
                return Test(node, Lookup(household_.fields, node.spec->name));
            case Kind::kRegion:
                return MatchedRegion(node) != nullptr;
            case Kind::kMembers: {
                const auto count = CountMembers(node, true);
                return count >= node.at_least && count <= node.at_most;
            }
            case Kind::kEnrolledIn:
                return context_.enrolled_in(c_.texts[node.child]);
        }
        return false;
    }

    bool Person(std::uint32_t index, const registry::Person& person) const {
        const auto& node = c_.nodes[index];
        switch (node.kind) {
            case Kind::kAll:
                for (auto i = node.begin; i < node.end; ++i) {
                    if (!Person(c_.children[i], person)) {
                        return false;
                    }
                }
                return true;
            case Kind::kAny:
                for (auto i = node.begin; i < node.end; ++i) {
                    if (Person(c_.children[i], person)) {
                        return true;
                    }
                }
                return false;
            case Kind::kNot:
                return !Person(node.child, person);
            case Kind::kField: {
                if (node.age) {
                    const auto age = AgeOn(person, as_of_);
                    const db::Value value = age ? db::Value(*age) : db::Value();
                    return Test(node, age ? &value : nullptr);
                }
                return Test(node, Lookup(person.fields, node.spec->name));
            }
            default:
                SINERGI_ASSERT(false);  // the parser keeps household-only kinds out of members.where
                return false;
        }
    }

    // With `stop_early`, stops counting once the verdict cannot change.
    std::int64_t CountMembers(const Node& node, bool stop_early) const {
        std::int64_t count = 0;
        for (const auto& member : household_.members) {
            if (Living(member) && (node.child == kNone || Person(node.child, member))) {
                ++count;
                if (stop_early && (count > node.at_most || (node.at_most == kUnbounded && count >= node.at_least))) {
                    break;
                }
            }
        }
        return count;
    }

    // The facts behind `index`'s value, in rule order.
    void Explain(std::uint32_t index, std::vector<LocalizedText>& out) const {
        const auto& node = c_.nodes[index];
        switch (node.kind) {
            case Kind::kAll:
            case Kind::kAny: {
                if (node.begin == node.end) {
                    out.push_back({"tanpa syarat", "no conditions"});
                    return;
                }
                // A met all and a failed any are decided by every child; otherwise only by the children that agree.
                const bool value = Household(index);
                const bool every = (node.kind == Kind::kAll) == value;
                for (auto i = node.begin; i < node.end; ++i) {
                    if (every || Household(c_.children[i]) == value) {
                        Explain(c_.children[i], out);
                    }
                }
                return;
            }
            case Kind::kNot:
                Explain(node.child, out);  // facts read the same whichever way they are asked
                return;
            case Kind::kField:
                out.push_back(
                    Both([&](Lang lang) { return FieldFact(node, Lookup(household_.fields, node.spec->name), lang); }));
                return;
            case Kind::kRegion:
                out.push_back(Both([&](Lang lang) { return RegionFact(node, lang); }));
                return;
            case Kind::kMembers:
                out.push_back(MembersFact(node));
                return;
            case Kind::kEnrolledIn: {
                const auto& code = c_.texts[node.child];
                if (context_.enrolled_in(code)) {
                    out.push_back({fmt::format("terdaftar di {}", code), fmt::format("enrolled in {}", code)});
                } else {
                    out.push_back(
                        {fmt::format("tidak terdaftar di {}", code), fmt::format("not enrolled in {}", code)});
                }
                return;
            }
        }
    }

 private:
    bool Test(const Node& node, const db::Value* actual) const { return programs::Test(c_, node, actual); }

    const std::string* MatchedRegion(const Node& node) const {
        const auto* village = TextOf(household_.fields, "village_code");
        if (village == nullptr) {
            return nullptr;
        }
        for (auto i = node.begin; i < node.end; ++i) {
            if (InRegion(*village, c_.texts[i])) {
                return &c_.texts[i];
            }
        }
        return nullptr;
    }

    std::string FieldFact(const Node& node, const db::Value* actual, Lang lang) const;
    std::string RegionFact(const Node& node, Lang lang) const;
    LocalizedText MembersFact(const Node& node) const;
    void ExplainPerson(std::uint32_t index, const registry::Person& person, std::vector<LocalizedText>& out) const;

    const Compiled& c_;
    const registry::Household& household_;
    const EligibilityContext& context_;
    Date as_of_;
};

// ---- Text ----------------------------------------------------------------------------------------------------------

string_view LabelOf(const Node& node, Lang lang) {
    return node.label != nullptr ? Pick(lang, node.label->id, node.label->en) : node.spec->name;
}

string_view UnitOf(const Node& node, Lang lang) {
    return node.label != nullptr ? Pick(lang, node.label->unit_id, node.label->unit_en) : string_view();
}

std::string CodeDisplay(string_view field, string_view code, Lang lang) {
    for (const auto& label : kCodeLabels) {
        if ((label.field.empty() || label.field == field) && label.code == code) {
            return std::string(Pick(lang, label.id, label.en));
        }
    }
    std::string out;
    std::size_t start = 0;
    while (start <= code.size()) {
        const auto end = std::min(code.find('_', start), code.size());
        auto token = std::string(code.substr(start, end - start));
        if (std::find(std::begin(kAcronyms), std::end(kAcronyms), token) != std::end(kAcronyms)) {
            std::transform(token.begin(), token.end(), token.begin(),
                           [](char ch) { return static_cast<char>(ch - 'a' + 'A'); });
        }
        out += (start == 0 ? "" : " ") + token;
        start = end + 1;
    }
    return out;
}

// One value as written in a sentence: numbers with the Indonesian decimal comma, enum codes spelled out.
std::string Display(const Node& node, const db::Value& value, Lang lang) {
    if (const auto* number = std::get_if<std::int64_t>(&value)) {
        if (node.spec->type == FieldType::kBool) {
            return std::string(*number != 0 ? Pick(lang, "ya", "yes") : Pick(lang, "tidak", "no"));
        }
        return fmt::format("{}", *number);
    }
    if (const auto* real = std::get_if<double>(&value)) {
        auto text = fmt::format("{}", *real);
        if (lang == Lang::kId) {
            std::replace(text.begin(), text.end(), '.', ',');
        }
        return text;
    }
    if (const auto* text = std::get_if<std::string>(&value)) {
        return node.spec->type == FieldType::kEnum ? CodeDisplay(node.spec->name, *text, lang) : *text;
    }
    return "—";
}

// "a, b atau c" / "a, b or c".
std::string JoinWords(const std::vector<std::string>& items, string_view conjunction) {
    std::string out;
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (i > 0) {
            out += i + 1 == items.size() ? fmt::format(" {} ", conjunction) : std::string(", ");
        }
        out += items[i];
    }
    return out;
}

std::string ValueList(const Compiled& c, const Node& node, Lang lang) {
    std::vector<std::string> items;
    for (auto i = node.begin; i < node.end; ++i) {
        items.push_back(Display(node, c.operands[i], lang));
    }
    return JoinWords(items, Pick(lang, "atau", "or"));
}

// Long region lists (a programme's locus villages) shortened to the first few.
std::string RegionList(const Compiled& c, const Node& node, Lang lang) {
    constexpr std::uint32_t kShown = 5;
    std::vector<std::string> items;
    for (auto i = node.begin; i < node.end && i < node.begin + kShown; ++i) {
        items.push_back(c.texts[i]);
    }
    if (node.end - node.begin > kShown) {
        items.push_back(fmt::format("{} {}", node.end - node.begin - kShown, Pick(lang, "lainnya", "more")));
    }
    return JoinWords(items, Pick(lang, "atau", "or"));
}

std::string NotRecorded(const Node& node, Lang lang) {
    const auto subject = node.age ? Pick(lang, "tanggal lahir", "birth date") : LabelOf(node, lang);
    return fmt::format("{} {}", subject, Pick(lang, "tidak tercatat", "not recorded"));
}

// A single value as a fact about a household or member: "lantai tanah", "bersekolah SD", "hamil", "berumur 9 tahun".
std::string Phrase(const Node& node, const db::Value& value, Lang lang) {
    const auto* label = node.label;
    if (node.spec->type == FieldType::kBool && label != nullptr && !label->yes_id.empty()) {
        const auto* number = std::get_if<std::int64_t>(&value);
        const bool yes = number != nullptr && *number != 0;
        return std::string(yes ? Pick(lang, label->yes_id, label->yes_en) : Pick(lang, label->no_id, label->no_en));
    }
    const auto* code = std::get_if<std::string>(&value);
    if (node.spec->type == FieldType::kEnum && code != nullptr) {
        auto shown = CodeDisplay(node.spec->name, *code, lang);
        if (label != nullptr && label->bare) {
            return shown;
        }
        if (label != nullptr && !label->prefix_id.empty()) {
            return code->starts_with("tidak_")
                       ? shown
                       : fmt::format("{} {}", Pick(lang, label->prefix_id, label->prefix_en), shown);
        }
        if (*code == "tidak_ada") {
            return fmt::format("{} {}", Pick(lang, "tanpa", "no"), LabelOf(node, lang));
        }
    }
    return fmt::format("{} {}{}", LabelOf(node, lang), Display(node, value, lang), UnitOf(node, lang));
}

Op Negate(Op op) {
    switch (op) {
        case Op::kEq:
            return Op::kNe;
        case Op::kNe:
            return Op::kEq;
        case Op::kLt:
            return Op::kGe;
        case Op::kLe:
            return Op::kGt;
        case Op::kGt:
            return Op::kLe;
        case Op::kGe:
            return Op::kLt;
        default:
            return op;
    }
}

string_view Symbol(Op op) { return kOpSymbols[static_cast<std::size_t>(op)]; }

std::string MembersWord(std::int64_t n, Lang lang) {
    return fmt::format("{} {}", n, Pick(lang, "anggota", n == 1 ? "member" : "members"));
}

std::string Describe(const Compiled& c, std::uint32_t index, Lang lang);

std::string DescribeField(const Compiled& c, const Node& node, Lang lang) {
    const auto label = LabelOf(node, lang);
    const auto unit = UnitOf(node, lang);
    if (node.op == Op::kMissing) {
        return NotRecorded(node, lang);
    }
    if (node.op == Op::kPresent) {
        return fmt::format("{} {}", node.age ? Pick(lang, "tanggal lahir", "birth date") : label,
                           Pick(lang, "tercatat", "recorded"));
    }
    const auto& first = c.operands[node.begin];
    const auto other_than = Pick(lang, "selain", "other than");
    switch (node.op) {
        case Op::kIn:
            return fmt::format("{} {}{}", label, ValueList(c, node, lang), unit);
        case Op::kNotIn:
            return fmt::format("{} {} {}{}", label, other_than, ValueList(c, node, lang), unit);
        case Op::kBetween:
            return fmt::format("{} {}–{}{}", label, Display(node, first, lang),
                               Display(node, c.operands[node.begin + 1], lang), unit);
        case Op::kEq:
            return Ordered(*node.spec) ? fmt::format("{} {}{}", label, Display(node, first, lang), unit)
                                       : Phrase(node, first, lang);
        case Op::kNe:
            if (node.spec->type == FieldType::kBool) {
                const auto* number = std::get_if<std::int64_t>(&first);
                return Phrase(node, db::Value(std::int64_t{number != nullptr && *number != 0 ? 0 : 1}), lang);
            }
            if (!Ordered(*node.spec)) {
                return fmt::format("{} {} {}", label, other_than, Display(node, first, lang));
            }
            break;
        default:
            break;
    }
    return fmt::format("{} {} {}{}", label, Symbol(node.op), Display(node, first, lang), unit);
}

std::string CountPhrase(const Node& node, Lang lang) {
    if (node.at_most == 0) {
        return std::string(Pick(lang, "tidak ada anggota", "no member"));
    }
    if (node.exactly) {
        return fmt::format("{} {}", Pick(lang, "tepat", "exactly"), MembersWord(node.at_least, lang));
    }
    if (node.at_most == kUnbounded) {
        return fmt::format("{} {}", Pick(lang, "sedikitnya", "at least"), MembersWord(node.at_least, lang));
    }
    if (node.at_least == 0) {
        return fmt::format("{} {}", Pick(lang, "paling banyak", "at most"), MembersWord(node.at_most, lang));
    }
    return lang == Lang::kId ? fmt::format("{}–{} anggota", node.at_least, node.at_most)
                             : fmt::format("{} to {} members", node.at_least, node.at_most);
}

std::string DescribeChild(const Compiled& c, std::uint32_t index, Lang lang) {
    // A member condition over several fields gets brackets too, or its "dan" would read as the household's.
    const auto joined = [&](const Node& node) {
        return (node.kind == Kind::kAll || node.kind == Kind::kAny) && node.end - node.begin > 1;
    };
    const auto& node = c.nodes[index];
    const bool compound =
        joined(node) || (node.kind == Kind::kMembers && node.child != kNone && joined(c.nodes[node.child]));
    return compound ? fmt::format("({})", Describe(c, index, lang)) : Describe(c, index, lang);
}

std::string Describe(const Compiled& c, std::uint32_t index, Lang lang) {
    const auto& node = c.nodes[index];
    switch (node.kind) {
        case Kind::kAll:
        case Kind::kAny: {
            if (node.begin == node.end) {
                return std::string(Pick(lang, "tanpa syarat", "no conditions"));
            }
            const auto separator =
                node.kind == Kind::kAll ? Pick(lang, " dan ", " and ") : Pick(lang, " atau ", " or ");
            std::string out;
            for (auto i = node.begin; i < node.end; ++i) {
                out += (i == node.begin ? "" : std::string(separator)) + DescribeChild(c, c.children[i], lang);
            }
            return out;
        }
        case Kind::kNot: {
            const auto& child = c.nodes[node.child];
            if (child.kind == Kind::kEnrolledIn) {
                return fmt::format("{} {}", Pick(lang, "tidak terdaftar di", "not enrolled in"), c.texts[child.child]);
            }
            if (child.kind == Kind::kMembers && !child.exactly && child.at_least == 1 && child.at_most == kUnbounded) {
                return child.child == kNone ? std::string(Pick(lang, "tidak ada anggota hidup", "no living member"))
                                            : fmt::format("{}: {}", Pick(lang, "tidak ada anggota", "no member"),
                                                          Describe(c, child.child, lang));
            }
            if (child.kind == Kind::kField && (child.op == Op::kMissing || child.op == Op::kPresent)) {
                auto flipped = child;
                flipped.op = child.op == Op::kMissing ? Op::kPresent : Op::kMissing;
                return DescribeField(c, flipped, lang);
            }
            return fmt::format("{} ({})", Pick(lang, "bukan", "not"), Describe(c, node.child, lang));
        }
        case Kind::kField:
            return DescribeField(c, node, lang);
        case Kind::kRegion:
            return fmt::format("{} {}", Pick(lang, "berdomisili di wilayah", "living in"), RegionList(c, node, lang));
        case Kind::kMembers:
            return node.child == kNone ? CountPhrase(node, lang)
                                       : fmt::format("{}: {}", CountPhrase(node, lang), Describe(c, node.child, lang));
        case Kind::kEnrolledIn:
            return fmt::format("{} {}", Pick(lang, "terdaftar di", "enrolled in"), c.texts[node.child]);
    }
    return {};
}

// ---- Explanations --------------------------------------------------------------------------------------------------

std::string Evaluator::FieldFact(const Node& node, const db::Value* actual, Lang lang) const {
    if (actual == nullptr) {
        return NotRecorded(node, lang);
    }
    // A member is described by its values alone ("berumur 9 tahun"): the members condition already says what was asked.
    if (node.person || node.op == Op::kMissing || node.op == Op::kPresent) {
        return Phrase(node, *actual, lang);
    }
    const bool met = Test(node, actual);
    const auto label = LabelOf(node, lang);
    const auto unit = UnitOf(node, lang);
    const auto shown = Display(node, *actual, lang);
    if (Ordered(*node.spec)) {
        switch (node.op) {
            case Op::kBetween:
                return fmt::format("{} {}{} {} {}–{}{}", label, shown, unit,
                                   met ? Pick(lang, "dalam rentang", "within") : Pick(lang, "di luar", "outside"),
                                   Display(node, c_.operands[node.begin], lang),
                                   Display(node, c_.operands[node.begin + 1], lang), unit);
            case Op::kIn:
            case Op::kNotIn:
                return fmt::format(
                    "{} {}{} {} {}{}", label, shown, unit,
                    InList(c_, node, *actual) ? Pick(lang, "termasuk", "is one of") : Pick(lang, "bukan", "is not"),
                    ValueList(c_, node, lang), unit);
            default:
                return fmt::format("{} {}{} {} {}{}", label, shown, unit, Symbol(met ? node.op : Negate(node.op)),
                                   Display(node, c_.operands[node.begin], lang), unit);
        }
    }
    auto phrase = Phrase(node, *actual, lang);
    if ((node.op == Op::kEq || node.op == Op::kIn) && !met && node.spec->type != FieldType::kBool) {
        phrase += fmt::format(" ({} {})", Pick(lang, "bukan", "not"), ValueList(c_, node, lang));
    }
    return phrase;
}

std::string Evaluator::RegionFact(const Node& node, Lang lang) const {
    const auto* village = TextOf(household_.fields, "village_code");
    if (village == nullptr) {
        return fmt::format("{} {}", Pick(lang, "kode desa", "village code"),
                           Pick(lang, "tidak tercatat", "not recorded"));
    }
    const auto place = household_.village_name ? fmt::format("{} ({})", *household_.village_name, *village) : *village;
    if (const auto* region = MatchedRegion(node)) {
        return fmt::format("{} {} {} {}", Pick(lang, "desa", "village"), place, Pick(lang, "di wilayah", "within"),
                           *region);
    }
    return fmt::format("{} {} {} {}", Pick(lang, "desa", "village"), place, Pick(lang, "di luar wilayah", "outside"),
                       RegionList(c_, node, lang));
}

LocalizedText Evaluator::MembersFact(const Node& node) const {
    std::vector<const registry::Person*> matched;
    for (const auto& member : household_.members) {
        if (Living(member) && (node.child == kNone || Person(node.child, member))) {
            matched.push_back(&member);
        }
    }
    const auto count = static_cast<std::int64_t>(matched.size());
    const bool met = count >= node.at_least && count <= node.at_most;
    std::vector<std::vector<LocalizedText>> facts(matched.size());
    if (met && node.child != kNone) {
        for (std::size_t i = 0; i < matched.size(); ++i) {
            ExplainPerson(node.child, *matched[i], facts[i]);
        }
    }
    return Both([&](Lang lang) {
        const auto pick = [lang](const LocalizedText& text) -> const std::string& {
            return lang == Lang::kId ? text.id : text.en;
        };
        const auto where = node.child == kNone ? std::string() : Describe(c_, node.child, lang);
        if (met && count > 0 && node.child != kNone) {
            std::vector<std::string> members;
            for (const auto& member_facts : facts) {
                std::string line;
                for (const auto& fact : member_facts) {
                    line += (line.empty() ? "" : ", ") + pick(fact);
                }
                members.push_back(std::move(line));
            }
            if (count == 1) {
                return fmt::format("{} {}", Pick(lang, "anggota", "a member"), members.front());
            }
            std::string out = fmt::format("{}:", MembersWord(count, lang));
            for (std::size_t i = 0; i < members.size(); ++i) {
                out += fmt::format("{} {}", i == 0 ? "" : ";", members[i]);
            }
            return out;
        }
        std::string out;
        if (node.child == kNone) {
            out = count == 0 ? std::string(Pick(lang, "tidak ada anggota hidup", "no living member"))
                             : fmt::format("{} {}", Pick(lang, "rumah tangga beranggota", "household of"),
                                           lang == Lang::kId ? fmt::format("{} orang", count)
                                                             : fmt::format("{} living members", count));
        } else if (count == 0) {
            out = fmt::format("{}: {}", Pick(lang, "tidak ada anggota yang memenuhi", "no member meets"), where);
        } else {
            const bool only = count < node.at_least;
            out = lang == Lang::kId ? fmt::format("{}{} anggota memenuhi: {}", only ? "hanya " : "", count, where)
                                    : fmt::format("{}{} {}: {}", only ? "only " : "", MembersWord(count, lang),
                                                  count == 1 ? "meets" : "meet", where);
        }
        // "no member meets" already says that one was needed.
        if (!met && !(count == 0 && node.at_least == 1 && !node.exactly)) {
            if (node.exactly) {
                out += lang == Lang::kId ? fmt::format(" (harus tepat {})", node.at_least)
                                         : fmt::format(" (exactly {} required)", node.at_least);
            } else if (count < node.at_least) {
                out += lang == Lang::kId ? fmt::format(" (perlu sedikitnya {})", node.at_least)
                                         : fmt::format(" (at least {} needed)", node.at_least);
            } else {
                out += lang == Lang::kId ? fmt::format(" (paling banyak {})", node.at_most)
                                         : fmt::format(" (at most {} allowed)", node.at_most);
            }
        }
        return out;
    });
}

void Evaluator::ExplainPerson(std::uint32_t index, const registry::Person& person,
                              std::vector<LocalizedText>& out) const {
    const auto& node = c_.nodes[index];
    switch (node.kind) {
        case Kind::kAll:
        case Kind::kAny: {
            if (node.begin == node.end) {
                return;  // an empty all says nothing about the member
            }
            const bool value = Person(index, person);
            const bool every = (node.kind == Kind::kAll) == value;
            for (auto i = node.begin; i < node.end; ++i) {
                if (every || Person(c_.children[i], person) == value) {
                    ExplainPerson(c_.children[i], person, out);
                }
            }
            return;
        }
        case Kind::kNot:
            ExplainPerson(node.child, person, out);
            return;
        case Kind::kField: {
            db::Value age;
            const db::Value* actual = nullptr;
            if (node.age) {
                if (const auto years = AgeOn(person, as_of_)) {
                    age = *years;
                    actual = &age;
                }
            } else {
                actual = Lookup(person.fields, node.spec->name);
            }
            out.push_back(Both([&](Lang lang) { return FieldFact(node, actual, lang); }));
            return;
        }
        default:
            return;
    }
}

// ---- Canonical JSON ------------------------------------------------------------------------------------------------

boost::json::value NodeJson(const Compiled& c, std::uint32_t index) {
    const auto& node = c.nodes[index];
    boost::json::object out;
    switch (node.kind) {
        case Kind::kAll:
        case Kind::kAny: {
            boost::json::array children;
            for (auto i = node.begin; i < node.end; ++i) {
                children.push_back(NodeJson(c, c.children[i]));
            }
            out[node.kind == Kind::kAll ? "all" : "any"] = std::move(children);
            break;
        }
        case Kind::kNot:
            out["not"] = NodeJson(c, node.child);
            break;
        case Kind::kField: {
            out["field"] = node.spec->name;
            out["op"] = kOpNames[static_cast<std::size_t>(node.op)];
            if (node.op == Op::kIn || node.op == Op::kNotIn || node.op == Op::kBetween) {
                boost::json::array values;
                for (auto i = node.begin; i < node.end; ++i) {
                    values.push_back(registry::ToJson(c.operands[i], node.spec->type));
                }
                out["value"] = std::move(values);
            } else if (node.begin != node.end) {
                out["value"] = registry::ToJson(c.operands[node.begin], node.spec->type);
            }
            break;
        }
        case Kind::kRegion:
            if (node.end - node.begin == 1) {
                out["region"] = c.texts[node.begin];
            } else {
                boost::json::array codes;
                for (auto i = node.begin; i < node.end; ++i) {
                    codes.emplace_back(c.texts[i]);
                }
                out["region"] = std::move(codes);
            }
            break;
        case Kind::kMembers: {
            boost::json::object members;
            if (node.exactly) {
                members["exactly"] = node.at_least;
            } else {
                if (node.at_least > 0) {
                    members["at_least"] = node.at_least;
                }
                if (node.at_most != kUnbounded) {
                    members["at_most"] = node.at_most;
                }
            }
            if (node.child != kNone) {
                members["where"] = NodeJson(c, node.child);
            }
            out["members"] = std::move(members);
            break;
        }
        case Kind::kEnrolledIn:
            out["enrolled_in"] = c.texts[node.child];
            break;
    }
    return out;
}

}  // namespace

std::optional<EligibilityRule> EligibilityRule::Parse(const boost::json::value& json, ValidationReport& report,
                                                      std::string_view path,
                                                      const std::function<bool(std::string_view)>& known_program) {
    auto compiled = std::make_shared<Compiled>();
    const auto issues_before = report.issues().size();
    Parser parser(*compiled, report, known_program);
    compiled->root = parser.Rule(json, std::string(path), 1, Level::kHousehold);
    if (report.issues().size() != issues_before) {
        return std::nullopt;
    }
    SINERGI_INVARIANT(compiled->root != kNone);
    parser.Finish();
    return EligibilityRule(std::move(compiled));
}

EligibilityVerdict EligibilityRule::Evaluate(const registry::Household& household,
                                             const EligibilityContext& context) const {
    const Evaluator evaluator(*compiled_, household, context);
    EligibilityVerdict verdict;
    verdict.eligible = evaluator.Household(compiled_->root);
    evaluator.Explain(compiled_->root, verdict.reasons);
    return verdict;
}

bool EligibilityRule::Matches(const registry::Household& household, const EligibilityContext& context) const {
    return Evaluator(*compiled_, household, context).Household(compiled_->root);
}

boost::json::value EligibilityRule::ToJson() const { return NodeJson(*compiled_, compiled_->root); }

LocalizedText EligibilityRule::Describe() const {
    return Both([&](Lang lang) { return programs::Describe(*compiled_, compiled_->root, lang); });
}

const std::vector<std::string_view>& EligibilityRule::HouseholdFieldsRead() const {
    return compiled_->household_fields;
}

const std::vector<std::string_view>& EligibilityRule::PersonFieldsRead() const { return compiled_->person_fields; }

const std::vector<std::string>& EligibilityRule::ProgramsRead() const { return compiled_->programs; }

EligibilityRule::Node EligibilityRule::Root() const { return {compiled_.get(), compiled_->root}; }

EligibilityRule::Node::Kind EligibilityRule::Node::kind() const {
    static_assert(static_cast<int>(Kind::kEnrolledIn) == static_cast<int>(Compiled::Kind::kEnrolledIn));
    return static_cast<Kind>(compiled_->nodes[index_].kind);
}

std::vector<EligibilityRule::Node> EligibilityRule::Node::Children() const {
    const auto& node = compiled_->nodes[index_];
    std::vector<Node> out;
    switch (node.kind) {
        case Compiled::Kind::kAll:
        case Compiled::Kind::kAny:
            for (auto i = node.begin; i < node.end; ++i) {
                out.push_back({compiled_, compiled_->children[i]});
            }
            break;
        case Compiled::Kind::kNot:
        case Compiled::Kind::kMembers:
            if (node.child != kNone) {
                out.push_back({compiled_, node.child});
            }
            break;
        default:
            break;
    }
    return out;
}

std::string_view EligibilityRule::Node::field() const {
    const auto& node = compiled_->nodes[index_];
    return node.spec != nullptr ? node.spec->name : std::string_view();
}

bool EligibilityRule::Node::age() const { return compiled_->nodes[index_].age; }

bool EligibilityRule::Node::Accepts(const db::Value* value) const {
    if (value != nullptr && std::holds_alternative<std::monostate>(*value)) {
        value = nullptr;
    }
    return Test(*compiled_, compiled_->nodes[index_], value);
}

std::vector<std::string_view> EligibilityRule::Node::Regions() const {
    const auto& node = compiled_->nodes[index_];
    std::vector<std::string_view> out;
    if (node.kind == Compiled::Kind::kRegion) {
        for (auto i = node.begin; i < node.end; ++i) {
            out.emplace_back(compiled_->texts[i]);
        }
    }
    return out;
}

std::int64_t EligibilityRule::Node::at_least() const { return compiled_->nodes[index_].at_least; }
std::int64_t EligibilityRule::Node::at_most() const { return compiled_->nodes[index_].at_most; }

std::string_view EligibilityRule::Node::program_code() const {
    const auto& node = compiled_->nodes[index_];
    return node.kind == Compiled::Kind::kEnrolledIn ? std::string_view(compiled_->texts[node.child])
                                                    : std::string_view();
}

std::optional<std::int64_t> AgeOn(std::string_view birth_date, std::string_view as_of) {
    const auto date = ParseDate(as_of);
    return date ? AgeOnDate(birth_date, *date) : std::nullopt;
}

bool IsIdentifyingField(std::string_view name) { return IsIdentifying(name); }

bool CountsAsLiving(const db::Value* life_status) {
    const auto* text = life_status != nullptr ? std::get_if<std::string>(life_status) : nullptr;
    return text == nullptr || *text == "alive";
}

LocalizedText Summarise(const EligibilityVerdict& verdict) {
    LocalizedText out{verdict.eligible ? "layak" : "tidak layak", verdict.eligible ? "eligible" : "not eligible"};
    for (std::size_t i = 0; i < verdict.reasons.size(); ++i) {
        out.id += (i == 0 ? ": " : "; ") + verdict.reasons[i].id;
        out.en += (i == 0 ? ": " : "; ") + verdict.reasons[i].en;
    }
    return out;
}

std::partial_ordering CompareValues(const db::Value& a, const db::Value& b) { return Compare(a, b); }

}  // namespace sinergi::programs
