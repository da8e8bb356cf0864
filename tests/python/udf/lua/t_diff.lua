-- Functions the differential UDF cases call (tests/python/udf/cases.py), on the real server
-- and on aero-server alike.

function echo(rec, v)
  return v
end

function get_bin(rec, name)
  return rec[name]
end

function set_bin(rec, name, v)
  rec[name] = v
  if aerospike:exists(rec) then
    return aerospike:update(rec)
  end
  return aerospike:create(rec)
end

function set_no_update(rec, name, v)
  rec[name] = v
  return 1
end

function create_only(rec, name, v)
  rec[name] = v
  return aerospike:create(rec)
end

function update_only(rec, name, v)
  rec[name] = v
  return aerospike:update(rec)
end

function remove_rec(rec)
  return aerospike:remove(rec)
end

function exists(rec)
  return aerospike:exists(rec)
end

function meta(rec)
  local m = map()
  m['gen'] = record.gen(rec)
  m['ttl_positive'] = record.ttl(rec) > 0
  m['setname'] = record.setname(rec)
  m['numbins'] = record.numbins(rec)
  m['key'] = record.key(rec)
  m['digest_size'] = bytes.size(record.digest(rec))
  m['lut_positive'] = record.last_update_time(rec) > 0
  local names = record.bin_names(rec)
  table.sort(names)
  m['bin_names'] = list(names)
  return m
end

function incr(rec, name, by)
  rec[name] = (rec[name] or 0) + by
  aerospike:update(rec)
  return rec[name]
end

function delete_bin(rec, name)
  rec[name] = nil
  return aerospike:update(rec)
end

function set_ttl(rec, ttl)
  record.set_ttl(rec, ttl)
  rec['t'] = 1
  return aerospike:update(rec)
end

function fail_after_write(rec)
  rec['x'] = 99
  aerospike:update(rec)
  error('after write')
end

function fail_plain(rec, msg)
  error(msg, 0)
end

function fail_table(rec)
  error({1})
end

function bad_bin_type(rec)
  rec['x'] = {1, 2}
  return aerospike:update(rec)
end

function long_bin(rec)
  rec['abcdefghijklmnopq'] = 1
  return aerospike:update(rec)
end

function list_ops(rec, l)
  local out = list()
  list.append(out, list.size(l))
  local c = list.clone(l)
  list.append(c, 'end')
  list.prepend(c, 'start')
  list.insert(c, 2, 'second')
  list.append(out, c)
  list.append(out, list.take(l, 2))
  list.append(out, list.drop(l, 1))
  local t = list.clone(l)
  list.trim(t, 2)
  list.append(out, t)
  local r = list.clone(l)
  list.remove(r, 1)
  list.append(out, r)
  list.append(out, list.merge(l, l))
  local cc = list.clone(l)
  list.concat(cc, l)
  list.append(out, #cc)
  local sum = 0
  for v in list.iterator(l) do
    if type(v) == 'number' then sum = sum + v end
  end
  list.append(out, sum)
  list.append(out, l[1])
  list.append(out, l[100])
  return out
end

function map_ops(rec, m)
  local out = map()
  out['size'] = map.size(m)
  local keys = list()
  for k in map.keys(m) do list.append(keys, k) end
  out['nkeys'] = list.size(keys)
  local c = map.clone(m)
  c['added'] = 1
  out['clone_size'] = map.size(c)
  out['orig_size'] = map.size(m)
  local r = map.clone(m)
  for k in map.keys(m) do map.remove(r, k) break end
  out['removed_size'] = map.size(r)
  out['merged'] = map.merge(m, map{extra = 2})
  out['diff'] = map.diff(m, map{extra = 2})
  local n = 0
  for k, v in map.pairs(m) do n = n + 1 end
  out['pairs'] = n
  return out
end

function bytes_ops(rec)
  local b = bytes(0)
  bytes.append_byte(b, 1)
  bytes.append_int16(b, 258)
  bytes.append_int32_le(b, 16909060)
  bytes.append_int64(b, -2)
  bytes.append_string(b, 'xyz')
  bytes.set_byte(b, 1, 255)
  local out = list()
  list.append(out, b)
  list.append(out, bytes.size(b))
  list.append(out, bytes.get_byte(b, 1))
  list.append(out, bytes.get_int16(b, 2))
  list.append(out, bytes.get_int32_le(b, 4))
  list.append(out, bytes.get_int64(b, 8))
  list.append(out, bytes.get_string(b, 16, 3))
  list.append(out, b[2])
  list.append(out, bytes.get_type(b))
  local v = bytes(0)
  local n = bytes.append_var_int(v, 300)
  list.append(out, n)
  local x, sz = bytes.get_var_int(v, 1)
  list.append(out, x)
  list.append(out, sz)
  list.append(out, bytes.get_bytes(b, 1, 3))
  return out
end

function types(rec)
  local out = list()
  list.append(out, 1)
  list.append(out, 1.5)
  list.append(out, 'str')
  list.append(out, true)
  list.append(out, false)
  list.append(out, list{1, 2})
  list.append(out, map{a = 1})
  return out
end

function ret_nil(rec) return nil end
function ret_table(rec) return {1, 2} end
function ret_float(rec) return 2.25 end
function ret_bool(rec) return true end
function ret_int(rec) return 2^53 // 1 end
function ret_neg(rec) return -7 end
function ret_str(rec) return 'hello' end
function ret_bytes(rec) local b = bytes(0) bytes.append_string(b, 'raw') return b end
function ret_geo(rec) return geojson('{"type": "Point", "coordinates": [1.5, 2.5]}') end
function ret_nested(rec) return map{l = list{1, list{2, 3}, map{x = 'y'}}} end
function ret_function(rec) return ret_nil end

function read_types(rec)
  local out = map()
  for _, name in ipairs(record.bin_names(rec)) do
    local v = rec[name]
    local t = type(v)
    if t == 'userdata' then
      local mt = getmetatable(v)
      if mt == List then t = 'List' elseif mt == Map then t = 'Map' elseif mt == Bytes then t = 'Bytes' else t = 'other' end
    end
    out[name] = t
  end
  return out
end

function lua_env(rec)
  local out = map()
  out['math'] = type(math.floor)
  out['string'] = type(string.format)
  out['os'] = type(os)
  out['io'] = type(io)
  out['sum'] = math.sum(2, 3)
  out['product'] = math.product(2, 3)
  out['tostring_list'] = type(tostring(list{1}))
  out['version'] = _VERSION
  return out
end

function log_all(rec)
  info('info %d', 1)
  debug('debug %s', 'x')
  trace('trace')
  warn('warn')
  return 'logged'
end

function sizes(rec)
  return list{record.size(rec), record.memory_size(rec), record.device_size(rec)}
end

function drop_key(rec)
  record.drop_key(rec)
  rec['d'] = 1
  aerospike:update(rec)
  return record.key(rec)
end
