// http_bench: measures a running Sinergi server from the outside. For each target path it opens N keep-alive
// connections that send GET requests back-to-back, discards a warm-up, then records the latency of every response
// completed within a fixed window and prints requests, errors, requests/s and latency percentiles.
//
// It talks to loopback addresses only: it is a tool for measuring one's own server, never a load generator aimed at
// someone else's. Every run is bounded in time (warm-up + window + one request timeout) and in the number of
// latencies kept (--max-requests), so it cannot run away with the machine's memory.
#include <algorithm>
#include <atomic>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <system_error>
#include <thread>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/system/system_error.hpp>

namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = boost::beast::http;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;

// A request slower than this counts as an error; it also bounds how long a run can outlast its window.
constexpr auto kRequestTimeout = std::chrono::seconds(10);
// After a failed connect, wait before retrying so a dead server yields a count of errors, not a busy loop.
constexpr auto kReconnectDelay = std::chrono::milliseconds(50);
// Responses above this size are an error: no endpoint the benchmark aims at should send that much.
constexpr std::uint64_t kResponseBodyLimit = 8 * 1024 * 1024;

constexpr int kMaxConnections = 1024;
constexpr int kMaxSeconds = 300;
constexpr int kMaxWarmupSeconds = 60;
constexpr int kMaxThreads = 16;
constexpr std::size_t kMaxPaths = 16;
// 8 bytes a latency: the default keeps at most 40 MB of samples per target.
constexpr std::int64_t kDefaultMaxRequests = 5'000'000;
constexpr std::int64_t kMaxMaxRequests = 50'000'000;

struct Options {
    std::string host = "127.0.0.1";
    unsigned short port = 0;
    int connections = 64;
    int seconds = 10;
    int warmup_seconds = 2;
    int threads = 1;
    std::int64_t max_requests = kDefaultMaxRequests;
    std::vector<std::string> paths;
    std::string cookie;
    std::string login;  // USER:PASSWORD
};

class UsageError : public std::runtime_error {
 public:
    using std::runtime_error::runtime_error;
};

constexpr std::string_view kUsage =
    "usage: http_bench --port PORT [options]\n"
    "\n"
    "Opens N keep-alive connections per target path, sends GET requests back-to-back, discards the warm-up and\n"
    "prints requests, errors, requests/s and p50/p90/p99/max latency for the measured window.\n"
    "\n"
    "  --host HOST              loopback address or localhost (default 127.0.0.1); any other host is refused\n"
    "  --port PORT              server port (required)\n"
    "  --connections N          concurrent keep-alive connections (default 64, at most 1024)\n"
    "  --seconds S              measured window per target (default 10, at most 300)\n"
    "  --warmup S               unmeasured warm-up per target (default 2, at most 60)\n"
    "  --threads N              client I/O threads (default 1, at most 16)\n"
    "  --max-requests N         stop a target's window early after N responses (default 5000000)\n"
    "  --path PATH              target path with query, repeatable (default /api/v1/health)\n"
    "  --cookie NAME=VALUE      Cookie header sent with every request\n"
    "  --login USER:PASSWORD    sign in with POST /api/v1/auth/login first and send its session cookie\n"
    "\n"
    "requests = responses received in the window; errors = non-2xx responses plus I/O failures and timeouts;\n"
    "req/s and latencies count 2xx responses only. Exit status 1 when any target saw errors.\n";

void ParseInt(std::string_view flag, std::string_view text, std::int64_t low, std::int64_t high, std::int64_t& out) {
    std::int64_t value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size() || value < low || value > high) {
        throw UsageError(std::string(flag) + " expects a whole number from " + std::to_string(low) + " to " +
                         std::to_string(high) + ", got '" + std::string(text) + "'");
    }
    out = value;
}

template <typename Int>
void ParseBounded(std::string_view flag, std::string_view text, std::int64_t low, std::int64_t high, Int& out) {
    std::int64_t value = 0;
    ParseInt(flag, text, low, high, value);
    out = static_cast<Int>(value);
}

