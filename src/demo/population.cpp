#include "demo/population.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <fstream>
#include <initializer_list>
#include <map>
#include <numbers>
#include <optional>
#include <ostream>
#include <random>
#include <span>

#include <fmt/format.h>

#include "demo/name_lists.hpp"

namespace sinergi::demo {

namespace {

namespace chr = std::chrono;
using registry::FieldValues;
using registry::NewHousehold;
using registry::Sex;

constexpr std::size_t kMaxMembers = 9;
constexpr int kStaleAfterDays = 730;  // a record verified more than two years ago is stale
// KK numbers carry a recording date; the generated ones fall within this many days before as_of.
constexpr int kKkRecordingDays = 30 * 366;
// NIK slots: district x day field (1-31, 41-71 for women) x month x two-digit year.
constexpr std::size_t kNikSlotsPerDistrict = std::size_t{72} * 13 * 100;
// A typo may raise a NIK's serial; later genuine NIKs of that district and birth date are numbered above it, so a
// typo's serial stays below this bound to leave them room (one district and birth date rarely hold more than a
// few dozen people).
constexpr unsigned kMaxTypoSerial = 8999;
constexpr unsigned kMaxSerial = 9999;
// Urban wards (kelurahan) are better off on average: added to the latent welfare score.
constexpr double kUrbanWelfareShift = 0.5;
// The official desil comes from a Proxy Means Test, an estimate: the noise between true welfare and its score.
constexpr double kPmtNoise = 0.5;
// The desil ranks consumption per person: the same means spread over more members rank lower. Per member above
// (or below) the mean household size, the desil score moves by this much; the spread of sizes (variance about 2.4)
// widens the score's spread accordingly.
constexpr double kPerMemberScore = 0.25;
constexpr double kMeanHouseholdSize = 3.5;
constexpr double kHouseholdSizeVariance = 2.4;

// ---- Randomness ---------------------------------------------------------------------------------------------------

// Draws from one std::mt19937_64. Uniform and normal numbers are computed here from the engine's bits rather than
// through std:: distributions, whose algorithms differ between standard libraries: a seed gives the same population
// whichever library built the binary.
class Random {
 public:
    explicit Random(std::uint64_t seed) : engine_(seed) {}

    double Uniform() { return static_cast<double>(engine_() >> 11) * 0x1.0p-53; }  // [0, 1)
    std::int64_t Between(std::int64_t low, std::int64_t high) {                    // inclusive
        return low + static_cast<std::int64_t>(Uniform() * static_cast<double>(high - low + 1));
    }
    int BetweenInt(int low, int high) { return static_cast<int>(Between(low, high)); }
    bool Chance(double probability) { return Uniform() < probability; }
    double Normal() {
        const double u1 = 1.0 - Uniform();  // (0, 1]: the logarithm stays finite
        const double u2 = Uniform();
        return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
    }
    // An index drawn in proportion to `weights`.
    std::size_t Weighted(std::span<const double> weights) {
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        double point = Uniform() * total;
        for (std::size_t i = 0; i < weights.size(); ++i) {
            if (point < weights[i]) {
                return i;
            }
            point -= weights[i];
        }
        return weights.size() - 1;
    }
    std::size_t Weighted(std::initializer_list<double> weights) {
        return Weighted(std::span<const double>(weights.begin(), weights.size()));
    }
    std::string_view Pick(std::span<const std::string_view> items) {
        return items[static_cast<std::size_t>(Between(0, static_cast<std::int64_t>(items.size()) - 1))];
    }

