-- Stream functions for the aggregation tests (tests/python/udf/test_aggregate.py).

local function add(a, b) return a + b end

function sum_bin(s, name)
  return s : map(function(rec) return rec[name] end) : reduce(add)
end

function count(s)
  return s : map(function(rec) return 1 end) : reduce(add)
end

function even_values(s, name)
  return s : filter(function(rec) return rec[name] % 2 == 0 end) : map(function(rec) return rec[name] end)
end

function stats(s, name)
  local function acc(m, rec)
    local v = rec[name]
    m['n'] = (m['n'] or 0) + 1
    m['sum'] = (m['sum'] or 0) + v
    if m['max'] == nil or v > m['max'] then m['max'] = v end
    return m
  end
  local function merge(a, b)
    local out = map()
    out['n'] = (a['n'] or 0) + (b['n'] or 0)
    out['sum'] = (a['sum'] or 0) + (b['sum'] or 0)
    local am, bm = a['max'], b['max']
    if am == nil or (bm ~= nil and bm > am) then out['max'] = bm else out['max'] = am end
    return out
  end
  return s : aggregate(map(), acc) : reduce(merge)
end

function group_by_parity(s, name)
  return s : groupby(function(rec) return rec[name] % 2 end)
end

function reduce_then_map(s, name)
  return s : map(function(rec) return rec[name] end) : reduce(add) : map(function(total) return total * 10 end)
end

function fails(s)
  return s : map(function(rec) error('stream boom') end)
end

function bad_setup(s)
  error('setup boom')
end

function try_update(s)
  return s : map(function(rec) return aerospike:update(rec) + (aerospike:exists(rec) and 10 or 0) end)
           : reduce(function(a, b) return a + b end)
end

function meta_of(s)
  return s : map(function(rec)
    return map{gen = record.gen(rec), set = record.setname(rec), bins = record.numbins(rec),
               digest = bytes.size(record.digest(rec)), size = record.size(rec)}
  end)
end
