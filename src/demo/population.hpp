// The demo population: a realistic register for one regency (default Kabupaten Banyumas, 33.02), generated from a
// seed and written through the register service, plus a truth file that names every real-world problem put into it
// on purpose, so the record-linkage and data-currency modules can be measured against known answers.
//
// Realistic means: households spread over all the regency's real villages, sizes 1-9 (mean about 3.5), an
// Indonesian age pyramid, heads, spouses, children, parents and grandchildren with birth dates that fit their
// relations, names from the project's own lists (name_lists.hpp), NIKs and KK numbers consistent with district,
// birth date and sex, and dwelling and asset attributes that follow a latent welfare score from which the desil is
// derived.
//
// Deterministic: the same options (seed, size, reference date, shares) and the same villages give the same
// households and the same truth file, whatever the batch size. The reference date `as_of` stands for "today"
// (ages, verification and death dates are counted back from it).
//
// Streaming: households are generated and written in batches; memory stays flat in the number of households (the
// NIK and KK serial counters are bounded by the number of districts, not of persons).
//
// ---- Truth file (demo-truth.csv) --------------------------------------------------------------------------------
// CSV, UTF-8, comma-separated, RFC 4180 quoting, header first:
//   kind,household_kk,person_key,nik,name,birth_date,duplicate_of_key,duplicate_of_nik,duplicate_of_name,
//   name_variant,nik_variant,date
// kind:
//   duplicate_person       a copy of a person placed in another household: person_key is the copy, duplicate_of_key
//                          the original. name_variant: old_spelling (one word as before 1972: oe, dj, tj, j, ch for
//                          u, j, c, y, kh; people of 30 and more), doubled_letter, dropped_letter, or title (H./Hj.
//                          put before the name; people of 40 and more); a suffix "+title" when a title was put
//                          before one of the first three as well. nik_variant: digit_typo (one digit differs),
//                          adjacent_swap (two neighbouring digits swapped), missing (copy has no NIK), or
//                          both_missing (the original has none either); typos never touch the first four digits
//                          (province, regency), and one in the date digits leaves the register's birth-date or sex
//                          mismatch warning on the copy, as a real typo would. The copy keeps sex and birth date.
//   stale_record           a household last verified more than two years before as_of: date = its verified_at;
//                          person columns empty.
//   deceased_listed_alive  a member who died after the household's last verification and is still listed alive:
//                          date = the date of death.
// nik, name, birth_date describe the person of person_key as written to the register (nik empty when missing);
// duplicate_of_nik and duplicate_of_name describe the original.
//
// Person keys: a person is "KK/N", the household's KK number (unique in the generated population) and the person's
// 1-based position among its members. The register stores members in that order, so on a database the generator
// wrote, N is the person's rank by id within the household:
//   SELECT p.* FROM persons p JOIN households h ON h.id = p.household_id
//    WHERE h.kk_number = :kk ORDER BY p.id LIMIT 1 OFFSET :n - 1
// (after later KK changes, look the number up in household_kk_history instead).
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <iosfwd>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "regions/regions_service.hpp"
#include "registry/registry_service.hpp"

namespace sinergi::demo {

struct PopulationOptions {
    std::string regency = "33.02";
    std::int64_t households = 20000;
    std::uint64_t seed = 1;
    std::chrono::year_month_day as_of{std::chrono::year{2026}, std::chrono::month{1}, std::chrono::day{1}};
    std::int64_t batch_size = 2000;  // households per CreateMany call (one transaction each)
    // Shares of injected problems. duplicate: of persons, each gets a copy in a later household with this chance;
    // stale: of households, verified more than two years ago; deceased: of households, one member died after the
    // last verification and is still listed alive.
    double duplicate_share = 0.02;
    double stale_share = 0.15;
    double deceased_listed_share = 0.01;
};

struct DemoVillage {
    std::string code;        // "33.02.01.2001"
    bool kelurahan = false;  // urban ward (code digit 1 after the district): richer, fewer farmers
};

struct DemoRegency {
    std::string code;                   // "33.02"
    std::string place_name;             // "Banyumas": the name people give as their birth place
    std::vector<DemoVillage> villages;  // every village of every district, in code order
};

// Reads the regency and its villages from the region list. Throws kNotFound for an unknown regency or one without
// villages (partial region data).
DemoRegency LoadRegency(regions::RegionsService& regions, const std::string& code);

enum class TruthKind { kDuplicatePerson, kStaleRecord, kDeceasedListedAlive };
std::string_view ToString(TruthKind kind);

// One row of the truth file (see the top of this header for the meaning of each column).
struct TruthRecord {
    TruthKind kind = TruthKind::kDuplicatePerson;
    std::string household_kk;
    std::string person_key;
    std::string nik;
    std::string name;
    std::string birth_date;
    std::string duplicate_of_key;
    std::string duplicate_of_nik;
    std::string duplicate_of_name;
    std::string name_variant;
    std::string nik_variant;
    std::string date;
};

void WriteTruthHeader(std::ostream& out);
void WriteTruthRow(std::ostream& out, const TruthRecord& record);

struct PopulationBatch {
    std::vector<registry::NewHousehold> households;
    std::vector<TruthRecord> truth;  // about these households only
};

struct PopulationCounts {
    std::int64_t households = 0;
    std::int64_t persons = 0;
    std::int64_t missing_nik = 0;
    std::int64_t duplicates = 0;
    std::int64_t stale = 0;
    std::int64_t deceased_listed = 0;
};

// Generates the population household by household; holds only the counters and the copies waiting to be placed.
class PopulationGenerator {
 public:
    // Throws kInvalid for options out of range (negative counts, shares outside 0..1) or a regency without villages.
    PopulationGenerator(DemoRegency regency, const PopulationOptions& options);
    ~PopulationGenerator();
    PopulationGenerator(const PopulationGenerator&) = delete;
    PopulationGenerator& operator=(const PopulationGenerator&) = delete;

    // Replaces `batch` with the next households (at most `max_households`) and their truth rows. False, with an
    // empty batch, once options.households have been generated.
    bool Next(std::int64_t max_households, PopulationBatch& batch);
    const PopulationCounts& counts() const;

 private:
    struct State;
    std::unique_ptr<State> state_;
};

struct PopulationSummary {
    PopulationCounts counts;
    std::int64_t villages = 0;
    // Households the register already held in the regency: when > 0 nothing was generated (running the demo again
    // keeps what exists, as the rest of the demo does) and the truth file was left as it was.
    std::int64_t existing_households = 0;
};

// Generates options.households households and writes them through `registry` (source demo), one transaction per
// batch. Truth rows are appended to `truth_file` (created with its header) after their batch is committed, so the
// file always describes exactly what the register holds. `progress` gets (households written, total).
PopulationSummary GeneratePopulation(registry::RegistryService& registry, regions::RegionsService& regions,
                                     const PopulationOptions& options, const std::filesystem::path& truth_file,
                                     const std::function<void(std::int64_t, std::int64_t)>& progress = {});

}  // namespace sinergi::demo
