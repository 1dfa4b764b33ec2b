// The import's batched write path (RegistryService::QueueCreate / WriteQueued) must leave the register exactly as
// creating the same households one at a time does: the same rows, ids, name keys, KK history and history events.
#include <fstream>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "registry/register_import.hpp"
#include "registry/registry_service.hpp"
#include "support/test_support.hpp"

namespace sinergi::registry {
namespace {

// One database with its services, as the register's other tests set it up.
struct Register {
    Register()
        : db(testing::MigratedDatabase(dir)),
          clock(*ParseTimestamp("2026-11-23T08:00:00Z")),
          identity(*db, clock),
          regions(*db),
          registry(*db, identity, regions, clock) {
        testing::InsertTestRegions(*db);
    }

    // Every row of `table` in id order, as text.
    std::vector<std::string> Dump(std::string_view table) {
        auto connection = db->Acquire();
        std::vector<std::string> rows;
        connection->ForEach(fmt::format("SELECT * FROM {} ORDER BY rowid", table), {}, [&rows](const db::Row& row) {
            std::string text;
            for (std::size_t i = 0; i < row.size(); ++i) {
                text += (i == 0 ? "" : "|") + (row.IsNull(i) ? std::string("NULL") : row.Text(i));
            }
            rows.push_back(std::move(text));
        });
        return rows;
    }

