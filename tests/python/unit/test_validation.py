"""Argument validation happens before the connection check, raising what aerospike-py raises.

Every test uses a client that was never connected: bad arguments raise TypeError, ValueError or
InvalidArgError; good arguments get as far as the "not connected" ClientError.
"""

import pytest

import aerospike_py
from aerospike_py import ClientError, InvalidArgError

KEY = ("test", "demo", "key1")


@pytest.fixture
def unconnected():
    return aerospike_py.client({"hosts": [("127.0.0.1", 19999)]})


def test_not_connected_error(unconnected):
    with pytest.raises(ClientError, match="not connected") as info:
        unconnected.get(KEY)
    assert info.value.code == -31


def test_lifecycle_without_connect(unconnected):
    assert unconnected.is_connected() is False
    assert unconnected.ping() is False
    unconnected.close()
    unconnected.close()
    with unconnected as same:
        assert same is unconnected


@pytest.mark.parametrize("method,args", [
    ("get_node_names", ()),
    ("info_all", ("build",)),
    ("info_random_node", ("build",)),
    ("truncate", ("test", "demo")),
    ("put", (KEY, {"a": 1})),
    ("get", (KEY,)),
    ("select", (KEY, ["a"])),
    ("exists", (KEY,)),
    ("remove", (KEY,)),
    ("touch", (KEY, 10)),
    ("append", (KEY, "s", "x")),
    ("prepend", (KEY, "s", "x")),
    ("increment", (KEY, "n", 1)),
    ("remove_bin", (KEY, ["a"])),
    ("operate", (KEY, [{"op": aerospike_py.OPERATOR_READ, "bin": "a"}])),
    ("operate_ordered", (KEY, [{"op": aerospike_py.OPERATOR_READ, "bin": "a"}])),
])
def test_good_arguments_reach_the_connection_check(unconnected, method, args):
    with pytest.raises(ClientError):
        getattr(unconnected, method)(*args)


@pytest.mark.parametrize("bins", [None, "str", 1, ["a"], ("a", 1), True, b"x", 1.5, {"a"}])
def test_put_bins_must_be_a_dict(unconnected, bins):
    with pytest.raises(TypeError, match="bins argument must be a dict"):
        unconnected.put(KEY, bins)


@pytest.mark.parametrize("value", [
    0, -1, 2**63 - 1, -(2**63), 3.14, -0.0, float("inf"), "", "héllo", b"", b"\x00\x01", None, True, False,
    [], [1, "two", 3.0], {}, {"nested": {"deep": [1, {2: b"x"}]}},
])
def test_accepted_bin_values(unconnected, value):
    with pytest.raises(ClientError):
        unconnected.put(KEY, {"bin": value})


@pytest.mark.parametrize("value", [(1, 2), {1, 2}, frozenset(), bytearray(b"x"), object(), [(1,)], {"k": {1}}])
def test_unsupported_bin_value_types(unconnected, value):
    with pytest.raises(TypeError, match="Unsupported type"):
        unconnected.put(KEY, {"bin": value})


@pytest.mark.parametrize("value", [2**63, -(2**63) - 1, 2**64, [2**70]])
def test_integers_beyond_64_bits(unconnected, value):
    with pytest.raises(ValueError, match="64-bit"):
        unconnected.put(KEY, {"bin": value})


def _nested(depth):
    value = 1
    for _ in range(depth):
        value = [value]
    return value


def test_nesting_limit(unconnected):
    with pytest.raises(ClientError):
        unconnected.put(KEY, {"bin": _nested(64)})
    with pytest.raises(ValueError, match="maximum depth of 64"):
        unconnected.put(KEY, {"bin": _nested(65)})


@pytest.mark.parametrize("name", ["a" * 15, "bin-name.v2", "\u00e9", "é" * 7])
def test_valid_bin_names(unconnected, name):
    with pytest.raises(ClientError):
        unconnected.put(KEY, {name: 1})


