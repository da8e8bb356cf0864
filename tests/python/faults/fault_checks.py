"""Checks and helpers shared by the fault-injection tests: policies, the commands under test,
what a failed or successful call must look like.

A failed call is checked for its class, its ``in_doubt`` and its duration; a call that
succeeded despite a fault is checked for returning, and leaving on the server, exactly what
the command means, so a corrupted reply can never pass for a good one.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any, Callable, Optional

import pytest

import aerospike_py as A
from fault_proxy import FaultProxy

NAMESPACE = "test"
SET = "pyfaults"
#: What a pending call may take beyond its total_timeout: generous, so a loaded machine does
#: not fail the suite, and still far below a hang.
MARGIN_S = 1.0
#: A tend interval no test waits for: the tend thread then never competes with a test for
#: the one pooled connection.
NO_TEND_MS = 60_000


def policy(total_ms: int, retries: int = 0, socket_ms: int = 0) -> dict:
    """A command policy: total_timeout, max_retries and (when not 0) socket_timeout."""
    out = {"total_timeout": total_ms, "max_retries": retries}
    if socket_ms:
        out["socket_timeout"] = socket_ms
    return out


@dataclass(frozen=True)
class Op:
    """A single-record command as the tests run it, sync or async (same signature).

    ``call(client, key, policy)`` returns the result (sync) or an awaitable (async);
    :func:`check_success` knows what each one must return and leave.
    """

    name: str
    is_write: bool
    call: Callable[[Any, tuple, dict], Any]


INCR_THEN_READ = [{"op": A.OPERATOR_INCR, "bin": "i", "val": 1000}, {"op": A.OPERATOR_READ, "bin": "i"}]

OPS = {
    "put": Op("put", True, lambda c, k, p: c.put(k, {"i": -1, "s": "overwritten"}, policy=p)),
    "get": Op("get", False, lambda c, k, p: c.get(k, policy=p)),
    "operate": Op("operate", True, lambda c, k, p: c.operate(k, INCR_THEN_READ, policy=p)),
    "remove": Op("remove", True, lambda c, k, p: c.remove(k, policy=p)),
}


def bins_of(index: int) -> dict:
    """The bins the ``records`` fixture writes to its ``index``-th record."""
    return {"i": index, "s": f"value-{index}"}


def check_success(op: Op, result: Any, index: int, direct: Any, key: tuple) -> None:
    """Checks a call that succeeded returned, and left, what the command means: a corrupted
    reply must never pass for a good one."""
    if op.name == "put":
        assert result is None
        assert direct.get(key).bins == {"i": -1, "s": "overwritten"}
    elif op.name == "get":
        assert result.bins == bins_of(index)
        assert result.key.user_key == key[2]
    elif op.name == "operate":
        assert result.bins == {"i": index + 1000}
        assert direct.get(key).bins["i"] == index + 1000
    else:
        assert result is None
        with pytest.raises(A.RecordNotFound):
            direct.get(key)


def check_error(exc: BaseException, cls: Any, op_is_write: bool, elapsed_s: float, total_ms: int,
                sent: bool = True) -> None:
    """Checks a failed call: class, in_doubt (a write sent and not answered readably is in
    doubt, a read never is, a write not sent is not), and that it ended in time."""
    assert isinstance(exc, cls), f"expected {cls}, got {type(exc).__name__}: {exc}"
    assert exc.in_doubt is (op_is_write and sent), f"in_doubt={exc.in_doubt} for {exc!r}"
    assert elapsed_s <= total_ms / 1000 + MARGIN_S, f"ended after {elapsed_s:.3f} s (total_timeout {total_ms} ms)"


def wait_until(condition: Callable[[], bool], timeout_s: float = 5.0) -> bool:
    """Polls ``condition`` until it holds or ``timeout_s`` passed; returns whether it held."""
    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.01)
    return True


def run_timed(fn: Callable[[], Any]) -> tuple[float, Any, Optional[BaseException]]:
    """Runs ``fn``; returns (elapsed seconds, result, exception or None)."""
    start = time.monotonic()
    try:
        result = fn()
    except A.AerospikeError as e:
        return time.monotonic() - start, None, e
    return time.monotonic() - start, result, None


async def run_timed_async(awaitable: Any) -> tuple[float, Any, Optional[BaseException]]:
    """Awaits ``awaitable``; returns (elapsed seconds, result, exception or None)."""
    start = time.monotonic()
    try:
        result = await awaitable
    except A.AerospikeError as e:
        return time.monotonic() - start, None, e
    return time.monotonic() - start, result, None


def proxied_config(proxy: FaultProxy, upstream: dict, **extra: Any) -> dict:
    """The upstream's client config (cluster name, credentials) with the proxy as its only
    host, the tend thread idle unless ``extra`` says otherwise, merged with ``extra``."""
    config = {key: value for key, value in upstream.items() if key != "hosts"}
    config["tend_interval"] = NO_TEND_MS
    config.update(extra)
    return proxy.config(**config)