// Returns std::nullopt after printing the usage for --help.
std::optional<Options> ParseOptions(int argc, char** argv) {
    Options options;
    const std::vector<std::string_view> args(argv + 1, argv + argc);
    bool port_given = false;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const auto flag = args[i];
        if (flag == "--help" || flag == "-h") {
            std::fputs(kUsage.data(), stdout);
            return std::nullopt;
        }
        if (i + 1 >= args.size()) {
            throw UsageError("unknown option or missing value: '" + std::string(flag) + "'");
        }
        const auto value = args[++i];
        if (flag == "--host") {
            options.host = value;
        } else if (flag == "--port") {
            ParseBounded(flag, value, 1, 65535, options.port);
            port_given = true;
        } else if (flag == "--connections") {
            ParseBounded(flag, value, 1, kMaxConnections, options.connections);
        } else if (flag == "--seconds") {
            ParseBounded(flag, value, 1, kMaxSeconds, options.seconds);
        } else if (flag == "--warmup") {
            ParseBounded(flag, value, 0, kMaxWarmupSeconds, options.warmup_seconds);
        } else if (flag == "--threads") {
            ParseBounded(flag, value, 1, kMaxThreads, options.threads);
        } else if (flag == "--max-requests") {
            ParseBounded(flag, value, 1, kMaxMaxRequests, options.max_requests);
        } else if (flag == "--path") {
            if (value.empty() || value.front() != '/') {
                throw UsageError("--path expects an origin-form path starting with '/', got '" + std::string(value) +
                                 "'");
            }
            options.paths.emplace_back(value);
        } else if (flag == "--cookie") {
            options.cookie = value;
        } else if (flag == "--login") {
            if (value.find(':') == std::string_view::npos) {
                throw UsageError("--login expects USER:PASSWORD");
            }
            options.login = value;
        } else {
            throw UsageError("unknown option '" + std::string(flag) + "'");
        }
    }
    if (!port_given) {
        throw UsageError("--port is required");
    }
    if (options.paths.empty()) {
        options.paths.emplace_back("/api/v1/health");
    }
    if (options.paths.size() > kMaxPaths) {
        throw UsageError("at most " + std::to_string(kMaxPaths) + " --path targets");
    }
    if (!options.cookie.empty() && !options.login.empty()) {
        throw UsageError("give either --cookie or --login, not both");
    }
    return options;
}

// Only the machine's own loopback interface may be measured; see the header comment.
tcp::endpoint LoopbackEndpoint(const std::string& host, unsigned short port) {
    if (host == "localhost") {
        return {asio::ip::address_v4::loopback(), port};
    }
    beast::error_code ec;
    const auto address = asio::ip::make_address(host, ec);
    if (ec || !address.is_loopback()) {
        throw UsageError("refusing host '" + host + "': http_bench measures loopback addresses only (127.0.0.1, ::1, " +
                         "localhost)");
    }
    return {address, port};
}

std::string HostHeader(const tcp::endpoint& endpoint) {
    const auto address = endpoint.address();
    const auto text = address.is_v6() ? "[" + address.to_string() + "]" : address.to_string();
    return text + ":" + std::to_string(endpoint.port());
}

std::string JsonString(std::string_view text) {
    std::string out = "\"";
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (byte < 0x20) {
            char escaped[8];
            std::snprintf(escaped, sizeof escaped, "\\u%04x", byte);
            out += escaped;
        } else {
            out += c;
        }
    }
    return out + "\"";
}

std::string Abbreviate(std::string_view text, std::size_t limit = 300) {
    std::string out(text.substr(0, limit));
    std::replace(out.begin(), out.end(), '\n', ' ');
    return text.size() > limit ? out + "..." : out;
}

http::response<http::string_body> SendOnce(const tcp::endpoint& endpoint, http::request<http::string_body> request) {
    asio::io_context ioc;
    beast::tcp_stream stream(ioc);
    stream.expires_after(kRequestTimeout);
    stream.connect(endpoint);
    request.prepare_payload();
    http::write(stream, request);
    beast::flat_buffer buffer;
    http::response_parser<http::string_body> parser;
    parser.body_limit(kResponseBodyLimit);
    http::read(stream, buffer, parser);
    beast::error_code ignored;
    stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
    return parser.release();
}

http::request<http::string_body> GetRequest(const std::string& target, const std::string& host,
                                            const std::string& cookie) {
    http::request<http::string_body> request{http::verb::get, target, 11};
    request.set(http::field::host, host);
    request.set(http::field::user_agent, "sinergi-http-bench");
    if (!cookie.empty()) {
        request.set(http::field::cookie, cookie);
    }
    request.keep_alive(true);
    return request;
}

