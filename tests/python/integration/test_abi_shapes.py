"""The msgpack shapes and policy keys aero.h documents, pinned at the C ABI.

abidiff (``make test-abi``) sees function signatures only; what crosses them as msgpack is as
much part of the ABI (README, "ABI stability"). These tests call libaero through cffi with
hand-built msgpack, as a binding in another language would, and check each shape of the
header's "Msgpack shapes", "Policies", "Configuration", batch, async, query, info, log and
metrics sections: the layout a caller may rely on, element by element. A change that breaks
one of them breaks every binding: it needs a new ABI major, not a new expected value here.
"""

import select
import uuid
from typing import Any, Iterator

import msgpack
import pytest

from aerospike_py._ffi import ffi, lib

NS = "test"
SET = "abi_shapes"
NEVER_EXPIRES = 4294967295


def pack(value: Any) -> bytes:
    """Standard msgpack, as aero.h asks: str for text, bin for bytes."""
    return msgpack.packb(value, use_bin_type=True)


def unpack(data: bytes) -> Any:
    return msgpack.unpackb(data, raw=False, strict_map_key=False)


class Abi:
    """Thin calls into libaero: status and the result buffer's bytes, nothing interpreted."""

    def __init__(self, client: Any) -> None:
        self.client = client
        self.err = ffi.gc(lib.aero_error_new(), lib.aero_error_destroy)
        self.buf = ffi.gc(lib.aero_buf_new(), lib.aero_buf_destroy)

    def result(self) -> Any:
        return unpack(bytes(ffi.buffer(lib.aero_buf_data(self.buf), lib.aero_buf_size(self.buf))))

    def message(self) -> str:
        return ffi.string(lib.aero_error_message(self.err)).decode()

    def put(self, key: Any, bins: Any, policy: Any = None) -> int:
        k, b = pack(key), pack(bins)
        p = pack(policy) if policy is not None else ffi.NULL
        return lib.aero_client_put(self.client, k, len(k), b, len(b), p, len(p) if policy is not None else 0, self.err)

    def get(self, key: Any, names: Any = None, policy: Any = None) -> Any:
        k = pack(key)
        n = pack(names) if names is not None else ffi.NULL
        p = pack(policy) if policy is not None else ffi.NULL
        rc = lib.aero_client_get(self.buf, self.client, k, len(k), n, len(n) if names is not None else 0,
                                 p, len(p) if policy is not None else 0, self.err)
        return rc, (self.result() if rc == 0 else None)

    def exists(self, key: Any) -> Any:
        k = pack(key)
        rc = lib.aero_client_exists(self.buf, self.client, k, len(k), ffi.NULL, 0, self.err)
        return rc, (self.result() if rc == 0 else None)

    def operate(self, key: Any, ops: Any) -> Any:
        k, o = pack(key), pack(ops)
        rc = lib.aero_client_operate(self.buf, self.client, k, len(k), o, len(o), ffi.NULL, 0, self.err)
        return rc, (self.result() if rc == 0 else None)

    def batch(self, rows: Any, policy: Any = None) -> Any:
        r = pack(rows)
        p = pack(policy) if policy is not None else ffi.NULL
        rc = lib.aero_client_batch(self.buf, self.client, r, len(r), p, len(p) if policy is not None else 0, self.err)
        return rc, (self.result() if rc == 0 else None)


@pytest.fixture(scope="module")
def abi(server_config: dict) -> Iterator[Abi]:
    """A client made and connected through aero.h alone, from the session server's config."""
    host, port = server_config["hosts"][0]
    err = ffi.gc(lib.aero_error_new(), lib.aero_error_destroy)
    cfg = ffi.new("aero_config **")
    assert lib.aero_config_new(cfg, err) == 0
    assert lib.aero_config_set(cfg[0], b"hosts", f"{host}:{port}".encode(), err) == 0
    if "cluster_name" in server_config:
        assert lib.aero_config_set(cfg[0], b"cluster_name", server_config["cluster_name"].encode(), err) == 0
    client = ffi.new("aero_client **")
    assert lib.aero_client_new(client, cfg[0], err) == 0
    lib.aero_config_destroy(cfg[0])
    assert lib.aero_client_connect(client[0], err) == 0, ffi.string(lib.aero_error_message(err))
    yield Abi(client[0])
    lib.aero_client_destroy(client[0])


