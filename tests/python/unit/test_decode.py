"""Replies the Python decoder cannot represent fail their own command or batch row only."""

import msgpack
import pytest

import aerospike_py as A
from aerospike_py import _commands
from aerospike_py._async_client import _outcome

#: A bins map whose map value has a list as a key: msgpack carries it, a Python dict cannot.
BAD_BINS = b"\x81\xa1m\x81\x91\x01\x02"
DIGEST = b"d" * 20


def _row(code: int, bins: bytes) -> bytes:
    return b"\x96" + msgpack.packb(code) + msgpack.packb(3) + msgpack.packb(60) + bins + b"\xc3" + msgpack.packb(DIGEST)


def _plan(finish=lambda parts, reply: reply, decode=_commands.unpack) -> _commands.Plan:
    return _commands.Plan(None, None, True, (), ("test", "s", "k", None), finish, None, decode)


def test_undecodable_reply_is_a_client_error():
    with pytest.raises(A.ClientError, match="cannot decode") as e:
        _commands.unpack(BAD_BINS)
    assert e.value.code == -1


def test_non_utf8_strings_decode_losslessly():
    value = _commands.unpack(b"\x81\xa1s\xa2\xff\xfe")
    assert value == {"s": "\udcff\udcfe"}
    assert msgpack.unpackb(_commands.packb(value), raw=True) == {b"s": b"\xff\xfe"}


def test_one_undecodable_batch_row_fails_alone():
    reply = b"\x93" + _row(0, b"\x81\xa1a\x01") + _row(0, BAD_BINS) + _row(2, b"\xc0")
    rows = _commands.unpack_rows(reply)
    assert rows[0] == [0, 3, 60, {"a": 1}, True, DIGEST]
    assert rows[1] == [-1, 3, 60, None, True, DIGEST]
    assert rows[2] == [2, 3, 60, None, True, DIGEST]


def test_one_undecodable_completion_fails_its_own_future():
    good = msgpack.packb([DIGEST, 1, 0, {"a": 1}])
    error = msgpack.packb({"message": "boom", "in_doubt": True, "node": "n1"})
    drained = b"\x93" + b"\x93\x01\x00" + good + b"\x93\x02\x00" + BAD_BINS + b"\x93\x03\x09" + error
    with pytest.raises(A.ClientError):
        _commands.unpack(drained)
    completions = _commands.split_completions(drained)
    assert [(token, status) for token, status, _ in completions] == [(1, 0), (2, 0), (3, 9)]
    plan = _plan()
    assert _outcome(plan, plan.parts, *completions[0][1:]) == [DIGEST, 1, 0, {"a": 1}]
    with pytest.raises(A.ClientError, match="cannot decode"):
        _outcome(plan, plan.parts, *completions[1][1:])
    with pytest.raises(A.AerospikeTimeoutError) as e:
        _outcome(plan, plan.parts, *completions[2][1:])
    assert e.value.in_doubt and e.value.node == "n1"


def test_plain_bins_pack_as_packb_does_and_lone_surrogates_keep_their_bytes():
    from collections import OrderedDict

    from aerospike_py._values import pack_bins

    plain = {"i": -(2**63), "f": 1.5, "s": "text", "b": b"\x00\xff", "n": None}
    assert pack_bins(plain) == msgpack.packb(plain)
    # A str holding lone surrogates (read from a non-UTF-8 bin) is written back as its bytes,
    # in a plain dict as in any other.
    assert pack_bins({"s": "\udcff\udcfe"}) == b"\x81\xa1s\xa2\xff\xfe"
    assert pack_bins(OrderedDict(s="\udcff")) == b"\x81\xa1s\xa1\xff"
    # A failed packing leaves nothing behind for the next one.
    assert pack_bins({"k": 7}) == msgpack.packb({"k": 7})


def test_plain_bins_packed_on_many_threads_at_once_stay_whole():
    import threading

    from aerospike_py._values import pack_bins

    failures = []

    def work(n: int) -> None:
        for i in range(2000):
            bins = {"t": n, "i": i, "s": "x" * (i % 40), "f": i / 3, "b": bytes([n]) * (i % 9)}
            if pack_bins(bins) != msgpack.packb(bins):
                failures.append((n, i))
                return

    threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert failures == []
