#include "pmt/pmt_model.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>
#include <numeric>
#include <set>
#include <sstream>

#include <boost/json.hpp>
#include <fmt/format.h>

#include "platform/embedded.hpp"
#include "registry/fields.hpp"

namespace sinergi::embedded {
// data/pmt/default-weights.json, compiled in by src/pmt/CMakeLists.txt through cmake/embed.cmake.
std::span<const EmbeddedFile> PmtDefaultWeights();
}  // namespace sinergi::embedded

namespace sinergi::pmt {

namespace {

namespace json = boost::json;
using std::string_view;

constexpr std::string_view kFormat = "sinergi-pmt-weights/1";
constexpr std::size_t kMaxVersionLength = 60;
constexpr std::size_t kMaxNoteLength = 2000;
// Children under 15 and people of 65 and over, as BPS counts dependants.
constexpr int kWorkingAgeFrom = 15;
constexpr int kOldAgeFrom = 65;

constexpr string_view kAttributeNames[] = {
    "floor_material", "wall_material",    "roof_material",       "water_source",   "lighting",      "electricity_va",
    "cooking_fuel",   "toilet",           "house_ownership",     "land_ownership", "floor_area_m2", "has_motorcycle",
    "has_car",        "has_refrigerator", "has_air_conditioner", "has_gold",       "has_land",      "has_computer",
    "cattle_count",   "goat_count",       "poultry_count",
};

constexpr int AttributeIndex(string_view name) {
    for (std::size_t i = 0; i < std::size(kAttributeNames); ++i) {
        if (kAttributeNames[i] == name) {
            return static_cast<int>(i);
        }
    }
    return -1;
}

constexpr Variable Attribute(string_view name, VariableKind kind, string_view label_id, string_view label_en,
                             bool always_positive = false) {
    return Variable{name, kind, label_id, label_en, always_positive, AttributeIndex(name), Derived::kNone};
}

constexpr Variable FromMembers(string_view name, VariableKind kind, string_view label_id, string_view label_en,
                               Derived derived, bool always_positive = false) {
    return Variable{name, kind, label_id, label_en, always_positive, -1, derived};
}

using VK = VariableKind;
constexpr Variable kVariables[] = {
    Attribute("floor_material", VK::kCategory, "Jenis lantai terluas", "Floor material"),
    Attribute("wall_material", VK::kCategory, "Jenis dinding terluas", "Wall material"),
    Attribute("roof_material", VK::kCategory, "Jenis atap terluas", "Roof material"),
    Attribute("water_source", VK::kCategory, "Sumber air minum", "Drinking water source"),
    Attribute("lighting", VK::kCategory, "Sumber penerangan", "Lighting"),
    Attribute("electricity_va", VK::kNumber, "Daya listrik terpasang (VA)", "Electricity capacity (VA)"),
    Attribute("cooking_fuel", VK::kCategory, "Bahan bakar memasak", "Cooking fuel"),
    Attribute("toilet", VK::kCategory, "Fasilitas buang air besar", "Toilet"),
    Attribute("house_ownership", VK::kCategory, "Status kepemilikan rumah", "House ownership"),
    Attribute("land_ownership", VK::kCategory, "Status kepemilikan lahan", "Land ownership"),
    Attribute("floor_area_m2", VK::kNumber, "Luas lantai (m²)", "Floor area (m²)", true),
    Attribute("has_motorcycle", VK::kFlag, "Memiliki sepeda motor", "Owns a motorcycle"),
    Attribute("has_car", VK::kFlag, "Memiliki mobil", "Owns a car"),
    Attribute("has_refrigerator", VK::kFlag, "Memiliki lemari es", "Owns a refrigerator"),
    Attribute("has_air_conditioner", VK::kFlag, "Memiliki AC", "Owns an air conditioner"),
    Attribute("has_gold", VK::kFlag, "Memiliki emas/perhiasan (≥10 gram)", "Owns gold or jewellery (10 g or more)"),
    Attribute("has_land", VK::kFlag, "Memiliki lahan", "Owns land"),
    Attribute("has_computer", VK::kFlag, "Memiliki komputer/laptop", "Owns a computer or laptop"),
    Attribute("cattle_count", VK::kNumber, "Jumlah sapi", "Cattle"),
    Attribute("goat_count", VK::kNumber, "Jumlah kambing/domba", "Goats and sheep"),
    Attribute("poultry_count", VK::kNumber, "Jumlah unggas", "Poultry"),
    FromMembers("household_size", VK::kNumber, "Jumlah anggota rumah tangga", "Household size", Derived::kHouseholdSize,
                true),
    FromMembers("dependants_share", VK::kNumber, "Proporsi tanggungan (umur <15 atau ≥65 tahun)",
                "Share of dependants (under 15 or 65 and over)", Derived::kDependantsShare),
    FromMembers("head_education", VK::kCategory, "Pendidikan kepala rumah tangga", "Education of the head",
                Derived::kHeadEducation),
    FromMembers("members_working", VK::kNumber, "Jumlah anggota yang bekerja", "Members working",
                Derived::kMembersWorking),
    FromMembers("floor_area_per_capita", VK::kNumber, "Luas lantai per anggota (m²)", "Floor area per person (m²)",
                Derived::kFloorAreaPerCapita, true),
};

// ---- Parsing ----

class WeightsParser {
 public:
    explicit WeightsParser(ValidationReport& report) : report_(report) {}

