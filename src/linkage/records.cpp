#include "linkage/records.hpp"

#include <algorithm>
#include <chrono>

#include "linkage/names.hpp"

namespace sinergi::linkage {

std::string_view FieldName(Field field) {
    switch (field) {
        case Field::kGivenName:
            return "given_name";
        case Field::kSurname:
            return "surname";
        case Field::kBirthDate:
            return "birth_date";
        case Field::kNik:
            return "nik";
        case Field::kSex:
            return "sex";
        case Field::kHouseNumber:
            return "house_number";
        case Field::kAddress:
            return "address";
        case Field::kLocality:
            return "locality";
        case Field::kPostcode:
            return "postcode";
        case Field::kRegion:
            return "region";
    }
    return "?";
}

std::uint32_t Dictionary::Intern(std::string_view text) {
    if (text.empty()) {
        return 0;
    }
    if (const auto found = codes_.find(text); found != codes_.end()) {
        return found->second;
    }
    const auto code = static_cast<std::uint32_t>(texts_.size());
    texts_.emplace_back(text);
    codes_.emplace(std::string(text), code);
    return code;
}

namespace {

std::string_view Trim(std::string_view text) {
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) {
        return {};
    }
    const auto last = text.find_last_not_of(" \t\r\n");
    return text.substr(first, last - first + 1);
}

std::string LowerTrimmed(std::string_view text) {
    std::string out(Trim(text));
    std::transform(out.begin(), out.end(), out.begin(),
                   [](char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; });
    return out;
}

// The digits of an identity number written with spaces, dots or dashes; "" when anything else is in it.
std::string NikDigits(std::string_view text) {
    std::string out;
    for (char c : Trim(text)) {
        if (c >= '0' && c <= '9') {
            out.push_back(c);
        } else if (c != ' ' && c != '.' && c != '-') {
            return {};
        }
    }
    return out;
}

// A 16-digit NIK without digits 7-12 (the birth date); anything else whole (see RecordSet::nik_compared).
std::string ComparedNikDigits(const std::string& digits) {
    return digits.size() == 16 ? digits.substr(0, 6) + digits.substr(12) : digits;
}

std::uint8_t ParseSex(std::string_view text) {
    const auto value = LowerTrimmed(text);
    if (value == "m" || value == "l" || value == "1" || value == "male" || value == "laki-laki" || value == "lk") {
        return 1;
    }
    if (value == "f" || value == "p" || value == "2" || value == "female" || value == "perempuan" || value == "pr") {
        return 2;
    }
    return 0;
}

std::int32_t DaysSinceEpoch(std::uint32_t yyyymmdd) {
    const std::chrono::year_month_day date{std::chrono::year{static_cast<int>(yyyymmdd / 10000)},
                                           std::chrono::month{(yyyymmdd / 100) % 100},
                                           std::chrono::day{yyyymmdd % 100}};
    return static_cast<std::int32_t>(std::chrono::sys_days{date}.time_since_epoch().count());
}

char PhoneticClass(char c) {
    switch (c) {
        case 'b':
        case 'f':
        case 'p':
        case 'v':
            return '1';
        case 'c':
        case 'g':
        case 'j':
        case 'k':
        case 'q':
        case 's':
        case 'x':
        case 'z':
            return '2';
        case 'd':
        case 't':
            return '3';
        case 'l':
            return '4';
        case 'm':
        case 'n':
            return '5';
        case 'r':
            return '6';
        default:
            return 0;  // vowels, h, w, y: too often added or dropped in spelling variants
    }
}

char PhoneticFirstLetter(char c) {
    switch (c) {
        case 'k':
            return 'c';
        case 'p':
        case 'v':
            return 'f';
        case 'j':
            return 'y';
        case 'z':
            return 's';
        default:
            return c;
    }
}

}  // namespace