@pytest.fixture
def key(abi: Abi) -> Iterator[list]:
    """A fresh key [namespace, set, user_key], removed afterwards."""
    k = [NS, SET, f"k-{uuid.uuid4().hex}"]
    yield k
    packed = pack(k)
    lib.aero_client_remove(abi.client, packed, len(packed), ffi.NULL, 0, abi.err)


def digest_of(key: Any) -> bytes:
    """The key's digest by aero_key_digest(); ``key`` is a value to pack, or msgpack bytes."""
    out = ffi.new("uint8_t[20]")
    packed = key if isinstance(key, bytes) else pack(key)
    err = ffi.gc(lib.aero_error_new(), lib.aero_error_destroy)
    assert lib.aero_key_digest(out, packed, len(packed), err) == 0, ffi.string(lib.aero_error_message(err))
    return bytes(out)


# --- key ----------------------------------------------------------------------------------


def test_key_shapes():
    by_str = digest_of([NS, SET, "user"])
    assert len(by_str) == 20
    # The user key's type is part of the digest: str, int and bin keys differ.
    assert len({by_str, digest_of([NS, SET, 7]), digest_of([NS, SET, b"user"])}) == 3
    # "" and nil both mean "no set".
    assert digest_of([NS, "", "user"]) == digest_of([NS, None, "user"]) != digest_of([NS, SET, "user"])
    # A str user key's bytes are not checked to be UTF-8.
    raw_str_key = b"\x93" + pack(NS) + pack(SET) + b"\xa1\xff"
    assert len(digest_of(raw_str_key)) == 20
    # The four-element form gives the digest itself, with a nil user key.
    four = [NS, SET, None, by_str]
    packed = pack(four)
    err = ffi.gc(lib.aero_error_new(), lib.aero_error_destroy)
    out = ffi.new("uint8_t[20]")
    assert lib.aero_key_digest(out, packed, len(packed), err) == 0
    assert bytes(out) == by_str
    for bad in ([NS, SET], [NS, SET, 1.5], {"ns": NS}, [NS, SET, None, b"short"]):
        packed = pack(bad)
        assert lib.aero_key_digest(out, packed, len(packed), err) == lib.AERO_ERR_PARAM, bad


def test_digest_key_addresses_the_same_record(abi: Abi, key: list):
    assert abi.put(key, {"a": 1}) == 0
    rc, record = abi.get([NS, SET, None, digest_of(key)])
    assert rc == 0 and record[3] == {"a": 1}


# --- bins, record, names, exists ----------------------------------------------------------


def test_record_shape_and_bin_values(abi: Abi, key: list):
    geo = '{"type":"Point","coordinates":[1.5,2.5]}'
    bins = {
        "int_min": -(2**63), "int_max": 2**63 - 1, "float": 1.25, "str": "text", "bin": b"\x00\x01",
        "true": True, "false": False, "list": [1, "a", [b"x", {"k": None}]], "map": {"k": {"n": [1.5]}, 3: "int key"},
        "geo": msgpack.ExtType(lib.AERO_EXT_GEOJSON, geo.encode()),
    }
    assert abi.put(key, bins) == 0
    rc, record = abi.get(key)
    assert rc == 0
    # record: [digest, generation, ttl, bins] with bins a map (get).
    assert isinstance(record, list) and len(record) == 4
    digest, generation, ttl, got = record
    assert isinstance(digest, bytes) and digest == digest_of(key)
    assert generation == 1 and isinstance(ttl, int)
    geo_back = got.pop("geo")
    assert geo_back == msgpack.ExtType(lib.AERO_EXT_GEOJSON, geo_back.data) and b'"Point"' in geo_back.data
    del bins["geo"]
    assert got == bins
    # A nil value deletes the bin.
    assert abi.put(key, {"str": None}) == 0
    rc, record = abi.get(key)
    assert record[1] == 2 and "str" not in record[3]


