#include "core/proto/info.h"

#include <charconv>

#include "core/proto/message.h"

namespace aero::proto {

void write_info_request(Buffer& out, const std::vector<std::string>& commands) {
    size_t start = out.size();
    out.resize(start + kProtoHeaderSize);
    for (const auto& c : commands) {
        put_str(out, c);
        out.push_back('\n');
    }
    write_proto_header(out.data() + start, kProtoInfo, out.size() - start - kProtoHeaderSize);
}

std::vector<std::pair<std::string, std::string>> parse_info_response(std::string_view body) {
    std::vector<std::pair<std::string, std::string>> out;
    while (!body.empty()) {
        size_t nl = body.find('\n');
        std::string_view line = body.substr(0, nl);
        body = nl == std::string_view::npos ? std::string_view() : body.substr(nl + 1);
        size_t tab = line.find('\t');
        if (tab == std::string_view::npos)
            out.emplace_back(std::string(), std::string(line));
        else
            out.emplace_back(std::string(line.substr(0, tab)), std::string(line.substr(tab + 1)));
    }
    return out;
}

std::vector<std::string_view> parse_info_request(std::string_view body) {
    std::vector<std::string_view> out;
    size_t last = body.rfind('\n');
    if (last == std::string_view::npos) return out;
    body = body.substr(0, last + 1);
    while (!body.empty()) {
        size_t nl = body.find('\n');
        if (nl > 0) out.push_back(body.substr(0, nl));
        body = body.substr(nl + 1);
    }
    return out;
}

bool parse_info_error(std::string_view value, int& code, std::string& message) {
    std::string_view rest;
    if (value.substr(0, 6) == "ERROR:") rest = value.substr(6);
    else if (value.substr(0, 5) == "FAIL:") rest = value.substr(5);
    else return false;
    size_t colon = rest.find(':');
    std::string_view num = rest.substr(0, colon);
    code = 1;  // "ERROR::msg" leaves the code out when it is 1 (unknown).
    if (!num.empty()) std::from_chars(num.data(), num.data() + num.size(), code);
    message = colon == std::string_view::npos ? std::string() : std::string(rest.substr(colon + 1));
    return true;
}

std::vector<std::pair<std::string_view, std::string_view>> split_pairs(std::string_view s, char sep) {
    std::vector<std::pair<std::string_view, std::string_view>> out;
    while (!s.empty()) {
        size_t end = s.find(sep);
        std::string_view item = s.substr(0, end);
        s = end == std::string_view::npos ? std::string_view() : s.substr(end + 1);
        if (item.empty()) continue;
        size_t eq = item.find('=');
        if (eq == std::string_view::npos) out.emplace_back(item, std::string_view());
        else out.emplace_back(item.substr(0, eq), item.substr(eq + 1));
    }
    return out;
}

}  // namespace aero::proto