 private:
    std::mt19937_64 engine_;
};

double NormalCdf(double x) { return 0.5 * std::erfc(-x / std::numbers::sqrt2); }
double Logistic(double x) { return 1.0 / (1.0 + std::exp(-x)); }

std::string FormatDate(chr::sys_days day) {
    const chr::year_month_day ymd{day};
    return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                       static_cast<unsigned>(ymd.day()));
}

db::Value Text(std::string_view text) { return {std::string(text)}; }
db::Value Int(std::int64_t value) { return {value}; }
db::Value Bool(bool value) { return db::Value(std::int64_t{value ? 1 : 0}); }

std::string TextField(const FieldValues& fields, std::string_view name) {
    auto it = fields.find(name);
    if (it == fields.end()) {
        return "";
    }
    if (const auto* text = std::get_if<std::string>(&it->second)) {
        return *text;
    }
    return "";
}

bool IsVowel(char c) {
    const auto lower = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return lower == 'a' || lower == 'e' || lower == 'i' || lower == 'o' || lower == 'u';
}

std::vector<std::string> SplitWords(const std::string& text) {
    std::vector<std::string> words;
    std::size_t start = 0;
    while (start <= text.size()) {
        const auto end = std::min(text.find(' ', start), text.size());
        if (end > start) {
            words.push_back(text.substr(start, end - start));
        }
        start = end + 1;
    }
    return words;
}

std::string JoinWords(const std::vector<std::string>& words) {
    std::string out;
    for (const auto& word : words) {
        out += (out.empty() ? "" : " ") + word;
    }
    return out;
}

// ---- Households: who lives together ---------------------------------------------------------------------------

// A member before the person attributes are drawn: relation to the head, sex, age and marital status.
struct Draft {
    std::string_view relation;
    Sex sex = Sex::kMale;
    int age = 0;
    std::string_view marital;
};

Sex Other(Sex sex) { return sex == Sex::kMale ? Sex::kFemale : Sex::kMale; }

int ClampAge(double age, int low, int high) { return std::clamp(static_cast<int>(std::lround(age)), low, high); }

// Household composition after the shares of household types in Susenas: a few live alone (young adults or, more
// often, elderly widows), couples whose children have left, nuclear families (the majority), single parents, and
// extended families with a grandparent or grandchildren. Poorer households have a few more children.
std::vector<Draft> Compose(Random& random, double welfare) {
    enum class Kind { kSingle, kCouple, kNuclear, kSingleParent, kExtended };
    const auto kind = static_cast<Kind>(random.Weighted({8, 10, 55, 10, 17}));
    std::vector<Draft> members;
    const auto add = [&members](std::string_view relation, Sex sex, int age, std::string_view marital) {
        if (members.size() < kMaxMembers) {
            members.push_back({relation, sex, age, marital});
        }
    };

    Sex head_sex = Sex::kMale;
    int head_age = 0;
    std::string_view head_marital = "kawin";
    bool spouse = false;
    switch (kind) {
        case Kind::kSingle:
            if (random.Chance(0.35)) {
                head_age = random.BetweenInt(19, 35);
                head_sex = random.Chance(0.65) ? Sex::kMale : Sex::kFemale;
                head_marital = random.Chance(0.85) ? "belum_kawin" : "cerai_hidup";
            } else {
                head_age = random.BetweenInt(55, 88);
                head_sex = random.Chance(0.65) ? Sex::kFemale : Sex::kMale;
                const std::array<std::string_view, 3> statuses{"cerai_mati", "cerai_hidup", "belum_kawin"};
                head_marital = statuses[random.Weighted({80, 10, 10})];
            }
            break;
        case Kind::kCouple:
            head_age = random.Chance(0.3) ? random.BetweenInt(20, 32) : random.BetweenInt(50, 82);
            spouse = true;
            break;
        case Kind::kNuclear:
            head_age = ClampAge(41 + 10 * random.Normal(), 22, 72);
            spouse = true;
            break;
        case Kind::kSingleParent:
            head_sex = random.Chance(0.7) ? Sex::kFemale : Sex::kMale;
            head_age = ClampAge(47 + 10 * random.Normal(), 25, 80);
            head_marital = random.Chance(0.55) ? "cerai_mati" : "cerai_hidup";
            break;
        case Kind::kExtended:
            head_age = ClampAge(50 + 10 * random.Normal(), 26, 80);
            if (random.Chance(0.1)) {
                head_sex = Sex::kFemale;
                head_marital = "cerai_mati";
            } else {
                spouse = true;
            }
            break;
    }
    add("kepala_keluarga", head_sex, head_age, head_marital);
    int spouse_age = 0;
    if (spouse) {
        // Wives are a few years younger than their husbands, rarely older, never under 18.
        const int gap = ClampAge(3 + 3 * random.Normal(), -5, 15);
        spouse_age = std::clamp(head_age - gap, 18, head_age + 5);
        add("istri_suami", Other(head_sex), spouse_age, "kawin");
    }

    // Children: births at the mother's ages 19-44, two to five years apart; grown children may have left home.
    int children = 0;
    if (kind == Kind::kNuclear) {
        children = 1 + static_cast<int>(random.Weighted({28, 38, 20, 9, 5}));
    } else if (kind == Kind::kSingleParent) {
        children = 1 + static_cast<int>(random.Weighted({45, 35, 15, 5}));
    } else if (kind == Kind::kExtended) {
        children = static_cast<int>(random.Weighted({15, 35, 30, 15, 5}));
    }
    if (children > 0 && welfare < -0.5 && random.Chance(0.3)) {
        ++children;
    }
    const int mother_age = spouse ? spouse_age : (head_sex == Sex::kFemale ? head_age : head_age - 4);
    int mother_age_at_birth = random.BetweenInt(19, 26);
    for (int i = 0; i < children && mother_age_at_birth <= std::min(mother_age, 44); ++i) {
        const int age = mother_age - mother_age_at_birth;
        mother_age_at_birth += random.BetweenInt(2, 5);
        const double left_home = age < 19 ? 0.0 : age < 25 ? 0.25 : age < 31 ? 0.5 : 0.8;
        if (random.Chance(left_home)) {
            continue;
        }
        const Sex sex = random.Chance(0.515) ? Sex::kMale : Sex::kFemale;
        add("anak", sex, age, age < 19 || random.Chance(0.9) ? "belum_kawin" : "cerai_hidup");
    }

    if (kind == Kind::kExtended) {
        if (head_age <= 52 && random.Chance(0.85)) {
            // A parent living with the family, usually one widowed parent (more often the mother), sometimes both.
            const bool spouse_side = spouse && random.Chance(0.4);
            const std::string_view relation = spouse_side ? "mertua" : "orang_tua";
            const int parent_age = (spouse_side ? spouse_age : head_age) + random.BetweenInt(20, 34);
            if (parent_age <= 95) {
                if (random.Chance(0.25)) {
                    add(relation, Sex::kMale, std::min(parent_age + random.BetweenInt(0, 6), 98), "kawin");
                    add(relation, Sex::kFemale, parent_age, "kawin");
                } else {
                    add(relation, random.Chance(0.7) ? Sex::kFemale : Sex::kMale, parent_age, "cerai_mati");
                }
            }
        } else {
            // Grandchildren, often raised by their grandparents while the parents work elsewhere; sometimes a
            // grown child and their spouse live in the household too.
            std::optional<std::size_t> adult_child;
            for (std::size_t i = 0; i < members.size(); ++i) {
                if (members[i].relation == "anak" && members[i].age >= 20) {
                    adult_child = i;
                    break;
                }
            }
            if (!adult_child && random.Chance(0.5) && mother_age >= 40) {
                const int age = random.BetweenInt(20, std::min(mother_age - 19, 45));
                const std::size_t position = spouse ? 2 : 1;  // the eldest child comes first
                members.insert(members.begin() + static_cast<std::ptrdiff_t>(position),
                               {"anak", random.Chance(0.5) ? Sex::kMale : Sex::kFemale, age, "kawin"});
                adult_child = position;
                if (members.size() > kMaxMembers) {
                    members.pop_back();
                }
            }
            int oldest_grandchild = std::min(14, mother_age - 38);
            if (adult_child) {
                members[*adult_child].marital = "kawin";
                oldest_grandchild = std::min(14, members[*adult_child].age - 18);
                if (random.Chance(0.5)) {
                    const Draft& parent = members[*adult_child];
                    add("menantu", Other(parent.sex), std::max(19, parent.age + random.BetweenInt(-3, 4)), "kawin");
                }
            }
            if (oldest_grandchild >= 0) {
                const int grandchildren = 1 + static_cast<int>(random.Weighted({55, 35, 10}));
                std::vector<int> ages;
                ages.reserve(static_cast<std::size_t>(grandchildren));
                for (int i = 0; i < grandchildren; ++i) {
                    ages.push_back(random.BetweenInt(0, oldest_grandchild));
                }
                std::sort(ages.rbegin(), ages.rend());
                for (int age : ages) {
                    add("cucu", random.Chance(0.515) ? Sex::kMale : Sex::kFemale, age, "belum_kawin");
                }
            }
        }
    }
    if (random.Chance(0.03)) {
        // A niece or nephew staying for school or work.
        const Sex sex = random.Chance(0.5) ? Sex::kMale : Sex::kFemale;
        add("famili_lain", sex, random.BetweenInt(5, 25), "belum_kawin");
    }
    return members;
}

// ---- Persons: what a person is like ---------------------------------------------------------------------------

struct Job {
    std::string_view name;
    int tier;     // 0 poorer households, 1 middle, 2 better off
    double male;  // relative weights within the tier
    double female;
    double urban;  // weight factor in urban wards
    bool retires;  // employees retire at 58; farmers and traders go on
};

// Occupations of a Central Javanese regency. Penderes nira taps coconut sap for the palm sugar Banyumas is known
// for.
constexpr Job kJobs[] = {
    {"buruh tani", 0, 28, 22, 0.2, false},
    {"buruh harian lepas", 0, 26, 8, 1.2, false},
    {"penderes nira", 0, 8, 0, 0, false},
    {"tukang bangunan", 0, 12, 0, 1, false},
    {"ojek", 0, 6, 0, 1.5, false},
    {"asisten rumah tangga", 0, 0, 14, 1.5, false},
    {"pedagang keliling", 0, 5, 6, 1, false},
    {"pemulung", 0, 1, 1, 2, false},
    {"petani", 1, 28, 14, 0.2, false},
    {"pedagang", 1, 14, 26, 1.2, false},
    {"sopir", 1, 7, 0, 1, false},
    {"buruh pabrik", 1, 8, 10, 1, true},
    {"penjahit", 1, 2, 6, 1, false},
    {"montir", 1, 4, 0, 1.2, false},
    {"wiraswasta", 1, 10, 8, 1.3, false},
    {"pengrajin", 1, 3, 4, 0.8, false},
    {"peternak", 1, 4, 1, 0, false},
    {"karyawan swasta", 1, 8, 7, 1.5, true},
    {"karyawan swasta", 2, 20, 18, 1.5, true},
    {"PNS", 2, 12, 12, 1.2, true},
    {"guru", 2, 7, 12, 1, true},
    {"wiraswasta", 2, 16, 12, 1.3, false},
    {"pedagang", 2, 8, 12, 1.2, false},
    {"perangkat desa", 2, 5, 2, 0, true},
    {"TNI/Polri", 2, 5, 0.5, 1.2, true},
    {"bidan", 2, 0, 4, 1, true},
    {"perawat", 2, 2, 4, 1.2, true},
    {"petani", 2, 8, 2, 0.2, false},
    {"dokter", 2, 0.5, 0.5, 2, true},
};

std::string_view Occupation(Random& random, Sex sex, int age, double welfare, bool urban) {
    const double score = welfare + 0.7 * random.Normal();
    const int tier = score < -0.5 ? 0 : (score < 0.9 ? 1 : 2);
    std::vector<double> weights;
    for (const auto& job : kJobs) {
        double weight = job.tier != tier ? 0 : (sex == Sex::kMale ? job.male : job.female);
        if (urban) {
            weight *= job.urban;
        }
        if (job.retires && age >= 58) {
            weight = 0;
        }
        weights.push_back(weight);
    }
    if (std::all_of(weights.begin(), weights.end(), [](double w) { return w == 0; })) {
        return urban ? "pedagang" : "petani";
    }
    return kJobs[random.Weighted(weights)].name;
}

std::string_view Schooling(Random& random, int age, double welfare) {
    const auto chance = [&](double base, double slope, double low, double high) {
        return random.Chance(std::clamp(base + slope * welfare, low, high));
    };
    if (age >= 4 && age <= 6) {
        return chance(0.45, 0.1, 0.2, 0.8) ? "paud" : "tidak_bersekolah";
    }
    if (age >= 7 && age <= 12) {
        return random.Chance(0.985) ? "sd" : "tidak_bersekolah";
    }
    if (age >= 13 && age <= 15) {
        return chance(0.92, 0.04, 0.7, 0.99) ? "smp" : "tidak_bersekolah";
    }
    if (age >= 16 && age <= 18) {
        return chance(0.72, 0.12, 0.35, 0.97) ? "sma" : "tidak_bersekolah";
    }
    if (age >= 19 && age <= 23) {
        return chance(0.18, 0.12, 0.02, 0.6) ? "perguruan_tinggi" : "tidak_bersekolah";
    }
    return "tidak_bersekolah";
}

// The highest level completed. Adults follow their generation's attainment (far lower for those born before
// independence-era schooling spread), shifted up in better-off households; pupils have completed the level below
// the one they attend.
std::optional<std::string_view> Education(Random& random, int age, int birth_year, std::string_view schooling,
                                          double welfare) {
    constexpr std::array<std::string_view, 7> kLevels{"tidak_sekolah", "sd", "smp", "sma", "d1_d3", "d4_s1", "s2_s3"};
    if (age < 13) {
        return std::nullopt;  // no certificate yet
    }
    if (schooling == "smp") {
        return "sd";
    }
    if (schooling == "sma") {
        return "smp";
    }
    if (schooling == "perguruan_tinggi") {
        return "sma";
    }
    static constexpr std::array<std::array<double, 7>, 4> kByCohort{{
        {0.30, 0.55, 0.07, 0.06, 0.01, 0.01, 0.00},    // born before 1955
        {0.12, 0.52, 0.15, 0.15, 0.02, 0.04, 0.00},    // 1955-1969
        {0.04, 0.36, 0.24, 0.27, 0.03, 0.055, 0.005},  // 1970-1984
        {0.01, 0.16, 0.26, 0.43, 0.05, 0.085, 0.005},  // 1985 and later
    }};
    const std::size_t cohort = birth_year < 1955 ? 0 : birth_year < 1970 ? 1 : birth_year < 1985 ? 2 : 3;
    const double position = NormalCdf((random.Normal() + 0.8 * welfare) / std::sqrt(1.64));
    std::size_t level = 0;
    double cumulative = 0;
    for (; level + 1 < kLevels.size(); ++level) {
        cumulative += kByCohort[cohort][level];
        if (position < cumulative) {
            break;
        }
    }
    // Nobody holds a certificate younger than its school takes: SD at 12, SMP 15, SMA 18, diploma 21, degree 22.
    const std::size_t highest = age <= 15 ? 1 : age <= 18 ? 2 : age <= 20 ? 3 : age == 21 ? 4 : age <= 23 ? 5 : 6;
    return kLevels[std::min(level, highest)];
}

struct Disability {
    std::string_view type = "tidak_ada";
    std::optional<std::string_view> severity;
};

Disability DrawDisability(Random& random, int age, double welfare) {
    double chance = age < 18 ? 0.01 : age < 60 ? 0.02 : age < 75 ? 0.07 : 0.15;
    chance *= std::clamp(1.0 - 0.25 * welfare, 0.6, 1.5);
    if (!random.Chance(chance)) {
        return {};
    }
    constexpr std::array<std::string_view, 5> kTypes{"fisik", "sensorik", "intelektual", "mental", "ganda"};
    constexpr std::array<std::string_view, 3> kSeverities{"ringan", "sedang", "berat"};
    return {kTypes[random.Weighted({40, 30, 10, 10, 10})], kSeverities[random.Weighted({50, 35, 15})]};
}

std::string_view ChronicIllness(Random& random, int age) {
    if (age < 30) {
        if (!random.Chance(0.01)) {
            return "tidak_ada";
        }
        return random.Chance(0.4) ? "tbc" : "lainnya";
    }
    if (age < 50) {
        constexpr std::array<std::string_view, 6> kIllnesses{"tidak_ada", "hipertensi", "diabetes",
                                                             "tbc",       "jantung",    "lainnya"};
        return kIllnesses[random.Weighted({91, 5, 1.5, 0.7, 0.5, 1.3})];
    }
    constexpr std::array<std::string_view, 9> kIllnesses{"tidak_ada",    "hipertensi", "diabetes", "jantung", "stroke",
                                                         "gagal_ginjal", "kanker",     "tbc",      "lainnya"};
    return kIllnesses[random.Weighted({72, 15, 5, 2.5, 2, 0.7, 0.8, 0.5, 1.5})];
}

std::optional<std::string_view> WorkStatus(Random& random, const Draft& draft, std::string_view schooling,
                                           const Disability& disability) {
    if (draft.age < 5) {
        return std::nullopt;
    }
    if (schooling != "tidak_bersekolah") {
        return "sekolah";
    }
    if (draft.age < 15 || disability.severity == "berat") {
        return "tidak_bekerja";
    }
    constexpr std::array<std::string_view, 4> kStatuses{"bekerja", "tidak_bekerja", "mengurus_rumah_tangga", "lainnya"};
    if (draft.sex == Sex::kMale) {
        if (draft.age < 20) {
            return random.Chance(0.55) ? "bekerja" : "tidak_bekerja";
        }
        if (draft.age < 65) {
            return kStatuses[random.Weighted({90, 8, 0, 2})];
        }
        return random.Chance(0.45) ? "bekerja" : "tidak_bekerja";
    }
    if (draft.age >= 65) {
        return kStatuses[random.Weighted({25, 30, 45, 0})];
    }
    if (draft.marital == "kawin") {
        return kStatuses[random.Weighted({48, 0, 48, 4})];
    }
    return kStatuses[random.Weighted({58, 30, 10, 2})];
}

// Names follow the fashion of the person's generation (see name_lists.hpp). Spellings of Muhammad and Ahmad vary
// even in genuine records, so they vary here too.
std::string PersonName(Random& random, Sex sex, int birth_year) {
    const auto muhammad = [&random] {
        constexpr std::array<std::string_view, 5> kForms{"Muhammad", "Muhamad", "Mohammad", "Moh.", "Mochamad"};
        return kForms[random.Weighted({55, 15, 10, 12, 8})];
    };
    const auto ahmad = [&random] { return random.Chance(0.8) ? std::string_view("Ahmad") : "Achmad"; };
    for (;;) {
        std::vector<std::string_view> words;
        if (sex == Sex::kMale) {
            if (birth_year < 1965) {
                switch (random.Weighted({70, 12, 9, 9})) {
                    case 0:
                        words = {random.Pick(names::TraditionalMale())};
                        break;
                    case 1:
                        words = {random.Pick(names::CommonMale())};
                        break;
                    case 2:
                        words = {"Abdul", random.Pick(names::AfterAbdul())};
                        break;
                    default:
                        words = {muhammad(), random.Pick(names::TraditionalMale())};
                        break;
                }
            } else if (birth_year < 1995) {
                switch (random.Weighted({8, 22, 40, 10, 20})) {
                    case 0:
                        words = {random.Pick(names::TraditionalMale())};
                        break;
                    case 1:
                        words = {random.Pick(names::CommonMale())};
                        break;
                    case 2:
                        words = {random.Pick(names::CommonMale()), random.Pick(names::SecondMale())};
                        break;
                    case 3:
                        words = {"Abdul", random.Pick(names::AfterAbdul())};
                        break;
                    default:
                        words = {random.Chance(0.6) ? muhammad() : ahmad(),
                                 random.Pick(random.Chance(0.5) ? names::CommonMale() : names::SecondMale())};
                        break;
                }
            } else {
                switch (random.Weighted({12, 40, 25, 10, 8, 5})) {
                    case 0:
                        words = {random.Pick(names::ModernMale())};
                        break;
                    case 1:
                        words = {random.Pick(names::ModernMale()), random.Pick(names::SecondMale())};
                        break;
                    case 2:
                        words = {muhammad(), random.Pick(names::ModernMale())};
                        if (random.Chance(0.4)) {
                            words.push_back(random.Pick(names::SecondMale()));
                        }
                        break;
                    case 3:
                        words = {ahmad(), random.Pick(names::ModernMale())};
                        break;
                    case 4:
                        words = {random.Pick(names::ModernMale()), random.Pick(names::ModernMale())};
                        break;
                    default:
                        words = {"Abdul", random.Pick(names::AfterAbdul())};
                        break;
                }
            }
        } else {
            if (birth_year < 1965) {
                switch (random.Weighted({70, 20, 10})) {
                    case 0:
                        words = {random.Pick(names::TraditionalFemale())};
                        break;
                    case 1:
                        words = {"Siti", random.Pick(names::AfterSiti())};
                        break;
                    default:
                        words = {random.Pick(names::CommonFemale())};
                        break;
                }
            } else if (birth_year < 1995) {
                switch (random.Weighted({8, 22, 40, 30})) {
                    case 0:
                        words = {random.Pick(names::TraditionalFemale())};
                        break;
                    case 1:
                        words = {random.Pick(names::CommonFemale())};
                        break;
                    case 2:
                        words = {random.Pick(names::CommonFemale()), random.Pick(names::SecondFemale())};
                        break;
                    default:
                        words = {random.Chance(0.7) ? "Siti" : "Nur", random.Pick(names::AfterSiti())};
                        break;
                }
            } else {
                switch (random.Weighted({12, 40, 18, 8, 12})) {
                    case 0:
                        words = {random.Pick(names::ModernFemale())};
                        break;
                    case 1:
                        words = {random.Pick(names::ModernFemale()), random.Pick(names::SecondFemale())};
                        break;
                    case 2:
                        words = {random.Pick(names::ModernFemale()), random.Pick(names::ModernFemale())};
                        break;
                    case 3:
                        words = {random.Pick(names::ModernFemale()), random.Pick(names::ModernFemale()),
                                 random.Pick(names::SecondFemale())};
                        break;
                    default:
                        words = {random.Chance(0.6) ? "Siti" : "Nur", random.Pick(names::ModernFemale())};
                        break;
                }
            }
        }
        std::vector<std::string_view> sorted = words;
        std::sort(sorted.begin(), sorted.end());
        if (std::adjacent_find(sorted.begin(), sorted.end()) != sorted.end()) {
            continue;  // "Bayu Bayu": draw again
        }
        std::string name;
        for (auto word : words) {
            name += (name.empty() ? "" : " ") + std::string(word);
        }
        return name;
    }
}

// ---- Spelling variants of a name, as the same person is written in different records --------------------------

// Spelling before the 1972 reform (EYD): oe for u, dj for j, tj for c, j for y, ch for kh.
std::string OldSpelling(const std::string& word) {
    std::string out;
    for (std::size_t i = 0; i < word.size(); ++i) {
        const char c = word[i];
        const bool upper = std::isupper(static_cast<unsigned char>(c)) != 0;
        switch (std::tolower(static_cast<unsigned char>(c))) {
            case 'u':
                out += upper ? "Oe" : "oe";
                break;
            case 'j':
                out += upper ? "Dj" : "dj";
                break;
            case 'c':
                if (i + 1 < word.size() && word[i + 1] == 'h') {
                    out += upper ? "Ch" : "ch";  // already written the old way (Achmad, Mochamad)
                    ++i;
                } else {
                    out += upper ? "Tj" : "tj";
                }
                break;
            case 'y':
                out += upper ? "J" : "j";
                break;
            case 'k':
                if (i + 1 < word.size() && word[i + 1] == 'h') {
                    out += upper ? "Ch" : "ch";
                    ++i;
                } else {
                    out += c;
                }
                break;
            default:
                out += c;
        }
    }
    return out;
}

// Positions where a consonant after a vowel can be doubled as clerks do ("Anisa" -> "Annisa", "Salim" ->
// "Sallim"): l, m, n, r and s, the letters Indonesian names double in genuine spellings too.
std::vector<std::size_t> DoublingPositions(const std::string& word) {
    std::vector<std::size_t> positions;
    constexpr std::string_view kDoubling = "lmnrs";
    for (std::size_t i = 1; i + 1 < word.size(); ++i) {
        if (kDoubling.find(word[i]) != std::string_view::npos && IsVowel(word[i - 1]) && word[i + 1] != word[i]) {
            positions.push_back(i);
        }
    }
    return positions;
}

// Positions of a letter that can be dropped: one of a doubled pair ("Muhammad" -> "Muhamad") or a final h after a
// vowel ("Fatimah" -> "Fatima").
std::vector<std::size_t> DroppingPositions(const std::string& word) {
    std::vector<std::size_t> positions;
    for (std::size_t i = 0; i + 1 < word.size(); ++i) {
        if (std::isalpha(static_cast<unsigned char>(word[i])) != 0 && word[i] == word[i + 1]) {
            positions.push_back(i);
        }
    }
    if (word.size() > 3 && word.back() == 'h' && IsVowel(word[word.size() - 2])) {
        positions.push_back(word.size() - 1);
    }
    return positions;
}

struct NameVariant {
    std::string name;
    std::string kind;  // as written in the truth file
};

bool HasTitle(const std::string& name) { return name.starts_with("H. ") || name.starts_with("Hj. "); }

// A different spelling of `name`. Old spellings are used for people of 30 and more, the pilgrimage titles H. (Haji)
// and Hj. (Hajjah) for people of 40 and more. Returns nullopt when no variant changes the name.
std::optional<NameVariant> VariantOf(Random& random, const std::string& name, Sex sex, int age) {
    // Kinds with their weights; a kind that cannot change this name is set aside and another drawn.
    std::vector<std::pair<std::string_view, double>> kinds{{"doubled_letter", 15}, {"dropped_letter", 30}};
    if (age >= 30) {
        kinds.emplace_back("old_spelling", 30);  // kept by families long after 1972, rarely given to children now
    }
    const bool title_possible = age >= 40 && !HasTitle(name);
    if (title_possible) {
        kinds.emplace_back("title", 25);
    }
    const auto with_title = [sex](const std::string& text) { return (sex == Sex::kMale ? "H. " : "Hj. ") + text; };
    while (!kinds.empty()) {
        std::vector<double> weights;
        weights.reserve(kinds.size());
        for (const auto& entry : kinds) {
            weights.push_back(entry.second);
        }
        const auto pick = random.Weighted(weights);
        const std::string_view kind = kinds[pick].first;
        kinds.erase(kinds.begin() + static_cast<std::ptrdiff_t>(pick));
        if (kind == "title") {
            return NameVariant{with_title(name), "title"};
        }
        auto words = SplitWords(name);
        std::vector<std::size_t> candidates;  // words (not titles or abbreviations) the kind can change
        for (std::size_t i = 0; i < words.size(); ++i) {
            if (words[i].find('.') != std::string::npos) {
                continue;
            }
            const bool changes = kind == "old_spelling"     ? OldSpelling(words[i]) != words[i]
                                 : kind == "doubled_letter" ? !DoublingPositions(words[i]).empty()
                                                            : !DroppingPositions(words[i]).empty();
            if (changes) {
                candidates.push_back(i);
            }
        }
        if (candidates.empty()) {
            continue;
        }
        auto& word = words[candidates[static_cast<std::size_t>(
            random.Between(0, static_cast<std::int64_t>(candidates.size()) - 1))]];
        if (kind == "old_spelling") {
            word = OldSpelling(word);
        } else {
            const auto positions = kind == "doubled_letter" ? DoublingPositions(word) : DroppingPositions(word);
            const auto at =
                positions[static_cast<std::size_t>(random.Between(0, static_cast<std::int64_t>(positions.size()) - 1))];
            if (kind == "doubled_letter") {
                word.insert(at, 1, word[at]);
            } else {
                word.erase(at, 1);
            }
        }
        NameVariant variant{JoinWords(words), std::string(kind)};
        if (title_possible && random.Chance(0.25)) {
            variant.name = with_title(variant.name);
            variant.kind += "+title";
        }
        return variant;
    }
    return std::nullopt;
}

// ---- Dwellings and assets --------------------------------------------------------------------------------------

// Household attributes a Proxy Means Test reads, each following the latent welfare score with its own noise, so
// they agree with the desil as they do in real data: strongly but not perfectly.
void DwellingAndAssets(Random& random, FieldValues& h, double welfare, bool urban, std::size_t members, int head_age) {
    const auto noisy = [&](double spread) { return welfare + spread * random.Normal(); };
    const auto pick = [&random](std::initializer_list<std::string_view> values, std::initializer_list<double> weights) {
        return Text(values.begin()[random.Weighted(weights)]);
    };

    const double floor_score = noisy(0.6);
    if (floor_score < -1.55) {
        h["floor_material"] = pick({"tanah", "bambu"}, {85, 15});
    } else if (floor_score < -0.95) {
        h["floor_material"] = Text("semen_bata");
    } else if (floor_score < -0.55) {
        h["floor_material"] = pick({"ubin_tegel", "kayu_papan"}, {75, 25});
    } else if (floor_score < 1.75) {
        h["floor_material"] = Text("keramik");
    } else {
        h["floor_material"] = pick({"marmer_granit", "parket_vinil"}, {60, 40});
    }

    const double wall_score = noisy(0.7);
    if (wall_score < -1.5) {
        h["wall_material"] = pick({"anyaman_bambu", "kayu_papan"}, {50, 50});
    } else if (wall_score < -1.0) {
        h["wall_material"] = Text("plesteran_anyaman_bambu");
    } else {
        h["wall_material"] = Text("tembok");
    }

    // Clay tiles (genteng) cover most Javanese houses, poor or not.
    const double roof_score = noisy(0.8);
    if (roof_score < -1.8) {
        h["roof_material"] = pick({"seng", "asbes", "jerami_ijuk_rumbia", "genteng"}, {35, 30, 5, 30});
    } else if (roof_score > 1.6) {
        h["roof_material"] = pick({"beton", "genteng"}, {50, 50});
    } else {
        h["roof_material"] = pick({"genteng", "asbes"}, {92, 8});
    }

    const double water_score = noisy(0.8);
    if (urban) {
        if (water_score < -0.8) {
            h["water_source"] = pick({"sumur_terlindung", "sumur_tak_terlindung"}, {80, 20});
        } else if (water_score < 0.3) {
            h["water_source"] = pick({"ledeng", "sumur_bor"}, {60, 40});
        } else {
            h["water_source"] = pick({"air_kemasan", "ledeng"}, {70, 30});
        }
    } else if (water_score < -1.4) {
        h["water_source"] = pick({"sumur_tak_terlindung", "mata_air", "sungai_danau", "air_hujan"}, {45, 35, 10, 10});
    } else if (water_score < -0.3) {
        h["water_source"] = pick({"sumur_terlindung", "mata_air", "sumur_bor"}, {55, 30, 15});
    } else if (water_score < 1.0) {
        h["water_source"] = pick({"sumur_bor", "sumur_terlindung", "ledeng"}, {45, 35, 20});
    } else {
        h["water_source"] = pick({"air_kemasan", "sumur_bor"}, {60, 40});
    }

    // Almost every household has a PLN meter; the poorest tap a neighbour's.
    if (noisy(0.6) < -2.0) {
        h["lighting"] = pick({"pln_tanpa_meteran", "listrik_non_pln", "bukan_listrik"}, {80, 15, 5});
    } else {
        h["lighting"] = Text("pln_meteran");
        const double power = noisy(0.5);
        std::int64_t va = 450;
        if (power >= 1.9) {
            va = random.Chance(0.7) ? 3500 : 5500;
        } else if (power >= 1.3) {
            va = 2200;
        } else if (power >= 0.5) {
            va = 1300;
        } else if (power >= -0.7) {
            va = 900;
        }
        h["electricity_va"] = Int(va);
    }

    const double fuel_score = noisy(0.7);
    if (members == 1 && head_age < 36 && random.Chance(0.15)) {
        h["cooking_fuel"] = Text("tidak_memasak");
    } else if (fuel_score < (urban ? -1.8 : -1.1)) {
        h["cooking_fuel"] = pick({"kayu_bakar", "minyak_tanah", "arang"}, {90, 5, 5});
    } else if (fuel_score < (urban ? 1.2 : 1.4)) {
        h["cooking_fuel"] = Text("gas_elpiji_3kg");
    } else {
        h["cooking_fuel"] = pick({"gas_elpiji_besar", "listrik"}, {70, 30});
    }

    const double toilet_score = noisy(0.7);
    if (toilet_score < -1.9) {
        h["toilet"] = pick({"tidak_ada", "umum"}, {50, 50});
    } else if (toilet_score < -1.3) {
        h["toilet"] = Text("bersama");
    } else {
        h["toilet"] = Text("sendiri");
    }

    // Young families often live in their parents' house or rent; renting is an urban habit.
    std::string_view house = "milik_sendiri";
    if (head_age < 30 && random.Chance(0.55)) {
        house = random.Chance(0.45) ? "kontrak_sewa" : "bebas_sewa";
    } else if (urban && random.Chance(0.2)) {
        house = "kontrak_sewa";
    } else if (welfare < -0.8 && random.Chance(0.1)) {
        house = "bebas_sewa";
    } else if (welfare > 1.2 && random.Chance(0.03)) {
        house = "dinas";
    }
    h["house_ownership"] = Text(house);
    if (house == "milik_sendiri") {
        h["land_ownership"] = Text(welfare < -1 && random.Chance(0.08) ? "tanah_negara" : "milik_sendiri");
    } else {
        h["land_ownership"] = Text(house == "dinas" ? "tanah_negara" : "milik_orang_lain");
    }

    const double area =
        std::exp(std::log(55.0) + 0.25 * welfare + 0.35 * random.Normal()) + 4.0 * (static_cast<double>(members) - 3.5);
    h["floor_area_m2"] = db::Value(std::clamp(std::round(area), 12.0, 500.0));

    h["has_motorcycle"] = Bool(random.Chance(Logistic(1.6 + 1.5 * welfare)));
    h["has_car"] = Bool(random.Chance(Logistic(-3.2 + 1.6 * welfare)));
    h["has_refrigerator"] = Bool(random.Chance(Logistic(0.2 + 1.7 * welfare)));
    h["has_air_conditioner"] = Bool(random.Chance(Logistic(-4.5 + 1.8 * welfare + (urban ? 1.0 : 0.0))));
    h["has_gold"] = Bool(random.Chance(Logistic(-1.0 + 1.1 * welfare)));
    h["has_land"] = Bool(random.Chance(Logistic((urban ? -1.5 : -0.3) + 0.9 * welfare)));
    h["has_computer"] = Bool(random.Chance(Logistic(-2.6 + 1.6 * welfare + (urban ? 0.7 : 0.0))));
    // Village households keep chickens whatever their means; goats and cattle are savings of the better-off.
    h["poultry_count"] = Int(random.Chance(urban ? 0.1 : 0.45) ? random.Between(3, 25) : 0);
    h["goat_count"] = Int(!urban && random.Chance(Logistic(-2.2 + 0.3 * welfare)) ? random.Between(1, 6) : 0);
    h["cattle_count"] = Int(!urban && random.Chance(Logistic(-3.3 + 0.8 * welfare)) ? random.Between(1, 4) : 0);
}

// ---- CSV --------------------------------------------------------------------------------------------------------

std::string CsvField(std::string_view text) {
    if (text.find_first_of(",\"\r\n") == std::string_view::npos) {
        return std::string(text);
    }
    std::string out = "\"";
    for (char c : text) {
        out += c;
        if (c == '"') {
            out += '"';
        }
    }
    return out + "\"";
}

std::string NikDigitsOf(const std::string& village_code) {
    return village_code.substr(0, 2) + village_code.substr(3, 2) + village_code.substr(6, 2);
}

}  // namespace