// Signs in and returns the session cookie as "sinergi_session=VALUE". Never prints the password or the cookie.
std::string LogIn(const tcp::endpoint& endpoint, const std::string& login) {
    const auto colon = login.find(':');
    const auto user = login.substr(0, colon);
    http::request<http::string_body> request{http::verb::post, "/api/v1/auth/login", 11};
    request.set(http::field::host, HostHeader(endpoint));
    request.set(http::field::user_agent, "sinergi-http-bench");
    request.set(http::field::content_type, "application/json");
    request.body() = "{\"username\":" + JsonString(user) + ",\"password\":" + JsonString(login.substr(colon + 1)) + "}";
    const auto response = SendOnce(endpoint, std::move(request));
    if (response.result() != http::status::ok) {
        throw std::runtime_error("login as '" + user + "' failed: HTTP " + std::to_string(response.result_int()) + " " +
                                 Abbreviate(response.body()));
    }
    constexpr std::string_view kCookieName = "sinergi_session=";
    for (const auto& field : response.base()) {
        if (field.name() != http::field::set_cookie) {
            continue;
        }
        const std::string_view value = field.value();
        if (value.substr(0, kCookieName.size()) == kCookieName) {
            return std::string(value.substr(0, value.find(';')));
        }
    }
    throw std::runtime_error("login as '" + user + "' returned HTTP 200 but no sinergi_session cookie");
}

// What one connection saw during the measured window. Each connection owns one; they are merged after the run, so
// recording needs no locks.
struct ConnectionStats {
    std::vector<std::int64_t> latencies_ns;  // 2xx responses only
    std::int64_t responses = 0;
    std::map<unsigned, std::int64_t> non_success_statuses;
    std::map<std::string, std::int64_t> io_errors;
    std::string first_non_success_body;
};

// The measured window of one target, shared by all its connections.
struct Window {
    Clock::time_point measure_from;
    Clock::time_point measure_until;
    std::int64_t max_requests = 0;
    std::atomic<std::int64_t> recorded{0};
    // When --max-requests cut the window short: the time it did, as Clock ticks; 0 while it has not.
    std::atomic<Clock::rep> capped_at{0};

    bool Over(Clock::time_point now) const { return now >= measure_until || capped_at.load() != 0; }
    bool Counts(Clock::time_point sent, Clock::time_point done) const {
        return sent >= measure_from && done < measure_until && capped_at.load() == 0;
    }
    void CountOne(Clock::time_point done) {
        if (recorded.fetch_add(1) + 1 == max_requests) {
            capped_at.store(done.time_since_epoch().count());
        }
    }
    Clock::time_point End() const {
        const auto capped = capped_at.load();
        return capped == 0 ? measure_until : Clock::time_point(Clock::duration(capped));
    }
};

// One keep-alive connection issuing GETs back-to-back until the window is over. Lives on one io_context that one
// thread runs, so its handlers never run concurrently.
class Connection : public std::enable_shared_from_this<Connection> {
 public:
    Connection(asio::io_context& ioc, const tcp::endpoint& endpoint, const http::request<http::string_body>& request,
               Window& window, ConnectionStats& stats)
        : stream_(ioc), retry_timer_(ioc), endpoint_(endpoint), request_(request), window_(window), stats_(stats) {}

    void Start() { Connect(); }

 private:
    void Connect() {
        if (window_.Over(Clock::now())) {
            return;
        }
        buffer_.clear();
        stream_.expires_after(kRequestTimeout);
        stream_.async_connect(endpoint_, [self = shared_from_this()](beast::error_code ec) {
            if (ec) {
                self->RecordIoError("connect", ec);
                // A socket whose connect failed cannot connect again (the retry would fail with ECONNABORTED).
                self->Close();
                self->RetryLater();
                return;
            }
            self->Send();
        });
    }

    void RetryLater() {
        retry_timer_.expires_after(kReconnectDelay);
        retry_timer_.async_wait([self = shared_from_this()](beast::error_code ec) {
            if (!ec) {
                self->Connect();
            }
        });
    }

    void Send() {
        if (window_.Over(Clock::now())) {
            Close();
            return;
        }
        parser_.emplace();
        parser_->body_limit(kResponseBodyLimit);
        stream_.expires_after(kRequestTimeout);
        sent_at_ = Clock::now();
        http::async_write(stream_, request_, [self = shared_from_this()](beast::error_code ec, std::size_t) {
            if (ec) {
                self->RecordIoError("write", ec);
                self->Reconnect();
                return;
            }
            http::async_read(self->stream_, self->buffer_, *self->parser_,
                             [self](beast::error_code read_ec, std::size_t) { self->OnResponse(read_ec); });
        });
    }

