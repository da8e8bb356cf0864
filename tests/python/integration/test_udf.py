"""User-defined functions against a live server: module registration and its errors, record
UDFs that read, write, create, delete, return every kind of value and fail, batch UDFs with
per-record overrides, background UDF jobs, aggregations (stream UDFs reduced on the client),
async twins and bad input. The expectations are the real server's (Aerospike CE 8.1.2).
"""

import asyncio
import time
import uuid

import pytest

import aerospike_py as A
from aerospike_py import exp
from aerospike_py import predicates as p

RECORD_MODULE = """
function echo(rec, v) return v end
function get_bin(rec, name) return rec[name] end
function set_bin(rec, name, v)
  rec[name] = v
  if aerospike:exists(rec) then aerospike:update(rec) else aerospike:create(rec) end
  return v
end
function drop(rec) return aerospike:remove(rec) end
function boom(rec) error("boom") end
function make_list(rec) local l = list() list.append(l, 1) list.append(l, "two") return l end
function make_map(rec) local m = map() m["a"] = 1 m["b"] = 2.5 return m end
function make_bytes(rec) local b = bytes(2) b[1] = 104 b[2] = 105 return b end
function meta(rec) return map{gen = record.gen(rec), exists = aerospike:exists(rec)} end
function add_n(rec, by) rec["n"] = (rec["n"] or 0) + by aerospike:update(rec) return rec["n"] end
function as_bool(rec) return true end
"""

STREAM_MODULE = """
local function add(a, b) return a + b end
local function get_n(rec) return rec["n"] end
function sum_n(stream) return stream : map(get_n) : reduce(add) end
function count_groups(stream)
  local function acc(m, rec) local g = rec["g"] m[g] = (m[g] or 0) + 1 return m end
  local function merge(a, b) return map.merge(a, b, add) end
  return stream : aggregate(map(), acc) : reduce(merge)
end
function over(stream, floor)
  local function big(rec) return rec["n"] >= floor end
  return stream : filter(big) : map(get_n)
end
"""


#: The line of RECORD_MODULE that raises, as Lua numbers it in its message.
BOOM_LINE = next(i for i, line in enumerate(RECORD_MODULE.splitlines(), 1) if "boom" in line)


@pytest.fixture(scope="module")
def modules(client, tmp_path_factory):
    """The test modules registered under unique names; removed afterwards."""
    tag = uuid.uuid4().hex[:8]
    folder = tmp_path_factory.mktemp("udf")
    names = {}
    for kind, source in (("rec", RECORD_MODULE), ("stream", STREAM_MODULE)):
        path = folder / f"t_{kind}_{tag}.lua"
        path.write_text(source)
        client.udf_put(str(path))
        names[kind] = path.stem
    yield names, folder
    for name in names.values():
        client.udf_remove(name)


@pytest.fixture
def rec_module(modules):
    return modules[0]["rec"]


def test_registration_round_trip(client, modules):
    names, _ = modules
    listed = {m["name"]: m for m in client.udf_list()}
    for name in names.values():
        entry = listed[name + ".lua"]
        assert entry["type"] == A.UDF_TYPE_LUA
        assert len(entry["hash"]) == 40
    assert client.udf_get(names["rec"]) == RECORD_MODULE
    assert client.udf_get(names["rec"] + ".lua") == RECORD_MODULE


def test_remove_and_reput(client, tmp_path):
    path = tmp_path / f"t_tmp_{uuid.uuid4().hex[:8]}.lua"
    path.write_text("function f(rec) return 1 end\n")
    client.udf_put(str(path))
    client.udf_remove(path.stem)
    assert path.name not in {m["name"] for m in client.udf_list()}
    client.udf_remove(path.stem)  # a module that is not registered: no error, as on the server
    with pytest.raises(A.UDFError):
        client.udf_get(path.stem)


def test_compile_error_names_file_and_line(client, tmp_path):
    path = tmp_path / f"t_bad_{uuid.uuid4().hex[:8]}.lua"
    path.write_text("function f(rec)\n  return 1 +\nend\n")
    with pytest.raises(A.UDFError) as info:
        client.udf_put(str(path))
    assert info.value.code == 100
    assert f"{path.name}:3:" in str(info.value)
    assert "unexpected symbol" in str(info.value)


def test_registration_bad_input(client, tmp_path):
    with pytest.raises(A.ClientError, match="Failed to read UDF file"):
        client.udf_put(str(tmp_path / "missing.lua"))
    with pytest.raises(A.InvalidArgError):
        client.udf_put(str(tmp_path / "missing.lua"), 1)
    with pytest.raises(TypeError):
        client.udf_put(42)
    with pytest.raises(ValueError):
        client.udf_remove("")
    with pytest.raises(TypeError):
        client.udf_remove(None)


