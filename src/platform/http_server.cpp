#include "platform/http_server.hpp"

#include <algorithm>
#include <mutex>
#include <thread>
#include <vector>

#include <boost/asio/bind_executor.hpp>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/url/parse.hpp>
#include <spdlog/spdlog.h>

namespace sinergi::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;

const HeaderList& SecurityHeaders() {
    static const HeaderList kHeaders{
        {"Content-Security-Policy",
         "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
         "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
         "frame-ancestors 'none'"},
        {"X-Content-Type-Options", "nosniff"},
        {"X-Frame-Options", "DENY"},
        {"Referrer-Policy", "no-referrer"},
        {"Cross-Origin-Opener-Policy", "same-origin"},
        {"Permissions-Policy", "camera=(), microphone=(), geolocation=()"},
    };
    return kHeaders;
}

class Session;

struct Server::State {
    ServerOptions options;
    Handler handler;
    std::atomic<bool> stopping{false};
    // Declared before the io_context: sessions still queued in it are destroyed with it and decrement this.
    std::atomic<int> live_sessions{0};
    std::mutex sessions_mutex;
    std::vector<std::weak_ptr<Session>> sessions;
    asio::io_context ioc;
    // Accepting, signals and shutdown share one strand, so closing the acceptor never races an accept.
    asio::strand<asio::io_context::executor_type> control{asio::make_strand(ioc)};
    tcp::acceptor acceptor{control};
    std::unique_ptr<asio::steady_timer> shutdown_timer;
    std::chrono::steady_clock::time_point shutdown_deadline;

    State(ServerOptions o, Handler h) : options(std::move(o)), handler(std::move(h)), ioc(options.threads) {}
    void Accept();
    void BeginShutdown();
    void WatchShutdown();
};

namespace {

Response ProblemFor(const ErrorDef& def, LocalizedText text, Language language, std::string_view path) {
    return RenderProblem(Error(def, std::move(text)), language, path);
}

Language LanguageOf(const bhttp::request_header<>& header) {
    auto it = header.find(bhttp::field::accept_language);
    return it == header.end() ? Language::kId : NegotiateLanguage(it->value());
}

}  // namespace

class Session : public std::enable_shared_from_this<Session> {
 public:
    Session(tcp::socket socket, Server::State* state) : stream_(std::move(socket)), state_(state) {
        beast::error_code ec;
        auto endpoint = stream_.socket().remote_endpoint(ec);
        peer_ip_ = ec ? "unknown" : endpoint.address().to_string();
        ++state_->live_sessions;
    }
    ~Session() { --state_->live_sessions; }
    Session(const Session&) = delete;
    Session& operator=(const Session&) = delete;

    void Start() {
        asio::dispatch(stream_.get_executor(), beast::bind_front_handler(&Session::ReadHeader, shared_from_this()));
    }

    // Called on shutdown: an idle connection is closed now, a busy one after its response.
    void CloseIfIdle() {
        asio::post(stream_.get_executor(), [self = shared_from_this()] {
            if (!self->busy_) {
                self->Close();
            }
        });
    }

 private:
    void ReadHeader() {
        if (state_->stopping) {
            Close();
            return;
        }
        parser_.emplace();
        parser_->header_limit(16 * 1024);
        // Beast checks a declared Content-Length while it parses the header, before the route is known: start from
        // the larger limit and narrow it in OnHeader.
        parser_->body_limit(std::max(state_->options.body_limit, state_->options.upload_limit));
        stream_.expires_after(state_->options.header_timeout);
        bhttp::async_read_header(stream_, buffer_, *parser_,
                                 beast::bind_front_handler(&Session::OnHeader, shared_from_this()));
    }

