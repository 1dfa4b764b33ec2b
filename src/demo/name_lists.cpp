#include "demo/name_lists.hpp"

namespace sinergi::demo::names {

namespace {

using std::string_view;

// Banyumasan names often end in -am, -im, -un, -an (Daslam, Carsim, Tarsun, Kaswan): they are kept here beside the
// wider Javanese ones (Sukirman, Sutrisno).
constexpr string_view kTraditionalMale[] = {
    "Sukirman", "Sutrisno", "Sugiyono", "Suparman", "Slamet",   "Sumarno", "Karsono", "Darsono",  "Warsito", "Kasmin",
    "Parno",    "Paimin",   "Tukiman",  "Rasman",   "Darmo",    "Wagiman", "Sarmin",  "Kusnadi",  "Sutarno", "Subagyo",
    "Sunarto",  "Mulyono",  "Rusdi",    "Kartam",   "Taryono",  "Suwarno", "Kardi",   "Ratam",    "Daslam",  "Tarsun",
    "Wastam",   "Carsim",   "Darsim",   "Kaswan",   "Daslim",   "Warsun",  "Tarsim",  "Rasum",    "Casmadi", "Darsun",
    "Kaslan",   "Wiryo",    "Parto",    "Marsudi",  "Sastro",   "Karyo",   "Sudarmo", "Suyatno",  "Jumadi",  "Ngadino",
    "Poniman",  "Sukardi",  "Rasimin",  "Samsudin", "Kasdi",    "Warso",   "Tarmuji", "Karsidi",  "Dirun",   "Wartono",
    "Sakim",    "Raswan",   "Tasrip",   "Dasuki",   "Kastam",   "Dalimin", "Marjuki", "Sardi",    "Kamid",   "Salim",
    "Sarwono",  "Sukarjo",  "Sutoyo",   "Sumarto",  "Sadiman",  "Wakidi",  "Legiman", "Ngatimin", "Supardi", "Satiman",
    "Tarsono",  "Cahyadi",  "Wikarta",  "Sanroji",  "Dulkamid", "Karsum",  "Tamsir",  "Rusmad",   "Juned",   "Sukarto",
};

constexpr string_view kTraditionalFemale[] = {
    "Sumarni", "Tukiyem",  "Parsini",  "Kasmirah", "Sarinah",  "Painem",   "Wagiyem",  "Suminah",  "Tarsih",
    "Darsih",  "Rasinah",  "Sutinah",  "Sumiyati", "Sukarsih", "Warsini",  "Wasiah",   "Karsiti",  "Casmini",
    "Rumini",  "Suwarti",  "Tumini",   "Jumirah",  "Sriyati",  "Kasirah",  "Saminah",  "Ngatinah", "Sainem",
    "Waginah", "Tasmi",    "Darsinah", "Warsiyah", "Sumirah",  "Kartini",  "Sutiyah",  "Tarmi",    "Rasmini",
    "Satinem", "Karsinah", "Marsiti",  "Sukini",   "Poniyem",  "Ngadiyem", "Tuginah",  "Kastini",  "Dasem",
    "Carini",  "Wartinah", "Sarni",    "Marni",    "Kasiyem",  "Legiyem",  "Paini",    "Juminten", "Sutirah",
    "Rukiyah", "Darmi",    "Kusmini",  "Sadinah",  "Tarsiyah", "Salimah",  "Rumiyati", "Mujiyem",  "Siyem",
    "Sainah",  "Kariah",   "Wasirah",  "Tugiyem",  "Rakinah",  "Kartem",   "Casiah",   "Wasini",   "Darti",
    "Rasiyem", "Samini",   "Tusmini",  "Warsem",   "Kaswati",  "Suparti",  "Ngasiah",  "Jumini",
};

constexpr string_view kCommonMale[] = {
    "Agus",    "Budi",     "Bambang",  "Eko",      "Joko",     "Hadi",   "Heru",     "Teguh",     "Wahyu",   "Edi",
    "Sigit",   "Rudi",     "Bayu",     "Hendra",   "Iwan",     "Dedi",   "Yanto",    "Supriyadi", "Sugeng",  "Priyanto",
    "Purnomo", "Haryanto", "Kuswanto", "Susilo",   "Darmanto", "Rahmat", "Arif",     "Anton",     "Didik",   "Nanang",
    "Wawan",   "Imam",     "Rizal",    "Andi",     "Hari",     "Aris",   "Dani",     "Toto",      "Yudi",    "Sunardi",
    "Triyono", "Suharno",  "Widodo",   "Joni",     "Yusuf",    "Zainal", "Syaiful",  "Khoirul",   "Taufik",  "Hartono",
    "Mujiono", "Suryanto", "Darto",    "Waluyo",   "Agung",    "Sapto",  "Catur",    "Totok",     "Bowo",    "Ari",
    "Bagus",   "Puji",     "Sarwoko",  "Triyanto", "Dwi",      "Tri",    "Endro",    "Kukuh",     "Margono", "Suroso",
    "Sobirin", "Muslim",   "Hasan",    "Umar",     "Ali",      "Jamal",  "Fuad",     "Syamsul",   "Mukhlis", "Nurhadi",
    "Rohmat",  "Khamdan",  "Mustofa",  "Ridwan",   "Solikhin", "Kholil", "Nasrudin", "Sulaiman",  "Yahya",   "Junaedi",
};

constexpr string_view kCommonFemale[] = {
    "Sri",      "Siti",     "Endang",    "Yuni",     "Dewi",     "Rina",      "Tri",       "Nur",      "Ratna",
    "Wati",     "Lilis",    "Ani",       "Sulastri", "Suryani",  "Retno",     "Indah",     "Nining",   "Yanti",
    "Erna",     "Eni",      "Tuti",      "Umi",      "Rini",     "Titik",     "Sumarsih",  "Wahyuni",  "Purwati",
    "Kusmiati", "Astuti",   "Susanti",   "Mulyani",  "Ernawati", "Kurniasih", "Dwi",       "Nanik",    "Juwariyah",
    "Khotimah", "Musripah", "Rohmah",    "Zubaedah", "Solikhah", "Masriah",   "Partini",   "Sunarti",  "Tarwiyah",
    "Yuliana",  "Heni",     "Ida",       "Yayuk",    "Nurul",    "Asih",      "Tatik",     "Endah",    "Ninik",
    "Warni",    "Wiwik",    "Tutik",     "Ambar",    "Atik",     "Lina",      "Yati",      "Murni",    "Sujiati",
    "Rusmiati", "Sugiarti", "Supriyati", "Mujiati",  "Puji",     "Ika",       "Eka",       "Leni",     "Evi",
    "Wartini",  "Mariyam",  "Sumarti",   "Fatonah",  "Sukesih",  "Rokhayah",  "Muslikhah", "Khusniah", "Jamilah",
};

constexpr string_view kModernMale[] = {
    "Rizki",  "Fajar",  "Dimas",   "Bagas",  "Aditya",  "Raka",   "Arya",   "Rafi",    "Fadil",  "Naufal",
    "Alif",   "Hafiz",  "Zidan",   "Daffa",  "Rizky",   "Farhan", "Ilham",  "Yoga",    "Galih",  "Bima",
    "Satria", "Reza",   "Akbar",   "Hanif",  "Azka",    "Arkan",  "Rasya",  "Bintang", "Rangga", "Fikri",
    "Wildan", "Ridho",  "Nizam",   "Fahmi",  "Faiz",    "Ghani",  "Haikal", "Irfan",   "Kevin",  "Lutfi",
    "Mahesa", "Nabil",  "Nanda",   "Rehan",  "Syahrul", "Taufiq", "Wisnu",  "Yusril",  "Zaki",   "Abdillah",
    "Akmal",  "Alfian", "Andika",  "Ardi",   "Azzam",   "Dwiki",  "Elang",  "Fathan",  "Gilang", "Hafidz",
    "Ibnu",   "Kafka",  "Raditya", "Rafka",  "Sakti",   "Ubaid",  "Zaidan", "Raffi",   "Fauzan", "Adit",
    "Rendi",  "Agil",   "Bayu",    "Danang", "Fariz",   "Habib",  "Iqbal",  "Jefri",   "Yudha",  "Kurnia",
};

constexpr string_view kModernFemale[] = {
    "Nabila",  "Aulia",  "Putri",  "Salsabila", "Zahra",  "Aisyah",  "Anisa",  "Dinda",  "Ayu",     "Intan",
    "Rahma",   "Fitri",  "Nadia",  "Safira",    "Citra",  "Amelia",  "Khansa", "Alya",   "Naura",   "Keisha",
    "Syifa",   "Zaskia", "Tiara",  "Laras",     "Anggun", "Febri",   "Adinda", "Afifah", "Amanda",  "Annisa",
    "Bella",   "Cahya",  "Della",  "Dina",      "Elisa",  "Fadhila", "Farah",  "Hana",   "Hasna",   "Indri",
    "Jasmine", "Kayla",  "Kirana", "Lutfiah",   "Maya",   "Melati",  "Nayla",  "Nisa",   "Novi",    "Qonita",
    "Rara",    "Reva",   "Riska",  "Sabrina",   "Salma",  "Sekar",   "Shafa",  "Silvia", "Tsabita", "Vina",
    "Windi",   "Yasmin", "Zahira", "Zalfa",     "Alifah", "Arum",    "Ayunda", "Fitria", "Kinanti", "Ratih",
    "Resti",   "Salwa",  "Shinta", "Wulan",     "Nurul",  "Dewi",    "Anjani", "Cinta",  "Elsa",    "Gita",
};

constexpr string_view kSecondMale[] = {
    "Santoso",   "Prasetyo",   "Nugroho",   "Wibowo",     "Setiawan", "Saputra",      "Pratama",   "Hidayat",
    "Kurniawan", "Firmansyah", "Ramadhan",  "Maulana",    "Hakim",    "Purnomo",      "Susanto",   "Wijaya",
    "Gunawan",   "Permana",    "Febrianto", "Priyono",    "Riyadi",   "Sugiarto",     "Hartono",   "Mahendra",
    "Syahputra", "Nurhadi",    "Sulistyo",  "Ardiansyah", "Fauzi",    "Hidayatullah", "Kusuma",    "Prabowo",
    "Utomo",     "Wicaksono",  "Susilo",    "Rahman",     "Nugraha",  "Saifudin",     "Munandar",  "Darmawan",
    "Budiman",   "Cahyono",    "Hermawan",  "Irawan",     "Sasongko", "Haryono",      "Widianto",  "Sudrajat",
    "Pamungkas", "Aji",        "Mukti",     "Sejati",     "Arifin",   "Hasanudin",    "Rosyid",    "Anwar",
    "Yulianto",  "Pangestu",   "Triatmojo", "Sulaksono",  "Adi",      "Setyawan",     "Apriyanto", "Rizaldi",
};

constexpr string_view kSecondFemale[] = {
    "Rahayu",     "Lestari",   "Wulandari",    "Handayani",    "Purwanti",  "Kurniawati",   "Sari",
    "Pertiwi",    "Safitri",   "Puspitasari",  "Anggraini",    "Maharani",  "Utami",        "Rahmawati",
    "Setyowati",  "Fitriani",  "Nurhayati",    "Susilowati",   "Wijayanti", "Oktaviani",    "Permatasari",
    "Ramadhani",  "Azzahra",   "Khoirunnisa",  "Mutiara",      "Cahyani",   "Hidayah",      "Aminah",
    "Fatimah",    "Zulaikha",  "Ningsih",      "Suryaningsih", "Prihatin",  "Kusumawati",   "Indriani",
    "Novitasari", "Apriliani", "Septiani",     "Agustina",     "Damayanti", "Hapsari",      "Larasati",
    "Andriani",   "Yuliani",   "Wahyuningsih", "Sulistiani",   "Astutik",   "Mulyaningsih", "Widyaningrum",
    "Kartika",    "Nuraini",   "Amalia",       "Khasanah",     "Maulida",   "Nurjanah",     "Saraswati",
    "Kinasih",    "Pratiwi",   "Anjarwati",    "Ayuningtyas",
};

constexpr string_view kAfterAbdul[] = {"Rahman", "Aziz",  "Ghofur", "Karim", "Majid",    "Rohim", "Wahid",
                                       "Hakim",  "Latif", "Kholik", "Jalil", "Malik",    "Rozak", "Salam",
                                       "Muis",   "Basir", "Qodir",  "Fatah", "Mutholib", "Hamid", "Kadir"};

constexpr string_view kAfterSiti[] = {"Aminah",    "Fatimah",  "Khotijah",  "Maryam",    "Zulaikha", "Nurjanah",
                                      "Rohmah",    "Masitoh",  "Mutmainah", "Khoiriyah", "Nuraini",  "Zubaedah",
                                      "Muslimah",  "Sholihah", "Halimah",   "Maimunah",  "Romlah",   "Sundari",
                                      "Kholifah",  "Zaenab",   "Khusnul",   "Ngaisah",   "Komariah", "Nurhasanah",
                                      "Munawaroh", "Rukayah",  "Juleha",    "Umiyati",   "Badriyah", "Chotimah"};

constexpr string_view kHamlets[] = {
    "Krajan",      "Karanganyar",  "Kaliputih",  "Pesawahan",     "Tegalsari",  "Sidamulya",   "Karangsari",
    "Kedungrandu", "Karangjati",   "Kalisari",   "Sawangan",      "Kebonagung", "Sumbersari",  "Banjaran",
    "Gunungsari",  "Panusupan",    "Pagersari",  "Klapasawit",    "Cigintung",  "Kaliwangi",   "Karangtengah",
    "Babakan",     "Pejaten",      "Sindang",    "Tipar",         "Legok",      "Pasir",       "Kalibening",
    "Karanglo",    "Cibangkong",   "Watukumpul", "Kedungwringin", "Gempol",     "Randegan",    "Kemiri",
    "Tanjungsari", "Karangnangka", "Pesantren",  "Kalipait",      "Pangebatan", "Panembangan", "Kauman",
    "Pekauman",    "Sirau",        "Cikembang",  "Silado",        "Limbangan",  "Bojong"};

constexpr string_view kStreets[] = {"Jl. Jenderal Sudirman",
                                    "Jl. Gatot Subroto",
                                    "Jl. Ahmad Yani",
                                    "Jl. Diponegoro",
                                    "Jl. Pahlawan",
                                    "Jl. Veteran",
                                    "Jl. Kartini",
                                    "Jl. Pemuda",
                                    "Jl. Merdeka",
                                    "Jl. Pramuka",
                                    "Jl. Gerilya",
                                    "Jl. Masjid",
                                    "Jl. Sunan Kalijaga",
                                    "Jl. Kolonel Sugiono",
                                    "Jl. Pattimura",
                                    "Jl. Cendana",
                                    "Jl. Melati",
                                    "Jl. Flamboyan",
                                    "Jl. Kenanga",
                                    "Jl. Dahlia",
                                    "Jl. Sawo",
                                    "Jl. Nangka",
                                    "Jl. Kapten Tendean",
                                    "Jl. Hos Cokroaminoto",
                                    "Jl. Ki Hajar Dewantara",
                                    "Gg. Mawar",
                                    "Gg. Salak",
                                    "Gg. Kelapa",
                                    "Gg. Manggis",
                                    "Gg. Delima"};

constexpr string_view kOtherBirthPlaces[] = {"Cilacap", "Purbalingga", "Banjarnegara", "Kebumen",   "Brebes",
                                             "Tegal",   "Pemalang",    "Wonosobo",     "Semarang",  "Yogyakarta",
                                             "Jakarta", "Bandung",     "Bekasi",       "Tangerang", "Surabaya",
                                             "Cirebon", "Purworejo",   "Magelang",     "Solo",      "Lampung"};

}  // namespace

std::span<const string_view> TraditionalMale() { return kTraditionalMale; }
std::span<const string_view> TraditionalFemale() { return kTraditionalFemale; }
std::span<const string_view> CommonMale() { return kCommonMale; }
std::span<const string_view> CommonFemale() { return kCommonFemale; }
std::span<const string_view> ModernMale() { return kModernMale; }
std::span<const string_view> ModernFemale() { return kModernFemale; }
std::span<const string_view> SecondMale() { return kSecondMale; }
std::span<const string_view> SecondFemale() { return kSecondFemale; }
std::span<const string_view> AfterAbdul() { return kAfterAbdul; }
std::span<const string_view> AfterSiti() { return kAfterSiti; }
std::span<const string_view> Hamlets() { return kHamlets; }
std::span<const string_view> Streets() { return kStreets; }
std::span<const string_view> OtherBirthPlaces() { return kOtherBirthPlaces; }

}  // namespace sinergi::demo::names