    void OnResponse(beast::error_code ec) {
        const auto done = Clock::now();
        if (ec) {
            RecordIoError("read", ec);
            Reconnect();
            return;
        }
        const auto& response = parser_->get();
        if (window_.Counts(sent_at_, done)) {
            ++stats_.responses;
            const auto status = response.result_int();
            if (status >= 200 && status < 300) {
                stats_.latencies_ns.push_back(std::chrono::nanoseconds(done - sent_at_).count());
                window_.CountOne(done);
            } else {
                ++stats_.non_success_statuses[status];
                if (stats_.first_non_success_body.empty()) {
                    stats_.first_non_success_body = Abbreviate(response.body());
                }
            }
        }
        if (!response.keep_alive()) {
            Reconnect();
            return;
        }
        Send();
    }

    // Failures during the warm-up are not counted, as the responses are not; after the window they do not matter.
    void RecordIoError(std::string_view stage, const beast::error_code& ec) {
        const auto now = Clock::now();
        if (now >= window_.measure_from && now < window_.measure_until) {
            ++stats_.io_errors[std::string(stage) + ": " + ec.message()];
        }
    }

    void Reconnect() {
        Close();
        Connect();
    }

    void Close() {
        beast::error_code ignored;
        stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
        stream_.socket().close(ignored);
    }

    beast::tcp_stream stream_;
    asio::steady_timer retry_timer_;
    tcp::endpoint endpoint_;
    const http::request<http::string_body>& request_;
    Window& window_;
    ConnectionStats& stats_;
    beast::flat_buffer buffer_;
    std::optional<http::response_parser<http::string_body>> parser_;
    Clock::time_point sent_at_;
};

struct TargetResult {
    std::string path;
    unsigned probe_status = 0;
    std::size_t probe_body_bytes = 0;
    double window_seconds = 0;
    std::int64_t responses = 0;
    std::int64_t errors = 0;
    std::vector<std::int64_t> latencies_ns;  // sorted
    std::map<unsigned, std::int64_t> non_success_statuses;
    std::map<std::string, std::int64_t> io_errors;
    std::string first_non_success_body;
};

TargetResult RunTarget(const Options& options, const tcp::endpoint& endpoint, const std::string& path,
                       const std::string& cookie) {
    TargetResult result;
    result.path = path;
    const auto request = GetRequest(path, HostHeader(endpoint), cookie);

    // One request first, so a wrong path or a lost session shows up as a clear message, not as a table of errors.
    const auto probe = SendOnce(endpoint, request);
    result.probe_status = probe.result_int();
    result.probe_body_bytes = probe.body().size();
    if (result.probe_status < 200 || result.probe_status >= 300) {
        throw std::runtime_error("GET " + path + " answered HTTP " + std::to_string(result.probe_status) + ": " +
                                 Abbreviate(probe.body()));
    }
    std::printf("  GET %s: probe HTTP %u, %zu-byte body; measuring %d s after %d s warm-up...\n", path.c_str(),
                result.probe_status, result.probe_body_bytes, options.seconds, options.warmup_seconds);
    std::fflush(stdout);

    std::vector<std::unique_ptr<asio::io_context>> contexts;
    for (int i = 0; i < options.threads; ++i) {
        contexts.push_back(std::make_unique<asio::io_context>(1));
    }
    std::vector<ConnectionStats> stats(static_cast<std::size_t>(options.connections));
    Window window;
    window.measure_from = Clock::now() + std::chrono::seconds(options.warmup_seconds);
    window.measure_until = window.measure_from + std::chrono::seconds(options.seconds);
    window.max_requests = options.max_requests;
    for (int i = 0; i < options.connections; ++i) {
        auto& ioc = *contexts[static_cast<std::size_t>(i % options.threads)];
        std::make_shared<Connection>(ioc, endpoint, request, window, stats[static_cast<std::size_t>(i)])->Start();
    }
    std::vector<std::thread> threads;
    for (auto& ioc : contexts) {
        threads.emplace_back([&ioc] { ioc->run(); });
    }
    for (auto& thread : threads) {
        thread.join();
    }

    result.window_seconds = std::chrono::duration<double>(window.End() - window.measure_from).count();
    for (auto& connection : stats) {
        result.responses += connection.responses;
        result.latencies_ns.insert(result.latencies_ns.end(), connection.latencies_ns.begin(),
                                   connection.latencies_ns.end());
        for (const auto& [status, count] : connection.non_success_statuses) {
            result.non_success_statuses[status] += count;
            result.errors += count;
        }
        for (const auto& [message, count] : connection.io_errors) {
            result.io_errors[message] += count;
            result.errors += count;
        }
        if (result.first_non_success_body.empty()) {
            result.first_non_success_body = connection.first_non_success_body;
        }
    }
    std::sort(result.latencies_ns.begin(), result.latencies_ns.end());
    return result;
}