    void OnHeader(beast::error_code ec, std::size_t /*bytes*/) {
        // Beast refuses a declared Content-Length above the limit while parsing the header.
        if (ec == bhttp::error::body_limit) {
            busy_ = true;
            SendTooLarge(parser_->get(), BodyLimitFor(parser_->get()));
            return;
        }
        if (ec) {
            OnReadError(ec);
            return;
        }
        busy_ = true;
        started_ = std::chrono::steady_clock::now();
        const auto& header = parser_->get();
        const auto limit = BodyLimitFor(header);
        parser_->body_limit(limit);
        const auto length = parser_->content_length();
        if (length && *length > limit) {
            SendTooLarge(header, limit);
            return;
        }
        stream_.expires_after(limit == state_->options.body_limit ? state_->options.body_timeout
                                                                  : state_->options.upload_timeout);
        bhttp::async_read(stream_, buffer_, *parser_, beast::bind_front_handler(&Session::OnBody, shared_from_this()));
    }

    void OnBody(beast::error_code ec, std::size_t /*bytes*/) {
        if (ec == bhttp::error::body_limit) {
            SendTooLarge(parser_->get(), BodyLimitFor(parser_->get()));
            return;
        }
        if (ec) {
            OnReadError(ec);
            return;
        }
        auto beast_request = parser_->release();
        const bool keep_alive = beast_request.keep_alive() && !state_->stopping;
        Request request;
        std::string method(beast_request.method_string());
        const bool head = method == "HEAD";
        Response response = Convert(beast_request, request)
                                ? Dispatch(request)
                                : ProblemFor(errors::kBadRequest,
                                             {"Alamat permintaan tidak valid.", "The request target is not valid."},
                                             request.language, "");
        Write(std::move(response), keep_alive, head, method, request.path);
    }

    void OnReadError(beast::error_code ec) {
        if (ec == bhttp::error::end_of_stream || ec == beast::error::timeout || ec == asio::error::operation_aborted ||
            ec == asio::error::connection_reset || ec == asio::error::eof || !busy_at_least_one_byte()) {
            Close();
            return;
        }
        // A malformed request: say so once, then hang up, since the stream can no longer be trusted.
        auto response = ProblemFor(errors::kBadRequest,
                                   {fmt::format("Permintaan HTTP tidak valid: {}.", ec.message()),
                                    fmt::format("Malformed HTTP request: {}.", ec.message())},
                                   Language::kId,
                                   std::string(parser_->get().target().substr(0, parser_->get().target().find('?'))));
        const unsigned status = ec == bhttp::error::header_limit ? 431 : 400;
        response.status = status;
        const auto target = std::string(parser_->get().target());
        Write(std::move(response), false, false, "-", target.substr(0, target.find('?')));
    }

    bool busy_at_least_one_byte() const { return buffer_.size() > 0 || busy_; }

    std::size_t BodyLimitFor(const bhttp::request_header<>& header) const {
        if (header.method() == bhttp::verb::post) {
            const auto target = header.target();
            const auto path = target.substr(0, target.find('?'));
            for (const auto& upload : state_->options.upload_paths) {
                if (path == upload) {
                    return state_->options.upload_limit;
                }
            }
        }
        return state_->options.body_limit;
    }

    void SendTooLarge(const bhttp::request_header<>& header, std::size_t limit) {
        const auto language = LanguageOf(header);
        const auto limit_mib = static_cast<double>(limit) / (1024.0 * 1024.0);
        auto response = ProblemFor(errors::kPayloadTooLarge,
                                   {fmt::format("Ukuran data melebihi batas {:.0f} MiB.", limit_mib),
                                    fmt::format("The request body exceeds the limit of {:.0f} MiB.", limit_mib)},
                                   language, std::string(header.target().substr(0, header.target().find('?'))));
        // The unread body makes the connection unusable, so it is closed after this response.
        Write(std::move(response), false, false, std::string(header.method_string()),
              std::string(header.target().substr(0, header.target().find('?'))));
    }