    std::optional<Weights> Parse(string_view text) {
        json::stream_parser parser;
        boost::system::error_code ec;
        std::size_t consumed = parser.write(text.data(), text.size(), ec);
        if (!ec) {
            parser.finish(ec);
            consumed = text.size();
        }
        if (ec) {
            const auto offset = std::min(consumed, text.size());
            const auto before = text.substr(0, offset);
            const auto line = 1 + std::count(before.begin(), before.end(), '\n');
            const auto last_newline = before.rfind('\n');
            const auto column = 1 + (last_newline == string_view::npos ? offset : offset - last_newline - 1);
            Add("PMT-1001", "",
                fmt::format("Berkas bobot bukan JSON yang valid: baris {} kolom {}: {}.", line, column, ec.message()),
                fmt::format("The weights file is not valid JSON: line {} column {}: {}.", line, column, ec.message()));
            return std::nullopt;
        }
        const auto root = parser.release();
        if (!root.is_object()) {
            Add("PMT-1002", "", "Berkas bobot harus berupa objek JSON {...}.",
                "The weights file must be a JSON object {...}.");
            return std::nullopt;
        }
        Weights weights;
        const auto& object = root.as_object();
        RejectUnknown(object, "", {"format", "version", "note", "intercept", "terms"});
        const auto* format = object.if_contains("format");
        if (format == nullptr || !format->is_string() || format->as_string() != kFormat) {
            Add("PMT-1004", "format", fmt::format("'format' harus \"{}\".", kFormat),
                fmt::format("'format' must be \"{}\".", kFormat));
        }
        weights.version = Text(object, "version", "PMT-1005", kMaxVersionLength);
        weights.note = Text(object, "note", "PMT-1006", kMaxNoteLength);
        if (auto intercept = Number(object, "intercept", "intercept")) {
            weights.intercept = *intercept;
        }
        const auto* terms = object.if_contains("terms");
        if (terms == nullptr || !terms->is_array() || terms->as_array().empty()) {
            Add("PMT-1008", "terms", "'terms' harus daftar suku yang tidak kosong.",
                "'terms' must be a non-empty list of terms.");
        } else {
            std::set<string_view> seen;
            const auto& array = terms->as_array();
            for (std::size_t i = 0; i < array.size(); ++i) {
                if (auto term = ParseTerm(array[i], fmt::format("terms[{}]", i), seen)) {
                    weights.terms.push_back(std::move(*term));
                }
            }
        }
        if (!report_.empty()) {
            return std::nullopt;
        }
        return weights;
    }

 private:
    void Add(string_view code, string_view field, std::string id, std::string en) {
        report_.Add(code, field, {std::move(id), std::move(en)});
    }

