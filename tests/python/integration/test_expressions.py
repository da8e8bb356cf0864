"""Filter expressions on every command, and expression operations, against a live server.

Every builder is checked true and false on one record; filters meet missing records, missing
bins and bins of the wrong type, generation checks and each exists policy, touch, remove and
mixed operate, whole-batch and per-record batch filters, sync and async. A write guarded by a
false filter must never apply. The expectations are the real server's (Aerospike CE 8.1.2).
"""

import pytest

import aerospike_py as A
from aerospike_py import exp, exp_operations as eo, hll_operations as ho, list_operations as lo

I, F, S, L, M, Y = exp.int_bin("i"), exp.float_bin("f"), exp.string_bin("s"), exp.list_bin("l"), exp.map_bin("m"), exp.blob_bin("y")
BINS = {"i": 5, "f": 2.5, "s": "Hello", "t": True, "y": b"\x0f\xf0", "l": [1, 2, 3], "m": {"a": 1, "b": 2}}
RV, MV = A.LIST_RETURN_VALUE, A.MAP_RETURN_VALUE
GEO_POINT = '{"type":"Point","coordinates":[0.5,0.5]}'
GEO_SQUARE = '{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1],[0,0]]]}'
GEO_FAR = '{"type":"Point","coordinates":[5,5]}'


def v(n):
    return exp.int_val(n)


