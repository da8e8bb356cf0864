// Lua states cached per module and reused, as mod-lua caches them: a call takes a state of its
// module from the pool (creating one when none is free) and gives it back afterwards, so no
// state is built per call, and no two threads ever share a state. A state made for an older
// version of the module is closed instead of being given back. Thread-safe.
#pragma once

#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include <lua.hpp>

#include "core/lua/environment.h"

namespace aero::lua {

class StatePool {
public:
    // `setup` adds the host's libraries to each new state before its module loads.
    StatePool(std::string user_path, LogFn log, std::function<void(lua_State*)> setup = {});
    ~StatePool();
    StatePool(const StatePool&) = delete;
    StatePool& operator=(const StatePool&) = delete;

    // A state with `module` loaded, for the caller alone until it is released.
    class Lease {
    public:
        Lease() = default;
        Lease(Lease&& o) noexcept : pool_(o.pool_), L_(o.L_), module_(std::move(o.module_)), version_(o.version_) {
            o.L_ = nullptr;
        }
        Lease& operator=(Lease&&) = delete;
        ~Lease();
        lua_State* get() const { return L_; }
        explicit operator bool() const { return L_ != nullptr; }

    private:
        friend class StatePool;
        StatePool* pool_ = nullptr;
        lua_State* L_ = nullptr;
        std::string module_;
        uint64_t version_ = 0;
    };

    // A state of `module` at `version` (the registry's counter for that module's text);
    // `source` is the module's text. An empty lease with `error` set when it fails to load.
    Lease acquire(const std::string& module, uint64_t version, std::string_view source, std::string& error);
    // Closes every idle state (after a module is removed, say).
    void clear();

private:
    void give_back(const std::string& module, uint64_t version, lua_State* L);

    // Idle states kept per module; more are closed when released.
    static constexpr size_t kMaxIdlePerModule = 16;
    struct Idle {
        uint64_t version = 0;
        std::vector<lua_State*> states;
    };

    const std::string user_path_;
    const LogFn log_;
    const std::function<void(lua_State*)> setup_;
    std::mutex mutex_;
    std::unordered_map<std::string, Idle> idle_;
};

}  // namespace aero::lua
