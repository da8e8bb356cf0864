// The registered UDF modules of a server (or of every node of a local cluster, which share
// one registry, as the real server's nodes share modules through system metadata). Modules
// are kept in registration order, written to the UDF directory so Lua's require() finds them,
// and handed to callers with a version that changes whenever their text does. Thread-safe.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/lua/state_pool.h"

namespace aero::server::udf {

struct Module {
    std::string filename;   // as registered, "m.lua"
    std::string content64;  // the base64 text udf-put sent
    // Hex SHA-1 of the metadata JSON the real server stores, which udf-list shows.
    std::string hash;
    // Removed modules keep their place (the real server's metadata keeps a tombstone), so a
    // module registered again is listed where it first was.
    bool removed = false;
};

class Registry {
public:
    // Uses `dir` (made if missing, emptied of old files) or, when empty, a new directory under
    // /tmp that is removed again with the registry. `time_limit_ms` bounds each call (0: none).
    Registry(const std::string& dir, uint32_t time_limit_ms);
    ~Registry();
    Registry(const Registry&) = delete;
    Registry& operator=(const Registry&) = delete;

    // Adds or replaces a module (its position in the list kept when replaced); false when its
    // file cannot be written.
    bool put(const std::string& filename, const std::string& content64, const std::string& source);
    // Drops a module; removing one that is not there is fine, as on the real server.
    void remove(const std::string& filename);
    std::vector<Module> list() const;
    // The module's file content; nothing when it is not registered.
    std::optional<std::string> source(const std::string& filename) const;

    // A state of module `name` (as UDF_FILENAME names it: without ".lua") for one call;
    // empty when the module is missing or fails to load (error says why).
    lua::StatePool::Lease state(const std::string& name, std::string& error);

    // udf-clear-cache: closes the idle states; the next calls load their modules afresh.
    void clear_cache() { pool_->clear(); }

    const std::string& dir() const { return dir_; }
    uint32_t time_limit_ms() const { return time_limit_ms_; }

private:
    std::string path_of(const std::string& filename) const { return dir_ + "/" + filename; }

    std::string dir_;
    bool owns_dir_ = false;
    const uint32_t time_limit_ms_;
    mutable std::mutex mutex_;
    std::vector<Module> modules_;
    // Bumped by every put and remove: states made before are not reused.
    uint64_t version_ = 1;
    std::unique_ptr<lua::StatePool> pool_;
};

// The JSON object the real server stores for a module ({"content64": ..., "type": "LUA",
// "name": ...}, as jansson writes it), or nothing when the name is not valid UTF-8.
std::optional<std::string> metadata_json(const std::string& filename, const std::string& content64);

}  // namespace aero::server::udf
