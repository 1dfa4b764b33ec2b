#include "demo/population.hpp"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <functional>
#include <iterator>
#include <map>
#include <numeric>
#include <set>
#include <sstream>

#include <gtest/gtest.h>

#include "support/test_support.hpp"

namespace sinergi::demo {
namespace {

namespace chr = std::chrono;
using registry::FieldValues;
using registry::NewHousehold;

constexpr chr::year_month_day kAsOf{chr::year{2026}, chr::month{1}, chr::day{15}};

// Two districts of desa and one of kelurahan (urban wards), so both kinds of village are generated.
DemoRegency TestRegency() {
    return {"33.02",
            "Banyumas",
            {{"33.02.01.2001", false},
             {"33.02.01.2002", false},
             {"33.02.14.2001", false},
             {"33.02.24.1001", true},
             {"33.02.24.1002", true}}};
}

PopulationOptions Options(std::int64_t households, std::uint64_t seed = 7) {
    PopulationOptions options;
    options.households = households;
    options.seed = seed;
    options.as_of = kAsOf;
    return options;
}

std::vector<NewHousehold> Generate(const PopulationOptions& options, std::int64_t batch_size = 1000,
                                   std::vector<TruthRecord>* truth = nullptr) {
    PopulationGenerator generator(TestRegency(), options);
    std::vector<NewHousehold> all;
    PopulationBatch batch;
    while (generator.Next(batch_size, batch)) {
        all.insert(all.end(), batch.households.begin(), batch.households.end());
        if (truth != nullptr) {
            truth->insert(truth->end(), batch.truth.begin(), batch.truth.end());
        }
    }
    return all;
}

std::string Text(const FieldValues& fields, std::string_view name) {
    auto it = fields.find(name);
    if (it == fields.end() || !std::holds_alternative<std::string>(it->second)) {
        return "";
    }
    return std::get<std::string>(it->second);
}

std::int64_t Int(const FieldValues& fields, std::string_view name) {
    auto it = fields.find(name);
    return it == fields.end() ? -1 : std::get<std::int64_t>(it->second);
}

chr::sys_days Date(const std::string& text) { return chr::floor<chr::days>(*ParseTimestamp(text)); }

int AgeOf(const FieldValues& person) {
    return static_cast<int>((chr::sys_days{kAsOf} - Date(Text(person, "birth_date"))).count() / 365.2425);
}

std::string NikDistrict(const std::string& village_code) { return village_code.substr(0, 8); }

bool Equal(const NewHousehold& a, const NewHousehold& b) { return a.fields == b.fields && a.members == b.members; }

std::string TruthLine(const TruthRecord& record) {
    std::ostringstream out;
    WriteTruthRow(out, record);
    return out.str();
}

// The persons that are copies placed on purpose, as "KK/N" keys.
std::set<std::string> CopyKeys(const std::vector<TruthRecord>& truth) {
    std::set<std::string> keys;
    for (const auto& record : truth) {
        if (record.kind == TruthKind::kDuplicatePerson) {
            keys.insert(record.person_key);
        }
    }
    return keys;
}

TEST(Population, SameSeedGivesTheSameHouseholdsWhateverTheBatchSize) {
    std::vector<TruthRecord> truth_a;
    std::vector<TruthRecord> truth_b;
    const auto a = Generate(Options(400), 100, &truth_a);
    const auto b = Generate(Options(400), 7, &truth_b);
    ASSERT_EQ(a.size(), 400u);
    ASSERT_EQ(b.size(), 400u);
    for (std::size_t i = 0; i < a.size(); ++i) {
        ASSERT_TRUE(Equal(a[i], b[i])) << "household " << i;
    }
    ASSERT_EQ(truth_a.size(), truth_b.size());
    for (std::size_t i = 0; i < truth_a.size(); ++i) {
        EXPECT_EQ(TruthLine(truth_a[i]), TruthLine(truth_b[i]));
    }
    const auto other = Generate(Options(400, 8));
    std::size_t same = 0;
    for (std::size_t i = 0; i < a.size(); ++i) {
        same += Equal(a[i], other[i]) ? 1 : 0;
    }
    EXPECT_EQ(same, 0u) << "another seed gives another population";
}

TEST(Population, EveryValueFitsTheAttributeCatalogue) {
    const auto check = [](std::span<const registry::FieldSpec> specs, const FieldValues& values,
                          const std::string& where) {
        for (const auto& spec : specs) {
            if (spec.required) {
                EXPECT_TRUE(values.contains(spec.name)) << where << " lacks " << spec.name;
            }
        }
        for (const auto& [name, value] : values) {
            const auto* spec = registry::FindField(specs, name);
            ASSERT_NE(spec, nullptr) << where << ": unknown field " << name;
            switch (spec->type) {
                case registry::FieldType::kText:
                    ASSERT_TRUE(std::holds_alternative<std::string>(value)) << name;
                    EXPECT_LE(std::get<std::string>(value).size(), static_cast<std::size_t>(spec->max)) << name;
                    break;
                case registry::FieldType::kEnum:
                    ASSERT_TRUE(std::holds_alternative<std::string>(value)) << name;
                    EXPECT_NE(std::find(spec->values.begin(), spec->values.end(), std::get<std::string>(value)),
                              spec->values.end())
                        << where << ": " << name << " = " << std::get<std::string>(value);
                    break;
                case registry::FieldType::kInt:
                case registry::FieldType::kBool: {
                    ASSERT_TRUE(std::holds_alternative<std::int64_t>(value)) << name;
                    const auto number = std::get<std::int64_t>(value);
                    if (spec->type == registry::FieldType::kBool) {
                        EXPECT_TRUE(number == 0 || number == 1) << name;
                    } else {
                        EXPECT_GE(number, spec->min) << name;
                        EXPECT_LE(number, spec->max) << name;
                    }
                    break;
                }
                case registry::FieldType::kReal:
                    ASSERT_TRUE(std::holds_alternative<double>(value)) << name;
                    EXPECT_GE(std::get<double>(value), spec->min) << name;
                    EXPECT_LE(std::get<double>(value), spec->max) << name;
                    break;
                case registry::FieldType::kDate:
                    ASSERT_TRUE(std::holds_alternative<std::string>(value)) << name;
                    EXPECT_EQ(std::get<std::string>(value).size(), 10u) << name;
                    EXPECT_TRUE(ParseTimestamp(std::get<std::string>(value))) << name;
                    break;
            }
        }
    };
    const auto households = Generate(Options(1000));
    for (std::size_t i = 0; i < households.size(); ++i) {
        check(registry::HouseholdFields(), households[i].fields, "household " + std::to_string(i));
        for (std::size_t j = 0; j < households[i].members.size(); ++j) {
            check(registry::PersonFields(), households[i].members[j],
                  "household " + std::to_string(i) + " member " + std::to_string(j));
        }
    }
}

TEST(Population, HouseholdsLookLikeARealRegency) {
    const auto households = Generate(Options(5000));
    double members = 0;
    double persons = 0;
    double children = 0;  // 0-14
    double elderly = 0;   // 65+
    double men = 0;
    double male_heads = 0;
    std::map<std::int64_t, double> per_desil;
    for (const auto& household : households) {
        const auto size = household.members.size();
        ASSERT_GE(size, 1u);
        ASSERT_LE(size, 9u);
        members += static_cast<double>(size);
        ++per_desil[Int(household.fields, "desil")];
        const auto& head = household.members.front();
        ASSERT_EQ(Text(head, "relation"), "kepala_keluarga");
        EXPECT_EQ(std::count_if(household.members.begin(), household.members.end(),
                                [](const auto& m) { return Text(m, "relation") == "kepala_keluarga"; }),
                  1);
        const int head_age = AgeOf(head);
        male_heads += Text(head, "sex") == "L" ? 1 : 0;
        int youngest_parent_generation = head_age;  // the head or the spouse, whoever is younger
        for (const auto& member : household.members) {
            if (Text(member, "relation") == "istri_suami") {
                youngest_parent_generation = std::min(youngest_parent_generation, AgeOf(member));
                EXPECT_NE(Text(member, "sex"), Text(head, "sex"));
                EXPECT_EQ(Text(member, "marital_status"), "kawin");
            }
        }
        for (std::size_t i = 0; i < size; ++i) {
            const auto& member = household.members[i];
            const int age = AgeOf(member);
            ++persons;
            children += age <= 14 ? 1 : 0;
            elderly += age >= 65 ? 1 : 0;
            men += Text(member, "sex") == "L" ? 1 : 0;
            const auto relation = Text(member, "relation");
            if (relation == "anak") {
                EXPECT_GE(head_age - age, 14) << "a child is at least 14 years younger than the head";
            } else if (relation == "cucu") {
                EXPECT_GE(head_age - age, 30) << "a grandchild is a generation further down";
            } else if (relation == "orang_tua" || relation == "mertua") {
                EXPECT_GE(age - youngest_parent_generation, 15) << "a parent is a generation up";
            }
            if (Int(member, "pregnant") == 1) {
                EXPECT_EQ(Text(member, "sex"), "P");
                EXPECT_EQ(Text(member, "marital_status"), "kawin");
                EXPECT_GE(age, 18);
                EXPECT_LE(age, 40);
            }
        }
    }
    const double households_count = static_cast<double>(households.size());
    EXPECT_GT(members / households_count, 3.2);
    EXPECT_LT(members / households_count, 3.9);
    EXPECT_GT(children / persons, 0.20);  // Indonesia: about a quarter of the population is 0-14
    EXPECT_LT(children / persons, 0.32);
    EXPECT_GT(elderly / persons, 0.05);  // and 6-8% is 65 or older
    EXPECT_LT(elderly / persons, 0.14);
    EXPECT_GT(men / persons, 0.47);
    EXPECT_LT(men / persons, 0.53);
    EXPECT_GT(male_heads / households_count, 0.75);
    ASSERT_EQ(per_desil.size(), 10u);
    for (const auto& [desil, count] : per_desil) {
        EXPECT_GT(count / households_count, 0.07) << "desil " << desil;
        EXPECT_LT(count / households_count, 0.13) << "desil " << desil;
    }
}

TEST(Population, SchoolingAndEducationFollowAge) {
    std::map<std::string, std::map<std::string, double>> schooling_by_age_group;
    for (const auto& household : Generate(Options(2000))) {
        for (const auto& member : household.members) {
            const int age = AgeOf(member);
            const std::string group = age >= 7 && age <= 12    ? "7-12"
                                      : age >= 13 && age <= 15 ? "13-15"
                                      : age >= 16 && age <= 18 ? "16-18"
                                                               : "other";
            ++schooling_by_age_group[group][Text(member, "schooling")];
            if (age < 13) {
                EXPECT_EQ(Text(member, "education_level"), "") << "no certificate before 13";
            }
            if (age < 5) {
                EXPECT_EQ(Text(member, "work_status"), "");
            }
            if (!Text(member, "occupation").empty()) {
                EXPECT_EQ(Text(member, "work_status"), "bekerja");
                EXPECT_GE(age, 15);
            }
        }
    }
    const auto share = [&](const std::string& group, const std::string& value) {
        double total = 0;
        for (const auto& [_, count] : schooling_by_age_group[group]) {
            total += count;
        }
        return schooling_by_age_group[group][value] / total;
    };
    EXPECT_GT(share("7-12", "sd"), 0.95);
    EXPECT_GT(share("13-15", "smp"), 0.80);
    EXPECT_GT(share("16-18", "sma"), 0.55);
    EXPECT_NEAR(share("16-18", "sma") + share("16-18", "tidak_bersekolah"), 1.0, 1e-9);
}

TEST(Population, NikAndKkAgreeWithDistrictBirthDateAndSex) {
    std::vector<TruthRecord> truth;
    const auto households = Generate(Options(3000), 1000, &truth);
    const auto copies = CopyKeys(truth);
    std::set<std::string> niks;
    std::set<std::string> kks;
    std::int64_t checked = 0;
    for (const auto& household : households) {
        const auto village = Text(household.fields, "village_code");
        const auto kk = Text(household.fields, "kk_number");
        const auto parsed_kk = registry::ParseKk(kk);
        ASSERT_FALSE(parsed_kk.problem) << kk;
        EXPECT_EQ(parsed_kk.parts->district_code, NikDistrict(village));
        EXPECT_TRUE(kks.insert(kk).second) << "KK " << kk << " issued twice";
        for (std::size_t i = 0; i < household.members.size(); ++i) {
            const auto& member = household.members[i];
            const auto nik = Text(member, "nik");
            if (nik.empty()) {
                continue;
            }
            EXPECT_TRUE(niks.insert(nik).second) << "NIK " << nik << " given to two persons";
            const auto parsed = registry::ParseNik(nik);
            ASSERT_FALSE(parsed.problem) << nik;
            if (copies.contains(kk + "/" + std::to_string(i + 1))) {
                continue;  // a copy's NIK carries its typo on purpose
            }
            const chr::year_month_day birth{Date(Text(member, "birth_date"))};
            EXPECT_EQ(parsed.parts->district_code, NikDistrict(village));
            EXPECT_EQ(parsed.parts->day, static_cast<unsigned>(birth.day()));
            EXPECT_EQ(parsed.parts->month, static_cast<unsigned>(birth.month()));
            EXPECT_EQ(parsed.parts->year_2digit, static_cast<unsigned>(static_cast<int>(birth.year()) % 100));
            EXPECT_EQ(parsed.parts->sex == registry::Sex::kFemale, Text(member, "sex") == "P");
            ++checked;
        }
    }
    EXPECT_GT(checked, 9000);
}

TEST(Population, YoungChildrenSometimesHaveNoNik) {
    double babies = 0;
    double babies_without = 0;
    double adults = 0;
    double adults_without = 0;
    for (const auto& household : Generate(Options(3000))) {
        for (const auto& member : household.members) {
            const bool missing = Text(member, "nik").empty();
            if (AgeOf(member) < 2) {
                ++babies;
                babies_without += missing ? 1 : 0;
            } else if (AgeOf(member) >= 17) {
                ++adults;
                adults_without += missing ? 1 : 0;
            }
        }
    }
    EXPECT_GT(babies_without / babies, 0.1);
    EXPECT_LT(adults_without / adults, 0.03);  // adults lack one mostly as duplicates registered without it
}

TEST(Population, AssetsAndDwellingFollowTheDesil) {
    struct Share {
        double households = 0;
        double refrigerator = 0;
        double motorcycle = 0;
        double earth_or_bamboo_floor = 0;
        double firewood = 0;
    };
    Share poorest;  // desil 1-2
    Share richest;  // desil 9-10
    for (const auto& household : Generate(Options(4000))) {
        const auto desil = Int(household.fields, "desil");
        if (desil > 2 && desil < 9) {
            continue;
        }
        auto& share = desil <= 2 ? poorest : richest;
        ++share.households;
        share.refrigerator += static_cast<double>(Int(household.fields, "has_refrigerator"));
        share.motorcycle += static_cast<double>(Int(household.fields, "has_motorcycle"));
        const auto floor = Text(household.fields, "floor_material");
        share.earth_or_bamboo_floor += floor == "tanah" || floor == "bambu" ? 1 : 0;
        share.firewood += Text(household.fields, "cooking_fuel") == "kayu_bakar" ? 1 : 0;
    }
    ASSERT_GT(poorest.households, 500);
    ASSERT_GT(richest.households, 500);
    const auto rate = [](const Share& s, double Share::*field) { return s.*field / s.households; };
    EXPECT_LT(rate(poorest, &Share::refrigerator) * 2, rate(richest, &Share::refrigerator));
    EXPECT_LT(rate(poorest, &Share::motorcycle), rate(richest, &Share::motorcycle));
    EXPECT_GT(rate(poorest, &Share::earth_or_bamboo_floor), 5 * rate(richest, &Share::earth_or_bamboo_floor));
    EXPECT_GT(rate(poorest, &Share::firewood), 5 * rate(richest, &Share::firewood));
}

TEST(Population, RefusesSharesOutsideZeroToOne) {
    auto options = Options(10);
    options.duplicate_share = 1.5;
    try {
        PopulationGenerator generator(TestRegency(), options);
        FAIL() << "a share above 1 must be refused";
    } catch (const Error& error) {
        EXPECT_EQ(error.kind(), ErrorKind::kInvalid);
    }
}

// ---- Written through the register ------------------------------------------------------------------------------

std::vector<std::string> SplitCsvLine(const std::string& line) {
    std::vector<std::string> fields(1);
    bool quoted = false;
    for (std::size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (quoted) {
            if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
                fields.back() += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                fields.back() += c;
            }
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            fields.emplace_back();
        } else {
            fields.back() += c;
        }
    }
    return fields;
}

// The old (pre-1972) spelling of a word as the truth file promises it: oe for u, dj for j, tj for c, j for y, ch for
// kh; an existing ch stays.
std::string OldSpelling(const std::string& word) {
    std::string out;
    for (std::size_t i = 0; i < word.size(); ++i) {
        const char c = word[i];
        const char lower = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        const bool upper = c != lower;
        const bool before_h = i + 1 < word.size() && word[i + 1] == 'h';
        if (lower == 'u') {
            out += upper ? "Oe" : "oe";
        } else if (lower == 'j') {
            out += upper ? "Dj" : "dj";
        } else if (lower == 'c' && !before_h) {
            out += upper ? "Tj" : "tj";
        } else if (lower == 'y') {
            out += upper ? "J" : "j";
        } else if (lower == 'k' && before_h) {
            out += upper ? "Ch" : "ch";
            ++i;
        } else {
            out += c;
        }
    }
    return out;
}

// True when exactly one word of `original` is written in the old spelling in `variant`.
bool OneWordInOldSpelling(const std::string& variant, const std::string& original) {
    std::istringstream a(variant);
    std::istringstream b(original);
    std::vector<std::string> variant_words{std::istream_iterator<std::string>(a), {}};
    std::vector<std::string> original_words{std::istream_iterator<std::string>(b), {}};
    if (variant_words.size() != original_words.size()) {
        return false;
    }
    int changed = 0;
    for (std::size_t i = 0; i < variant_words.size(); ++i) {
        if (variant_words[i] != original_words[i]) {
            ++changed;
            if (variant_words[i] != OldSpelling(original_words[i])) {
                return false;
            }
        }
    }
    return changed == 1;
}

bool OneLetterRemoved(const std::string& longer, const std::string& shorter) {
    if (longer.size() != shorter.size() + 1) {
        return false;
    }
    for (std::size_t i = 0; i < longer.size(); ++i) {
        if (longer.substr(0, i) + longer.substr(i + 1) == shorter) {
            return true;
        }
    }
    return false;
}

class PopulationInRegister : public ::testing::Test {
 protected:
    PopulationInRegister()
        : db_(testing::MigratedDatabase(dir_)),
          clock_(*ParseTimestamp("2026-01-15T08:00:00Z")),
          identity_(*db_, clock_),
          regions_(*db_),
          registry_(*db_, identity_, regions_, clock_) {
        testing::InsertTestRegions(*db_);
        auto connection = db_->Acquire();
        const char* sql = "INSERT INTO regions (code, parent_code, level, name, name_key) VALUES (?, ?, ?, ?, ?)";
        connection->Execute(sql, {"33.02.14", "33.02", "district", "Ajibarang", "ajibarang"});
        connection->Execute(sql, {"33.02.14.2001", "33.02.14", "village", "Darmakradenan", "darmakradenan"});
        connection->Execute(sql, {"33.02.24", "33.02", "district", "Purwokerto Selatan", "purwokerto selatan"});
        connection->Execute(sql, {"33.02.24.1001", "33.02.24", "village", "Karangklesem", "karangklesem"});
        connection->Execute(sql, {"33.02.24.1002", "33.02.24", "village", "Teluk", "teluk"});
    }