#: name -> (an expression true on BINS, one false on it)
CASES = {
    "int_val/int_bin/eq": (exp.eq(I, v(5)), exp.eq(I, v(6))),
    "ne": (exp.ne(I, v(6)), exp.ne(I, v(5))),
    "gt": (exp.gt(I, v(4)), exp.gt(I, v(5))),
    "ge": (exp.ge(I, v(5)), exp.ge(I, v(6))),
    "lt": (exp.lt(I, v(6)), exp.lt(I, v(5))),
    "le": (exp.le(I, v(5)), exp.le(I, v(4))),
    "float": (exp.eq(F, exp.float_val(2.5)), exp.eq(F, exp.float_val(2.0))),
    "string": (exp.eq(S, exp.string_val("Hello")), exp.eq(S, exp.string_val("hello"))),
    "bool": (exp.eq(exp.bool_bin("t"), exp.bool_val(True)), exp.eq(exp.bool_bin("t"), exp.bool_val(False))),
    "blob": (exp.eq(Y, exp.blob_val(b"\x0f\xf0")), exp.eq(Y, exp.blob_val(b"\x0f"))),
    "list": (exp.eq(L, exp.list_val([1, 2, 3])), exp.lt(L, exp.list_val([1, 2]))),
    "nil": (exp.eq(exp.nil(), exp.nil()), exp.ne(exp.nil(), exp.nil())),
    "wildcard/infinity": (exp.eq(exp.list_get_by_value_range(None, A.LIST_RETURN_COUNT, v(2), exp.infinity(), "l"), v(2)),
                          exp.eq(exp.list_get_by_value(None, A.LIST_RETURN_COUNT, exp.wildcard(), "l"), v(0))),
    "bin_exists": (exp.bin_exists("i"), exp.bin_exists("nope")),
    "bin_type": (exp.eq(exp.bin_type("s"), v(3)), exp.eq(exp.bin_type("nope"), v(3))),
    "key_exists": (exp.not_(exp.key_exists()), exp.key_exists()),
    "set_name": (exp.eq(exp.set_name(), exp.string_val("pytest")), exp.eq(exp.set_name(), exp.string_val("x"))),
    "record_size": (exp.gt(exp.record_size(), v(0)), exp.lt(exp.record_size(), v(0))),
    "last_update": (exp.gt(exp.last_update(), v(1_600_000_000 * 10**9)), exp.lt(exp.last_update(), v(0))),
    "since_update": (exp.lt(exp.since_update(), v(600_000)), exp.lt(exp.since_update(), v(-1))),
    "void_time": (exp.eq(exp.void_time(), v(-1)), exp.gt(exp.void_time(), v(0))),
    "ttl": (exp.eq(exp.ttl(), v(-1)), exp.gt(exp.ttl(), v(0))),
    "is_tombstone": (exp.not_(exp.is_tombstone()), exp.is_tombstone()),
    "digest_modulo": (exp.ge(exp.digest_modulo(2), v(0)), exp.ge(exp.digest_modulo(2), v(2))),
    "and_": (exp.and_(exp.bin_exists("i"), exp.bin_exists("s")), exp.and_(exp.bin_exists("i"), exp.bin_exists("x"))),
    "or_": (exp.or_(exp.bin_exists("x"), exp.bin_exists("s")), exp.or_(exp.bin_exists("x"), exp.bin_exists("z"))),
    "not_": (exp.not_(exp.bin_exists("x")), exp.not_(exp.bin_exists("i"))),
    "xor_": (exp.xor_(exp.bin_exists("i"), exp.bin_exists("x")), exp.xor_(exp.bin_exists("i"), exp.bin_exists("s"))),
    "num_add": (exp.eq(exp.num_add(I, v(2)), v(7)), exp.eq(exp.num_add(I, v(2)), v(8))),
    "num_sub": (exp.eq(exp.num_sub(I, v(2), v(1)), v(2)), exp.eq(exp.num_sub(I), v(5))),
    "num_mul": (exp.eq(exp.num_mul(I, v(3)), v(15)), exp.eq(exp.num_mul(I, v(3)), v(16))),
    "num_div": (exp.eq(exp.num_div(I, v(2)), v(2)), exp.eq(exp.num_div(F, exp.float_val(2.0)), exp.float_val(1.0))),
    "num_mod": (exp.eq(exp.num_mod(I, v(3)), v(2)), exp.eq(exp.num_mod(I, v(3)), v(1))),
    "num_pow": (exp.eq(exp.num_pow(F, exp.float_val(2.0)), exp.float_val(6.25)), exp.gt(exp.num_pow(F, exp.float_val(2.0)), exp.float_val(7.0))),
    "num_log": (exp.eq(exp.num_log(exp.float_val(8.0), exp.float_val(2.0)), exp.float_val(3.0)),
                exp.gt(exp.num_log(exp.float_val(8.0), exp.float_val(2.0)), exp.float_val(3.0))),
    "num_abs": (exp.eq(exp.num_abs(v(-5)), I), exp.eq(exp.num_abs(I), v(-5))),
    "num_floor": (exp.eq(exp.num_floor(F), exp.float_val(2.0)), exp.eq(exp.num_floor(F), exp.float_val(3.0))),
    "num_ceil": (exp.eq(exp.num_ceil(F), exp.float_val(3.0)), exp.eq(exp.num_ceil(F), exp.float_val(2.0))),
    "to_int": (exp.eq(exp.to_int(F), v(2)), exp.eq(exp.to_int(F), v(3))),
    "to_float": (exp.eq(exp.to_float(I), exp.float_val(5.0)), exp.eq(exp.to_float(I), exp.float_val(5.5))),
    "min_": (exp.eq(exp.min_(I, v(3), v(9)), v(3)), exp.eq(exp.min_(I, v(3)), v(5))),
    "max_": (exp.eq(exp.max_(I, v(3), v(9)), v(9)), exp.eq(exp.max_(I, v(3)), v(3))),
    "int_and": (exp.eq(exp.int_and(I, v(4)), v(4)), exp.eq(exp.int_and(I, v(2)), v(2))),
    "int_or": (exp.eq(exp.int_or(I, v(2)), v(7)), exp.eq(exp.int_or(I, v(2)), v(5))),
    "int_xor": (exp.eq(exp.int_xor(I, v(1)), v(4)), exp.eq(exp.int_xor(I, v(1)), v(5))),
    "int_not": (exp.eq(exp.int_not(I), v(-6)), exp.eq(exp.int_not(I), v(6))),
    "int_lshift": (exp.eq(exp.int_lshift(I, v(1)), v(10)), exp.eq(exp.int_lshift(I, v(1)), v(5))),
    "int_rshift": (exp.eq(exp.int_rshift(v(-1), v(60)), v(15)), exp.eq(exp.int_rshift(v(-1), v(60)), v(-1))),
    "int_arshift": (exp.eq(exp.int_arshift(v(-16), v(2)), v(-4)), exp.eq(exp.int_arshift(v(-16), v(2)), v(4))),
    "int_count": (exp.eq(exp.int_count(I), v(2)), exp.eq(exp.int_count(I), v(3))),
    "int_lscan": (exp.eq(exp.int_lscan(I, exp.bool_val(True)), v(61)), exp.eq(exp.int_lscan(I, exp.bool_val(True)), v(0))),
    "int_rscan": (exp.eq(exp.int_rscan(I, exp.bool_val(True)), v(63)), exp.eq(exp.int_rscan(I, exp.bool_val(True)), v(61))),
    "regex_compare": (exp.regex_compare("^hel", A.REGEX_ICASE, S), exp.regex_compare("^hel", A.REGEX_NONE, S)),
    "regex extended": (exp.regex_compare("l{2}o$", A.REGEX_EXTENDED, S), exp.regex_compare("l{3}", A.REGEX_EXTENDED, S)),
    "geo_compare": (exp.geo_compare(exp.geo_val(GEO_POINT), exp.geo_val(GEO_SQUARE)),
                    exp.geo_compare(exp.geo_val(GEO_FAR), exp.geo_val(GEO_SQUARE))),
    "cond": (exp.eq(exp.cond(exp.bin_exists("x"), v(1), exp.gt(I, v(1)), v(2), v(3)), v(2)),
             exp.eq(exp.cond(exp.bin_exists("x"), v(1), v(3)), v(1))),
    "let_/def_/var": (exp.let_(exp.def_("x", exp.num_mul(I, v(2))), exp.eq(exp.var("x"), v(10))),
                      exp.let_(exp.def_("x", I), exp.def_("y", v(1)), exp.eq(exp.var("x"), exp.var("y")))),
    "in_list": (exp.in_list(v(2), "l"), exp.in_list(v(9), "l")),
    "map_get_keys": (exp.eq(exp.map_get_keys(M), exp.list_val(["a", "b"])), exp.eq(exp.map_get_values(M), exp.list_val([2, 1]))),
    "list_size": (exp.eq(exp.list_size(None, "l"), v(3)), exp.eq(exp.list_size(None, "l"), v(2))),
    "list_get_by_index": (exp.eq(exp.list_get_by_index(None, RV, exp.EXP_TYPE_INT, -1, "l"), v(3)),
                          exp.eq(exp.list_get_by_index(None, RV, exp.EXP_TYPE_INT, 0, "l"), v(3))),
    "list_get_by_rank_range": (exp.eq(exp.list_get_by_rank_range(None, RV, 1, 2, "l"), exp.list_val([2, 3])),
                               exp.eq(exp.list_get_by_rank_range(None, RV, 1, 2, "l", inverted=True), exp.list_val([2, 3]))),
    "list_append (modify a copy)": (exp.eq(exp.list_size(None, exp.list_append(None, None, 9, "l")), v(4)),
                                    exp.eq(exp.list_size(None, exp.list_clear(None, "l")), v(3))),
    "map_size": (exp.eq(exp.map_size(None, "m"), v(2)), exp.eq(exp.map_size(None, "m"), v(1))),
    "map_get_by_key": (exp.eq(exp.map_get_by_key(None, MV, exp.EXP_TYPE_INT, "b", "m"), v(2)),
                       exp.eq(exp.map_get_by_key(None, MV, exp.EXP_TYPE_INT, "a", "m"), v(2))),
    "map_get_by_value_list": (exp.eq(exp.map_get_by_value_list(None, A.MAP_RETURN_KEY, [2], "m"), exp.list_val(["b"])),
                              exp.eq(exp.map_get_by_value_list(None, A.MAP_RETURN_COUNT, [7], "m"), v(1))),
    "map_put (modify a copy)": (exp.eq(exp.map_size(None, exp.map_put(None, None, "c", 3, "m")), v(3)),
                                exp.eq(exp.map_size(None, exp.map_remove_by_key(None, "a", "m")), v(2))),
    "bit_count": (exp.eq(exp.bit_count(0, 16, "y"), v(8)), exp.eq(exp.bit_count(0, 8, "y"), v(8))),
    "bit_get_int": (exp.eq(exp.bit_get_int(4, 8, False, "y"), v(255)), exp.eq(exp.bit_get_int(0, 8, True, "y"), v(15 + 1))),
    "bit_get/bit_not": (exp.eq(exp.bit_get(0, 8, exp.bit_not(None, 0, 8, "y")), exp.blob_val(b"\xf0")),
                        exp.eq(exp.bit_get(0, 8, "y"), exp.blob_val(b"\xf0"))),
    "hll_get_count": (exp.eq(exp.hll_get_count("h"), v(3)), exp.eq(exp.hll_get_count("h"), v(4))),
    "hll_describe": (exp.eq(exp.hll_describe("h"), exp.list_val([8, 0])), exp.eq(exp.hll_describe("h"), exp.list_val([9, 0]))),
    "unknown": (exp.cond(exp.bin_exists("i"), exp.bool_val(True), exp.unknown()), exp.cond(exp.bin_exists("x"), exp.bool_val(True), exp.unknown())),
}