std::string_view ToString(TruthKind kind) {
    switch (kind) {
        case TruthKind::kDuplicatePerson:
            return "duplicate_person";
        case TruthKind::kStaleRecord:
            return "stale_record";
        case TruthKind::kDeceasedListedAlive:
            return "deceased_listed_alive";
    }
    return "duplicate_person";
}

void WriteTruthHeader(std::ostream& out) {
    out << "kind,household_kk,person_key,nik,name,birth_date,duplicate_of_key,duplicate_of_nik,duplicate_of_name,"
           "name_variant,nik_variant,date\n";
}

void WriteTruthRow(std::ostream& out, const TruthRecord& r) {
    out << ToString(r.kind) << ',' << CsvField(r.household_kk) << ',' << CsvField(r.person_key) << ','
        << CsvField(r.nik) << ',' << CsvField(r.name) << ',' << CsvField(r.birth_date) << ','
        << CsvField(r.duplicate_of_key) << ',' << CsvField(r.duplicate_of_nik) << ',' << CsvField(r.duplicate_of_name)
        << ',' << CsvField(r.name_variant) << ',' << CsvField(r.nik_variant) << ',' << CsvField(r.date) << '\n';
}

// ---- The generator ---------------------------------------------------------------------------------------------

struct PopulationGenerator::State {
    struct Member {
        FieldValues fields;
        int age = 0;
        chr::sys_days birth;
    };