    struct StoredPerson {
        std::int64_t household_id = 0;
        std::string nik;
        std::string name;
        std::string sex;
        std::string birth_date;
        std::string life_status;
    };

    // Resolves a truth-file person key "KK/N" as population.hpp documents it.
    std::optional<StoredPerson> Resolve(const std::string& key) {
        const auto slash = key.find('/');
        const auto kk = key.substr(0, slash);
        const auto position = std::stoll(key.substr(slash + 1));
        auto connection = db_->Acquire();
        auto row = connection->QueryOne(
            "SELECT p.household_id, p.nik, p.name, p.sex, p.birth_date, p.life_status FROM persons p "
            "JOIN households h ON h.id = p.household_id WHERE h.kk_number = ? ORDER BY p.id LIMIT 1 OFFSET ?",
            {kk, position - 1});
        if (!row) {
            return std::nullopt;
        }
        return StoredPerson{row->Int(0), row->OptText(1).value_or(""), row->Text(2), row->Text(3), row->Text(4),
                            row->Text(5)};
    }

    testing::TempDir dir_;
    std::unique_ptr<db::Database> db_;
    ManualClock clock_;
    identity::IdentityService identity_;
    regions::RegionsService regions_;
    registry::RegistryService registry_;
};

TEST_F(PopulationInRegister, LoadsEveryVillageOfTheRegency) {
    const auto regency = LoadRegency(regions_, "33.02");
    EXPECT_EQ(regency.place_name, "Banyumas");
    ASSERT_EQ(regency.villages.size(), 5u);
    EXPECT_EQ(regency.villages[0].code, "33.02.01.2001");
    EXPECT_FALSE(regency.villages[0].kelurahan);
    EXPECT_EQ(regency.villages[4].code, "33.02.24.1002");
    EXPECT_TRUE(regency.villages[4].kelurahan);
    EXPECT_THROW(LoadRegency(regions_, "33.99"), Error);
}

TEST_F(PopulationInRegister, WritesThroughTheRegisterWithATruthFileThatDescribesIt) {
    auto options = Options(500);
    options.batch_size = 120;  // several transactions
    const auto truth_file = dir_.path() / "demo-truth.csv";
    std::vector<std::int64_t> progress;
    const auto summary = GeneratePopulation(registry_, regions_, options, truth_file,
                                            [&](std::int64_t done, std::int64_t) { progress.push_back(done); });
    EXPECT_EQ(summary.existing_households, 0);
    EXPECT_EQ(summary.counts.households, 500);
    EXPECT_EQ(progress, (std::vector<std::int64_t>{120, 240, 360, 480, 500}));
    {
        auto connection = db_->Acquire();
        EXPECT_EQ(connection->QueryOne("SELECT COUNT(*) FROM households")->Int(0), 500);
        EXPECT_EQ(connection->QueryOne("SELECT COUNT(*) FROM persons")->Int(0), summary.counts.persons);
        EXPECT_EQ(connection->QueryOne("SELECT COUNT(DISTINCT kk_number) FROM households")->Int(0), 500);
    }

    std::ifstream in(truth_file);
    std::string line;
    ASSERT_TRUE(std::getline(in, line));
    EXPECT_EQ(line,
              "kind,household_kk,person_key,nik,name,birth_date,duplicate_of_key,duplicate_of_nik,duplicate_of_name,"
              "name_variant,nik_variant,date");
    std::map<std::string, std::int64_t> kinds;
    std::map<std::string, std::int64_t> nik_variants;
    while (std::getline(in, line)) {
        const auto f = SplitCsvLine(line);
        ASSERT_EQ(f.size(), 12u) << line;
        ++kinds[f[0]];
        if (f[0] == "duplicate_person") {
            ++nik_variants[f[10]];
            const auto copy = Resolve(f[2]);
            const auto original = Resolve(f[6]);
            ASSERT_TRUE(copy && original) << line;
            EXPECT_EQ(copy->nik, f[3]);
            EXPECT_EQ(copy->name, f[4]);
            EXPECT_EQ(copy->birth_date, f[5]);
            EXPECT_EQ(original->nik, f[7]);
            EXPECT_EQ(original->name, f[8]);
            EXPECT_EQ(original->birth_date, copy->birth_date);
            EXPECT_EQ(original->sex, copy->sex);
            EXPECT_NE(original->household_id, copy->household_id);
            EXPECT_NE(original->name, copy->name);
            // The stated spelling variant is the one in the register.
            std::string name = copy->name;
            std::string variant = f[9];
            if (variant.ends_with("title") && variant != "title") {
                variant.resize(variant.size() - std::string("+title").size());
            }
            if (f[9].ends_with("title")) {
                const std::string title = copy->sex == "L" ? "H. " : "Hj. ";
                ASSERT_TRUE(name.starts_with(title)) << line;
                EXPECT_GE(AgeOf({{"birth_date", copy->birth_date}}), 40) << "pilgrimage titles come with age";
                name = name.substr(title.size());
            }
            if (variant == "title") {
                EXPECT_EQ(name, original->name);
            } else if (variant == "old_spelling") {
                EXPECT_TRUE(OneWordInOldSpelling(name, original->name)) << line;
                EXPECT_GE(AgeOf({{"birth_date", copy->birth_date}}), 30) << line;
            } else if (variant == "doubled_letter") {
                EXPECT_TRUE(OneLetterRemoved(name, original->name)) << line;
            } else if (variant == "dropped_letter") {
                EXPECT_TRUE(OneLetterRemoved(original->name, name)) << line;
            } else {
                ADD_FAILURE() << "unknown name variant: " << line;
            }
            // The stated NIK variant, too.
            const auto& nik_variant = f[10];
            if (nik_variant == "digit_typo") {
                ASSERT_EQ(copy->nik.size(), 16u);
                EXPECT_EQ(std::inner_product(copy->nik.begin(), copy->nik.end(), original->nik.begin(), 0,
                                             std::plus<>(), std::not_equal_to<>()),
                          1)
                    << line;
            } else if (nik_variant == "adjacent_swap") {
                bool swapped = false;
                for (std::size_t i = 0; i + 1 < 16; ++i) {
                    std::string candidate = original->nik;
                    std::swap(candidate[i], candidate[i + 1]);
                    swapped = swapped || (candidate == copy->nik && candidate != original->nik);
                }
                EXPECT_TRUE(swapped) << line;
            } else if (nik_variant == "missing") {
                EXPECT_EQ(copy->nik, "");
                EXPECT_NE(original->nik, "");
            } else {
                EXPECT_EQ(nik_variant, "both_missing");
                EXPECT_EQ(copy->nik, "");
                EXPECT_EQ(original->nik, "");
            }
        } else if (f[0] == "stale_record") {
            auto connection = db_->Acquire();
            auto verified = connection->QueryOne("SELECT verified_at FROM households WHERE kk_number = ?", {f[1]});
            ASSERT_TRUE(verified);
            EXPECT_EQ(verified->Text(0), f[11]);
            EXPECT_GT((chr::sys_days{kAsOf} - Date(f[11])).count(), 730);
        } else {
            ASSERT_EQ(f[0], "deceased_listed_alive");
            const auto person = Resolve(f[2]);
            ASSERT_TRUE(person);
            EXPECT_EQ(person->name, f[4]);
            EXPECT_EQ(person->life_status, "alive");
            auto connection = db_->Acquire();
            auto verified = connection->QueryOne("SELECT verified_at FROM households WHERE kk_number = ?", {f[1]});
            EXPECT_GE(f[11], verified->Text(0)) << "died after the last verification";
        }
    }
    EXPECT_EQ(kinds["duplicate_person"], summary.counts.duplicates);
    EXPECT_EQ(kinds["stale_record"], summary.counts.stale);
    EXPECT_EQ(kinds["deceased_listed_alive"], summary.counts.deceased_listed);
    EXPECT_GT(summary.counts.duplicates, summary.counts.persons / 100);  // about 2% of persons
    EXPECT_GT(nik_variants["digit_typo"] + nik_variants["adjacent_swap"], 0);
    EXPECT_GT(summary.counts.stale, 40);  // about 15% of 500
    {
        // Every household verified more than two years ago is in the truth file, and only those.
        auto connection = db_->Acquire();
        // 2024-01-16 is 730 days before kAsOf.
        EXPECT_EQ(connection->QueryOne("SELECT COUNT(*) FROM households WHERE verified_at < ?", {"2024-01-16"})->Int(0),
                  summary.counts.stale);
    }

    // Running the demo again keeps the population and its truth file.
    std::ifstream before(truth_file);
    const std::string first((std::istreambuf_iterator<char>(before)), std::istreambuf_iterator<char>());
    const auto again = GeneratePopulation(registry_, regions_, Options(50, 99), truth_file);
    EXPECT_EQ(again.existing_households, 500);
    EXPECT_EQ(again.counts.households, 0);
    std::ifstream after(truth_file);
    EXPECT_EQ(first, std::string((std::istreambuf_iterator<char>(after)), std::istreambuf_iterator<char>()));
}

}  // namespace
}  // namespace sinergi::demo
