// Normalisation of Indonesian person names and addresses for record linkage: the comparators see the same ASCII
// form whatever case, punctuation, titles or old spelling a list used. Unlike registry's search keys (which fold
// j/y, kh/h and a final h as well, and are stored in the database), this keeps letters that tell names apart and
// keeps the father's name after bin/binti as a separate field of evidence.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace sinergi::linkage {

struct NormalisedName {
    std::vector<std::string> tokens;         // the person's own name, in written order
    std::vector<std::string> sorted_tokens;  // the same tokens sorted, duplicates removed: order-free comparison
    std::vector<std::string> father_tokens;  // what followed "bin"/"binti": the father's name, in order
    std::string compact;                     // the tokens concatenated: "nur hasanah" and "nurhasanah" meet

    // The tokens joined with single spaces ("" for a name of only titles or punctuation).
    std::string Joined() const;
};

// "H. Moch. Soedjono, S.Pd." → tokens {muhamad, sujono}: lower case; digits and punctuation removed; titles and
// honorifics dropped wherever they stand; old spellings brought to the current one (oe→u, dj→j, tj→c, sj→sy,
// nj→ny and a lone j→y in a token written in the old spelling; ch→kh always); doubled letters collapsed; the
// written forms of Muhammad (Moch., Muh., Mohamad…) brought to one.
NormalisedName NormaliseName(std::string_view name);

// One name part normalised the same way (no title removal).
std::string NormaliseNameToken(std::string_view token);

// "Jl. Merdeka No.5 RT 3 / RW 05 Dsn. Krajan" → "jalan merdeka nomor 5 rt 003 rw 005 dusun krajan": lower case,
// punctuation removed, common abbreviations written out, RT and RW numbers three digits wide.
std::string NormaliseAddress(std::string_view address);

}  // namespace sinergi::linkage