    void RejectUnknown(const json::object& object, const std::string& path,
                       std::initializer_list<string_view> allowed) {
        for (const auto& [key, value] : object) {
            if (std::find(allowed.begin(), allowed.end(), string_view(key)) == allowed.end()) {
                const auto field = path.empty() ? std::string(key) : fmt::format("{}.{}", path, string_view(key));
                Add("PMT-1003", field, fmt::format("Kolom '{}' tidak dikenal.", field),
                    fmt::format("Unknown member '{}'.", field));
            }
        }
    }

    std::string Text(const json::object& object, string_view key, string_view code, std::size_t max_length) {
        const auto* value = object.if_contains(key);
        if (value == nullptr || !value->is_string() || value->as_string().empty() ||
            value->as_string().size() > max_length) {
            Add(code, key, fmt::format("'{}' wajib berupa teks 1–{} karakter.", key, max_length),
                fmt::format("'{}' is required: text of 1 to {} characters.", key, max_length));
            return "";
        }
        return std::string(value->as_string());
    }

    std::optional<double> Number(const json::object& object, string_view key, const std::string& field) {
        const auto* value = object.if_contains(key);
        if (value == nullptr || !value->is_number() || !std::isfinite(value->to_number<double>())) {
            Add(key == "intercept" ? "PMT-1007" : "PMT-1013", field, fmt::format("'{}' harus berupa angka.", field),
                fmt::format("'{}' must be a number.", field));
            return std::nullopt;
        }
        return value->to_number<double>();
    }

    std::optional<Term> ParseTerm(const json::value& value, const std::string& path, std::set<string_view>& seen) {
        if (!value.is_object()) {
            Add("PMT-1008", path, fmt::format("{} harus berupa objek.", path),
                fmt::format("{} must be an object.", path));
            return std::nullopt;
        }
        const auto& object = value.as_object();
        const auto* name = object.if_contains("variable");
        const Variable* variable =
            name != nullptr && name->is_string() ? FindVariable(string_view(name->as_string())) : nullptr;
        if (variable == nullptr) {
            std::string known;
            for (const auto& v : kVariables) {
                known += (known.empty() ? "" : ", ") + std::string(v.name);
            }
            const auto given = name != nullptr && name->is_string() ? std::string(name->as_string()) : std::string();
            Add("PMT-1009", path + ".variable",
                fmt::format("Variabel '{}' tidak dikenal; pilih salah satu: {}.", given, known),
                fmt::format("Unknown variable '{}'; use one of: {}.", given, known));
            return std::nullopt;
        }
        if (!seen.insert(variable->name).second) {
            Add("PMT-1010", path + ".variable",
                fmt::format("Variabel '{}' sudah dipakai suku lain; satu variabel satu suku.", variable->name),
                fmt::format("Variable '{}' is used by another term already; one term per variable.", variable->name));
            return std::nullopt;
        }
        Term term;
        term.variable = variable;
        switch (variable->kind) {
            case VariableKind::kCategory:
                RejectUnknown(object, path, {"variable", "weights"});
                ParseCategoryWeights(object, path, term);
                break;
            case VariableKind::kFlag:
                RejectUnknown(object, path, {"variable", "weight"});
                term.weight = Number(object, "weight", path + ".weight").value_or(0);
                break;
            case VariableKind::kNumber:
                ParseNumberTerm(object, path, term);
                break;
        }
        return term;
    }