def test_bin_name_over_15_bytes(unconnected):
    with pytest.raises(ValueError, match="exceeds the 15-byte limit"):
        unconnected.put(KEY, {"a" * 16: 1})
    with pytest.raises(ValueError, match="exceeds the 15-byte limit"):
        unconnected.put(KEY, {"é" * 8: 1})  # 8 characters, 16 bytes


def test_empty_bin_name(unconnected):
    with pytest.raises(ValueError, match="must not be empty"):
        unconnected.put(KEY, {"": 1})


def test_bin_name_must_be_str(unconnected):
    with pytest.raises(TypeError):
        unconnected.put(KEY, {1: 1})


@pytest.mark.parametrize("key", [
    ("test", "", "k"), ("test", "demo", 42), ("test", "demo", b"\x01\x02"), ("test", "demo", ""),
    ("test", "demo", "\u00e9\u00e8"), ("test", "demo", 2**63 - 1), ("test", "demo", -(2**63)),
    ("test", "demo", None, b"\x01" * 20), ("test", "demo", "k", b"\x01" * 20), ("test", "demo", "k", None),
])
def test_accepted_keys(unconnected, key):
    with pytest.raises(ClientError):
        unconnected.get(key)


@pytest.mark.parametrize("key,error", [
    ("not_a_tuple", TypeError),
    (["test", "demo", "k"], TypeError),
    (("test", "demo"), ValueError),
    (("test", None, "k"), TypeError),
    ((1, "demo", "k"), TypeError),
    (("test", "demo", 1.5), ValueError),
    (("test", "demo", [1]), ValueError),
    (("test", "demo", True), ValueError),
    (("test", "demo", None), ValueError),
    (("test", "demo", 2**63), ValueError),
    (("test", "demo", "k", 12), TypeError),
])
def test_rejected_keys(unconnected, key, error):
    with pytest.raises(error):
        unconnected.get(key)


@pytest.mark.parametrize("policy_key,value", [
    ("exists", "not_an_int"), ("gen", [1, 2, 3]), ("key", {"nested": True}), ("commit_level", 3.14),
    ("durable_delete", 1), ("ttl", "10"),
])
def test_write_policy_wrong_type(unconnected, policy_key, value):
    with pytest.raises(TypeError):
        unconnected.put(KEY, {"a": 1}, policy={policy_key: value})


@pytest.mark.parametrize("policy_key,value", [("socket_timeout", "x"), ("total_timeout", []), ("max_retries", {})])
def test_read_policy_wrong_type(unconnected, policy_key, value):
    with pytest.raises(TypeError):
        unconnected.get(KEY, policy={policy_key: value})


@pytest.mark.parametrize("policy_key", ["exists", "gen", "key", "commit_level"])
def test_out_of_range_enum_is_accepted(unconnected, policy_key):
    with pytest.raises(ClientError):
        unconnected.put(KEY, {"a": 1}, policy={policy_key: 999})


@pytest.mark.parametrize("ttl", [-3, -100, 2**32])
def test_invalid_ttl(unconnected, ttl):
    with pytest.raises(InvalidArgError):
        unconnected.put(KEY, {"a": 1}, meta={"ttl": ttl})
    with pytest.raises(InvalidArgError):
        unconnected.put(KEY, {"a": 1}, policy={"ttl": ttl})


@pytest.mark.parametrize("ttl", [-2, -1, 0, 1, 2**32 - 1])
def test_valid_ttl(unconnected, ttl):
    with pytest.raises(ClientError):
        unconnected.put(KEY, {"a": 1}, meta={"ttl": ttl})


def test_policy_and_meta_must_be_dicts(unconnected):
    with pytest.raises(TypeError):
        unconnected.put(KEY, {"a": 1}, policy=[("ttl", 1)])
    with pytest.raises(TypeError):
        unconnected.put(KEY, {"a": 1}, meta="gen")
    with pytest.raises(TypeError):
        unconnected.get(KEY, policy=5)