    testing::TempDir dir;
    std::unique_ptr<db::Database> db;
    ManualClock clock;
    identity::IdentityService identity;
    regions::RegionsService regions;
    RegistryService registry;
    identity::Caller system = identity::IdentityService::System();
};

const char* const kTables[] = {"households", "persons", "person_name_tokens", "household_kk_history",
                               "register_events"};

std::string Nik(unsigned day, unsigned month, unsigned year, unsigned serial) {
    return fmt::format("330201{:02}{:02}{:02}{:04}", day, month, year % 100, serial);
}

// Households with every kind of value: all attributes or few, titles and old spellings in names, a member who died,
// one without a NIK, a NIK that disagrees with the stated sex, a KK number of an unknown district, one or four
// members; `count` of them, with NIKs and KK numbers that differ.
std::vector<NewHousehold> Households(int count) {
    std::vector<NewHousehold> households;
    for (int i = 0; i < count; ++i) {
        NewHousehold household;
        const auto serial = static_cast<unsigned>(i + 1);
        household.fields = {
            {"village_code", std::string(i % 2 == 0 ? "33.02.01.2001" : "33.02.01.2002")},
            {"kk_number", fmt::format("{}120315{:04}", i % 7 == 0 ? "339901" : "330201", serial)},
            {"rt", fmt::format("{:03}", i % 9 + 1)},
        };
        if (i % 3 != 0) {
            household.fields.insert({{"address", std::string("Jl. Mawar \"Indah\", No. 5")},
                                     {"floor_material", std::string("tanah")},
                                     {"electricity_va", std::int64_t{900}},
                                     {"floor_area_m2", 36.5},
                                     {"has_motorcycle", std::int64_t{1}},
                                     {"has_car", std::int64_t{0}},
                                     {"desil", std::int64_t{i % 10 + 1}},
                                     {"verified_at", std::string("2025-01-31")}});
        }
        const auto member = [&](std::string name, std::string sex, std::string relation, std::optional<std::string> nik,
                                std::string birth_date) {
            FieldValues fields{{"name", std::move(name)},
                               {"sex", std::move(sex)},
                               {"relation", std::move(relation)},
                               {"birth_date", std::move(birth_date)}};
            if (nik) {
                fields["nik"] = *nik;
            }
            return fields;
        };
        household.members.push_back(member(i % 4 == 0 ? "H. Moehammad Djoko" : "Ahmad Fauzi", "L", "kepala_keluarga",
                                           Nik(17, 8, 85, serial), "1985-08-17"));
        if (i % 5 != 0) {
            // The NIK's day says a woman (day + 40) while the sex says a man on every fourth: a warning, stored.
            household.members.push_back(
                member("Siti Aminah", i % 4 == 1 ? "L" : "P", "istri_suami", Nik(58, 8, 87, serial), "1987-08-18"));
            household.members.push_back(member("Budi", "L", "anak", std::nullopt, "2015-03-01"));
            auto grandmother = member("Sainem", "P", "orang_tua", Nik(41, 1, 40, serial), "1940-01-01");
            if (i % 2 == 0) {
                grandmother["life_status"] = std::string("deceased");
                grandmother["life_status_date"] = std::string("2024-02-02");
            }
            household.members.push_back(std::move(grandmother));
        }
        households.push_back(std::move(household));
    }
    return households;
}

TEST(RegisterBulkWrite, WritesTheSameRowsAndEventsAsCreatingOneHouseholdAtATime) {
    const auto households = Households(300);
    Register one_by_one;
    Register batched;
    one_by_one.registry.CreateMany(one_by_one.system, households, Source::kImport, "Impor register");
    {
        auto connection = batched.db->Acquire();
        db::Transaction tx(*connection, db::TxMode::kWrite);
        CreateQueue queue;
        for (std::size_t i = 0; i < households.size(); ++i) {
            ValidationReport report;
            ASSERT_TRUE(batched.registry.QueueCreate(*connection, batched.system, households[i], queue, report))
                << report.issues().front().message.en;
            // Groups of different sizes, so every statement size is used.
            if (i == 0 || i == 70 || i == 200) {
                batched.registry.WriteQueued(*connection, batched.system, queue, Source::kImport, "Impor register");
            }
        }
        batched.registry.WriteQueued(*connection, batched.system, queue, Source::kImport, "Impor register");
        EXPECT_EQ(queue.households(), 0U);
        tx.Commit();
    }
    for (const auto* table : kTables) {
        const auto expected = one_by_one.Dump(table);
        EXPECT_FALSE(expected.empty()) << table;
        EXPECT_EQ(batched.Dump(table), expected) << table;
    }
}

TEST(RegisterBulkWrite, ANikQueuedForALivingPersonCountsAsRegistered) {
    Register r;
    auto connection = r.db->Acquire();
    db::Transaction tx(*connection, db::TxMode::kWrite);
    CreateQueue queue;
    auto households = Households(2);
    auto copy = households[0];
    ValidationReport report;
    ASSERT_TRUE(r.registry.QueueCreate(*connection, r.system, households[0], queue, report));
    EXPECT_FALSE(r.registry.QueueCreate(*connection, r.system, copy, queue, report));
    ASSERT_FALSE(report.issues().empty());
    EXPECT_EQ(report.issues().front().code, "REG-2204");
    EXPECT_EQ(report.issues().front().field, "members[0].nik");
    EXPECT_EQ(queue.households(), 1U);

    // A deceased person's NIK is free for the living, queued or not (one living person per NIK).
    auto deceased = households[1];
    deceased.members.resize(1);
    auto alive_again = deceased;
    deceased.members[0]["relation"] = std::string("kepala_keluarga");
    deceased.members[0]["life_status"] = std::string("deceased");
    deceased.members[0]["life_status_date"] = std::string("2024-02-02");
    alive_again.fields["kk_number"] = std::string("3302011203159999");
    ValidationReport fine;
    EXPECT_TRUE(r.registry.QueueCreate(*connection, r.system, deceased, queue, fine));
    EXPECT_TRUE(r.registry.QueueCreate(*connection, r.system, alive_again, queue, fine));
    EXPECT_TRUE(fine.empty());
}

// An import file with every column, one row per member, from `households`.
std::string ImportCsv(const std::vector<NewHousehold>& households) {
    std::string csv;
    for (const auto& column : RegisterImportColumns()) {
        csv += (csv.empty() ? "" : ",") + std::string(column.name);
    }
    csv += '\n';
    for (const auto& household : households) {
        for (const auto& member : household.members) {
            std::string line;
            const auto columns = RegisterImportColumns();
            for (std::size_t c = 0; c < columns.size(); ++c) {
                const auto& column = columns[c];
                const auto& fields = column.household ? household.fields : member;
                std::string cell;
                if (auto it = fields.find(column.field); it != fields.end()) {
                    if (const auto* text = std::get_if<std::string>(&it->second)) {
                        cell = column.field == "life_status" ? std::string(*text == "deceased" ? "meninggal" : "hidup")
                                                             : *text;
                    } else if (const auto* number = std::get_if<std::int64_t>(&it->second)) {
                        cell = std::to_string(*number);
                    } else if (const auto* real = std::get_if<double>(&it->second)) {
                        cell = fmt::format("{}", *real);
                    }
                }
                if (cell.find_first_of(",\"") != std::string::npos) {
                    std::string quoted = "\"";
                    for (char ch : cell) {
                        quoted += ch == '"' ? "\"\"" : std::string(1, ch);
                    }
                    cell = quoted + "\"";
                }
                line += (c == 0 ? "" : ",") + cell;
            }
            csv += line + '\n';
        }
    }
    return csv;
}

TEST(RegisterBulkWrite, AnImportOfManyWriteGroupsStoresWhatCreatingTheHouseholdsDoes) {
    const auto households = Households(700);  // more than two of the import's write groups
    Register created;
    Register imported;
    created.registry.CreateMany(created.system, households, Source::kImport, "Impor register");
    const auto file = imported.dir.path() / "register.csv";
    std::ofstream(file, std::ios::binary) << ImportCsv(households);
    RegisterImporter importer(*imported.db, imported.registry, imported.identity);
    const auto result = importer.Import(imported.system, file, {});
    ASSERT_TRUE(result.issues.empty()) << result.issues.front().row.value_or(0) << " "
                                       << result.issues.front().message.en;
    EXPECT_EQ(result.households_imported, 700);
    for (const auto* table : kTables) {
        EXPECT_EQ(imported.Dump(table), created.Dump(table)) << table;
    }
}

}  // namespace
}  // namespace sinergi::registry
