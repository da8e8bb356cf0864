#include "core/command/udf_modules.h"

#include <chrono>
#include <string>
#include <thread>

#include "core/command/client.h"
#include "core/proto/base64.h"
#include "core/proto/info.h"
#include "core/proto/msgpack.h"

namespace aero {

namespace mp = proto::msgpack;

namespace {

// How long a node may take to learn of a module change made on another (it spreads at once
// on a healthy cluster).
constexpr auto kSpreadLimit = std::chrono::seconds(10);

Status check_filename(std::string_view f) {
    if (f.empty()) return Status(kErrParam, "the UDF file name must not be empty");
    if (f.find_first_of(";:=,\n") != std::string_view::npos || f.find('\0') != std::string_view::npos)
        return Status(kErrParam, "the UDF file name must not contain ';', ':', '=', ',', a newline or NUL");
    return Status::ok();
}

// The server's `error=...` answers (udf_cask.c): a compile error names the file and line and
// carries the Lua message in base64.
Status put_error(std::string_view answer) {
    std::string error, file, line, message;
    for (auto& [k, v] : proto::split_pairs(answer)) {
        if (k == "error") error = v;
        else if (k == "file") file = v;
        else if (k == "line") line = v;
        else if (k == "message") {
            std::vector<uint8_t> text;
            if (proto::base64_decode(v, text)) message.assign(text.begin(), text.end());
            else message = v;
        }
    }
    if (error == "compile_error") return Status(kErrUdf, file + ":" + line + ": " + message);
    return Status(kErrUdf, "udf-put failed: " + (error.empty() ? std::string(answer) : error));
}

// Calls visit(filename, hash, type) for each module of a `udf-list` answer
// ("filename=f,hash=h,type=LUA;...").
template <typename Visit>
void for_each_module(std::string_view answer, Visit visit) {
    while (!answer.empty()) {
        size_t end = answer.find(';');
        std::string_view entry = answer.substr(0, end);
        answer = end == std::string_view::npos ? std::string_view() : answer.substr(end + 1);
        std::string_view name, hash, type;
        for (auto& [k, v] : proto::split_pairs(entry, ',')) {
            if (k == "filename") name = v;
            else if (k == "hash") hash = v;
            else if (k == "type") type = v;
        }
        if (!name.empty()) visit(name, hash, type);
    }
}

bool lists(std::string_view answer, std::string_view filename) {
    bool found = false;
    for_each_module(answer, [&](std::string_view name, std::string_view, std::string_view) {
        found = found || name == filename;
    });
    return found;
}

// Polls every node's `udf-list` until each lists `filename` (present) or none does.
Status wait_for_spread(Client& client, std::string_view filename, bool present, const uint8_t* policy,
                       size_t policy_len) {
    auto give_up = std::chrono::steady_clock::now() + kSpreadLimit;
    for (;;) {
        bool agreed = true;
        Status s = client.info_each("udf-list", policy, policy_len, [&](std::string_view node, int code,
                                                                        std::string_view value) {
            if (code != 0) return Status(code, "udf-list on node " + std::string(node) + ": " + std::string(value));
            agreed = agreed && lists(value, filename) == present;
            return Status::ok();
        });
        if (!s.is_ok() || agreed) return s;
        if (std::chrono::steady_clock::now() > give_up)
            return Status(kErrUdf, "UDF module '" + std::string(filename) + "' was not " +
                                          (present ? "registered on" : "removed from") + " every node");
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
}

}  // namespace

Status udf_put(Client& client, std::string_view filename, const uint8_t* content, size_t len, const uint8_t* policy,
               size_t policy_len) {
    Status s = check_filename(filename);
    if (!s.is_ok()) return s;
    if (content == nullptr && len > 0) return Status(kErrParam, "the UDF content must not be null");
    std::string b64 = proto::base64_encode(content, len);
    std::string cmd = "udf-put:filename=" + std::string(filename) + ";content=" + b64 +
                      ";content-len=" + std::to_string(b64.size()) + ";udf-type=LUA;";
    proto::Buffer out;
    s = client.info(out, "", cmd, policy, policy_len);
    if (!s.is_ok()) return s;
    std::string_view answer(reinterpret_cast<const char*>(out.data()), out.size());
    if (answer.rfind("error=", 0) == 0) return put_error(answer);
    return wait_for_spread(client, filename, true, policy, policy_len);
}

Status udf_remove(Client& client, std::string_view filename, const uint8_t* policy, size_t policy_len) {
    Status s = check_filename(filename);
    if (!s.is_ok()) return s;
    proto::Buffer out;
    s = client.info(out, "", "udf-remove:filename=" + std::string(filename), policy, policy_len);
    if (!s.is_ok()) return s;
    std::string_view answer(reinterpret_cast<const char*>(out.data()), out.size());
    if (answer.rfind("error=", 0) == 0) return Status(kErrUdf, "udf-remove failed: " + std::string(answer.substr(6)));
    return wait_for_spread(client, filename, false, policy, policy_len);
}

Status udf_list(Client& client, proto::Buffer& out, const uint8_t* policy, size_t policy_len) {
    proto::Buffer answer;
    Status s = client.info(answer, "", "udf-list", policy, policy_len);
    if (!s.is_ok()) return s;
    std::string_view text(reinterpret_cast<const char*>(answer.data()), answer.size());
    proto::Buffer rows;
    uint32_t n = 0;
    for_each_module(text, [&](std::string_view name, std::string_view hash, std::string_view type) {
        mp::pack_array_header(rows, 3);
        mp::pack_str(rows, name);
        mp::pack_str(rows, hash);
        mp::pack_str(rows, type);
        n++;
    });
    out.clear();
    mp::pack_array_header(out, n);
    out.insert(out.end(), rows.begin(), rows.end());
    return Status::ok();
}

Status parse_udf_get(std::string_view answer, std::string_view filename, std::vector<uint8_t>& out) {
    if (answer.rfind("error=", 0) == 0)
        return Status(kErrUdf, "UDF module '" + std::string(filename) + "': " + std::string(answer.substr(6)));
    for (auto& [k, v] : proto::split_pairs(answer)) {
        if (k != "content") continue;
        if (!proto::base64_decode(v, out)) return Status(kErrConnection, "udf-get answered malformed base64");
        return Status::ok();
    }
    return Status(kErrConnection, "udf-get answered without content");
}

Status udf_get(Client& client, std::string_view filename, std::vector<uint8_t>& out, const uint8_t* policy,
               size_t policy_len) {
    Status s = check_filename(filename);
    if (!s.is_ok()) return s;
    proto::Buffer answer;
    s = client.info(answer, "", "udf-get:filename=" + std::string(filename), policy, policy_len);
    if (!s.is_ok()) return s;
    return parse_udf_get(std::string_view(reinterpret_cast<const char*>(answer.data()), answer.size()), filename, out);
}

}  // namespace aero