def test_unknown_policy_keys_are_ignored(unconnected):
    with pytest.raises(ClientError, match="not connected"):
        unconnected.get(KEY, policy={"no_such_key": object(), "filter_expression": None})


@pytest.mark.parametrize("name", ["filter_expression", "expressions"])
def test_filters_are_checked_never_ignored(unconnected, name):
    # A filter that is dropped would make a conditional write apply unconditionally: every
    # command checks it (before anything else is looked at) and refuses what it cannot send.
    def calls(flt):
        return [
            lambda: unconnected.get(KEY, policy={name: flt}),
            lambda: unconnected.put(KEY, {"a": 1}, policy={name: flt}),
            lambda: unconnected.remove(KEY, policy={name: flt}),
            lambda: unconnected.touch(KEY, policy={name: flt}),
            lambda: unconnected.operate(KEY, [{"op": aerospike_py.OPERATOR_READ, "bin": "a"}], policy={name: flt}),
            lambda: unconnected.batch_read([KEY], policy={name: flt}),
            lambda: unconnected.batch_write([(KEY, {"a": 1}, {name: flt})]),
        ]

    for call in calls(5):
        with pytest.raises(TypeError, match="must be an expression"):
            call()
    for call in calls({"__expr__": "eq"}):
        with pytest.raises(ValueError, match="missing required field"):
            call()
    good = aerospike_py.exp.eq(aerospike_py.exp.int_bin("a"), aerospike_py.exp.int_val(1))
    for call in calls(good):
        with pytest.raises(ClientError, match="not connected"):
            call()
    with pytest.raises(InvalidArgError, match="cannot be a client default"):
        aerospike_py.client({"hosts": [("127.0.0.1", 3000)], "policies": {"write": {name: good}}}).connect()


def test_filter_and_its_alias_together_are_refused(unconnected):
    good = aerospike_py.exp.eq(aerospike_py.exp.int_bin("a"), aerospike_py.exp.int_val(1))
    with pytest.raises(InvalidArgError, match="both"):
        unconnected.get(KEY, policy={"filter_expression": good, "expressions": good})


def test_select_bins_must_be_names(unconnected):
    with pytest.raises(TypeError):
        unconnected.select(KEY, "a")
    with pytest.raises(TypeError):
        unconnected.select(KEY, [1])
    with pytest.raises(ValueError):
        unconnected.select(KEY, ["x" * 16])


def test_remove_bin_names(unconnected):
    with pytest.raises(TypeError):
        unconnected.remove_bin(KEY, "a")
    with pytest.raises(ValueError):
        unconnected.remove_bin(KEY, [""])


def test_touch_val_must_be_int(unconnected):
    with pytest.raises(TypeError):
        unconnected.touch(KEY, "10")
    with pytest.raises(InvalidArgError):
        unconnected.touch(KEY, 2**32)


@pytest.mark.parametrize("offset", ["1", None, [1], True])
def test_increment_offset_must_be_a_number(unconnected, offset):
    with pytest.raises(TypeError):
        unconnected.increment(KEY, "n", offset)


def test_append_checks_bin_name_and_value(unconnected):
    with pytest.raises(ValueError):
        unconnected.append(KEY, "b" * 16, "x")
    with pytest.raises(TypeError):
        unconnected.prepend(KEY, "b", ("x",))


@pytest.mark.parametrize("ops,error", [
    ("not a list", TypeError),
    ([("op", 1)], TypeError),
    ([{"bin": "a"}], TypeError),
    ([{"op": "read", "bin": "a"}], TypeError),
    ([{"op": 999, "bin": "a", "val": 1}], ValueError),
    ([{"op": aerospike_py.OPERATOR_WRITE, "val": 1}], ValueError),
    ([{"op": aerospike_py.OPERATOR_WRITE, "bin": "a", "val": (1,)}], TypeError),
    ([{"op": aerospike_py.OPERATOR_INCR, "bin": "a", "val": "x"}], TypeError),
])
def test_operate_rejects_bad_operations(unconnected, ops, error):
    with pytest.raises(error):
        unconnected.operate(KEY, ops)
    with pytest.raises(error):
        unconnected.operate_ordered(KEY, ops)