    void ParseCategoryWeights(const json::object& object, const std::string& path, Term& term) {
        const auto* weights = object.if_contains("weights");
        if (weights == nullptr || !weights->is_object()) {
            Add("PMT-1011", path + ".weights",
                fmt::format("Variabel kategori {} memerlukan 'weights': {{kode: bobot, …}}.", term.variable->name),
                fmt::format("The category variable {} needs 'weights': {{code: weight, …}}.", term.variable->name));
            return;
        }
        const auto codes = CategoryCodes(*term.variable);
        for (const auto& [key, value] : weights->as_object()) {
            const auto field = fmt::format("{}.weights.{}", path, string_view(key));
            if (std::find(codes.begin(), codes.end(), string_view(key)) == codes.end()) {
                std::string allowed;
                for (auto code : codes) {
                    allowed += (allowed.empty() ? "" : ", ") + std::string(code);
                }
                Add("PMT-1012", field,
                    fmt::format("Kode '{}' tidak ada untuk {}; kode yang ada: {}.", string_view(key),
                                term.variable->name, allowed),
                    fmt::format("There is no code '{}' for {}; the codes are: {}.", string_view(key),
                                term.variable->name, allowed));
                continue;
            }
            if (!value.is_number() || !std::isfinite(value.to_number<double>())) {
                Add("PMT-1013", field, fmt::format("'{}' harus berupa angka.", field),
                    fmt::format("'{}' must be a number.", field));
                continue;
            }
            term.category_weights.emplace(std::string(key), value.to_number<double>());
        }
    }

    void ParseNumberTerm(const json::object& object, const std::string& path, Term& term) {
        const auto* bands = object.if_contains("bands");
        if (bands != nullptr) {
            RejectUnknown(object, path, {"variable", "bands"});
            if (!bands->is_array() || bands->as_array().empty()) {
                Add("PMT-1016", path + ".bands", R"('bands' harus daftar {"from": angka, "weight": angka}.)",
                    R"('bands' must be a list of {"from": number, "weight": number}.)");
                return;
            }
            const auto& array = bands->as_array();
            for (std::size_t i = 0; i < array.size(); ++i) {
                const auto band_path = fmt::format("{}.bands[{}]", path, i);
                if (!array[i].is_object()) {
                    Add("PMT-1016", band_path,
                        fmt::format(R"({} harus {{"from": angka, "weight": angka}}.)", band_path),
                        fmt::format(R"({} must be {{"from": number, "weight": number}}.)", band_path));
                    continue;
                }
                const auto& band = array[i].as_object();
                RejectUnknown(band, band_path, {"from", "weight"});
                const auto from = Number(band, "from", band_path + ".from");
                const auto weight = Number(band, "weight", band_path + ".weight");
                if (!from || !weight) {
                    continue;
                }
                if (!term.bands.empty() && *from <= term.bands.back().from) {
                    Add("PMT-1016", band_path + ".from",
                        fmt::format("Batas 'from' harus naik: {} tidak lebih besar dari {}.", *from,
                                    term.bands.back().from),
                        fmt::format("The 'from' bounds must increase: {} is not above {}.", *from,
                                    term.bands.back().from));
                    continue;
                }
                term.bands.push_back({*from, *weight});
            }
            return;
        }
        RejectUnknown(object, path, {"variable", "weight", "transform", "cap"});
        term.weight = Number(object, "weight", path + ".weight").value_or(0);
        if (const auto* transform = object.if_contains("transform")) {
            if (transform->is_string() && transform->as_string() == "log") {
                term.transform = Transform::kLog;
                if (!term.variable->always_positive) {
                    Add("PMT-1014", path + ".transform",
                        fmt::format("{} bisa bernilai 0, sehingga logaritmanya tidak ada; pakai \"linear\" atau "
                                    "'bands'.",
                                    term.variable->name),
                        fmt::format("{} can be 0, which has no logarithm; use \"linear\" or 'bands'.",
                                    term.variable->name));
                }
            } else if (!(transform->is_string() && transform->as_string() == "linear")) {
                Add("PMT-1014", path + ".transform", R"('transform' harus "linear" atau "log".)",
                    R"('transform' must be "linear" or "log".)");
            }
        }
        if (object.contains("cap")) {
            const auto cap = Number(object, "cap", path + ".cap");
            if (cap && *cap <= 0) {
                Add("PMT-1015", path + ".cap", "'cap' harus lebih dari 0.", "'cap' must be above 0.");
            } else {
                term.cap = cap;
            }
        }
    }

