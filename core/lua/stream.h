// The streams a stream UDF reads and writes (mod-lua's as_stream): the host supplies their
// ends, the Lua code calls stream.read(s) and stream.write(s, v). Lives for one call, on the
// thread that runs it.
#pragma once

#include <lua.hpp>

namespace aero::lua {

class Stream {
public:
    virtual ~Stream() = default;
    // Pushes the next value (nil when the stream is finished). Input streams only.
    virtual void read(lua_State* L) { lua_pushnil(L); }
    // Takes the value at stack index idx (nil ends the stream); 0 to go on, non-zero to make
    // the writer stop. Output streams only.
    virtual int write(lua_State* L, int idx) {
        (void)L;
        (void)idx;
        return 1;
    }
    virtual bool readable() const { return false; }
    virtual bool writable() const { return false; }
};

// Pushes a userdata standing for s (which must outlive the call using it).
void push_stream(lua_State* L, Stream* s);

}  // namespace aero::lua