@pytest.fixture(scope="module")
def record_key(client):
    key = ("test", "pytest", "exp-record")
    client.put(key, BINS)
    client.operate(key, [ho.hll_add("h", ["a", "b", "c"], 8)])
    yield key
    client.remove(key)


@pytest.mark.parametrize("name", list(CASES))
def test_each_expression_is_true_and_false(client, record_key, name):
    true, false = CASES[name]
    assert client.exists(record_key, policy={"filter_expression": true}).meta is not None
    with pytest.raises(A.FilteredOut) as e:
        client.exists(record_key, policy={"filter_expression": false})
    assert e.value.code == A.AEROSPIKE_ERR_FILTERED_OUT


def test_maps_do_not_compare(client, record_key):
    # The server compares no maps: equal or not, the answer is unknown, which filters out.
    # Empty maps compare, unless they carry an order marker of no key order, as the empty
    # result of a key-value selection does.
    empty = exp.map_val({})
    nothing = exp.map_get_by_key_range(None, A.MAP_RETURN_KEY_VALUE, "x", "y", "m")
    for tree in (exp.eq(M, exp.map_val({"a": 1, "b": 2})), exp.ne(M, exp.map_val({"a": 1})), exp.eq(M, M),
                 exp.not_(exp.eq(M, M)), exp.eq(empty, nothing), exp.ne(empty, nothing)):
        with pytest.raises(A.FilteredOut):
            client.exists(record_key, policy={"filter_expression": tree})
    assert client.exists(record_key, policy={"filter_expression": exp.eq(empty, empty)}).meta is not None