    // A copy of a person waiting for the later household it will be listed in.
    struct PendingCopy {
        Member original;
        std::string key;
    };

    struct PlacedCopy {
        std::size_t position = 0;
        std::string original_key;
        std::string original_nik;
        std::string original_name;
        std::string name_variant;
        std::string nik_variant;
    };

    struct Rw {
        std::string_view place;  // hamlet (desa) or street (kelurahan)
        int rts = 1;
    };

    State(DemoRegency r, const PopulationOptions& o) : regency(std::move(r)), options(o), random(o.seed) {
        const auto invalid = [](std::string id, std::string en) {
            return Error(sinergi::errors::kValidationFailed, {std::move(id), std::move(en)});
        };
        if (options.households < 0) {
            throw invalid("Jumlah rumah tangga tidak boleh negatif.", "The number of households cannot be negative.");
        }
        for (double share : {options.duplicate_share, options.stale_share, options.deceased_listed_share}) {
            if (!(share >= 0 && share <= 1)) {
                throw invalid(fmt::format("Proporsi masalah {} harus antara 0 dan 1.", share),
                              fmt::format("Problem share {} must lie between 0 and 1.", share));
            }
        }
        if (regency.villages.empty()) {
            throw invalid(fmt::format("Kabupaten/kota {} tidak memiliki desa.", regency.code),
                          fmt::format("Regency {} has no villages.", regency.code));
        }
        today = chr::sys_days{options.as_of};
        const chr::year_month_day release{today - chr::days{45}};
        // DTSEN is released quarterly: the desil is as of the start of the latest quarter published.
        const unsigned quarter_month = (static_cast<unsigned>(release.month()) - 1) / 3 * 3 + 1;
        desil_as_of = FormatDate(chr::sys_days{release.year() / chr::month{quarter_month} / chr::day{1}});

        for (const auto& village : regency.villages) {
            const auto digits = NikDigitsOf(village.code);
            auto [it, added] = district_index.emplace(digits, district_digits.size());
            if (added) {
                district_digits.push_back(digits);
            }
            village_district.push_back(it->second);
        }
        nik_serials.assign(district_digits.size() * kNikSlotsPerDistrict, 0);
        kk_serials.assign(district_digits.size() * static_cast<std::size_t>(kKkRecordingDays), 0);
        AllocateVillages();
    }