def test_names_select_bins(abi: Abi, key: list):
    assert abi.put(key, {"a": 1, "b": 2, "c": 3}) == 0
    rc, record = abi.get(key, ["a", "c"])
    assert rc == 0 and record[3] == {"a": 1, "c": 3}


def test_ttl_of_a_record_that_never_expires(abi: Abi, key: list):
    assert abi.put(key, {"a": 1}, {"ttl": -1}) == 0
    assert abi.get(key)[1][2] == NEVER_EXPIRES


def test_exists_shape_and_missing_record(abi: Abi, key: list):
    assert abi.exists(key) == (lib.AERO_ERR_RECORD_NOT_FOUND, None)
    assert abi.get(key) == (lib.AERO_ERR_RECORD_NOT_FOUND, None)
    assert abi.put(key, {"a": 1}) == 0
    rc, meta = abi.exists(key)
    # [digest, generation, ttl]
    assert rc == 0 and len(meta) == 3 and meta[0] == digest_of(key) and meta[1] == 1 and isinstance(meta[2], int)


# --- ops ----------------------------------------------------------------------------------


def test_ops_shape_and_operate_record(abi: Abi, key: list):
    ops = [
        [lib.AERO_OP_WRITE, "n", 1],
        [lib.AERO_OP_INCR, "n", 4],
        [lib.AERO_OP_READ, "n", None],
        [lib.AERO_OP_APPEND, "s", "b"],
        [lib.AERO_OP_READ, "s", None],
        [lib.AERO_OP_CDT, "l", [1, 7], None],  # list APPEND 1 (value)
        [lib.AERO_OP_EXP_READ, "e", [lib.AERO_EXP_ADD, [lib.AERO_EXP_BIN, lib.AERO_EXP_TYPE_INT, "n"], 10], 0],
    ]
    rc, record = abi.operate(key, ops)
    assert rc == 0, abi.message()
    assert len(record) == 4 and record[0] == digest_of(key) and record[1] == 1
    # bins as [name, value] pairs in operation order, one per op: nil for writes that answer
    # nothing.
    assert record[3] == [["n", None], ["n", None], ["n", 5], ["s", None], ["s", "b"], ["l", 1], ["e", 15]]
    rc, record = abi.operate(key, [[lib.AERO_OP_TOUCH, None, None], [lib.AERO_OP_READ, None, None]])
    assert rc == 0 and record[1] == 2
    assert dict(record[3]) == {"n": 5, "s": "b", "l": [7]}
    rc, _ = abi.operate(key, [[lib.AERO_OP_DELETE, None, None]])
    assert rc == 0 and abi.exists(key)[0] == lib.AERO_ERR_RECORD_NOT_FOUND


# --- policies -----------------------------------------------------------------------------

#: Every policy key aero.h documents, with a valid value (defaults where there are any).
POLICY_KEYS = {
    "socket_timeout": 1000, "total_timeout": 2000, "sleep_between_retries": 0, "backoff_multiplier": 1,
    "max_sleep_between_retries": 0, "jitter": False, "max_retries": 2, "timeout_delay": 0,
    "key": lib.AERO_POLICY_KEY_DIGEST,
    "exists": lib.AERO_POLICY_EXISTS_IGNORE, "gen": lib.AERO_POLICY_GEN_IGNORE, "generation": 0, "ttl": 0,
    "commit_level": lib.AERO_POLICY_COMMIT_LEVEL_ALL, "read_mode_ap": lib.AERO_POLICY_READ_MODE_AP_ONE,
    "read_mode_sc": lib.AERO_POLICY_READ_MODE_SC_SESSION, "replica": lib.AERO_POLICY_REPLICA_SEQUENCE,
    "durable_delete": False, "read_touch_ttl_percent": 0, "timeout": 1000, "metrics_op": "shape",
    "raw_errors": False, "filter_expression": None,
}
BATCH_POLICY_KEYS = {
    "allow_inline": True, "allow_inline_ssd": False, "respond_all_keys": True, "row_retries": 0,
    "concurrency": 1, "report_retries": False,
}