def test_a_type_error_or_unknown_filters_out_and_bad_trees_are_parameter_errors(client, record_key):
    for tree in (exp.eq(exp.int_bin("s"), v(5)), exp.eq(exp.int_bin("nope"), v(5)), exp.eq(exp.num_div(I, v(0)), v(0)),
                 exp.not_(exp.eq(exp.int_bin("nope"), v(5)))):
        with pytest.raises(A.FilteredOut):
            client.get(record_key, policy={"filter_expression": tree})
    for tree in (exp.eq(I, exp.float_val(5.0)), exp.and_(I), exp.num_add(I, F), exp.eq(exp.var("undefined"), v(1))):
        with pytest.raises(A.ServerError) as e:
            client.get(record_key, policy={"filter_expression": tree})
        assert e.value.code == A.AEROSPIKE_ERR_PARAM


FALSE = exp.eq(exp.int_bin("a"), v(0))
TRUE = exp.eq(exp.int_bin("a"), v(1))


def test_writes_guarded_by_a_false_filter_never_apply(client, new_key):
    key = new_key()
    client.put(key, {"a": 1, "n": 10, "s": "x", "l": [1]})
    before = client.get(key)
    policy = {"filter_expression": FALSE}
    guarded = [
        lambda: client.put(key, {"a": 2}, policy=policy),
        lambda: client.put(key, {"a": 2}, meta={"gen": before.meta.gen}, policy=policy),
        lambda: client.increment(key, "n", 1, policy=policy),
        lambda: client.append(key, "s", "y", policy=policy),
        lambda: client.prepend(key, "s", "y", policy=policy),
        lambda: client.remove_bin(key, ["s"], policy=policy),
        lambda: client.touch(key, 100, policy=policy),
        lambda: client.remove(key, policy=policy),
        lambda: client.operate(key, [lo.list_append("l", 2), {"op": A.OPERATOR_READ, "bin": "l"}], policy=policy),
        lambda: client.operate_ordered(key, [{"op": A.OPERATOR_INCR, "bin": "n", "val": 1}], policy=policy),
        lambda: client.operate(key, [eo.exp_write("w", v(1))], policy=policy),
    ]
    for write in guarded:
        with pytest.raises(A.FilteredOut):
            write()
    after = client.get(key)
    assert after.bins == before.bins and after.meta.gen == before.meta.gen
    for exists in (A.POLICY_EXISTS_IGNORE, A.POLICY_EXISTS_UPDATE, A.POLICY_EXISTS_REPLACE,
                   A.POLICY_EXISTS_REPLACE_ONLY):
        with pytest.raises(A.FilteredOut):
            client.put(key, {"a": 3}, policy={"exists": exists, "filter_expression": FALSE})
    # The record exists, so CREATE_ONLY fails on that first, whatever the filter says.
    with pytest.raises(A.RecordExistsError):
        client.put(key, {"a": 3}, policy={"exists": A.POLICY_EXISTS_CREATE_ONLY, "filter_expression": FALSE})
    assert client.get(key).bins == before.bins
    # A true filter lets each through.
    client.put(key, {"a": 1, "b": 2}, policy={"filter_expression": TRUE})
    client.touch(key, 100, policy={"filter_expression": TRUE})
    client.remove(key, policy={"filter_expression": TRUE})
    with pytest.raises(A.RecordNotFound):
        client.get(key)