std::uint32_t ParseBirthDate(std::string_view text, std::string_view format) {
    const auto value = Trim(text);
    const std::string_view pattern = format.empty() ? std::string_view("YYYYMMDD") : format;
    unsigned year = 0;
    unsigned month = 0;
    unsigned day = 0;
    std::size_t at = 0;
    for (const char want : pattern) {
        if (want == 'Y' || want == 'M' || want == 'D') {
            if (at >= value.size() || value[at] < '0' || value[at] > '9') {
                return 0;
            }
            const auto digit = static_cast<unsigned>(value[at] - '0');
            unsigned& part = want == 'Y' ? year : (want == 'M' ? month : day);
            part = part * 10 + digit;
            ++at;
        } else if (format.empty()) {
            // The default pattern has no separators; skip any the text has.
        } else {
            if (at >= value.size() || (value[at] >= '0' && value[at] <= '9')) {
                return 0;
            }
            ++at;
        }
        if (format.empty() && at < value.size() && (value[at] == '-' || value[at] == '/' || value[at] == '.')) {
            ++at;
        }
    }
    if (at != value.size()) {
        return 0;
    }
    const std::chrono::year_month_day date{std::chrono::year{static_cast<int>(year)}, std::chrono::month{month},
                                           std::chrono::day{day}};
    if (!date.ok() || year < 1000) {
        return 0;
    }
    return year * 10000 + month * 100 + day;
}

std::string PhoneticKey(std::string_view token) {
    if (token.empty()) {
        return {};
    }
    std::string key(1, PhoneticFirstLetter(token[0]));
    char previous = PhoneticClass(token[0]);
    for (std::size_t i = 1; i < token.size() && key.size() < 4; ++i) {
        const char cls = PhoneticClass(token[i]);
        if (cls != 0 && cls != previous) {
            key.push_back(cls);
        }
        // A vowel between two equal classes keeps both ("tata"); h, w and y do not separate them.
        if (cls != 0 || (token[i] != 'h' && token[i] != 'w' && token[i] != 'y')) {
            previous = cls;
        }
    }
    return key;
}

std::uint32_t RecordSet::Code(Field field, std::uint32_t record) const {
    switch (field) {
        case Field::kGivenName:
            return given_name[record];
        case Field::kSurname:
            return surname[record];
        case Field::kBirthDate:
            return birth_date[record];
        case Field::kNik:
            return nik[record];
        case Field::kSex:
            return sex[record];
        case Field::kHouseNumber:
            return house_number[record];
        case Field::kAddress:
            return address[record];
        case Field::kLocality:
            return locality[record];
        case Field::kPostcode:
            return postcode[record];
        case Field::kRegion:
            return region[record];
    }
    return 0;
}

std::string RecordSet::Text(Field field, std::uint32_t record) const {
    const auto code = Code(field, record);
    switch (field) {
        case Field::kGivenName:
        case Field::kSurname:
            return names.Text(code);
        case Field::kBirthDate:
            return code == 0 ? std::string{} : std::to_string(code);
        case Field::kNik:
            return niks.Text(code);
        case Field::kSex:
            return code == 0 ? std::string{} : (code == 1 ? "male" : "female");
        default:
            return others.Text(code);
    }
}

