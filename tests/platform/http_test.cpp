#include "platform/http.hpp"

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "platform/json_body.hpp"
#include "platform/router.hpp"

namespace sinergi::http {
namespace {

TEST(Language, IndonesianUnlessEnglishIsPreferred) {
    EXPECT_EQ(NegotiateLanguage(""), Language::kId);
    EXPECT_EQ(NegotiateLanguage("en-US,en;q=0.9"), Language::kEn);
    EXPECT_EQ(NegotiateLanguage("id-ID,id;q=0.9,en;q=0.8"), Language::kId);
    EXPECT_EQ(NegotiateLanguage("fr-FR, en;q=0.5"), Language::kEn);
    EXPECT_EQ(NegotiateLanguage("en;q=0.3, id;q=0.7"), Language::kId);
    EXPECT_EQ(NegotiateLanguage("de"), Language::kId);
}

TEST(Problem, RendersBothLanguagesAndTheFieldAtFault) {
    ValidationReport report;
    report.Add("X-1", "password", {"Kata sandi terlalu pendek.", "Password too short."});
    try {
        report.ThrowIfAny();
        FAIL() << "expected a validation error";
    } catch (const Error& error) {
        auto response = RenderProblem(error, Language::kEn, "/api/v1/users");
        EXPECT_EQ(response.status, 400u);
        EXPECT_EQ(response.content_type, "application/problem+json; charset=utf-8");
        auto body = boost::json::parse(response.body).as_object();
        EXPECT_EQ(body["type"], "urn:sinergi:problem:validation-failed");
        EXPECT_EQ(body["detail"].as_string().find("Invalid data"), 0u);
        EXPECT_EQ(body["message"].as_object()["id"].as_string().find("Data tidak valid"), 0u);
        EXPECT_EQ(body["errors"].as_array()[0].as_object()["field"], "password");
    }
}

TEST(Problem, RateLimitCarriesRetryAfter) {
    Error error(ErrorDef{ErrorKind::kRateLimited, "T-1", "too-many", "Too many"}, {"a", "b"});
    error.WithExtension("retry_after_seconds", 120);
    auto response = RenderProblem(error, Language::kId, "/x");
    EXPECT_EQ(response.status, 429u);
    ASSERT_EQ(response.headers.size(), 1u);
    EXPECT_EQ(response.headers[0], (std::pair<std::string, std::string>{"Retry-After", "120"}));
}

Request JsonRequest(std::string body) {
    Request request;
    request.method = "POST";
    request.headers = {{"Content-Type", "application/json"}};
    request.body = std::move(body);
    return request;
}

TEST(JsonBody, BrokenJsonReportsLineColumnAndOffset) {
    try {
        ParseJsonObject(JsonRequest("{\n  \"username\": \"admin\",\n  \"password\": }"));
        FAIL() << "expected malformed-json";
    } catch (const Error& error) {
        EXPECT_EQ(error.slug(), "malformed-json");
        const auto& position = error.extensions().at("position").as_object();
        EXPECT_EQ(position.at("line"), 3);
        EXPECT_EQ(position.at("column"), 15);
        EXPECT_EQ(position.at("offset"), 39);
    }
}

TEST(JsonBody, WrongContentTypeIs415) {
    auto request = JsonRequest("{}");
    request.headers = {{"Content-Type", "text/plain"}};
    try {
        ParseJsonObject(request);
        FAIL();
    } catch (const Error& error) {
        EXPECT_EQ(StatusOf(error.kind()), 415u);
    }
}

TEST(JsonBody, FieldsCollectEveryProblemIncludingUnknownKeys) {
    auto object = ParseJsonObject(JsonRequest(R"({"username": 5, "passwrod": "x", "active": "yes"})"));
    ValidationReport report;
    JsonFields fields(object, report);
    EXPECT_FALSE(fields.String("username", Presence::kRequired));
    EXPECT_FALSE(fields.String("password", Presence::kRequired));
    EXPECT_FALSE(fields.Bool("active", Presence::kOptional));
    fields.RejectUnknown();
    std::vector<std::string> at_fault;
    for (const auto& issue : report.issues()) {
        at_fault.push_back(issue.field);
    }
    EXPECT_EQ(at_fault, (std::vector<std::string>{"username", "password", "active", "passwrod"}));
}

TEST(JsonBody, LengthCountsCharactersNotBytes) {
    auto object = ParseJsonObject(JsonRequest(R"({"name": "Ña"})"));
    ValidationReport report;
    JsonFields fields(object, report);
    EXPECT_EQ(fields.String("name", Presence::kRequired, 2, 2), "Ña");
    EXPECT_TRUE(report.empty());
}

TEST(Router, LiteralSegmentsWinAndParametersAreExtracted) {
    Router<int> router;
    router.Add("GET", "/api/v1/users/{id}", 1);
    router.Add("GET", "/api/v1/users/me", 2);
    router.Add("POST", "/api/v1/users/{id}/disable", 3);
    auto me = router.Find("GET", "/api/v1/users/me");
    ASSERT_NE(me.route, nullptr);
    EXPECT_EQ(me.route->endpoint, 2);
    auto one = router.Find("GET", "/api/v1/users/42");
    ASSERT_NE(one.route, nullptr);
    EXPECT_EQ(one.params.at("id"), "42");
    auto wrong_method = router.Find("GET", "/api/v1/users/42/disable");
    EXPECT_EQ(wrong_method.route, nullptr);
    EXPECT_EQ(wrong_method.allowed_methods, (std::vector<std::string>{"POST"}));
    EXPECT_EQ(router.Find("GET", "/api/v1/nothing").route, nullptr);
}

TEST(Request, ReadsCookiesAmongOthers) {
    Request request;
    request.headers = {{"Cookie", "theme=dark; sinergi_session=abc123; x=y"}};
    EXPECT_EQ(request.Cookie("sinergi_session"), "abc123");
    EXPECT_FALSE(request.Cookie("missing"));
}

}  // namespace
}  // namespace sinergi::http
