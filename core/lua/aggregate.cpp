#include "core/lua/aggregate.h"

#include <cstdio>

#include "core/lua/call.h"
#include "core/lua/environment.h"
#include "core/lua/lua_value.h"
#include "core/proto/msgpack.h"

namespace aero::lua {

namespace {

namespace mp = aero::proto::msgpack;

constexpr int kResultUdf = 100;

// One standard msgpack value to a UDF value (through the server's dialect).
Status from_std(const uint8_t* p, size_t n, Value& out) {
    proto::Reader r(p, n);
    proto::Buffer as;
    if (Status s = mp::std_to_as(r, as); !s.is_ok()) return s;
    if (r.left() != 0) return Status(kErrParam, "trailing bytes after a msgpack value");
    proto::Reader ar(as.data(), as.size());
    return decode(ar, out);
}

// The nodes' values, one after the other.
class ValuesIn : public Stream {
public:
    explicit ValuesIn(const std::vector<Value>& values) : values_(values) {}
    bool readable() const override { return true; }
    void read(lua_State* L) override {
        if (at_ < values_.size()) push_value(L, values_[at_++]);
        else lua_pushnil(L);
    }

private:
    const std::vector<Value>& values_;
    size_t at_ = 0;
};

// Collects what the stream writes, in standard msgpack.
class ValuesOut : public Stream {
public:
    explicit ValuesOut(std::vector<std::string>& out) : out_(out) {}
    bool writable() const override { return true; }
    int write(lua_State* L, int idx) override {
        if (lua_isnil(L, idx)) return 0;
        auto v = to_value(L, idx);
        if (!v) return 0;  // a table or function: nothing the client could be given
        proto::Buffer as, std;
        encode(*v, as);
        proto::Reader r(as.data(), as.size());
        if (!mp::as_to_std(r, std).is_ok()) return 1;
        out_.emplace_back(std.begin(), std.end());
        return 0;
    }

private:
    std::vector<std::string>& out_;
};

void log_to_stderr(int level, std::string_view message) {
    static const char* const names[] = {"WARNING", "WARNING", "INFO", "DEBUG", "DETAIL"};
    std::fprintf(stderr, "%s (udf): %.*s\n", names[level >= 1 && level <= 4 ? level : 0], int(message.size()),
                 message.data());
}

}  // namespace

Status aggregate_final(std::string_view module_source, std::string_view module_name, std::string_view function,
                       const uint8_t* args_msgpack, size_t args_len,
                       const std::vector<std::string>& node_values_msgpack,
                       std::vector<std::string>& out_values_msgpack) {
    out_values_msgpack.clear();
    std::vector<Value> args;
    if (args_len > 0) {
        Value list;
        if (Status s = from_std(args_msgpack, args_len, list); !s.is_ok()) return s;
        if (list.type != Value::kList) return Status(kErrParam, "the UDF arguments must be a msgpack array");
        args = std::move(list.list->items);
    }
    std::vector<Value> values(node_values_msgpack.size());
    for (size_t i = 0; i < values.size(); i++) {
        const auto* p = reinterpret_cast<const uint8_t*>(node_values_msgpack[i].data());
        if (Status s = from_std(p, node_values_msgpack[i].size(), values[i]); !s.is_ok()) return s;
    }

    lua_State* L = new_state("", log_to_stderr);
    if (!L) return Status(kErrClient, "not enough memory for a Lua state");
    std::string error;
    if (!load_module(L, module_name, module_source.empty() ? std::string_view(" ") : module_source, error)) {
        lua_close(L);
        return Status(kResultUdf, error);
    }
    ValuesIn in(values);
    ValuesOut out(out_values_msgpack);
    CallResult r = call_stream(L, function, StreamScope::client, in, out, args);
    lua_close(L);
    if (!r.failed) return Status::ok();
    out_values_msgpack.clear();
    std::string message = r.value && r.value->type == Value::kString ? r.value->s : "UDF error";
    return Status(kResultUdf, message);
}

}  // namespace aero::lua