RecordSet PrepareRecords(const std::vector<RawRecord>& records, std::size_t left_count, const PrepareOptions& options) {
    RecordSet set;
    const std::size_t n = records.size();
    set.left_count = std::min(left_count, n);
    set.ids.reserve(n);
    for (auto* column : {&set.given_name, &set.surname, &set.birth_date, &set.nik, &set.house_number, &set.address,
                         &set.locality, &set.postcode, &set.region}) {
        column->resize(n);
    }
    set.birth_day.resize(n);
    set.sex.resize(n);
    set.nik_compared.resize(n);

    // Registers repeat names and places many times over; each distinct raw text is normalised once.
    Dictionary raw_names;
    std::vector<std::uint32_t> name_of_raw{0};
    Dictionary raw_places;
    std::vector<std::uint32_t> place_of_raw{0};
    const auto name_code = [&](std::string_view raw) {
        const auto raw_code = raw_names.Intern(Trim(raw));
        if (raw_code == name_of_raw.size()) {
            name_of_raw.push_back(set.names.Intern(NormaliseName(raw_names.Text(raw_code)).Joined()));
        }
        return name_of_raw[raw_code];
    };
    const auto place_code = [&](std::string_view raw) {
        const auto raw_code = raw_places.Intern(Trim(raw));
        if (raw_code == place_of_raw.size()) {
            place_of_raw.push_back(set.others.Intern(NormaliseAddress(raw_places.Text(raw_code))));
        }
        return place_of_raw[raw_code];
    };

    for (std::size_t r = 0; r < n; ++r) {
        const auto& record = records[r];
        set.ids.push_back(record.id);
        const auto value = [&](Field field) -> const std::string& { return record.values[Index(field)]; };
        set.given_name[r] = name_code(value(Field::kGivenName));
        set.surname[r] = name_code(value(Field::kSurname));
        const auto date = ParseBirthDate(value(Field::kBirthDate), options.birth_date_format);
        set.birth_date[r] = date;
        set.birth_day[r] = date == 0 ? 0 : DaysSinceEpoch(date);
        const auto nik_digits = NikDigits(value(Field::kNik));
        set.nik[r] = set.niks.Intern(nik_digits);
        set.nik_compared[r] = set.nik_parts.Intern(ComparedNikDigits(nik_digits));
        set.sex[r] = ParseSex(value(Field::kSex));
        set.house_number[r] = set.others.Intern(LowerTrimmed(value(Field::kHouseNumber)));
        set.address[r] = place_code(value(Field::kAddress));
        set.locality[r] = place_code(value(Field::kLocality));
        set.postcode[r] = set.others.Intern(LowerTrimmed(value(Field::kPostcode)));
        // A Kemendagri code is compared digit by digit ("33.02.01.2001" as 3302012001); a region name as text.
        const auto region_code = NikDigits(value(Field::kRegion));
        set.region[r] = set.others.Intern(region_code.empty() ? LowerTrimmed(value(Field::kRegion)) : region_code);
        for (const auto field : kAllFields) {
            set.present[Index(field)] =
                set.present[Index(field)] || set.Code(field, static_cast<std::uint32_t>(r)) != 0;
        }
    }

    // Interning the sorted forms may add codes while this runs; the loop reaches them too.
    for (std::uint32_t code = 1; code < set.names.size(); ++code) {
        const auto normalised = NormaliseName(set.names.Text(code));
        std::string sorted;
        for (const auto& token : normalised.sorted_tokens) {
            sorted += token;
        }
        const auto token_set = set.names.Intern(sorted);
        // Every token's key, sorted: "Siti" or "Muhammad" alone would put a tenth of an Indonesian register in
        // one block, and sorting lets "Nur Hasanah" and "Hasanah Nur" meet.
        std::vector<std::string> token_keys;
        token_keys.reserve(normalised.sorted_tokens.size());
        for (const auto& token : normalised.sorted_tokens) {
            token_keys.push_back(PhoneticKey(token));
        }
        std::sort(token_keys.begin(), token_keys.end());
        std::string key;
        for (const auto& token_key : token_keys) {
            key += key.empty() ? token_key : ' ' + token_key;
        }
        const auto phonetic = set.phonetic_keys.Intern(key);
        set.name_token_set.resize(set.names.size());
        set.name_phonetic.resize(set.names.size());
        set.name_token_set[code] = token_set == 0 ? code : token_set;
        set.name_phonetic[code] = phonetic;
    }
    set.name_token_set.resize(set.names.size());
    set.name_phonetic.resize(set.names.size());

    set.given_name_count.assign(set.names.size(), 0);
    set.surname_count.assign(set.names.size(), 0);
    for (std::size_t r = 0; r < n; ++r) {
        ++set.given_name_count[set.given_name[r]];
        ++set.surname_count[set.surname[r]];
    }
    return set;
}

}  // namespace sinergi::linkage