@pytest.mark.parametrize("name", sorted(POLICY_KEYS))
def test_documented_policy_keys_are_accepted(abi: Abi, key: list, name: str):
    policy = {name: POLICY_KEYS[name]}
    assert abi.put(key, {"a": 1}, policy) == 0, abi.message()
    assert abi.get(key, policy=policy)[0] == 0, abi.message()


def test_all_policy_keys_together(abi: Abi, key: list):
    assert abi.put(key, {"a": 1}, POLICY_KEYS) == 0, abi.message()
    assert abi.batch([[key, lib.AERO_BATCH_READ, None]], {**POLICY_KEYS, **BATCH_POLICY_KEYS})[0] == 0, abi.message()


@pytest.mark.parametrize("policy", [{"no_such_key": 1}, {"total_timeout": "soon"}, {"jitter": 3}, {"ttl": 1.5}, [1]])
def test_unknown_policy_keys_and_wrong_types_are_param_errors(abi: Abi, key: list, policy: Any):
    assert abi.put(key, {"a": 1}, policy) == lib.AERO_ERR_PARAM
    assert abi.get(key, policy=policy)[0] == lib.AERO_ERR_PARAM
    assert abi.batch([[key, lib.AERO_BATCH_READ, None]], policy)[0] == lib.AERO_ERR_PARAM


def test_filter_expression_answers_filtered_out(abi: Abi, key: list):
    assert abi.put(key, {"a": 1}) == 0
    never = [lib.AERO_EXP_EQ, [lib.AERO_EXP_BIN, lib.AERO_EXP_TYPE_INT, "a"], 2]
    assert abi.get(key, policy={"filter_expression": never}) == (lib.AERO_ERR_FILTERED_OUT, None)
    # A binding may send the tree packed once, as a msgpack bin.
    assert abi.get(key, policy={"filter_expression": pack(never)}) == (lib.AERO_ERR_FILTERED_OUT, None)


# --- configuration ------------------------------------------------------------------------

#: The configuration keys aero.h documents, each with a valid value given as text.
CONFIG_KEYS = {
    "hosts": "127.0.0.1:3000", "cluster_name": "c", "user": "u", "password": "p", "timeout": "1000",
    "idle_timeout": "55", "max_conns_per_node": "256", "min_conns_per_node": "0", "tend_interval": "1000",
    "use_services_alternate": "false", "max_concurrent_operations": "0", "operation_queue_timeout_ms": "0",
    "policies.read.socket_timeout": "0", "policies.read.total_timeout": "1000", "policies.read.max_retries": "2",
    "policies.read.sleep_between_retries": "0", "policies.write.socket_timeout": "0",
    "policies.write.total_timeout": "1000", "policies.write.max_retries": "0",
    "policies.write.sleep_between_retries": "0",
}


