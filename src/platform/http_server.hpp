// The HTTP/1.1 server (Boost.Beast over Asio): keep-alive, a header timeout and a body timeout that drop slow
// clients, a body limit answered with 413 before the body is read, security headers on every response, an access
// log without personal data (no query strings, cookies or bodies), and a graceful stop on SIGTERM/SIGINT that lets
// requests in flight finish.
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "platform/http.hpp"

namespace sinergi::http {

struct ServerOptions {
    std::string host = "127.0.0.1";
    unsigned short port = 8080;  // 0 picks a free port; see Server::port()
    int threads = 4;
    std::size_t body_limit = std::size_t{10} * 1024 * 1024;
    // File uploads (POST to one of `upload_paths`, exact paths) may be larger than other bodies.
    std::size_t upload_limit = std::size_t{256} * 1024 * 1024;
    std::vector<std::string> upload_paths;
    std::chrono::seconds header_timeout{15};  // also the keep-alive idle time
    std::chrono::seconds body_timeout{60};
    std::chrono::seconds upload_timeout{600};  // for bodies to `upload_paths`
    std::chrono::seconds shutdown_grace{10};
    bool trust_proxy = false;  // take the client address from X-Forwarded-For (behind a reverse proxy only)
    bool handle_signals = true;
};

using Handler = std::function<Response(Request&)>;

class Server {
 public:
    Server(ServerOptions options, Handler handler);
    ~Server();
    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;

    // Binds the listening socket; throws with a clear message when the address is taken.
    void Bind();
    // Serves until Stop() or a signal; returns once every connection is closed or the grace period ran out.
    void Run();
    // Asks Run() to stop gracefully; safe from any thread.
    void Stop();
    unsigned short port() const;

    struct State;  // shared with the connection sessions in http_server.cpp

 private:
    std::shared_ptr<State> state_;
};

// The headers every response carries.
const HeaderList& SecurityHeaders();

}  // namespace sinergi::http