@pytest.mark.parametrize("value", [7, -3, 2.5, "text", "", True, False, None, [1, "a", [2]], {"k": 1, "m": {"x": [1]}},
                                   b"\x00\xff"])
def test_apply_round_trips_arguments(client, new_key, rec_module, value):
    key = new_key()
    client.put(key, {"a": 1})
    assert client.apply(key, rec_module, "echo", [value]) == value


def test_apply_returns_collections_and_bytes(client, new_key, rec_module):
    key = new_key()
    client.put(key, {"a": 1})
    assert client.apply(key, rec_module, "make_list") == [1, "two"]
    assert client.apply(key, rec_module, "make_map") == {"a": 1, "b": 2.5}
    assert client.apply(key, rec_module, "make_bytes") == b"hi"
    assert client.apply(key, rec_module, "as_bool") is True


def test_apply_reads_and_writes(client, new_key, rec_module):
    key = new_key()
    client.put(key, {"s": "hello", "n": 1})
    assert client.apply(key, rec_module, "get_bin", ["s"]) == "hello"
    assert client.apply(key, rec_module, "add_n", [41]) == 42
    record = client.get(key)
    assert record.bins == {"s": "hello", "n": 42}
    assert record.meta.gen == 2


def test_apply_creates_and_deletes(client, new_key, rec_module):
    key = new_key()
    assert client.apply(key, rec_module, "set_bin", ["x", [1, 2]]) == [1, 2]
    assert client.get(key).bins == {"x": [1, 2]}
    client.apply(key, rec_module, "drop")
    with pytest.raises(A.RecordNotFound):
        client.get(key)


def test_apply_on_missing_record(client, new_key, rec_module):
    key = new_key()
    assert client.apply(key, rec_module, "meta") == {"gen": 0, "exists": False}
    with pytest.raises(A.RecordNotFound):
        client.get(key)


def test_apply_failures_raise_udf_error_with_server_message(client, new_key, rec_module):
    key = new_key()
    client.put(key, {"a": 1})
    with pytest.raises(A.UDFError) as info:
        client.apply(key, rec_module, "boom")
    assert info.value.code == 100
    assert str(info.value).endswith(f"{rec_module}.lua:{BOOM_LINE}: boom")
    with pytest.raises(A.UDFError, match="function not found"):
        client.apply(key, rec_module, "no_such_function")
    with pytest.raises(A.UDFError):
        client.apply(key, "t_no_such_module_" + uuid.uuid4().hex[:6], "f")
    assert client.get(key).bins == {"a": 1}  # a failed UDF leaves the record as it was


def test_apply_honours_filter_expression(client, new_key, rec_module):
    key = new_key()
    client.put(key, {"n": 1})
    reject = exp.eq(exp.int_bin("n"), exp.int_val(2))
    with pytest.raises(A.FilteredOut):
        client.apply(key, rec_module, "add_n", [1], policy={"filter_expression": reject})
    assert client.get(key).bins == {"n": 1}


def test_apply_bad_input(client, new_key, rec_module):
    key = new_key()
    with pytest.raises(TypeError):
        client.apply(key, rec_module, "echo", "not a list")
    with pytest.raises(TypeError):
        client.apply(key, 3, "echo")
    with pytest.raises(ValueError):
        client.apply(key, rec_module, "")
    with pytest.raises(TypeError):
        client.apply(key, rec_module, "echo", [object()])


def test_apply_on_closed_client(server_config, rec_module):
    c = A.client(server_config).connect()
    c.close()
    with pytest.raises(A.ClientError):
        c.apply(("test", "pytest", "k"), rec_module, "echo", [1])


def test_batch_apply(client, new_key, rec_module):
    keys = [new_key() for _ in range(4)]
    for i, key in enumerate(keys[:3]):
        client.put(key, {"n": i})
    result = client.batch_apply(keys, rec_module, "add_n", [10])
    assert [r.result for r in result.batch_records] == [0, 0, 0, 0]
    assert [r.record.bins["SUCCESS"] for r in result.batch_records] == [10, 11, 12, 10]
    assert [r.key.user_key for r in result.batch_records] == [k[2] for k in keys]
    assert [client.get(k).bins["n"] for k in keys[:3]] == [10, 11, 12]
    with pytest.raises(A.RecordNotFound):  # aerospike:update() does not create a record
        client.get(keys[3])


def test_batch_apply_failures_and_overrides(client, new_key, rec_module):
    keys = [new_key() for _ in range(3)]
    for key in keys:
        client.put(key, {"n": 1})
    items = [keys[0], (keys[1], {"function": "make_bytes"}), (keys[2], {"function": "echo", "args": ["x"]})]
    rows = client.batch_apply(items, rec_module, "boom").batch_records
    assert rows[0].result == 100
    assert rows[0].record.bins["FAILURE"].endswith(f"{rec_module}.lua:{BOOM_LINE}: boom")
    assert rows[1].result == 0 and rows[1].record.bins == {"SUCCESS": b"hi"}
    assert rows[2].result == 0 and rows[2].record.bins == {"SUCCESS": "x"}