def test_config_keys_are_enumerated_set_and_read_back_as_text():
    known = {ffi.string(lib.aero_config_property(i)).decode() for i in range(lib.aero_config_count())}
    assert set(CONFIG_KEYS) <= known
    assert lib.aero_config_property(lib.aero_config_count()) == ffi.NULL
    err = ffi.gc(lib.aero_error_new(), lib.aero_error_destroy)
    buf = ffi.gc(lib.aero_buf_new(), lib.aero_buf_destroy)
    cfg = ffi.new("aero_config **")
    assert lib.aero_config_new(cfg, err) == 0
    try:
        for name, value in CONFIG_KEYS.items():
            assert lib.aero_config_set(cfg[0], name.encode(), value.encode(), err) == 0, name
            assert lib.aero_config_get(buf, cfg[0], name.encode(), err) == 0, name
            assert bytes(ffi.buffer(lib.aero_buf_data(buf), lib.aero_buf_size(buf))).decode() == value, name
        assert lib.aero_config_set(cfg[0], b"no_such_key", b"1", err) == lib.AERO_ERR_PARAM
        assert lib.aero_config_set(cfg[0], b"timeout", b"soon", err) == lib.AERO_ERR_PARAM
    finally:
        lib.aero_config_destroy(cfg[0])


# --- batch --------------------------------------------------------------------------------


def test_batch_result_shape(abi: Abi, key: list):
    other = [NS, SET, f"k-{uuid.uuid4().hex}"]
    missing = [NS, SET, f"k-{uuid.uuid4().hex}"]
    assert abi.put(key, {"a": 1, "b": 2}) == 0
    rows = [
        [key, lib.AERO_BATCH_READ, None],
        [key, lib.AERO_BATCH_READ, ["b"]],
        [key, lib.AERO_BATCH_READ, []],
        [other, lib.AERO_BATCH_WRITE, {"c": 3}, {"ttl": -1}],
        [key, lib.AERO_BATCH_OPERATE, [[lib.AERO_OP_INCR, "a", 1], [lib.AERO_OP_READ, "a", None]]],
        [missing, lib.AERO_BATCH_READ, None],
        [other, lib.AERO_BATCH_DELETE, None],
    ]
    rc, result = abi.batch(rows)
    assert rc == 0, abi.message()
    assert len(result) == len(rows)
    for row in result:
        # [status, generation, ttl, bins, in_doubt, digest]
        assert len(row) == 6 and isinstance(row[0], int) and isinstance(row[4], bool)
    read_all, read_b, header, write, operate, not_found, delete = result
    assert read_all[0] == 0 and read_all[1] == 1 and read_all[3] == {"a": 1, "b": 2}
    assert read_all[5] == digest_of(key)
    assert read_b[3] == {"b": 2}
    assert header[0] == 0 and header[3] == {}
    assert write[0] == 0 and write[3] == {} and write[2] == NEVER_EXPIRES and write[5] == digest_of(other)
    assert operate[0] == 0 and operate[3] == [["a", None], ["a", 2]]
    assert not_found[0] == lib.AERO_ERR_RECORD_NOT_FOUND and not_found[3] is None and not_found[4] is False
    assert delete[0] == 0


def test_batch_report_retries_appends_a_summary(abi: Abi, key: list):
    rc, result = abi.batch([[key, lib.AERO_BATCH_READ, None]], {"report_retries": True, "row_retries": 2})
    assert rc == 0 and len(result) == 2
    # [attempts, max_attempts, truncated_by_timeout, unresolved] after the rows.
    attempts, max_attempts, truncated, unresolved = result[1]
    assert attempts == 1 and max_attempts == 3 and truncated is False and unresolved == 0


def test_batch_rows_must_have_the_documented_shape(abi: Abi, key: list):
    for rows in ([[key, lib.AERO_BATCH_READ]], [[key, 99, None]], {"rows": []}):
        assert abi.batch(rows)[0] == lib.AERO_ERR_PARAM, rows


# --- async completions --------------------------------------------------------------------


def drain(queue: Any, abi: Abi, want: int) -> list:
    got: list = []
    count = ffi.new("size_t *")
    fd = lib.aero_queue_fd(queue)
    while len(got) < want:
        assert select.select([fd], [], [], 5)[0], "no completion within 5 s"
        assert lib.aero_queue_drain(abi.buf, count, queue, 64, abi.err) == 0
        if count[0]:
            got.extend(abi.result())
    return got