def test_filters_meet_generation_checks(client, new_key):
    key = new_key()
    client.put(key, {"a": 1})
    gen = client.get(key).meta.gen
    # A wrong generation wins over a false filter, and over a true one.
    with pytest.raises(A.RecordGenerationError):
        client.put(key, {"a": 2}, meta={"gen": gen + 5}, policy={"filter_expression": FALSE})
    with pytest.raises(A.RecordGenerationError):
        client.put(key, {"a": 2}, meta={"gen": gen + 5}, policy={"filter_expression": TRUE})
    client.put(key, {"b": 2}, meta={"gen": gen}, policy={"filter_expression": TRUE})
    assert client.get(key).bins == {"a": 1, "b": 2}


def test_filters_on_missing_records(client, new_key):
    key = new_key()
    # Reads and updates of a missing record are not found; a write creates it, unfiltered.
    with pytest.raises(A.RecordNotFound):
        client.get(key, policy={"filter_expression": FALSE})
    assert client.exists(key, policy={"filter_expression": FALSE}).meta is None
    with pytest.raises(A.RecordNotFound):
        client.touch(key, policy={"filter_expression": FALSE})
    with pytest.raises(A.RecordNotFound):
        client.remove(key, policy={"filter_expression": FALSE})
    with pytest.raises(A.RecordNotFound):
        client.put(key, {"a": 1}, policy={"filter_expression": FALSE, "exists": A.POLICY_EXISTS_UPDATE})
    client.put(key, {"a": 5}, policy={"filter_expression": FALSE})
    assert client.get(key).bins == {"a": 5}


