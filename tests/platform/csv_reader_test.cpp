#include "platform/csv_reader.hpp"

#include <sstream>

#include <gtest/gtest.h>

namespace sinergi {
namespace {

std::vector<std::vector<std::string>> ReadAll(const std::string& text, std::optional<CsvProblem>* problem = nullptr) {
    std::istringstream in(text);
    CsvReader reader(in);
    std::vector<std::vector<std::string>> rows;
    std::vector<std::string> fields;
    while (reader.Next(fields)) {
        rows.push_back(fields);
    }
    if (problem != nullptr) {
        *problem = reader.problem();
    }
    return rows;
}

TEST(CsvReader, ReadsQuotedFieldsWithCommasQuotesAndLineBreaks) {
    auto rows = ReadAll("code,name\r\n12.07.28.1007,\"Lubuk Pakam I,II\"\n35.13.15.2017,\"Soka\"\"an\"\n1,\"a\nb\"\n");
    ASSERT_EQ(rows.size(), 4u);
    EXPECT_EQ(rows[1][1], "Lubuk Pakam I,II");
    EXPECT_EQ(rows[2][1], "Soka\"an");
    EXPECT_EQ(rows[3][1], "a\nb");
}

TEST(CsvReader, SkipsByteOrderMarkAndKeepsEmptyFields) {
    auto rows = ReadAll(
        "\xEF\xBB\xBF"
        "a,,c\n");
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0], (std::vector<std::string>{"a", "", "c"}));
}

TEST(CsvReader, ReportsUnterminatedQuoteWithLine) {
    std::optional<CsvProblem> problem;
    auto rows = ReadAll("a,b\n1,\"open\n2,3\n", &problem);
    EXPECT_EQ(rows.size(), 1u);
    ASSERT_TRUE(problem);
    EXPECT_EQ(problem->column, 2);
    EXPECT_NE(problem->message_en.find("Unterminated quote"), std::string::npos);
}

TEST(CsvReader, ReportsTextAfterClosingQuote) {
    std::optional<CsvProblem> problem;
    ReadAll("\"ab\"c,d\n", &problem);
    ASSERT_TRUE(problem);
    EXPECT_EQ(problem->line, 1);
}

TEST(CsvReader, RejectsInvalidUtf8NamingTheField) {
    std::optional<CsvProblem> problem;
    auto rows = ReadAll("ok,fine\nx,caf\xE9\n", &problem);  // Latin-1 é, a file saved in the wrong encoding
    EXPECT_EQ(rows.size(), 1u);
    ASSERT_TRUE(problem);
    EXPECT_EQ(problem->line, 2);
    EXPECT_EQ(problem->column, 2);
    EXPECT_NE(problem->message_id.find("UTF-8"), std::string::npos);
}

TEST(DetectCsvDelimiter, ReadsTheSeparatorExcelUsedFromTheHeaderLine) {
    EXPECT_EQ(DetectCsvDelimiter("no_kk,nik,nama"), ',');
    EXPECT_EQ(DetectCsvDelimiter("no_kk;nik;nama"), ';');  // Excel with Indonesian regional settings
    EXPECT_EQ(DetectCsvDelimiter("no_kk\tnik\tnama"), '\t');
    // Separators inside quotes do not count.
    EXPECT_EQ(DetectCsvDelimiter(R"("a;b;c",nik,nama)"), ',');
    EXPECT_EQ(DetectCsvDelimiter(""), ',');
}

}  // namespace
}  // namespace sinergi