    // Villages differ in size (a lognormal spread; urban wards are larger); the households are shared out by
    // largest remainder so they add up exactly.
    void AllocateVillages() {
        std::vector<double> weights;
        double total = 0;
        for (const auto& village : regency.villages) {
            weights.push_back(std::exp(0.45 * random.Normal()) * (village.kelurahan ? 1.5 : 1.0));
            total += weights.back();
        }
        village_households.assign(weights.size(), 0);
        std::vector<std::pair<double, std::size_t>> remainders;
        std::int64_t assigned = 0;
        for (std::size_t i = 0; i < weights.size(); ++i) {
            const double exact = static_cast<double>(options.households) * weights[i] / total;
            village_households[i] = static_cast<std::int64_t>(exact);
            assigned += village_households[i];
            remainders.emplace_back(exact - std::floor(exact), i);
        }
        std::stable_sort(remainders.begin(), remainders.end(),
                         [](const auto& a, const auto& b) { return a.first > b.first; });
        for (std::size_t i = 0; assigned < options.households; ++i, ++assigned) {
            ++village_households[remainders[i % remainders.size()].second];
        }
        std::int64_t urban = 0;
        for (std::size_t i = 0; i < weights.size(); ++i) {
            urban += regency.villages[i].kelurahan ? village_households[i] : 0;
        }
        const double p =
            options.households > 0 ? static_cast<double>(urban) / static_cast<double>(options.households) : 0.0;
        desil_mean = kUrbanWelfareShift * p;
        desil_sd = std::sqrt(1.0 + kUrbanWelfareShift * kUrbanWelfareShift * p * (1 - p) + kPmtNoise * kPmtNoise +
                             kPerMemberScore * kPerMemberScore * kHouseholdSizeVariance);
    }