// Nearest-rank percentile of sorted samples, in milliseconds.
double PercentileMs(const std::vector<std::int64_t>& sorted, double percent) {
    if (sorted.empty()) {
        return 0;
    }
    const auto rank = static_cast<std::size_t>(std::ceil(percent / 100.0 * static_cast<double>(sorted.size())));
    const auto index = std::clamp<std::size_t>(rank, 1, sorted.size()) - 1;
    return static_cast<double>(sorted[index]) / 1e6;
}

void PrintResults(const std::vector<TargetResult>& results) {
    std::size_t width = 6;
    for (const auto& result : results) {
        width = std::max(width, result.path.size() + 4);
    }
    const int path_width = static_cast<int>(width);
    std::printf("\n%-*s %10s %8s %10s %8s %8s %8s %8s\n", path_width, "target", "requests", "errors", "req/s", "p50 ms",
                "p90 ms", "p99 ms", "max ms");
    for (const auto& result : results) {
        const auto target = "GET " + result.path;
        const auto& sorted = result.latencies_ns;
        const double per_second = static_cast<double>(sorted.size()) / result.window_seconds;
        std::printf("%-*s %10lld %8lld %10.0f %8.2f %8.2f %8.2f %8.2f\n", path_width, target.c_str(),
                    static_cast<long long>(result.responses), static_cast<long long>(result.errors), per_second,
                    PercentileMs(sorted, 50), PercentileMs(sorted, 90), PercentileMs(sorted, 99),
                    PercentileMs(sorted, 100));
    }
    for (const auto& result : results) {
        for (const auto& [status, count] : result.non_success_statuses) {
            std::printf("  GET %s: %lld responses with HTTP %u; first body: %s\n", result.path.c_str(),
                        static_cast<long long>(count), status, result.first_non_success_body.c_str());
        }
        for (const auto& [message, count] : result.io_errors) {
            std::printf("  GET %s: %lld I/O failures (%s)\n", result.path.c_str(), static_cast<long long>(count),
                        message.c_str());
        }
    }
}

int Run(const Options& options) {
    const auto endpoint = LoopbackEndpoint(options.host, options.port);
    std::printf("http_bench: http://%s, %d connections, %d client thread(s), %d s warm-up + %d s measured per target\n",
                HostHeader(endpoint).c_str(), options.connections, options.threads, options.warmup_seconds,
                options.seconds);
    std::string cookie = options.cookie;
    if (!options.login.empty()) {
        cookie = LogIn(endpoint, options.login);
        std::printf("  signed in as '%s'\n", options.login.substr(0, options.login.find(':')).c_str());
    }
    std::vector<TargetResult> results;
    for (const auto& path : options.paths) {
        results.push_back(RunTarget(options, endpoint, path, cookie));
        const auto& last = results.back();
        if (last.window_seconds < static_cast<double>(options.seconds)) {
            std::printf("  GET %s: window cut to %.2f s by --max-requests %lld\n", path.c_str(), last.window_seconds,
                        static_cast<long long>(options.max_requests));
        }
    }
    PrintResults(results);
    const bool any_errors =
        std::any_of(results.begin(), results.end(), [](const TargetResult& result) { return result.errors > 0; });
    return any_errors ? 1 : 0;
}

}  // namespace

int main(int argc, char** argv) {
    try {
        const auto options = ParseOptions(argc, argv);
        return options ? Run(*options) : 0;
    } catch (const boost::system::system_error& error) {
        // The exception's own what() carries Boost source locations, which tell the operator nothing.
        std::fprintf(stderr, "http_bench: cannot talk to the server: %s (is it running on that port?)\n",
                     error.code().message().c_str());
        return 2;
    } catch (const UsageError& error) {
        std::fprintf(stderr, "http_bench: %s\n\n%s", error.what(), kUsage.data());
        return 2;
    } catch (const std::exception& error) {
        std::fprintf(stderr, "http_bench: %s\n", error.what());
        return 2;
    }
}
