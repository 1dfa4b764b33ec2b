// The HTTP server as a client sees it: on a real socket on 127.0.0.1.
#include "platform/http_server.hpp"

#include <future>
#include <thread>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <gtest/gtest.h>

namespace sinergi::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;

class RunningServer {
 public:
    explicit RunningServer(ServerOptions options, Handler handler = Echo) {
        options.host = "127.0.0.1";
        options.port = 0;
        options.handle_signals = false;
        server_ = std::make_unique<Server>(options, std::move(handler));
        server_->Bind();
        done_ = std::async(std::launch::async, [this] { server_->Run(); });
    }
    ~RunningServer() { Stop(); }
    RunningServer(const RunningServer&) = delete;
    RunningServer& operator=(const RunningServer&) = delete;

    void Stop() {
        if (done_.valid()) {
            server_->Stop();
            done_.get();
        }
    }
    bool StoppedWithin(std::chrono::milliseconds limit) { return done_.wait_for(limit) == std::future_status::ready; }
    Server& server() { return *server_; }
    unsigned short port() const { return server_->port(); }

    static Response Echo(Request& request) {
        Response response;
        response.content_type = "text/plain";
        response.body = request.method + " " + request.path + " " + std::to_string(request.body.size());
        return response;
    }

 private:
    std::unique_ptr<Server> server_;
    std::future<void> done_;
};

struct Client {
    asio::io_context ioc;
    beast::tcp_stream stream{ioc};
    beast::flat_buffer buffer;

    explicit Client(unsigned short port) { stream.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port)); }

    bhttp::response<bhttp::string_body> Send(bhttp::request<bhttp::string_body> request) {
        request.prepare_payload();
        bhttp::write(stream, request);
        bhttp::response<bhttp::string_body> response;
        bhttp::read(stream, buffer, response);
        return response;
    }
};

bhttp::request<bhttp::string_body> Get(const std::string& target) {
    bhttp::request<bhttp::string_body> request{bhttp::verb::get, target, 11};
    request.set(bhttp::field::host, "127.0.0.1");
    return request;
}

TEST(HttpServer, KeepsAliveAndAddsSecurityHeaders) {
    RunningServer running({});
    Client client(running.port());
    auto first = client.Send(Get("/one?nik=3302010101900001"));
    auto second = client.Send(Get("/two"));  // same connection
    EXPECT_EQ(first.body(), "GET /one 0");
    EXPECT_EQ(second.body(), "GET /two 0");
    EXPECT_EQ(first["X-Content-Type-Options"], "nosniff");
    EXPECT_NE(first["Content-Security-Policy"].find("frame-ancestors 'none'"), std::string::npos);
    EXPECT_EQ(first["Referrer-Policy"], "no-referrer");
}

TEST(HttpServer, RefusesABodyOverTheLimitWith413BeforeReadingIt) {
    ServerOptions options;
    options.body_limit = 1024;
    RunningServer running(options);
    Client client(running.port());
    bhttp::request<bhttp::string_body> request{bhttp::verb::post, "/upload", 11};
    request.set(bhttp::field::content_type, "application/json");
    request.body() = std::string(4096, 'x');
    auto response = client.Send(request);
    EXPECT_EQ(response.result_int(), 413u);
    EXPECT_NE(response.body().find("payload-too-large"), std::string::npos);

    Client small(running.port());
    bhttp::request<bhttp::string_body> fits{bhttp::verb::post, "/upload", 11};
    fits.body() = std::string(1000, 'x');
    EXPECT_EQ(small.Send(fits).body(), "POST /upload 1000");
}

TEST(HttpServer, UploadPathsTakeLargerBodiesThanOtherRequests) {
    ServerOptions options;
    options.body_limit = 1024;
    options.upload_limit = 8192;
    options.upload_paths = {"/api/v1/registry/imports"};
    RunningServer running(options);
    const auto post = [&running](const std::string& target, std::size_t size) {
        Client client(running.port());
        bhttp::request<bhttp::string_body> request{bhttp::verb::post, target, 11};
        request.body() = std::string(size, 'x');
        return client.Send(request);
    };
    EXPECT_EQ(post("/api/v1/registry/imports?partial=true", 6000).body(), "POST /api/v1/registry/imports 6000");
    const auto too_large = post("/api/v1/registry/imports", 9000);
    EXPECT_EQ(too_large.result_int(), 413U);
    EXPECT_NE(too_large.body().find("payload-too-large"), std::string::npos);
    // Only the exact path: other requests keep the small limit, even below the upload path.
    EXPECT_EQ(post("/api/v1/registry/imports/1", 6000).result_int(), 413U);
    EXPECT_EQ(post("/api/v1/households", 6000).result_int(), 413U);
}

TEST(HttpServer, DropsAClientThatNeverFinishesItsHeader) {
    ServerOptions options;
    options.header_timeout = std::chrono::seconds(1);
    RunningServer running(options);
    Client client(running.port());
    asio::write(client.stream.socket(), asio::buffer(std::string("GET / HTTP/1.1\r\nHost: x\r\n")));
    char byte = 0;
    beast::error_code ec;
    const auto started = std::chrono::steady_clock::now();
    asio::read(client.stream.socket(), asio::buffer(&byte, 1), ec);  // blocks until the server hangs up
    EXPECT_TRUE(ec == asio::error::eof || ec == asio::error::connection_reset) << ec.message();
    EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(5));
}

TEST(HttpServer, AnswersGarbageWith400AndKeepsServing) {
    RunningServer running({});
    {
        Client client(running.port());
        asio::write(client.stream.socket(), asio::buffer(std::string("NOT HTTP AT ALL\r\n\r\n")));
        bhttp::response<bhttp::string_body> response;
        beast::error_code ec;
        bhttp::read(client.stream, client.buffer, response, ec);
        EXPECT_EQ(response.result_int(), 400u);
    }
    Client next(running.port());
    EXPECT_EQ(next.Send(Get("/still-up")).body(), "GET /still-up 0");
}

TEST(HttpServer, StopLetsTheRequestInFlightFinish) {
    std::promise<void> entered;
    std::promise<void> release;
    auto release_future = release.get_future().share();
    RunningServer running({}, [&](Request& request) {
        entered.set_value();
        release_future.wait();
        return RunningServer::Echo(request);
    });
    Client idle(running.port());  // an idle keep-alive connection must not hold up the stop
    auto in_flight = std::async(std::launch::async, [&] {
        Client client(running.port());
        return client.Send(Get("/slow")).body();
    });
    entered.get_future().wait();
    running.server().Stop();
    release.set_value();
    EXPECT_EQ(in_flight.get(), "GET /slow 0");
    EXPECT_TRUE(running.StoppedWithin(std::chrono::seconds(5)));
}

}  // namespace
}  // namespace sinergi::http