    void EnterVillage() {
        const bool urban = regency.villages[current_village].kelurahan;
        rws.clear();
        const int count = random.BetweenInt(2, 9);
        for (int i = 0; i < count; ++i) {
            rws.push_back({random.Pick(urban ? names::Streets() : names::Hamlets()), random.BetweenInt(2, 7)});
        }
    }

    std::string IssueNik(std::size_t district, chr::sys_days birth, Sex sex) {
        const chr::year_month_day ymd{birth};
        const unsigned day = static_cast<unsigned>(ymd.day()) + (sex == Sex::kFemale ? 40 : 0);
        const unsigned month = static_cast<unsigned>(ymd.month());
        const unsigned year = static_cast<unsigned>((static_cast<int>(ymd.year()) % 100 + 100) % 100);
        auto& serial = nik_serials[NikSlot(district, day, month, year)];
        if (serial >= kMaxSerial) {
            throw Error(sinergi::errors::kInternal,
                        {"Nomor urut NIK demo habis untuk satu kecamatan dan tanggal lahir.",
                         "The demo ran out of NIK serials for one district and birth date."});
        }
        ++serial;
        return fmt::format("{}{:02}{:02}{:02}{:04}", district_digits[district], day, month, year, serial);
    }

    static std::size_t NikSlot(std::size_t district, unsigned day_field, unsigned month, unsigned year_2digit) {
        return district * kNikSlotsPerDistrict + (std::size_t{day_field} * 13 + month) * 100 + year_2digit;
    }

    // A NIK one typo away from `nik` (one digit changed, or two neighbouring digits swapped) that passes the NIK
    // rules, lies in one of the regency's districts, and belongs to nobody: its serial is above every serial issued
    // for its district and birth date, and is reserved so none is issued later. The first four digits (province and
    // regency) are left alone: a typo there leaves the regency, whose serials this generator does not own.
    std::optional<std::string> TypoNik(const std::string& nik, bool swap) {
        for (int attempt = 0; attempt < 40; ++attempt) {
            std::string candidate = nik;
            if (swap) {
                const auto at = static_cast<std::size_t>(random.Between(4, 14));
                if (candidate[at] == candidate[at + 1]) {
                    continue;
                }
                std::swap(candidate[at], candidate[at + 1]);
            } else {
                const auto at = static_cast<std::size_t>(random.Between(4, 15));
                auto digit = static_cast<char>('0' + random.Between(0, 8));
                if (digit >= candidate[at]) {
                    ++digit;  // any digit but the one there
                }
                candidate[at] = digit;
            }
            const auto parsed = registry::ParseNik(candidate);
            const auto district = district_index.find(candidate.substr(0, 6));
            if (parsed.problem || district == district_index.end()) {
                continue;
            }
            const auto serial = static_cast<unsigned>(std::stoi(candidate.substr(12, 4)));
            const auto day_field = static_cast<unsigned>(std::stoi(candidate.substr(6, 2)));
            const auto month = static_cast<unsigned>(std::stoi(candidate.substr(8, 2)));
            const auto year = static_cast<unsigned>(std::stoi(candidate.substr(10, 2)));
            auto& highest = nik_serials[NikSlot(district->second, day_field, month, year)];
            if (serial > kMaxTypoSerial || serial <= highest) {
                continue;
            }
            highest = static_cast<std::uint16_t>(serial);
            return candidate;
        }
        return std::nullopt;
    }

    std::string IssueKk(std::size_t district, chr::sys_days recorded) {
        const auto offset = static_cast<std::size_t>((today - recorded).count());
        auto& serial = kk_serials[district * static_cast<std::size_t>(kKkRecordingDays) + offset];
        if (serial >= kMaxSerial) {
            throw Error(sinergi::errors::kInternal, {"Nomor urut KK demo habis untuk satu kecamatan dan tanggal.",
                                                     "The demo ran out of KK serials for one district and date."});
        }
        ++serial;
        const chr::year_month_day ymd{recorded};
        return fmt::format("{}{:02}{:02}{:02}{:04}", district_digits[district], static_cast<unsigned>(ymd.day()),
                           static_cast<unsigned>(ymd.month()), static_cast<int>(ymd.year()) % 100, serial);
    }