def test_missing_and_mistyped_bins(client, new_key):
    key = new_key()
    client.put(key, {"a": "text"})
    with pytest.raises(A.FilteredOut):
        client.get(key, policy={"filter_expression": exp.eq(exp.int_bin("a"), v(1))})
    with pytest.raises(A.FilteredOut):
        client.get(key, policy={"filter_expression": exp.eq(exp.int_bin("zz"), v(1))})
    assert client.get(key, policy={"filter_expression": exp.not_(exp.bin_exists("zz"))}).bins == {"a": "text"}


def test_expression_reads_and_writes(client, new_key):
    key = new_key()
    client.put(key, {"a": 2, "b": 3, "l": [3, 1, 2]})
    total = exp.num_add(exp.int_bin("a"), exp.int_bin("b"))
    assert client.operate(key, [eo.exp_read("sum", total)]).bins == {"sum": 5}
    # Written, then read in the same call; the list sorted by an expression.
    bins = client.operate(key, [eo.exp_write("c", total), {"op": A.OPERATOR_READ, "bin": "c"},
                                eo.exp_write("l", exp.list_sort(None, 0, "l"))]).bins
    assert bins == {"c": 5}
    assert client.get(key).bins == {"a": 2, "b": 3, "c": 5, "l": [1, 2, 3]}
    # Flags: create-only on an existing bin fails, or is skipped with POLICY_NO_FAIL.
    with pytest.raises(A.BinExistsError):
        client.operate(key, [eo.exp_write("c", v(1), A.EXP_WRITE_CREATE_ONLY)])
    client.operate(key, [eo.exp_write("c", v(1), A.EXP_WRITE_CREATE_ONLY | A.EXP_WRITE_POLICY_NO_FAIL)])
    with pytest.raises(A.BinNotFound):
        client.operate(key, [eo.exp_write("zz", v(1), A.EXP_WRITE_UPDATE_ONLY)])
    # A nil deletes the bin with ALLOW_DELETE only; the server's remove_result does not
    # evaluate in a write (8.1.2 answers 26); an expression that cannot be evaluated fails
    # unless EVAL_NO_FAIL.
    for tree, flags in ((exp.nil(), 0), (exp.remove_result(), A.EXP_WRITE_ALLOW_DELETE)):
        with pytest.raises(A.AerospikeError) as e:
            client.operate(key, [eo.exp_write("c", tree, flags)])
        assert e.value.code == A.AEROSPIKE_ERR_OP_NOT_APPLICABLE
    client.operate(key, [eo.exp_write("c", exp.nil(), A.EXP_WRITE_ALLOW_DELETE)])
    assert "c" not in client.get(key).bins
    with pytest.raises(A.AerospikeError) as e:
        client.operate(key, [eo.exp_read("r", exp.int_bin("zz"))])
    assert e.value.code == A.AEROSPIKE_ERR_OP_NOT_APPLICABLE
    assert client.operate(key, [eo.exp_read("r", exp.int_bin("zz"), A.EXP_READ_EVAL_NO_FAIL)]).bins == {}
    ordered = client.operate_ordered(key, [eo.exp_read("x", v(1)), eo.exp_read("y", exp.string_val("s"))])
    assert [(b.name, b.value) for b in ordered.ordered_bins] == [("x", 1), ("y", "s")]