def test_async_completion_shapes(abi: Abi, key: list):
    q = ffi.new("aero_queue **")
    assert lib.aero_queue_new(q, abi.client, abi.err) == 0
    queue = ffi.gc(q[0], lib.aero_queue_destroy)
    k, b = pack(key), pack({"a": 1})
    assert lib.aero_client_put_async(abi.client, queue, 1, k, len(k), b, len(b), ffi.NULL, 0, abi.err) == 0
    assert drain(queue, abi, 1) == [[1, 0, None]]  # [token, status, payload]; nil for writes
    assert lib.aero_client_get_async(abi.client, queue, 2**64 - 1, k, len(k), ffi.NULL, 0, ffi.NULL, 0, abi.err) == 0
    assert lib.aero_client_exists_async(abi.client, queue, 3, k, len(k), ffi.NULL, 0, abi.err) == 0
    missing = pack([NS, SET, f"k-{uuid.uuid4().hex}"])
    assert lib.aero_client_get_async(abi.client, queue, 4, missing, len(missing), ffi.NULL, 0, ffi.NULL, 0, abi.err) == 0
    by_token = {c[0]: c for c in drain(queue, abi, 3)}
    assert by_token[2**64 - 1][1] == 0 and by_token[2**64 - 1][2] == [digest_of(key), 1, by_token[2**64 - 1][2][2], {"a": 1}]
    assert by_token[3][1] == 0 and by_token[3][2][:2] == [digest_of(key), 1] and len(by_token[3][2]) == 3
    token, status, details = by_token[4]
    assert status == lib.AERO_ERR_RECORD_NOT_FOUND
    assert set(details) == {"message", "in_doubt", "node"}
    assert isinstance(details["message"], str) and details["in_doubt"] is False and isinstance(details["node"], str)
    rows = pack([[key, lib.AERO_BATCH_READ, None]])
    assert lib.aero_client_batch_async(abi.client, queue, 5, rows, len(rows), ffi.NULL, 0, abi.err) == 0
    [(token, status, result)] = drain(queue, abi, 1)
    assert token == 5 and status == 0 and result[0][0] == 0 and result[0][3] == {"a": 1}


# --- cluster, info, log, metrics ----------------------------------------------------------


def test_node_names_stats_and_cluster_view(abi: Abi):
    assert lib.aero_client_node_names(abi.buf, abi.client, abi.err) == 0
    names = abi.result()
    assert names and all(isinstance(n, str) for n in names)
    assert lib.aero_client_stats(abi.buf, abi.client, abi.err) == 0
    stats = abi.result()
    assert {"nodes", "epoch", "tends"} <= set(stats["cluster"])
    node = stats["nodes"][0]
    assert {"name", "address", "connections", "in_flight", "commands", "errors", "timeouts", "retries"} <= set(node)
    assert {"open", "in_use", "idle", "async_open", "recovered", "aborted"} <= set(node["connections"])
    assert lib.aero_client_cluster_view(abi.buf, abi.client, abi.err) == 0
    view = abi.result()
    assert isinstance(view["epoch"], int)
    assert {"name", "address", "partitions"} <= set(view["nodes"][0])
    masters, replicas = view["nodes"][0]["partitions"][NS]
    assert isinstance(masters, int) and isinstance(replicas, int)


def test_info_all_shape(abi: Abi):
    assert lib.aero_client_info_all(abi.buf, abi.client, b"namespaces", ffi.NULL, 0, abi.err) == 0
    entries = abi.result()
    # [node_name, status, value] per node
    assert entries and all(len(e) == 3 and isinstance(e[0], str) and e[1] == 0 and NS in e[2] for e in entries)


