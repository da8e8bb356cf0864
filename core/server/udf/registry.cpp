#include "core/server/udf/registry.h"

#include <openssl/evp.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "core/server/udf/record_lib.h"
#include "core/server/udf/udf_log.h"

namespace aero::server::udf {

namespace {

namespace fs = std::filesystem;

std::string sha1_hex(const std::string& text) {
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int n = 0;
    EVP_Digest(text.data(), text.size(), md, &n, EVP_sha1(), nullptr);
    std::string out;
    char buf[3];
    for (unsigned int i = 0; i < n; i++) {
        std::snprintf(buf, sizeof buf, "%02x", md[i]);
        out += buf;
    }
    return out;
}

bool valid_utf8(const std::string& s) {
    size_t i = 0;
    while (i < s.size()) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xe ? 3 : (c >> 3) == 0x1e ? 4 : 0;
        if (n == 0 || i + n > s.size()) return false;
        for (size_t k = 1; k < n; k++)
            if ((static_cast<unsigned char>(s[i + k]) & 0xc0) != 0x80) return false;
        i += n;
    }
    return true;
}

// A JSON string as jansson writes it without flags: quotes, backslashes and control
// characters escaped, everything else (slashes, non-ASCII) as is.
std::string json_string(const std::string& s) {
    std::string out = "\"";
    for (char ch : s) {
        unsigned char c = static_cast<unsigned char>(ch);
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
            if (c < 0x20) {
                char buf[8];
                std::snprintf(buf, sizeof buf, "\\u%04X", c);
                out += buf;
            } else {
                out += ch;
            }
        }
    }
    return out + "\"";
}

// mod-lua keys its cache by the file name without ".lua".
std::string module_name(const std::string& filename) {
    if (filename.size() > 4 && filename.compare(filename.size() - 4, 4, ".lua") == 0)
        return filename.substr(0, filename.size() - 4);
    return filename;
}

}  // namespace

std::optional<std::string> metadata_json(const std::string& filename, const std::string& content64) {
    if (!valid_utf8(filename)) return std::nullopt;
    return "{\"content64\": " + json_string(content64) + ", \"type\": \"LUA\", \"name\": " + json_string(filename) + "}";
}

Registry::Registry(const std::string& dir, uint32_t time_limit_ms) : dir_(dir), time_limit_ms_(time_limit_ms) {
    std::error_code ec;
    if (dir_.empty()) {
        char tmpl[] = "/tmp/aero-udf-XXXXXX";
        if (char* made = mkdtemp(tmpl)) dir_ = made;
        owns_dir_ = true;
    } else {
        fs::create_directories(dir_, ec);
        for (const auto& entry : fs::directory_iterator(dir_, ec)) fs::remove_all(entry.path(), ec);
    }
    pool_ = std::make_unique<lua::StatePool>(dir_, log_message, open_server_libs);
}

Registry::~Registry() {
    pool_.reset();
    std::error_code ec;
    if (owns_dir_ && !dir_.empty()) fs::remove_all(dir_, ec);
}

bool Registry::put(const std::string& filename, const std::string& content64, const std::string& source) {
    auto json = metadata_json(filename, content64);
    if (!json) return false;
    std::lock_guard<std::mutex> g(mutex_);
    // A name with a slash is registered, as on the real server, but never written outside the
    // directory; Lua's require() cannot load such a module anyway.
    if (filename.find('/') == std::string::npos) {
        // Written aside and renamed, so that a state being created meanwhile reads the old
        // text or the new one, never half of one.
        std::string tmp = path_of(filename) + ".writing";
        {
            std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
            f.write(source.data(), std::streamsize(source.size()));
            if (!f) return false;
        }
        std::error_code ec;
        fs::rename(tmp, path_of(filename), ec);
        if (ec) return false;
    }
    Module m{filename, content64, sha1_hex(*json)};
    version_++;
    for (Module& existing : modules_)
        if (existing.filename == filename) {
            existing = std::move(m);
            return true;
        }
    modules_.push_back(std::move(m));
    return true;
}

void Registry::remove(const std::string& filename) {
    std::lock_guard<std::mutex> g(mutex_);
    std::error_code ec;
    if (filename.find('/') == std::string::npos) fs::remove(path_of(filename), ec);
    for (Module& m : modules_)
        if (m.filename == filename) m.removed = true;
    version_++;
}

std::vector<Module> Registry::list() const {
    std::lock_guard<std::mutex> g(mutex_);
    std::vector<Module> out;
    for (const Module& m : modules_)
        if (!m.removed) out.push_back(m);
    return out;
}

std::optional<std::string> Registry::source(const std::string& filename) const {
    std::lock_guard<std::mutex> g(mutex_);
    bool known = false;
    for (const Module& m : modules_) known = known || (!m.removed && m.filename == filename);
    if (!known) return std::nullopt;
    if (filename.find('/') != std::string::npos) return std::string();  // never written
    std::ifstream f(path_of(filename), std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(f), std::istreambuf_iterator<char>());
}

lua::StatePool::Lease Registry::state(const std::string& name, std::string& error) {
    uint64_t version;
    bool known = false;
    {
        std::lock_guard<std::mutex> g(mutex_);
        version = version_;
        for (const Module& m : modules_) known = known || (!m.removed && module_name(m.filename) == name);
    }
    if (!known) {
        error = "module not found";
        return {};
    }
    // An empty source makes the pool load the module through package.path, from its file,
    // so error messages name the file's path as the real server's do.
    return pool_->acquire(name, version, {}, error);
}

}  // namespace aero::server::udf