def test_info_command_must_be_str(unconnected):
    with pytest.raises(TypeError):
        unconnected.info_all(b"build")
    with pytest.raises(TypeError):
        unconnected.info_random_node(None)


@pytest.mark.parametrize("args,error", [
    ((1, "demo"), TypeError), (("test", 5), TypeError), (("test", "demo", -1), ValueError),
    (("test", "demo", 2**64), ValueError), (("test", "demo", 1.5), TypeError),
])
def test_truncate_arguments(unconnected, args, error):
    with pytest.raises(error):
        unconnected.truncate(*args)


def test_truncate_whole_namespace_arguments(unconnected):
    with pytest.raises(ClientError):
        unconnected.truncate("test", None)


def test_username_without_password(unconnected):
    with pytest.raises(ClientError, match="password"):
        unconnected.connect("admin")


@pytest.mark.parametrize("key", [
    ("test", "demo", "k", None, "extra"), ("test", "demo", "k", b"\x01" * 20, 1), ("test", "demo", 1, None, None, None),
])
def test_key_tuple_with_more_than_four_elements(unconnected, key):
    with pytest.raises(ValueError, match="3 or 4 elements"):
        unconnected.get(key)
    with pytest.raises(ValueError, match="3 or 4 elements"):
        unconnected.batch_read([KEY, key])


@pytest.mark.parametrize("key", [("te\0st", "demo", "k"), ("test", "de\0mo", "k"), ("test", "\0", None, b"\x01" * 20)])
def test_nul_in_namespace_or_set_is_refused(unconnected, key):
    with pytest.raises(ValueError, match="NUL"):
        unconnected.put(key, {"a": 1})
    with pytest.raises(ValueError, match="NUL"):
        unconnected.batch_remove([key])


@pytest.mark.parametrize("name", ["a\0", "\0", "bin\0name"])
def test_nul_in_bin_name_is_refused(unconnected, name):
    calls = [
        lambda: unconnected.put(KEY, {name: 1}),
        lambda: unconnected.select(KEY, [name]),
        lambda: unconnected.append(KEY, name, "x"),
        lambda: unconnected.increment(KEY, name, 1),
        lambda: unconnected.remove_bin(KEY, [name]),
        lambda: unconnected.operate(KEY, [{"op": aerospike_py.OPERATOR_READ, "bin": name}]),
        lambda: unconnected.batch_read([KEY], [name]),
        lambda: unconnected.batch_write([(KEY, {name: 1})]),
    ]
    for call in calls:
        with pytest.raises(ValueError, match="NUL"):
            call()


def test_nul_in_info_and_truncate_text_is_refused(unconnected):
    # Both cross as C strings: "test\0x" would truncate namespace "test".
    with pytest.raises(ValueError, match="NUL"):
        unconnected.truncate("test\0x", None)
    with pytest.raises(ValueError, match="NUL"):
        unconnected.truncate("test", "demo\0x")
    with pytest.raises(ValueError, match="NUL"):
        unconnected.info_random_node("build\0")
    with pytest.raises(ValueError, match="NUL"):
        unconnected.info_all("namespaces\0")


@pytest.mark.parametrize("call", [
    lambda c: c.put(KEY, {"a": 1}, meta={"ttl": True}),
    lambda c: c.put(KEY, {"a": 1}, meta={"gen": True}),
    lambda c: c.put(KEY, {"a": 1}, policy={"ttl": True}),
    lambda c: c.get(KEY, policy={"total_timeout": True}),
    lambda c: c.get(KEY, policy={"socket_timeout": False}),
    lambda c: c.remove(KEY, policy={"max_retries": True}),
    lambda c: c.touch(KEY, 10, meta={"ttl": True}),
    lambda c: c.batch_read([KEY], policy={"replica": True}),
    lambda c: c.batch_write([(KEY, {"a": 1}, {"ttl": True})]),
    lambda c: c.batch_remove([(KEY, {"gen": True})]),
    lambda c: c.info_random_node("build", policy={"timeout": True}),
    lambda c: c.truncate("test", "demo", True),
    lambda c: c.batch_write([(KEY, {"a": 1})], retry=True),
])
def test_bool_is_not_an_int_argument(unconnected, call):
    with pytest.raises(TypeError):
        call(unconnected)