    ValidationReport& report_;
};

// ---- Estimation ----

std::optional<int> NumberAt(string_view text, std::size_t at, std::size_t length) {
    int value = 0;
    const auto part = text.substr(at, length);
    const auto [end, ec] = std::from_chars(part.data(), part.data() + part.size(), value);
    if (ec != std::errc{} || end != part.data() + part.size()) {
        return std::nullopt;
    }
    return value;
}

// Whole years from `birth` to `on`, both YYYY-MM-DD.
std::optional<int> AgeOn(string_view birth, string_view on) {
    if (birth.size() != 10 || on.size() < 10) {
        return std::nullopt;
    }
    const auto by = NumberAt(birth, 0, 4);
    const auto bmd = NumberAt(birth, 5, 2).value_or(0) * 100 + NumberAt(birth, 8, 2).value_or(0);
    const auto oy = NumberAt(on, 0, 4);
    const auto omd = NumberAt(on, 5, 2).value_or(0) * 100 + NumberAt(on, 8, 2).value_or(0);
    if (!by || !oy) {
        return std::nullopt;
    }
    return *oy - *by - (omd < bmd ? 1 : 0);
}

std::optional<double> AsNumber(const db::Value& value) {
    if (const auto* n = std::get_if<std::int64_t>(&value)) {
        return static_cast<double>(*n);
    }
    if (const auto* d = std::get_if<double>(&value)) {
        return *d;
    }
    return std::nullopt;
}

VariableValue ValueOf(const Variable& variable, const HouseholdFacts& household, string_view as_of) {
    const auto size = static_cast<double>(household.members.size());
    switch (variable.derived) {
        case Derived::kNone: {
            const auto& value = household.attributes.at(static_cast<std::size_t>(variable.attribute));
            if (std::holds_alternative<std::monostate>(value)) {
                return {};
            }
            if (variable.kind == VariableKind::kCategory) {
                const auto* code = std::get_if<std::string>(&value);
                return code != nullptr ? VariableValue(*code) : VariableValue();
            }
            const auto number = AsNumber(value);
            if (!number) {
                return {};
            }
            return variable.kind == VariableKind::kFlag ? VariableValue(*number != 0) : VariableValue(*number);
        }
        case Derived::kHouseholdSize:
            return size;
        case Derived::kFloorAreaPerCapita: {
            const auto area =
                AsNumber(household.attributes.at(static_cast<std::size_t>(AttributeIndex("floor_area_m2"))));
            return area && size > 0 ? VariableValue(*area / size) : VariableValue();
        }
        case Derived::kDependantsShare: {
            int known = 0;
            int dependants = 0;
            for (const auto& member : household.members) {
                if (auto age = member.birth_date ? AgeOn(*member.birth_date, as_of) : std::nullopt) {
                    ++known;
                    dependants += *age < kWorkingAgeFrom || *age >= kOldAgeFrom ? 1 : 0;
                }
            }
            return known > 0 ? VariableValue(static_cast<double>(dependants) / known) : VariableValue();
        }
        case Derived::kHeadEducation:
            for (const auto& member : household.members) {
                if (member.head) {
                    return member.education_level ? VariableValue(*member.education_level) : VariableValue();
                }
            }
            return {};
        case Derived::kMembersWorking: {
            bool known = false;
            int working = 0;
            for (const auto& member : household.members) {
                known = known || member.work_status.has_value();
                working += member.work_status == "bekerja" ? 1 : 0;
            }
            return known ? VariableValue(static_cast<double>(working)) : VariableValue();
        }
    }
    return {};
}

double ContributionOf(const Term& term, const VariableValue& value) {
    switch (term.variable->kind) {
        case VariableKind::kCategory: {
            const auto it = term.category_weights.find(std::get<std::string>(value));
            return it == term.category_weights.end() ? 0.0 : it->second;
        }
        case VariableKind::kFlag:
            return std::get<bool>(value) ? term.weight : 0.0;
        case VariableKind::kNumber: {
            auto x = std::get<double>(value);
            if (!term.bands.empty()) {
                double weight = 0;
                for (const auto& band : term.bands) {
                    if (x >= band.from) {
                        weight = band.weight;
                    }
                }
                return weight;
            }
            if (term.cap) {
                x = std::min(x, *term.cap);
            }
            if (term.transform == Transform::kLog) {
                return x > 0 ? term.weight * std::log(x) : 0.0;
            }
            return term.weight * x;
        }
    }
    return 0;
}

}  // namespace

std::span<const Variable> Variables() { return kVariables; }

const Variable* FindVariable(std::string_view name) {
    for (const auto& variable : kVariables) {
        if (variable.name == name) {
            return &variable;
        }
    }
    return nullptr;
}

std::span<const std::string_view> CategoryCodes(const Variable& variable) {
    const auto* spec = variable.derived == Derived::kHeadEducation
                           ? registry::FindField(registry::PersonFields(), "education_level")
                           : registry::FindField(registry::HouseholdFields(), variable.name);
    return spec != nullptr ? spec->values : std::span<const std::string_view>{};
}

std::span<const std::string_view> HouseholdAttributeNames() { return kAttributeNames; }

void HouseholdFacts::Set(std::string_view name, db::Value value) {
    const auto index = AttributeIndex(name);
    if (index >= 0) {
        attributes[static_cast<std::size_t>(index)] = std::move(value);
    }
}

std::optional<Weights> Weights::Parse(std::string_view json_text, ValidationReport& report) {
    return WeightsParser(report).Parse(json_text);
}

Weights Weights::Default() {
    ValidationReport report;
    auto weights = Parse(embedded::PmtDefaultWeights().front().content, report);
    // The file is the repository's own and a test parses it: failing here is a broken build, not bad input.
    SINERGI_INVARIANT(weights.has_value());
    return std::move(*weights);
}

Weights Weights::Load(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    ValidationReport report;
    if (!in) {
        report.Add("PMT-1017", "",
                   {fmt::format("Berkas bobot {} tidak dapat dibaca.", file.string()),
                    fmt::format("The weights file {} cannot be read.", file.string())});
        report.ThrowIfAny();
    }
    std::ostringstream content;
    content << in.rdbuf();
    auto weights = Parse(content.str(), report);
    report.ThrowIfAny();
    return std::move(*weights);
}

Estimate EstimateHousehold(const Weights& weights, const HouseholdFacts& household, std::string_view as_of) {
    Estimate estimate;
    estimate.log_consumption = weights.intercept;
    estimate.contributions.reserve(weights.terms.size());
    for (const auto& term : weights.terms) {
        auto value = ValueOf(*term.variable, household, as_of);
        double contribution = 0;
        if (std::holds_alternative<std::monostate>(value)) {
            estimate.missing.push_back(term.variable);
        } else {
            contribution = ContributionOf(term, value);
        }
        estimate.log_consumption += contribution;
        estimate.contributions.push_back({term.variable, std::move(value), contribution});
    }
    estimate.consumption_per_capita = std::llround(std::exp(estimate.log_consumption));
    return estimate;
}

std::vector<Contribution> TopContributions(const Estimate& estimate, std::size_t count) {
    std::vector<Contribution> top;
    for (const auto& contribution : estimate.contributions) {
        if (contribution.contribution != 0) {
            top.push_back(contribution);
        }
    }
    std::stable_sort(top.begin(), top.end(), [](const Contribution& a, const Contribution& b) {
        return std::fabs(a.contribution) > std::fabs(b.contribution);
    });
    if (top.size() > count) {
        top.resize(count);
    }
    return top;
}

std::vector<int> RankIntoDesil(std::span<const double> values) {
    const auto n = values.size();
    std::vector<std::size_t> order(n);
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(),
                     [&values](std::size_t a, std::size_t b) { return values[a] < values[b]; });
    std::vector<int> desil(n, 0);
    std::size_t tie_start = 0;
    for (std::size_t position = 0; position < n; ++position) {
        if (position == 0 || values[order[position]] != values[order[position - 1]]) {
            tie_start = position;
        }
        desil[order[position]] = 1 + static_cast<int>(10 * tie_start / n);
    }
    return desil;
}

}  // namespace sinergi::pmt