    Member MakeMember(const Draft& draft, double welfare, bool urban, std::size_t district) {
        Member m;
        m.age = draft.age;
        // Whole years of 365.2425 days, rounded up, so that the age counted back from as_of is draft.age.
        const auto years = static_cast<int>(std::ceil(draft.age * 365.2425));
        m.birth = today - chr::days{years + random.BetweenInt(0, 364)};
        const int birth_year = static_cast<int>(chr::year_month_day{m.birth}.year());
        auto& f = m.fields;
        f["name"] = Text(PersonName(random, draft.sex, birth_year));
        f["sex"] = Text(draft.sex == Sex::kMale ? "L" : "P");
        f["birth_place"] =
            Text(random.Chance(0.88) ? std::string_view(regency.place_name) : random.Pick(names::OtherBirthPlaces()));
        f["birth_date"] = Text(FormatDate(m.birth));
        f["relation"] = Text(draft.relation);
        f["marital_status"] = Text(draft.marital);
        const auto schooling = Schooling(random, draft.age, welfare);
        f["schooling"] = Text(schooling);
        if (auto education = Education(random, draft.age, birth_year, schooling, welfare)) {
            f["education_level"] = Text(*education);
        }
        const auto disability = DrawDisability(random, draft.age, welfare);
        f["disability_type"] = Text(disability.type);
        if (disability.severity) {
            f["disability_severity"] = Text(*disability.severity);
        }
        if (auto work = WorkStatus(random, draft, schooling, disability)) {
            f["work_status"] = Text(*work);
            if (*work == "bekerja") {
                f["occupation"] = Text(Occupation(random, draft.sex, draft.age, welfare, urban));
            }
        }
        f["chronic_illness"] = Text(ChronicIllness(random, draft.age));
        if (draft.sex == Sex::kFemale && draft.age >= 15 && draft.age <= 49) {
            const bool pregnant = draft.marital == "kawin" && draft.age >= 18 && draft.age <= 40 && random.Chance(0.07);
            f["pregnant"] = Bool(pregnant);
        }
        f["life_status"] = Text("alive");
        // Many babies and some young children are not yet registered with Dukcapil.
        const double missing = draft.age == 0 ? 0.35 : draft.age < 5 ? 0.1 : draft.age < 17 ? 0.02 : 0.003;
        if (!random.Chance(missing)) {
            f["nik"] = Text(IssueNik(district, m.birth, draft.sex));
        }
        return m;
    }

    // Places the copies due at household `index` (while it has room) and returns what the truth file needs.
    std::vector<PlacedCopy> PlaceCopies(std::int64_t index, std::vector<Member>& members) {
        std::vector<PlacedCopy> placed;
        std::vector<PendingCopy> postponed;
        while (!pending.empty() && pending.begin()->first <= index) {
            auto node = pending.extract(pending.begin());
            PendingCopy& copy = node.mapped();
            if (members.size() >= kMaxMembers) {
                postponed.push_back(std::move(copy));
                continue;
            }
            Member m = std::move(copy.original);
            auto& f = m.fields;
            PlacedCopy record;
            record.original_key = copy.key;
            record.original_nik = TextField(f, "nik");
            record.original_name = TextField(f, "name");
            const Sex sex = TextField(f, "sex") == "P" ? Sex::kFemale : Sex::kMale;
            if (auto variant = VariantOf(random, record.original_name, sex, m.age)) {
                f["name"] = Text(variant->name);
                record.name_variant = variant->kind;
            } else {
                // No rule changes a short name such as "Sri" under 40: its last letter is doubled ("Srii").
                f["name"] = Text(record.original_name + record.original_name.back());
                record.name_variant = "doubled_letter";
            }
            if (record.original_nik.empty()) {
                record.nik_variant = "both_missing";
            } else {
                const auto how = random.Weighted({45, 35, 20});
                std::optional<std::string> typo;
                if (how < 2) {
                    typo = TypoNik(record.original_nik, how == 1);
                }
                if (typo) {
                    f["nik"] = Text(*typo);
                    record.nik_variant = how == 1 ? "adjacent_swap" : "digit_typo";
                } else {
                    f.erase("nik");
                    record.nik_variant = "missing";
                }
            }
            const int head_age = members.front().age;
            std::string_view relation = "famili_lain";
            if (m.age >= head_age + 16) {
                relation = random.Chance(0.6) ? "orang_tua" : "mertua";
            } else if (m.age <= head_age - 36 && m.age < 18) {
                relation = "cucu";
            } else if (random.Chance(0.3)) {
                relation = "lainnya";
            }
            f["relation"] = Text(relation);
            record.position = members.size();
            members.push_back(std::move(m));
            placed.push_back(std::move(record));
        }
        for (auto& copy : postponed) {
            pending.emplace(index + 1, std::move(copy));
        }
        return placed;
    }

    NewHousehold NextHousehold(std::vector<TruthRecord>& truth) {
        while (left_in_village == 0) {
            current_village = next_village++;
            left_in_village = village_households[current_village];
            if (left_in_village > 0) {
                EnterVillage();
            }
        }
        const std::int64_t index = generated++;
        --left_in_village;
        const DemoVillage& place = regency.villages[current_village];
        const std::size_t district = village_district[current_village];
        const double welfare = random.Normal() + (place.kelurahan ? kUrbanWelfareShift : 0.0);

        std::vector<Member> members;
        for (const auto& draft : Compose(random, welfare)) {
            members.push_back(MakeMember(draft, welfare, place.kelurahan, district));
        }
        const std::size_t own_members = members.size();
        auto placed = PlaceCopies(index, members);

        FieldValues h;
        // The KK was (re)issued after its youngest member was born and once the head was an adult.
        chr::sys_days earliest = today - chr::days{kKkRecordingDays - 1};
        earliest = std::max(earliest, members.front().birth + chr::days{17 * 365 + 4});
        for (std::size_t i = 0; i < own_members; ++i) {
            earliest = std::max(earliest, members[i].birth);
        }
        earliest = std::min(earliest, today);
        const auto recorded = earliest + chr::days{random.Between(0, (today - earliest).count())};
        const std::string kk = IssueKk(district, recorded);
        h["kk_number"] = Text(kk);
        h["village_code"] = Text(place.code);
        const auto rw = static_cast<std::size_t>(random.Between(0, static_cast<std::int64_t>(rws.size()) - 1));
        h["rw"] = Text(fmt::format("{:03}", rw + 1));
        h["rt"] = Text(fmt::format("{:03}", random.BetweenInt(1, rws[rw].rts)));
        h["address"] = Text(place.kelurahan ? fmt::format("{} No. {}", rws[rw].place, random.BetweenInt(1, 150))
                                            : fmt::format("Dusun {}", rws[rw].place));
        DwellingAndAssets(random, h, welfare, place.kelurahan, members.size(), members.front().age);
        const double size_effect = kPerMemberScore * (static_cast<double>(members.size()) - kMeanHouseholdSize);
        const double score = (welfare - size_effect + kPmtNoise * random.Normal() - desil_mean) / desil_sd;
        h["desil"] =
            Int(std::clamp(1 + static_cast<std::int64_t>(10 * NormalCdf(score)), std::int64_t{1}, std::int64_t{10}));
        h["desil_source"] = Text("dtsen");
        h["desil_as_of"] = Text(desil_as_of);

        // Most households were verified within the year; a known share not for more than two years.
        int days_since_verified = 0;
        const bool stale = random.Chance(options.stale_share);
        if (stale) {
            days_since_verified = random.BetweenInt(kStaleAfterDays + 1, 6 * 365);
        } else {
            days_since_verified =
                random.Chance(0.88) ? random.BetweenInt(0, 364) : random.BetweenInt(365, kStaleAfterDays);
        }
        const auto verified = today - chr::days{days_since_verified};
        h["verified_at"] = Text(FormatDate(verified));

        const auto key = [&kk](std::size_t position) { return fmt::format("{}/{}", kk, position + 1); };
        const auto person_record = [&](TruthKind kind, std::size_t position) {
            TruthRecord record;
            record.kind = kind;
            record.household_kk = kk;
            record.person_key = key(position);
            record.nik = TextField(members[position].fields, "nik");
            record.name = TextField(members[position].fields, "name");
            record.birth_date = TextField(members[position].fields, "birth_date");
            return record;
        };
        for (auto& copy : placed) {
            auto record = person_record(TruthKind::kDuplicatePerson, copy.position);
            record.duplicate_of_key = std::move(copy.original_key);
            record.duplicate_of_nik = std::move(copy.original_nik);
            record.duplicate_of_name = std::move(copy.original_name);
            record.name_variant = std::move(copy.name_variant);
            record.nik_variant = std::move(copy.nik_variant);
            truth.push_back(std::move(record));
            ++counts.duplicates;
        }
        if (stale) {
            TruthRecord record;
            record.kind = TruthKind::kStaleRecord;
            record.household_kk = kk;
            record.date = FormatDate(verified);
            truth.push_back(std::move(record));
            ++counts.stale;
        }
        if (random.Chance(options.deceased_listed_share)) {
            // Deaths come mostly in old age: the oldest member died after the last verification.
            std::size_t oldest = 0;
            for (std::size_t i = 1; i < own_members; ++i) {
                if (members[i].age > members[oldest].age) {
                    oldest = i;
                }
            }
            const auto since = (today - verified).count();
            const auto died = since == 0 ? today : verified + chr::days{random.Between(1, since)};
            auto record = person_record(TruthKind::kDeceasedListedAlive, oldest);
            record.date = FormatDate(died);
            truth.push_back(std::move(record));
            ++counts.deceased_listed;
        }
        // Some people are registered twice: a copy of each such person waits for one of the next 300 households,
        // mostly in the same or a neighbouring village (households are generated village by village). Near the end
        // the wait shortens so that every copy still finds a household.
        const std::int64_t last = options.households - 1;
        for (std::size_t i = 0; i < own_members && index < last; ++i) {
            if (random.Chance(options.duplicate_share)) {
                const auto target = index + random.Between(1, std::min<std::int64_t>(300, last - index));
                pending.emplace(target, PendingCopy{members[i], key(i)});
            }
        }

        NewHousehold household;
        household.fields = std::move(h);
        for (auto& m : members) {
            counts.missing_nik += m.fields.contains("nik") ? 0 : 1;
            household.members.push_back(std::move(m.fields));
        }
        ++counts.households;
        counts.persons += static_cast<std::int64_t>(household.members.size());
        return household;
    }