_BATCH_KEYS = [
    ("test", "rows", 1), ("test", "rows", "k"), ("test", "rows", b"\x01"), ("test", "rows", "\udcff"),
    ("test", "rows", None, b"\x02" * 20), ("test", "rows", -(2**63)), ("test", "rows_other", 2),
    ("test", "rows", 2**63 - 1), ("other_ns", "rows", "k"), ("test", "rows", 3), ("test", "", 4),
]


def _expand_key_runs(rows):
    """One row per key: a row whose key is [ns, set, [user_key, ...]] stands for one row per
    user key (libaero's reading of it), rebuilt here byte for byte."""
    import msgpack

    out = []
    for row in rows:
        unpacker = msgpack.Unpacker(raw=True)
        unpacker.feed(row)
        assert unpacker.read_array_header() == 3
        assert unpacker.read_array_header() in (3, 4)
        names_start = unpacker.tell()
        unpacker.skip()
        unpacker.skip()
        names_end = unpacker.tell()
        if row[names_end] not in range(0x90, 0xA0) and row[names_end] not in (0xDC, 0xDD):
            out.append(row)
            continue
        user_keys = []
        for _ in range(unpacker.read_array_header()):
            start = unpacker.tell()
            unpacker.skip()
            user_keys.append(row[start:unpacker.tell()])
        assert len(user_keys) > 1 or len(rows) == 1, "a run of one key is a plain row"
        tail = row[unpacker.tell():]
        out.extend(b"\x93\x93" + row[names_start:names_end] + user_key + tail for user_key in user_keys)
    return out


_BATCH_RUN_KEYS = [("test", "rows", i) for i in range(40)] + [("test", "rows", f"k{i}") for i in range(20)]


@pytest.mark.parametrize("keys", [_BATCH_KEYS, _BATCH_RUN_KEYS, _BATCH_RUN_KEYS + _BATCH_KEYS + _BATCH_RUN_KEYS])
@pytest.mark.parametrize("fresh", [True, False])
def test_batch_key_rows_pack_as_each_key_does(fresh, keys):
    # The batch loop inlines pack_key's fast path and puts runs of keys of one namespace and
    # set in one row: expanded, the rows and parts must be what pack_key gives, whether the
    # namespace and set pairs were cached before or not.
    from aerospike_py import _values

    if fresh:
        _values._key_heads.clear()
    else:
        for key in keys:
            _values.pack_key(key)
    tail = b"\x00\xc0"
    rows, parts = _values.pack_key_rows(list(keys), tail)
    _values._key_heads.clear()
    expected = [_values.pack_key(key) for key in keys]
    assert _expand_key_runs(rows) == [b"\x93" + key_bytes + tail for key_bytes, _ in expected]
    assert parts == [key_parts for _, key_parts in expected]
    if not fresh and keys is _BATCH_RUN_KEYS:
        assert len(rows) == 1  # one namespace and set, plain user keys: one row


@pytest.mark.parametrize("bad,error", [(("test", "rows", 1.5), ValueError), (("test", None, 1), TypeError),
                                       (["test", "rows", 1], TypeError), (("test", "rows", 2**63), ValueError)])
def test_batch_key_rows_refuse_a_bad_key_as_pack_key_does(unconnected, bad, error):
    with pytest.raises(error) as raised:
        unconnected.batch_read([("test", "rows", 1), bad, ("test", "rows", 2)])
    with pytest.raises(error) as alone:
        unconnected.get(bad)
    assert str(raised.value) == str(alone.value)
