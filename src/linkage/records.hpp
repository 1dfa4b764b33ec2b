// The records a linkage run compares, prepared once: each field normalised and turned into small integers (dictionary
// codes, YYYYMMDD numbers) so that scoring a candidate pair compares integers and reads strings only when two values
// differ. Deduplication prepares one list; matching prepares both lists into one set so codes mean the same on both
// sides (the left list first).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace sinergi::linkage {

// The fields a record may have. A list maps its own columns onto these (see docs/linkage.md); a field no column
// maps to plays no part.
enum class Field : std::uint8_t {
    kGivenName,    // or the full name when a list has one name column
    kSurname,      // family name, where a list has one (many Indonesians have none)
    kBirthDate,    //
    kNik,          // Nomor Induk Kependudukan (16-digit national identity number) or another identity number
    kSex,          //
    kHouseNumber,  // street number
    kAddress,      // street and the rest of the address line
    kLocality,     // village, suburb or town name
    kPostcode,     //
    kRegion,       // Kemendagri region code, or a region name (province, state)
};
inline constexpr std::size_t kFieldCount = 10;
inline constexpr std::array<Field, kFieldCount> kAllFields{
    Field::kGivenName,   Field::kSurname, Field::kBirthDate, Field::kNik,      Field::kSex,
    Field::kHouseNumber, Field::kAddress, Field::kLocality,  Field::kPostcode, Field::kRegion};

// The field's name in mapping files and in the evidence columns of pairs.csv ("given_name", "birth_date"…).
std::string_view FieldName(Field field);
constexpr std::size_t Index(Field field) { return static_cast<std::size_t>(field); }

// One record as read: its own id and the raw text of each field ("" when absent).
struct RawRecord {
    std::string id;
    std::array<std::string, kFieldCount> values;
};

// How birth dates are written: a pattern of YYYY, MM and DD with any separators between ("YYYYMMDD", "DD/MM/YYYY",
// "YYYY-MM-DD"). Empty is YYYYMMDD with or without separators.
struct PrepareOptions {
    std::string birth_date_format;
};

// Distinct values of one kind, numbered from 1 (0 = missing).
class Dictionary {
 public:
    // The code of `text`, added when new; "" is always 0.
    std::uint32_t Intern(std::string_view text);
    const std::string& Text(std::uint32_t code) const { return texts_[code]; }
    std::size_t size() const { return texts_.size(); }

 private:
    struct Hash {
        using is_transparent = void;
        std::size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
    };
    std::vector<std::string> texts_{std::string{}};
    std::unordered_map<std::string, std::uint32_t, Hash, std::equal_to<>> codes_;
};

struct RecordSet {
    std::vector<std::string> ids;
    std::size_t left_count = 0;  // matching: records [0, left_count) are the left list; deduplication: all records
    std::array<bool, kFieldCount> present{};  // some record has this field

    // Name codes (given name and surname share one dictionary, so a swapped name is a code comparison).
    Dictionary names;
    std::vector<std::uint32_t> given_name;
    std::vector<std::uint32_t> surname;
    // Per name code: the code of its tokens sorted and joined, so "nur hasanah" / "hasanah nur" meet.
    std::vector<std::uint32_t> name_token_set;
    // Per name code: the phonetic keys of its tokens, sorted (blocking).
    std::vector<std::uint32_t> name_phonetic;
    Dictionary phonetic_keys;

    std::vector<std::uint32_t> birth_date;  // YYYYMMDD, 0 when missing or not a calendar date
    std::vector<std::int32_t> birth_day;    // days since 1970-01-01 (valid when birth_date != 0)
    Dictionary niks;                        // digits only
    std::vector<std::uint32_t> nik;
    // The digits a NIK comparison weighs: a 16-digit NIK's digits 7-12 are the holder's birth date (day + 40 for
    // women), which the birth-date field already weighs, and two people born on one day in one district have NIKs
    // that differ in one digit or none; so for 16-digit numbers only the region and serial digits (1-6, 13-16) are
    // compared. Other identity numbers are compared whole. Codes of `nik_parts`.
    Dictionary nik_parts;
    std::vector<std::uint32_t> nik_compared;
    std::vector<std::uint8_t> sex;  // 0 missing, 1 male, 2 female
    Dictionary others;              // house numbers, addresses, localities, postcodes, regions
    std::vector<std::uint32_t> house_number;
    std::vector<std::uint32_t> address;
    std::vector<std::uint32_t> locality;
    std::vector<std::uint32_t> postcode;
    std::vector<std::uint32_t> region;

    // How many records hold each code in the field (term frequencies); indexed by code of that field's dictionary.
    std::vector<std::uint32_t> given_name_count;
    std::vector<std::uint32_t> surname_count;

    std::size_t size() const { return ids.size(); }
    // The dictionary code of `record`'s value in `field` (birth dates and sex as their integers).
    std::uint32_t Code(Field field, std::uint32_t record) const;
    // The normalised text of `record`'s value in `field`, as the comparison saw it.
    std::string Text(Field field, std::uint32_t record) const;
};

// Normalises every record's fields (names with NormaliseName, addresses with NormaliseAddress, identity numbers to
// their digits, dates by `options.birth_date_format`) and builds the codes. `left_count` says where the left list
// ends when matching (records.size() when deduplicating).
RecordSet PrepareRecords(const std::vector<RawRecord>& records, std::size_t left_count, const PrepareOptions& options);

// YYYYMMDD of `text` read with `format` (see PrepareOptions), or 0 when it does not fit or is not a calendar date.
std::uint32_t ParseBirthDate(std::string_view text, std::string_view format);

// A phonetic key of one normalised name token: the first letter (c/k, f/p/v, j/y and z/s counted as one) followed
// by up to three classes of the consonants after it, repeats and vowels dropped ("suharto", "soeharto" → s63).
std::string PhoneticKey(std::string_view token);

}  // namespace sinergi::linkage
