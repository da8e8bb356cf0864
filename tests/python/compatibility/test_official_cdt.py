"""Collections changed in place by the official ``aerospike`` client's list, map, bit and HLL
operations read back identically here, and the other way round: the same ops through both
clients give the same results and leave the same records (order flags, nesting, HLL bytes)."""

import uuid

import pytest

import aerospike_py as A
from aerospike_py import bit_operations as bo
from aerospike_py import cdt_ctx as ours_ctx
from aerospike_py import hll_operations as ho
from aerospike_py import list_operations as lo
from aerospike_py import map_operations as mo

official = pytest.importorskip("aerospike", reason="the official aerospike client is not installed")
from aerospike_helpers import cdt_ctx as their_ctx  # noqa: E402
from aerospike_helpers.operations import bitwise_operations as obo  # noqa: E402
from aerospike_helpers.operations import hll_operations as oho  # noqa: E402
from aerospike_helpers.operations import list_operations as olo  # noqa: E402
from aerospike_helpers.operations import map_operations as omo  # noqa: E402

# The official bit_set still takes its deprecated value_byte_size argument.
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


@pytest.fixture
def keys(client):
    made = [("test", "compat-cdt", f"{tag}-{uuid.uuid4().hex}") for tag in ("theirs", "ours")]
    yield made
    for key in made:
        try:
            client.remove(key)
        except A.RecordNotFound:
            pass


def test_their_collections_read_back_here(client, official_client, keys):
    key = keys[0]
    official_client.operate(key, [
        olo.list_append_items("l", [3, 1, 2], {"list_order": official.LIST_ORDERED}),
        omo.map_put_items("m", {"b": 1, "a": [1, {"x": 2}]}, {"map_order": official.MAP_KEY_ORDERED}),
        omo.map_put("m", "z", 9, ctx=[their_ctx.cdt_ctx_map_key("a"), their_ctx.cdt_ctx_list_index(1)]),
        oho.hll_add("h", ["u1", "u2", "u3"], 8),
        obo.bit_resize("b", 4),
        obo.bit_set("b", 4, 8, 1, bytearray(b"\xff")),
    ])
    _, _, theirs = official_client.get(key)
    mine = client.get(key).bins
    assert mine["l"] == theirs["l"] == [1, 2, 3]
    assert mine["m"] == theirs["m"] == {"a": [1, {"x": 2, "z": 9}], "b": 1}
    assert mine["b"] == bytes(theirs["b"]) == b"\x0f\xf0\x00\x00"
    assert mine["h"] == bytes(theirs["h"])
    assert client.operate(key, [ho.hll_get_count("h")]).bins["h"] == 3


def test_our_collections_read_back_there(client, official_client, keys):
    key = keys[1]
    client.operate(key, [
        lo.list_append_items("l", [3, 1, 2], {"order": A.LIST_ORDERED}),
        mo.map_put_items("m", {"b": 1, "a": [1, {"x": 2}]}, {"order": A.MAP_KEY_ORDERED}),
        mo.map_put("m", "z", 9, ctx=[ours_ctx.cdt_ctx_map_key("a"), ours_ctx.cdt_ctx_list_index(1)]),
        ho.hll_add("h", ["u1", "u2", "u3"], 8),
        bo.bit_resize("b", 4),
        bo.bit_set("b", 4, 8, b"\xff"),
    ])
    _, _, theirs = official_client.get(key)
    assert theirs["l"] == [1, 2, 3]
    assert theirs["m"] == {"a": [1, {"x": 2, "z": 9}], "b": 1}
    assert bytes(theirs["b"]) == b"\x0f\xf0\x00\x00"
    _, _, counted = official_client.operate(key, [oho.hll_get_count("h")])
    assert counted["h"] == 3
    # Ordered collections stay ordered for the other client's next writes.
    official_client.operate(key, [olo.list_append("l", 0), omo.map_put("m", "0", 0)])
    assert client.get(key).bins["l"] == [0, 1, 2, 3]
    assert list(client.get(key).bins["m"]) == ["0", "a", "b"]


def test_the_same_reads_give_the_same_answers(client, official_client, keys):
    key = keys[0]
    client.put(key, {"l": [5, 1, 4, 1, 3], "m": {"a": 3, "b": 1, "c": 2}})
    pairs = [
        (lo.list_get_by_rank_range("l", 1, A.LIST_RETURN_VALUE, 3),
         olo.list_get_by_rank_range("l", 1, official.LIST_RETURN_VALUE, 3)),
        (lo.list_get_by_value("l", 1, A.LIST_RETURN_INDEX),
         olo.list_get_by_value("l", 1, official.LIST_RETURN_INDEX)),
        (lo.list_get_by_value_range("l", 2, 5, A.LIST_RETURN_COUNT, inverted=True),
         olo.list_get_by_value_range("l", official.LIST_RETURN_COUNT, 2, 5, inverted=True)),
        (mo.map_get_by_rank_range("m", 0, A.MAP_RETURN_KEY, 2),
         omo.map_get_by_rank_range("m", 0, 2, official.MAP_RETURN_KEY)),
        (mo.map_get_by_value_range("m", 2, 4, A.MAP_RETURN_RANK),
         omo.map_get_by_value_range("m", 2, 4, official.MAP_RETURN_RANK)),
    ]
    for mine, theirs in pairs:
        got = client.operate(key, [mine]).bins
        _, _, expected = official_client.operate(key, [theirs])
        assert got == expected, (mine, got, expected)