    DemoRegency regency;
    PopulationOptions options;
    Random random;
    chr::sys_days today;
    std::string desil_as_of;
    double desil_mean = 0;
    double desil_sd = 1;
    std::map<std::string, std::size_t, std::less<>> district_index;  // NIK digits "330201" -> index
    std::vector<std::string> district_digits;
    std::vector<std::size_t> village_district;
    std::vector<std::int64_t> village_households;
    // Highest NIK serial issued or reserved per slot (district, day field, month, year) and KK serial per (district,
    // recording date): bounded by the number of districts, not of persons.
    std::vector<std::uint16_t> nik_serials;
    std::vector<std::uint16_t> kk_serials;
    std::size_t next_village = 0;
    std::size_t current_village = 0;
    std::int64_t left_in_village = 0;
    std::vector<Rw> rws;
    std::int64_t generated = 0;
    std::multimap<std::int64_t, PendingCopy> pending;  // by the index of the household that will list the copy
    PopulationCounts counts;
};

PopulationGenerator::PopulationGenerator(DemoRegency regency, const PopulationOptions& options)
    : state_(std::make_unique<State>(std::move(regency), options)) {}

PopulationGenerator::~PopulationGenerator() = default;

bool PopulationGenerator::Next(std::int64_t max_households, PopulationBatch& batch) {
    batch.households.clear();
    batch.truth.clear();
    SINERGI_ASSERT(max_households > 0);
    while (state_->generated < state_->options.households &&
           static_cast<std::int64_t>(batch.households.size()) < max_households) {
        batch.households.push_back(state_->NextHousehold(batch.truth));
    }
    return !batch.households.empty();
}

const PopulationCounts& PopulationGenerator::counts() const { return state_->counts; }

DemoRegency LoadRegency(regions::RegionsService& regions, const std::string& code) {
    if (regions::LevelOfCode(code) != regions::Level::kRegency || !regions.Exists(code)) {
        throw Error(sinergi::errors::kNotFound,
                    {fmt::format("Kabupaten/kota dengan kode '{}' tidak ditemukan. Muat data wilayah dulu "
                                 "(sinergi regions load) dan gunakan kode seperti 33.02.",
                                 code),
                     fmt::format("No regency with code '{}'. Load the regions first (sinergi regions load) and use "
                                 "a code such as 33.02.",
                                 code)});
    }
    DemoRegency regency;
    regency.code = code;
    regency.place_name = regions.Get(code).region.name;
    for (std::string_view prefix : {"Kabupaten ", "Kota "}) {
        if (regency.place_name.starts_with(prefix)) {
            regency.place_name.erase(0, prefix.size());
        }
    }
    const auto children = [&regions](const std::string& parent) {
        std::vector<regions::Region> all;
        PageRequest page;
        page.limit = kMaxPageLimit;
        for (;;) {
            auto result = regions.List({parent, std::nullopt, std::nullopt}, page);
            all.insert(all.end(), result.items.begin(), result.items.end());
            if (!result.next_key) {
                return all;
            }
            page.after = result.next_key;
        }
    };
    for (const auto& district : children(code)) {
        for (const auto& village : children(district.code)) {
            // The digit after the district code tells a kelurahan (1) from a desa (2, 3).
            regency.villages.push_back({village.code, village.code.size() == 13 && village.code[9] == '1'});
        }
    }
    if (regency.villages.empty()) {
        throw Error(sinergi::errors::kNotFound,
                    {fmt::format("Kabupaten/kota {} tidak memiliki desa dalam daftar wilayah; muat data wilayah "
                                 "lengkap.",
                                 code),
                     fmt::format("Regency {} has no villages in the region list; load the full region data.", code)});
    }
    return regency;
}

PopulationSummary GeneratePopulation(registry::RegistryService& registry, regions::RegionsService& regions,
                                     const PopulationOptions& options, const std::filesystem::path& truth_file,
                                     const std::function<void(std::int64_t, std::int64_t)>& progress) {
    if (options.batch_size < 1) {
        throw Error(sinergi::errors::kValidationFailed,
                    {"Ukuran batch minimal 1.", "The batch size must be at least 1."});
    }
    auto regency = LoadRegency(regions, options.regency);
    PopulationSummary summary;
    summary.villages = static_cast<std::int64_t>(regency.villages.size());
    const auto caller = identity::IdentityService::System();
    registry::HouseholdQuery existing;
    existing.region = options.regency;
    existing.status = "all";
    PageRequest one;
    one.limit = 1;
    summary.existing_households = registry.SearchHouseholds(caller, existing, one).total;
    if (summary.existing_households > 0) {
        return summary;
    }

    PopulationGenerator generator(std::move(regency), options);
    std::ofstream truth(truth_file, std::ios::trunc);
    const auto unwritable = [&truth_file] {
        return Error(sinergi::errors::kUnavailable,
                     {fmt::format("Berkas kebenaran {} tidak dapat ditulis.", truth_file.string()),
                      fmt::format("Cannot write the truth file {}.", truth_file.string())});
    };
    if (!truth) {
        throw unwritable();
    }
    WriteTruthHeader(truth);
    const auto reason = fmt::format("Populasi demo (seed {})", options.seed);
    PopulationBatch batch;
    std::int64_t written = 0;
    while (generator.Next(options.batch_size, batch)) {
        registry.CreateMany(caller, batch.households, registry::Source::kDemo, reason);
        for (const auto& record : batch.truth) {
            WriteTruthRow(truth, record);
        }
        truth.flush();
        if (!truth) {
            throw unwritable();
        }
        written += static_cast<std::int64_t>(batch.households.size());
        if (progress) {
            progress(written, options.households);
        }
    }
    summary.counts = generator.counts();
    return summary;
}

}  // namespace sinergi::demo
