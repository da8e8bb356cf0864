#include "core/lua/prelude.h"

namespace aero::lua {

const char* const kPrelude = R"LUA(
-- Classes, so UDFs can test getmetatable(v) == Map.
Map = Map or getmetatable(map())
List = List or getmetatable(list())
Bytes = Bytes or getmetatable(bytes())

-- List and map helpers written in Lua on top of the C functions.
function list.clone(src)
    local items = {}
    for v in list.iterator(src) do items[#items + 1] = v end
    return list(items)
end

function list.merge(a, b)
    local items = {}
    for v in list.iterator(a) do items[#items + 1] = v end
    for v in list.iterator(b) do items[#items + 1] = v end
    return list(items)
end

function map.merge(a, b, resolve)
    local out = {}
    for k, v in map.pairs(a) do out[k] = v end
    for k, v in map.pairs(b) do
        local merged = out[k] and resolve and type(resolve) == 'function' and resolve(a[k], b[k])
        out[k] = merged or v
    end
    return map(out, map.size(a) + map.size(b))
end

function map.diff(a, b)
    local out = {}
    for k, v in map.pairs(a) do if not b[k] then out[k] = v end end
    for k, v in map.pairs(b) do if not a[k] then out[k] = v end end
    return map(out, map.size(a) + map.size(b))
end

function map.clone(src)
    local out = {}
    for k, v in map.pairs(src) do out[k] = v end
    return map(out, map.size(src))
end

function math.sum(a, b) return a + b end
function math.product(a, b) return a * b end

-- Stream operations. Each takes an iterator function and returns another.
local function over_limit(v) return type(v) == 'number' and v >= 1000 end

local function copy_of(v)
    local kind = type(v)
    if kind == 'table' then
        local t = {}
        for k, x in pairs(v) do t[k] = x end
        return t
    elseif kind == 'userdata' then
        local mt = getmetatable(v)
        if mt == Map then return map.clone(v) end
        if mt == List then return list.clone(v) end
        return nil
    end
    return v
end

function filter(next, keep)
    local finished = false
    return function()
        if finished then return nil end
        for v in next do
            if keep(v) then return v end
        end
        finished = true
        return nil
    end
end

function transform(next, fn)
    local finished = false
    return function()
        if finished then return nil end
        local v = next()
        if v ~= nil then return fn(v) end
        finished = true
        return nil
    end
end

function reduce(next, fn)
    local finished = false
    return function()
        if finished then return nil end
        local acc = next()
        if acc ~= nil then
            for v in next do acc = fn(acc, v) end
        end
        finished = true
        return acc
    end
end

function aggregate(next, init, fn)
    local finished = false
    return function()
        if finished then return nil end
        local acc = copy_of(init)
        for v in next do
            acc = fn(acc, v)
            if over_limit(acc) then return acc end
        end
        finished = true
        return acc
    end
end

function stream_iterator(s)
    local finished = false
    return function()
        if finished then return nil end
        local v = stream.read(s)
        if v == nil then finished = true end
        return v
    end
end

-- Where an operation may run: server only, either side, or on both (a reduce runs once per
-- node and again over the nodes' results).
local ON_SERVER, ON_CLIENT, ON_EITHER, ON_BOTH = 1, 2, 3, 4

StreamOps = {}
StreamOps_mt = { __index = StreamOps }

function StreamOps_create()
    return setmetatable({ ops = {} }, StreamOps_mt)
end

function StreamOps_apply(s, ops, i, n)
    i = i or 1
    n = n or #ops
    while i <= n do
        local op = ops[i]
        s = op.func(s, table.unpack(op.args)) or s
        i = i + 1
    end
    return s
end

function StreamOps_select(ops, scope)
    local server, client = {}, {}
    local on_client = false
    for _, op in ipairs(ops) do
        if on_client then
            client[#client + 1] = op
        elseif op.scope == ON_SERVER or op.scope == ON_EITHER then
            server[#server + 1] = op
        elseif op.scope == ON_BOTH then
            server[#server + 1] = op
            client[#client + 1] = op
            on_client = true
        end
    end
    if scope == ON_CLIENT then return client end
    return server
end

local function add_op(self, scope, name, func, ...)
    table.insert(self.ops, { scope = scope, name = name, func = func, args = {...} })
    return self
end

function StreamOps:aggregate(...) return add_op(self, ON_SERVER, "aggregate", aggregate, ...) end
function StreamOps:reduce(...) return add_op(self, ON_BOTH, "reduce", reduce, ...) end
function StreamOps:map(...) return add_op(self, ON_EITHER, "map", transform, ...) end
function StreamOps:filter(...) return add_op(self, ON_EITHER, "filter", filter, ...) end

function StreamOps:groupby(key_of)
    local function add(groups, v)
        local k = key_of and key_of(v) or nil
        local members = groups[k] or list()
        list.append(members, v)
        groups[k] = members
        return groups
    end
    local function join(a, b)
        local out = list.clone(a)
        for v in list.iterator(b) do list.append(out, v) end
        return out
    end
    return self:aggregate(map(), add):reduce(function(a, b) return map.merge(a, b, join) end)
end

-- Logging, at the levels aerospike:log takes (1 warning .. 4 trace).
function trace(fmt, ...) return aerospike:log(4, string.format(fmt, ...)) end
function debug(fmt, ...) return aerospike:log(3, string.format(fmt, ...)) end
function info(fmt, ...) return aerospike:log(2, string.format(fmt, ...)) end
function warn(fmt, ...) return aerospike:log(1, string.format(fmt, ...)) end

-- The drivers the host calls.
function apply_record(fn, rec, ...)
    if fn == nil then error("function not found", 2) end
    local ok, result = pcall(fn, rec, ...)
    if not ok then error(result, 2) end
    return result
end

function apply_stream(fn, scope, istream, ostream, ...)
    if fn == nil then error("function not found", 2) end
    local ops = StreamOps_create()
    local ok, result = pcall(fn, ops, ...)
    if not ok then error(result, 2) end
    local values = StreamOps_apply(stream_iterator(istream), StreamOps_select(result.ops, scope))
    for v in values do
        if stream.write(ostream, v) ~= 0 then break end
    end
    stream.write(ostream, nil)
    return 0
end
)LUA";

}  // namespace aero::lua
