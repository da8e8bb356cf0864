"""Records written by the official ``aerospike`` client read back identically here, and the other
way round (same digests, same particle encodings, same stored keys)."""

import uuid

import pytest

import aerospike_py as A

official = pytest.importorskip("aerospike", reason="the official aerospike client is not installed")

VALUES = {
    "i": -(2**63),
    "j": 2**63 - 1,
    "f": -0.0,
    "g": 1e300,
    "s": "héllo wörld",
    "e": "",
    "b": b"\x00\x01\xff",
    "t": True,
    "u": False,
    "l": [1, "a", [2.5, None, b"x"], {"k": [True]}],
    "m": {"k": {"n": 1}, 5: "five", "z": []},
}


def _keys(tag):
    base = uuid.uuid4().hex
    return [("test", "compat", f"{tag}-{base}"), ("test", "compat", int(uuid.uuid4().int % 2**62)),
            ("test", "compat", f"{tag}-bytes-{base}".encode())]


def test_official_writes_we_read(client, official_client):
    for key in _keys("off"):
        official_client.put(key, VALUES, policy={"key": official.POLICY_KEY_SEND})
        record = client.get(key)
        assert record.bins == VALUES
        _, meta, _ = official_client.get(key)
        assert record.meta.gen == meta["gen"]
        client.remove(key)


def test_we_write_official_reads(client, official_client):
    for key in _keys("ours"):
        client.put(key, VALUES, meta={"ttl": 1000}, policy={"key": A.POLICY_KEY_SEND})
        _, meta, bins = official_client.get(key)
        assert bins == VALUES
        assert meta["gen"] == 1 and 0 < meta["ttl"] <= 1000
        ours = client.get(key)
        (_, _, _, their_digest), _, _ = official_client.get(key)
        assert ours.key.digest == their_digest
        official_client.remove(key)
        assert client.exists(key).meta is None


def test_operations_agree(client, official_client):
    key = _keys("ops")[0]
    client.put(key, {"n": 1, "s": "a"})
    official_client.increment(key, "n", 5)
    official_client.put(key, {"s": official_client.get(key)[2]["s"] + "b"})
    client.increment(key, "n", 10)
    client.prepend(key, "s", "z")
    _, _, bins = official_client.get(key)
    assert bins == {"n": 16, "s": "zab"} == client.get(key).bins
    client.remove(key)
