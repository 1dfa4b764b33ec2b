// Maps a method and a path such as /api/v1/users/{id} to an endpoint, extracting path parameters. The endpoint type
// is the caller's (it carries whatever the caller needs, e.g. the action the policy checks), so the router knows
// nothing of authentication. A literal segment beats a parameter: /users/me wins over /users/{id}.
#pragma once

#include <algorithm>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace sinergi::http {

template <typename Endpoint>
class Router {
 public:
    struct Route {
        std::string method;
        std::string pattern;
        std::vector<std::string> segments;
        Endpoint endpoint;
    };

    struct Match {
        const Route* route = nullptr;                         // null when nothing matched
        std::unordered_map<std::string, std::string> params;  // path parameters of the match
        std::vector<std::string> allowed_methods;             // when the path matched but not the method
    };

    void Add(std::string method, std::string pattern, Endpoint endpoint) {
        auto segments = Split(pattern);
        routes_.push_back(Route{std::move(method), std::move(pattern), std::move(segments), std::move(endpoint)});
    }

    Match Find(std::string_view method, std::string_view path) const {
        const auto parts = Split(path);
        Match best;
        int best_literals = -1;
        for (const auto& route : routes_) {
            std::unordered_map<std::string, std::string> params;
            const int literals = MatchSegments(route.segments, parts, params);
            if (literals < 0) {
                continue;
            }
            if (route.method != method) {
                if (std::find(best.allowed_methods.begin(), best.allowed_methods.end(), route.method) ==
                    best.allowed_methods.end()) {
                    best.allowed_methods.push_back(route.method);
                }
                continue;
            }
            if (literals > best_literals) {
                best_literals = literals;
                best.route = &route;
                best.params = std::move(params);
            }
        }
        return best;
    }

    const std::vector<Route>& routes() const { return routes_; }

 private:
    static std::vector<std::string> Split(std::string_view path) {
        std::vector<std::string> parts;
        std::size_t start = 0;
        while (start < path.size()) {
            if (path[start] == '/') {
                ++start;
                continue;
            }
            auto end = path.find('/', start);
            if (end == std::string_view::npos) {
                end = path.size();
            }
            parts.emplace_back(path.substr(start, end - start));
            start = end;
        }
        return parts;
    }

    // Number of literal segments matched, or -1 when the path does not fit the pattern.
    static int MatchSegments(const std::vector<std::string>& pattern, const std::vector<std::string>& parts,
                             std::unordered_map<std::string, std::string>& params) {
        if (pattern.size() != parts.size()) {
            return -1;
        }
        int literals = 0;
        for (std::size_t i = 0; i < pattern.size(); ++i) {
            const auto& segment = pattern[i];
            if (segment.size() > 2 && segment.front() == '{' && segment.back() == '}') {
                params[segment.substr(1, segment.size() - 2)] = parts[i];
            } else if (segment == parts[i]) {
                ++literals;
            } else {
                return -1;
            }
        }
        return literals;
    }

    std::vector<Route> routes_;
};

}  // namespace sinergi::http