def test_batch_apply_bad_input(client, rec_module):
    with pytest.raises(TypeError):
        client.batch_apply("keys", rec_module, "echo")
    with pytest.raises(TypeError):
        client.batch_apply([(("test", "pytest", "k"), "meta")], rec_module, "echo")


@pytest.fixture
def numbers(client):
    """20 records with n = 0..19 and g in {"a", "b"} in a set of their own."""
    set_name = f"udf-{uuid.uuid4().hex[:8]}"
    keys = [("test", set_name, i) for i in range(20)]
    for i, key in enumerate(keys):
        client.put(key, {"n": i, "g": "b" if i % 3 == 0 else "a"})
    yield set_name, keys
    for key in keys:
        client.remove(key)


def wait_for_job(client, job_id):
    deadline = time.time() + 10
    while time.time() < deadline:
        info = client.job_info(job_id, A.JOB_QUERY)
        if info["status"] == A.JOB_STATUS_COMPLETED:
            return info
        time.sleep(0.05)
    raise AssertionError("the background job did not complete")


def test_background_udf(client, numbers, rec_module):
    set_name, keys = numbers
    query = client.query("test", set_name)
    query.apply(rec_module, "add_n", [100])
    job_id = query.execute_background()
    assert wait_for_job(client, job_id)["records_read"] == 20
    assert sorted(client.get(k).bins["n"] for k in keys) == list(range(100, 120))


def test_background_needs_ops_or_udf(client, numbers, rec_module):
    query = client.query("test", numbers[0])
    with pytest.raises(A.InvalidArgError):
        query.execute_background()
    query.apply(rec_module, "add_n", [1])
    query.add_ops([{"op": A.OPERATOR_WRITE, "bin": "x", "val": 1}])
    with pytest.raises(A.InvalidArgError):
        query.execute_background()


def test_aggregation_reduces_to_one_value(client, numbers, modules):
    query = client.query("test", numbers[0])
    query.apply(modules[0]["stream"], "sum_n")
    assert query.results() == [sum(range(20))]


def test_aggregation_of_maps(client, numbers, modules):
    query = client.query("test", numbers[0])
    query.apply(modules[0]["stream"], "count_groups")
    assert query.results() == [{"a": 13, "b": 7}]


def test_aggregation_without_reduce_streams_values(client, numbers, modules):
    query = client.query("test", numbers[0])
    query.apply(modules[0]["stream"], "over", [15])
    assert sorted(query.results()) == [15, 16, 17, 18, 19]
    seen = []
    query.foreach(seen.append)
    assert sorted(seen) == [15, 16, 17, 18, 19]


def test_aggregation_of_nothing(client, modules):
    query = client.query("test", f"empty-{uuid.uuid4().hex[:8]}")
    query.apply(modules[0]["stream"], "sum_n")
    assert query.results() == []


def test_aggregation_with_index_predicate(client, numbers, modules):
    set_name, _ = numbers
    index = f"udf_n_{uuid.uuid4().hex[:8]}"
    client.index_integer_create("test", set_name, "n", index)
    try:
        query = client.query("test", set_name)
        query.where(p.between("n", 5, 9))
        query.apply(modules[0]["stream"], "sum_n")
        assert query.results() == [5 + 6 + 7 + 8 + 9]
    finally:
        client.index_remove("test", index)


def test_aggregation_failure_raises_udf_error(client, numbers, modules):
    query = client.query("test", numbers[0])
    query.apply(modules[0]["stream"], "no_such_function")
    with pytest.raises(A.UDFError):
        query.results()


def test_async_udf(server_config, numbers, modules, tmp_path):
    names, _ = modules
    set_name, keys = numbers

    async def main():
        client = A.AsyncClient(server_config)
        await client.connect()
        try:
            assert await client.apply(keys[0], names["rec"], "add_n", [5]) == 5
            with pytest.raises(A.UDFError):
                await client.apply(keys[0], names["rec"], "boom")
            rows = (await client.batch_apply(keys[:2], names["rec"], "echo", [3])).batch_records
            assert [r.record.bins for r in rows] == [{"SUCCESS": 3}, {"SUCCESS": 3}]
            query = client.query("test", set_name)
            query.apply(names["stream"], "sum_n")
            assert await query.results() == [sum(range(20)) + 5]
            path = tmp_path / f"t_async_{uuid.uuid4().hex[:8]}.lua"
            path.write_text("function f(rec) return 1 end\n")
            await client.udf_put(str(path))
            assert path.name in {m["name"] for m in await client.udf_list()}
            await client.udf_remove(path.stem)
        finally:
            await client.close()

    asyncio.run(main())
