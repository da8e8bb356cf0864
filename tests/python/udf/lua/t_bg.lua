-- Record functions for the background UDF tests (tests/python/udf/test_background.py).

function mark(rec, name, v)
  rec[name] = v
  aerospike:update(rec)
end

function double(rec, name)
  if rec[name] ~= nil then
    rec[name] = rec[name] * 2
    aerospike:update(rec)
  end
end

function drop(rec)
  aerospike:remove(rec)
end

function fail(rec)
  error('background boom')
end
