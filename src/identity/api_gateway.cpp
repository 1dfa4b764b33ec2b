#include <fmt/format.h>

#include "identity/identity_service.hpp"
#include "platform/crypto.hpp"

namespace sinergi::identity {

void ApiGateway::Add(std::string method, std::string pattern, std::string_view action, RouteHandler handler) {
    router_.Add(std::move(method), std::move(pattern), Endpoint{action, std::move(handler)});
}

http::Response ApiGateway::Handle(http::Request& request) {
    auto match = router_.Find(request.method, request.path);
    if (match.route == nullptr) {
        if (!match.allowed_methods.empty()) {
            std::string allow;
            for (const auto& method : match.allowed_methods) {
                allow += (allow.empty() ? "" : ", ") + method;
            }
            auto response = http::RenderProblem(
                Error(http::errors::kMethodNotAllowed,
                      {fmt::format("Metode {} tidak didukung di sini; gunakan {}.", request.method, allow),
                       fmt::format("Method {} is not supported here; use {}.", request.method, allow)}),
                request.language, request.path);
            response.WithHeader("Allow", allow);
            return response;
        }
        throw Error(http::errors::kNoSuchEndpoint, {fmt::format("Alamat API {} tidak ada.", request.path),
                                                    fmt::format("There is no API endpoint at {}.", request.path)});
    }
    request.path_params = std::move(match.params);
    const auto& endpoint = match.route->endpoint;
    if (endpoint.action == actions::kPublic) {
        Caller anonymous;
        anonymous.client_ip = request.client_ip;
        return endpoint.handler(request, anonymous);
    }

    Caller caller = identity_.Authenticate(request);
    if (!caller.signed_in()) {
        throw Error(sinergi::errors::kUnauthenticated, {"Silakan masuk terlebih dahulu.", "Please sign in first."});
    }
    // A browser session must prove the request came from our own page: the cookie alone could be sent by any site.
    if (caller.method == AuthMethod::kSession && request.ChangesState()) {
        auto token = request.Header("X-CSRF-Token");
        if (!token || token->empty()) {
            throw Error(errors::kCsrfMissing,
                        {"Token keamanan (X-CSRF-Token) tidak ada. Muat ulang halaman lalu coba lagi.",
                         "The security token (X-CSRF-Token) is missing. Reload the page and try again."});
        }
        if (!crypto::ConstantTimeEquals(*token, caller.csrf_token)) {
            throw Error(errors::kCsrfInvalid,
                        {"Token keamanan (X-CSRF-Token) tidak cocok. Muat ulang halaman lalu coba lagi.",
                         "The security token (X-CSRF-Token) does not match. Reload the page and try again."});
        }
    }
    if (!Policy::Decide(caller.user->role, endpoint.action)) {
        identity_.Audit(caller, {std::string(endpoint.action),
                                 "endpoint",
                                 request.method + " " + match.route->pattern,
                                 Outcome::kDenied,
                                 {{"role", ToString(caller.user->role)}}});
        throw Error(errors::kRoleNotAllowed,
                    {"Peran Anda tidak berwenang melakukan tindakan ini.", "Your role is not allowed to do this."});
    }
    return endpoint.handler(request, caller);
}

}  // namespace sinergi::identity