    bool Convert(bhttp::request<bhttp::string_body>& in, Request& out) const {
        out.method = std::string(in.method_string());
        out.language = LanguageOf(in.base());
        for (const auto& field : in.base()) {
            out.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
        }
        out.body = std::move(in.body());
        out.client_ip = peer_ip_;
        if (state_->options.trust_proxy) {
            if (auto forwarded = out.Header("X-Forwarded-For")) {
                auto last = forwarded->rfind(',');
                auto ip = forwarded->substr(last == std::string::npos ? 0 : last + 1);
                ip.erase(0, ip.find_first_not_of(' '));
                if (!ip.empty()) {
                    out.client_ip = ip;
                }
            }
        }
        auto parsed = boost::urls::parse_origin_form(in.target());
        if (!parsed) {
            out.path = std::string(in.target().substr(0, in.target().find('?')));
            return false;
        }
        out.path = parsed->path();
        for (auto param : parsed->params()) {
            out.query.emplace_back(param.key, param.value);
        }
        return true;
    }

    Response Dispatch(Request& request) const {
        try {
            return state_->handler(request);
        } catch (const Error& error) {
            return RenderProblem(error, request.language, request.path);
        } catch (const std::exception& e) {
            spdlog::error("unhandled error on {} {}: {}", request.method, request.path, e.what());
            return ProblemFor(sinergi::errors::kInternal,
                              {"Terjadi kesalahan pada server. Silakan coba lagi atau hubungi admin.",
                               "The server ran into an error. Please try again or contact the administrator."},
                              request.language, request.path);
        }
    }

    void Write(Response response, bool keep_alive, bool head, const std::string& method, const std::string& path) {
        auto message = std::make_shared<bhttp::response<bhttp::string_body>>();
        message->version(11);
        message->result(response.status);
        for (const auto& [name, value] : SecurityHeaders()) {
            message->set(name, value);
        }
        if (!response.content_type.empty()) {
            message->set(bhttp::field::content_type, response.content_type);
        }
        for (const auto& [name, value] : response.headers) {
            message->insert(name, value);
        }
        const auto size = response.body.size();
        message->body() = std::move(response.body);
        message->prepare_payload();
        if (head) {
            message->body().clear();
            message->content_length(size);
        }
        message->keep_alive(keep_alive);
        const auto elapsed = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started_);
        // Path only: query strings may carry NIKs or names, which the access log must not hold.
        spdlog::info("{} {} {} {}B {:.1f}ms {}", method, path, response.status, size, elapsed.count(), peer_ip_);
        bhttp::async_write(stream_, *message,
                           [self = shared_from_this(), message, keep_alive](beast::error_code ec, std::size_t) {
                               self->OnWrite(ec, keep_alive);
                           });
    }

    void OnWrite(beast::error_code ec, bool keep_alive) {
        busy_ = false;
        if (ec) {
            Close();
            return;
        }
        if (!keep_alive || state_->stopping) {
            DrainAndClose();
            return;
        }
        ReadHeader();
    }

    // Closing a socket with unread input resets the connection, and the client may lose the response we just
    // sent (a 413 for a body still arriving). So: stop sending, read and discard for a moment, then close.
    void DrainAndClose() {
        beast::error_code ignored;
        stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
        stream_.expires_after(std::chrono::seconds(2));
        drain_buffer_.resize(std::size_t{64} * 1024);
        stream_.async_read_some(asio::buffer(drain_buffer_),
                                [self = shared_from_this()](beast::error_code error, std::size_t) {
                                    if (error) {
                                        self->Close();
                                    } else {
                                        self->DrainAndClose();
                                    }
                                });
    }

    void Close() {
        beast::error_code ec;
        stream_.socket().shutdown(tcp::socket::shutdown_both, ec);
        stream_.socket().close(ec);
    }

    beast::tcp_stream stream_;
    beast::flat_buffer buffer_;
    std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
    Server::State* state_;  // outlives every session (see State)
    std::string peer_ip_;
    std::vector<char> drain_buffer_;
    bool busy_ = false;
    std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now();
};