def test_log_drain_shape():
    # The package's own log thread drains the same process-wide queue under this lock: holding
    # it keeps the lines for this test.
    from aerospike_py import _log

    level = lib.aero_log_level()
    lib.aero_log_set_level(lib.AERO_LOG_DEBUG)
    try:
        with _log._drain_lock:
            err = ffi.gc(lib.aero_error_new(), lib.aero_error_destroy)
            buf = ffi.gc(lib.aero_buf_new(), lib.aero_buf_destroy)
            # A client that cannot connect logs why.
            cfg = ffi.new("aero_config **")
            assert lib.aero_config_new(cfg, err) == 0
            assert lib.aero_config_set(cfg[0], b"hosts", b"127.0.0.1:1", err) == 0
            assert lib.aero_config_set(cfg[0], b"timeout", b"200", err) == 0
            client = ffi.new("aero_client **")
            assert lib.aero_client_new(client, cfg[0], err) == 0
            lib.aero_config_destroy(cfg[0])
            assert lib.aero_client_connect(client[0], err) != 0
            lib.aero_client_destroy(client[0])
            count = ffi.new("size_t *")
            assert lib.aero_log_drain(buf, count, 4096, err) == 0
            lines = unpack(bytes(ffi.buffer(lib.aero_buf_data(buf), lib.aero_buf_size(buf))))
            assert len(lines) == count[0] > 0
            for line in lines:
                # [level, unix_millis, message]
                assert len(line) == 3 and lib.AERO_LOG_ERROR <= line[0] <= lib.AERO_LOG_TRACE
                assert line[1] > 1_500_000_000_000 and isinstance(line[2], str)
    finally:
        lib.aero_log_set_level(level)


def test_metrics_snapshot_shape(abi: Abi, key: list):
    assert abi.put(key, {"a": 1}, {"metrics_op": "abi_shape_put"}) == 0
    assert lib.aero_metrics_snapshot(abi.buf, abi.err) == 0
    series = [s for s in abi.result() if s[0] == "abi_shape_put"]
    assert series
    # [op, ns, set, code, count, sum_seconds, [bucket, ...]]: 9 bounds and the rest.
    op, ns, set_name, code, count, seconds, buckets = series[0]
    assert (ns, set_name, code) == (NS, SET, 0) and count >= 1 and isinstance(seconds, float)
    assert len(buckets) == 10 and sum(buckets) == count


# --- scans ----------------------------------------------------------------------------------


def test_query_page_and_status_shapes(abi: Abi):
    set_name = f"abi_scan_{uuid.uuid4().hex[:8]}"
    keys = [[NS, set_name, i] for i in range(5)]
    for k in keys:
        assert abi.put(k, {"i": k[2]}, {"key": lib.AERO_POLICY_KEY_SEND}) == 0
    spec = pack({"ns": NS, "set": set_name})
    q = ffi.new("aero_query **")
    assert lib.aero_query_new(q, abi.client, spec, len(spec), ffi.NULL, 0, abi.err) == 0, abi.message()
    query = q[0]
    try:
        records: list = []
        done = ffi.new("int *")
        while not done[0]:
            assert lib.aero_query_next(abi.buf, done, query, 5000, abi.err) == 0, abi.message()
            page = abi.result()
            # A flat array of 6 values per record: digest, set | nil, user_key | nil,
            # generation, ttl, bins.
            assert len(page) % 6 == 0
            records.extend(page[i:i + 6] for i in range(0, len(page), 6))
        assert len(records) == 5
        for digest, rset, user_key, generation, ttl, bins in records:
            assert digest == digest_of([NS, set_name, user_key]) and rset == set_name
            assert generation == 1 and isinstance(ttl, int) and bins == {"i": user_key}
        complete = ffi.new("int *")
        assert lib.aero_query_status(abi.buf, complete, query, abi.err) == 0
        status = abi.result()
        assert complete[0] == 1 and len(status) == 4096
        # [partition_id, done, last_digest | nil, last_bval]
        assert all(len(p) == 4 and p[1] is True for p in status)
        assert sorted(p[0] for p in status) == list(range(4096))
    finally:
        lib.aero_query_destroy(query)
        for k in keys:
            packed = pack(k)
            lib.aero_client_remove(abi.client, packed, len(packed), ffi.NULL, 0, abi.err)

