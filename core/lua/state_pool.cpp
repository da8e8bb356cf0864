#include "core/lua/state_pool.h"

namespace aero::lua {

StatePool::StatePool(std::string user_path, LogFn log, std::function<void(lua_State*)> setup)
    : user_path_(std::move(user_path)), log_(log), setup_(std::move(setup)) {}

StatePool::~StatePool() { clear(); }

StatePool::Lease::~Lease() {
    if (L_) pool_->give_back(module_, version_, L_);
}

StatePool::Lease StatePool::acquire(const std::string& module, uint64_t version, std::string_view source,
                                    std::string& error) {
    Lease lease;
    lease.pool_ = this;
    lease.module_ = module;
    lease.version_ = version;
    {
        std::lock_guard<std::mutex> g(mutex_);
        auto it = idle_.find(module);
        if (it != idle_.end() && it->second.version == version && !it->second.states.empty()) {
            lease.L_ = it->second.states.back();
            it->second.states.pop_back();
            return lease;
        }
    }
    lua_State* L = new_state(user_path_, log_);
    if (!L) {
        error = "not enough memory";
        return lease;
    }
    if (setup_) setup_(L);
    if (!load_module(L, module, source, error)) {
        lua_close(L);
        return lease;
    }
    lease.L_ = L;
    return lease;
}

void StatePool::give_back(const std::string& module, uint64_t version, lua_State* L) {
    // A call may leave values on the stack after an error; the next one starts clean.
    lua_settop(L, 0);
    std::vector<lua_State*> stale;
    {
        std::lock_guard<std::mutex> g(mutex_);
        Idle& idle = idle_[module];
        if (idle.version != version) {
            if (version < idle.version) {
                stale.push_back(L);
                L = nullptr;
            } else {
                stale.swap(idle.states);
                idle.version = version;
            }
        }
        if (L && idle.states.size() < kMaxIdlePerModule) idle.states.push_back(L);
        else if (L) stale.push_back(L);
    }
    for (lua_State* s : stale) lua_close(s);
}

void StatePool::clear() {
    std::unordered_map<std::string, Idle> all;
    {
        std::lock_guard<std::mutex> g(mutex_);
        all.swap(idle_);
    }
    for (auto& [name, idle] : all)
        for (lua_State* s : idle.states) lua_close(s);
}

}  // namespace aero::lua