def test_batches_filter_as_a_whole_and_per_record(client, new_key):
    keys = [new_key() for _ in range(3)]
    for i, key in enumerate(keys):
        client.put(key, {"a": i})
    odd = {"filter_expression": exp.eq(exp.num_mod(exp.int_bin("a"), v(2)), v(1))}
    assert client.batch_read(keys, policy=odd) == {keys[1][2]: {"a": 1}}
    ops = [{"op": A.OPERATOR_READ, "bin": "a"}]
    assert [r.result for r in client.batch_operate(keys, ops, policy=odd).batch_records] == [27, 0, 27]
    # A record's own filter replaces the batch's.
    rows = [(keys[0], {"b": 1}, {"filter_expression": exp.eq(exp.int_bin("a"), v(0))}),
            (keys[1], {"b": 1}, {"filter_expression": FALSE}),
            (keys[2], {"b": 1})]
    results = client.batch_write(rows, policy=odd)
    assert [r.result for r in results.batch_records] == [0, 27, 27]
    assert [client.get(k).bins.get("b") for k in keys] == [1, None, None]
    removed = client.batch_remove(keys, policy=odd)
    assert [r.result for r in removed.batch_records] == [27, 0, 27]


async def test_async_commands_are_filtered(server_config, new_key):
    key = new_key()
    async_client = await A.AsyncClient(server_config).connect()
    try:
        await async_client.put(key, {"a": 1})
        with pytest.raises(A.FilteredOut):
            await async_client.put(key, {"a": 2}, policy={"filter_expression": FALSE})
        with pytest.raises(A.FilteredOut):
            await async_client.get(key, policy={"filter_expression": FALSE})
        assert (await async_client.get(key, policy={"filter_expression": TRUE})).bins == {"a": 1}
        bins = (await async_client.operate(key, [eo.exp_read("r", exp.num_add(exp.int_bin("a"), v(1)))])).bins
        assert bins == {"r": 2}
        results = await async_client.batch_operate([key], [{"op": A.OPERATOR_READ, "bin": "a"}],
                                                   policy={"filter_expression": FALSE})
        assert [r.result for r in results.batch_records] == [27]
    finally:
        await async_client.close()


def test_the_alias_expressions_filters_too(client, new_key):
    key = new_key()
    client.put(key, {"a": 1})
    with pytest.raises(A.FilteredOut):
        client.put(key, {"a": 2}, policy={"expressions": FALSE})
    assert client.get(key).bins == {"a": 1}


def test_geojson_bins_written_here_are_geometry(client, new_key):
    key = new_key()
    client.put(key, {"g": A.GeoJSON({"type": "Point", "coordinates": [0.5, 0.5]}), "name": "p"})
    assert client.get(key).bins["g"] == '{"type":"Point","coordinates":[0.5,0.5]}'
    inside = exp.geo_compare(exp.geo_bin("g"), exp.geo_val(GEO_SQUARE))
    outside = exp.geo_compare(exp.geo_bin("g"), exp.geo_val(GEO_FAR))
    assert client.get(key, policy={"filter_expression": inside}).bins["name"] == "p"
    with pytest.raises(A.FilteredOut):
        client.get(key, policy={"filter_expression": outside})
    # Text that is not GeoJSON is refused by the server (AEROSPIKE_ERR_GEO_INVALID_GEOJSON).
    with pytest.raises(A.AerospikeError) as e:
        client.put(key, {"g": A.GeoJSON("not json")})
    assert e.value.code == 160


def test_expression_operations_in_batches(client, new_key):
    keys = [new_key() for _ in range(3)]
    for i, key in enumerate(keys):
        client.put(key, {"a": i})
    ops = [eo.exp_write("b", exp.num_add(exp.int_bin("a"), v(10))), eo.exp_read("r", exp.num_mul(exp.int_bin("a"), v(2)))]
    rows = client.batch_operate(keys, ops, policy={"filter_expression": exp.ne(exp.int_bin("a"), v(1))})
    assert [r.result for r in rows.batch_records] == [0, 27, 0]
    assert [r.record.bins["r"] for r in rows.batch_records if r.result == 0] == [0, 4]
    assert [client.get(k).bins.get("b") for k in keys] == [10, None, 12]