void Server::State::Accept() {
    acceptor.async_accept(asio::make_strand(ioc), [this](beast::error_code ec, tcp::socket socket) {
        if (ec) {
            if (ec == asio::error::operation_aborted || stopping) {
                return;
            }
            spdlog::warn("accept failed: {}", ec.message());
        } else {
            auto session = std::make_shared<Session>(std::move(socket), this);
            {
                std::lock_guard lock(sessions_mutex);
                std::erase_if(sessions, [](const auto& weak) { return weak.expired(); });
                sessions.push_back(session);
            }
            session->Start();
        }
        if (!stopping) {
            Accept();
        }
    });
}

void Server::State::BeginShutdown() {
    if (stopping.exchange(true)) {
        return;
    }
    spdlog::info("shutting down: no new connections; waiting up to {}s for requests in flight",
                 options.shutdown_grace.count());
    beast::error_code ec;
    acceptor.close(ec);
    {
        std::lock_guard lock(sessions_mutex);
        for (auto& weak : sessions) {
            if (auto session = weak.lock()) {
                session->CloseIfIdle();
            }
        }
    }
    shutdown_deadline = std::chrono::steady_clock::now() + options.shutdown_grace;
    shutdown_timer = std::make_unique<asio::steady_timer>(control);
    WatchShutdown();
}

// Polls rather than waits on one long timer, so Run() returns as soon as the last connection closes.
void Server::State::WatchShutdown() {
    if (live_sessions == 0 || std::chrono::steady_clock::now() >= shutdown_deadline) {
        if (live_sessions != 0) {
            spdlog::warn("grace period over; closing {} connection(s)", live_sessions.load());
        }
        ioc.stop();
        return;
    }
    shutdown_timer->expires_after(std::chrono::milliseconds(50));
    shutdown_timer->async_wait([this](beast::error_code) { WatchShutdown(); });
}

Server::Server(ServerOptions options, Handler handler)
    : state_(std::make_shared<State>(std::move(options), std::move(handler))) {}

Server::~Server() = default;

void Server::Bind() {
    auto& options = state_->options;
    beast::error_code ec;
    const auto address = asio::ip::make_address(options.host, ec);
    if (ec) {
        throw std::runtime_error(fmt::format("invalid listen address '{}': {}", options.host, ec.message()));
    }
    const tcp::endpoint endpoint(address, options.port);
    auto& acceptor = state_->acceptor;
    acceptor.open(endpoint.protocol());
    acceptor.set_option(asio::socket_base::reuse_address(true));
    acceptor.bind(endpoint, ec);
    if (ec) {
        throw std::runtime_error(fmt::format("cannot listen on {}:{}: {}", options.host, options.port, ec.message()));
    }
    acceptor.listen(asio::socket_base::max_listen_connections);
}

unsigned short Server::port() const { return state_->acceptor.local_endpoint().port(); }

void Server::Run() {
    auto& state = *state_;
    if (!state.acceptor.is_open()) {
        Bind();
    }
    std::unique_ptr<asio::signal_set> signals;
    if (state.options.handle_signals) {
        signals = std::make_unique<asio::signal_set>(state.control, SIGINT, SIGTERM);
        signals->async_wait([&state](beast::error_code ec, int) {
            if (!ec) {
                state.BeginShutdown();
            }
        });
    }
    state.Accept();
    std::vector<std::thread> threads;
    for (int i = 1; i < state.options.threads; ++i) {
        threads.emplace_back([&state] { state.ioc.run(); });
    }
    state.ioc.run();
    for (auto& thread : threads) {
        thread.join();
    }
    spdlog::info("server stopped");
}

void Server::Stop() {
    // A weak pointer: a handler left queued in a stopped io_context must not keep the state (and so itself) alive.
    asio::post(state_->control, [weak = std::weak_ptr<State>(state_)] {
        if (auto state = weak.lock()) {
            state->BeginShutdown();
        }
    });
}

}  // namespace sinergi::http
