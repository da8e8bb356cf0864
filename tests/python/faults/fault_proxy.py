"""A TCP fault proxy between a client and an Aerospike server, for fault-injection tests.

The proxy listens on 127.0.0.1 (a free port) and relays every connection to one upstream
server. Requests pass through untouched; replies are read from the server one proto message at
a time (8-byte header: version, type, 48-bit size; then the body), so a fault applies to a
whole reply: delay it, drop it (the connection stays open), send it twice, send part of it and
close or stall, corrupt its header or body, or close the connection instead of answering.

Rules pick the replies a fault applies to: the next N, every one, only those of some proto
types (1 info, 2 admin, 3 message), or those a predicate accepts. A batch answer is a stream
of messages; each one is a reply here. Connection-level faults: close every open connection,
refuse new ones (accept and close at once), or stop listening (connects are refused).

It runs an asyncio loop in its own thread, so tests drive it from plain sync code; only
loopback addresses are accepted, on either side.

Example:
    >>> with FaultProxy(("127.0.0.1", server_port)) as proxy:   # doctest: +SKIP
    ...     client = aerospike_py.client(proxy.config()).connect()
    ...     proxy.inject(drop(), count=1)
    ...     client.get(key, policy={"total_timeout": 300})  # raises AerospikeTimeoutError
"""

from __future__ import annotations

import asyncio
import ipaddress
import random
import socket
import struct
import threading
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Optional

PROTO_INFO = 1
PROTO_ADMIN = 2
PROTO_MESSAGE = 3
PROTO_COMPRESSED = 4

_HEADER = 8
_MSG_HEADER = 22  # the AS_MSG header after the proto header (its first byte says 22)
_MAX_SIZE = (1 << 48) - 1
_START_TIMEOUT_S = 5.0
_STOP_TIMEOUT_S = 5.0
# asyncio's default backlog (100) is too short for a burst of async connects: the kernel drops
# the SYNs beyond it and the client sees a timeout the test did not inject.
_BACKLOG = 1024


@dataclass(frozen=True)
class Reply:
    """One reply from the server: its proto header fields and body."""

    version: int
    type: int
    body: bytes

    @property
    def header(self) -> bytes:
        return bytes((self.version, self.type)) + len(self.body).to_bytes(6, "big")


@dataclass(frozen=True)
class Fault:
    """What to do with a reply. Build one with the functions below rather than by hand."""

    action: str  # pass, delay, drop, duplicate, truncate, corrupt, announce, close
    seconds: float = 0.0  # delay
    keep: float = 0.5  # truncate: bytes to send (an int), or a fraction (a float below 1)
    then: str = "close"  # truncate: "close" or "stall" after the part
    corruption: str = ""  # corrupt: see CORRUPTIONS, or "random"
    among: tuple[str, ...] = ()  # corrupt "random": the corruptions to pick from (all when empty)
    seed: int = 0  # corrupt "garbage" and "random": the choices are reproducible
    size: int = 0  # announce: the body size the header claims


def passthrough() -> Fault:
    """Relays the reply unchanged (a rule with it only counts replies)."""
    return Fault("pass")


def delay(seconds: float) -> Fault:
    """Holds the reply for ``seconds``, then sends it (later replies on that connection wait)."""
    return Fault("delay", seconds=seconds)


def drop() -> Fault:
    """Swallows the reply and keeps the connection open: the client waits for an answer."""
    return Fault("drop")


def truncate(keep: float = 0.5, then: str = "close") -> Fault:
    """Sends the first ``keep`` bytes (an int) or fraction (a float) of the reply, header
    included, then closes the connection (``then="close"``) or sends nothing more on it
    (``then="stall"``)."""
    if then not in ("close", "stall"):
        raise ValueError(f"then must be 'close' or 'stall', got {then!r}")
    return Fault("truncate", keep=keep, then=then)


def announce(size: int) -> Fault:
    """Sends the reply with a header that claims a body of ``size`` bytes, then nothing more on
    that connection: a peer announcing a huge reply it never sends."""
    return Fault("announce", size=size)


def duplicate() -> Fault:
    """Sends the reply twice: the second copy is a reply to no request, as from a server that
    lost track of its connection's requests."""
    return Fault("duplicate")


def close() -> Fault:
    """Closes the connection instead of sending the reply."""
    return Fault("close")


def corrupt(corruption: str, seed: int = 0, among: Iterable[str] = ()) -> Fault:
    """Sends a corrupted copy of the reply; ``corruption`` is one of :data:`CORRUPTIONS`, or
    ``"random"`` for one of ``among`` (default: all) picked per reply by a generator seeded
    with ``seed``."""
    among = tuple(sorted(among))
    for name in (corruption,) + among:
        if name != "random" and name not in CORRUPTIONS:
            raise ValueError(f"unknown corruption {name!r}; known: {sorted(CORRUPTIONS)}")
    return Fault("corrupt", corruption=corruption, among=among, seed=seed)


def _with_size(reply: Reply, size: int, body: bytes) -> bytes:
    return bytes((reply.version, reply.type)) + size.to_bytes(6, "big") + body


def _garbage(reply: Reply, seed: int) -> bytes:
    # Random bytes, but never a plausible AS_MSG header size: a garbage body must be refused,
    # not decoded into a different, well-formed answer.
    body = bytearray(random.Random(seed).randbytes(max(len(reply.body), _MSG_HEADER)))
    if body[0] == _MSG_HEADER:
        body[0] ^= 0xFF
    return reply.header[:2] + len(body).to_bytes(6, "big") + bytes(body)


def _patch_body(reply: Reply, at: int, value: bytes) -> bytes:
    body = bytearray(reply.body)
    if len(body) >= at + len(value):
        body[at:at + len(value)] = value
    return reply.header + bytes(body)


#: Every corruption: what it does to the reply's bytes. Each makes a reply that a careful
#: decoder can tell is broken (the wire protocol has no checksum, so flipping a byte of a value
#: could not be detected by any client; those are not here).
CORRUPTIONS: dict[str, Callable[[Reply, int], bytes]] = {
    # Proto header: a version the client does not speak.
    "version": lambda r, seed: bytes((r.version ^ 0xFF, r.type)) + r.header[2:] + r.body,
    # Proto header: a type no client expects.
    "type": lambda r, seed: bytes((r.version, 0x63)) + r.header[2:] + r.body,
    # Proto header: the largest size 48 bits hold (petabytes).
    "size_huge": lambda r, seed: _with_size(r, _MAX_SIZE, r.body),
    # Proto header: size 0, then the body's bytes arrive as if they were the next reply.
    "size_zero": lambda r, seed: _with_size(r, 0, r.body),
    # Proto header: half the real size; the rest of the body is left on the socket.
    "size_short": lambda r, seed: _with_size(r, len(r.body) // 2, r.body),
    # AS_MSG header: a header size that is not 22.
    "header_size": lambda r, seed: _patch_body(r, 0, b"\x00"),
    # AS_MSG header: 65535 ops announced, far more than the body holds.
    "op_count": lambda r, seed: _patch_body(r, 20, b"\xff\xff"),
    # AS_MSG header: 65535 fields announced.
    "field_count": lambda r, seed: _patch_body(r, 18, b"\xff\xff"),
    # The whole body replaced by random bytes (same length, at least a header's worth).
    "garbage": _garbage,
}


@dataclass
class Rule:
    """A fault and the replies it applies to.

    Attributes:
        fault: what to do.
        types: the proto types it applies to; ``None`` means any.
        when: a further test of the reply, or ``None``.
        remaining: how many more replies it applies to; ``None`` means every one.
        applied: how many replies it has applied to so far.
    """

    fault: Fault
    types: Optional[frozenset[int]]
    when: Optional[Callable[[Reply], bool]]
    remaining: Optional[int]
    applied: int = 0
    #: what each reply it changed became, in order (the corruption's name, or the action).
    history: list[str] = field(default_factory=list)
    _rng: random.Random = field(default_factory=random.Random, repr=False)
    _event: threading.Condition = field(default_factory=threading.Condition, repr=False)

    def matches(self, reply: Reply) -> bool:
        if self.remaining == 0:
            return False
        if self.types is not None and reply.type not in self.types:
            return False
        return self.when is None or bool(self.when(reply))

    def wait_applied(self, n: int = 1, timeout: float = 5.0) -> bool:
        """Waits until the rule applied to ``n`` replies; returns whether it did in time."""
        with self._event:
            return self._event.wait_for(lambda: self.applied >= n, timeout)


class _Conn:
    """One relayed connection: the client side and the upstream side."""

    def __init__(self, client: asyncio.StreamWriter) -> None:
        self.client = client
        self.upstream: Optional[asyncio.StreamWriter] = None
        self.stalled = False
        self.tasks: list[asyncio.Task] = []

    def close(self) -> None:
        for writer in (self.client, self.upstream):
            if writer is not None and not writer.is_closing():
                writer.close()
        for task in self.tasks:
            if task is not asyncio.current_task():
                task.cancel()


def _require_loopback(host: str) -> str:
    try:
        address = ipaddress.ip_address(socket.gethostbyname(host) if host == "localhost" else host)
    except ValueError as e:
        raise ValueError(f"the fault proxy only talks to loopback addresses, got {host!r}") from e
    if not address.is_loopback:
        raise ValueError(f"the fault proxy only talks to loopback addresses, got {host!r}")
    return str(address)


class FaultProxy:
    """Relays 127.0.0.1:<free port> to ``upstream`` and injects faults into the replies.

    Args:
        upstream: the server's ``(host, port)``; the host must be a loopback address.

    Attributes:
        host, port: where the proxy listens (after :meth:`start`).
        accepted: connections accepted from clients.
        upstream_connections: connections opened to the server.
        replies: replies seen from the server, by proto type.
    """

    def __init__(self, upstream: tuple[str, int]) -> None:
        self.upstream = (_require_loopback(upstream[0]), int(upstream[1]))
        self.host = "127.0.0.1"
        self.port = 0
        self.accepted = 0
        self.upstream_connections = 0
        self.replies: dict[int, int] = {}
        self._rules: list[Rule] = []
        self._lock = threading.Lock()
        self._refuse = False
        self._conns: set[_Conn] = set()
        self._handlers: set[asyncio.Task] = set()
        self._loop: Optional[asyncio.AbstractEventLoop] = None
        self._server: Optional[asyncio.base_events.Server] = None
        self._thread: Optional[threading.Thread] = None

    # -- lifecycle (any thread) --------------------------------------------------------------

    def start(self) -> "FaultProxy":
        """Starts listening; returns self."""
        ready = threading.Event()
        failure: list[BaseException] = []

        def run() -> None:
            loop = asyncio.new_event_loop()
            self._loop = loop
            try:
                loop.run_until_complete(self._listen())
            except BaseException as e:  # reported to start()'s caller below
                failure.append(e)
                ready.set()
                loop.close()
                return
            ready.set()
            loop.run_forever()
            loop.run_until_complete(loop.shutdown_asyncgens())
            loop.close()

        self._thread = threading.Thread(target=run, name=f"fault-proxy-{self.upstream[1]}", daemon=True)
        self._thread.start()
        if not ready.wait(_START_TIMEOUT_S) or failure:
            raise RuntimeError(f"fault proxy did not start: {failure[0] if failure else 'timeout'}")
        return self

    def stop(self) -> None:
        """Closes the listener and every connection and ends the proxy's thread. Idempotent."""
        loop, thread = self._loop, self._thread
        if loop is None or thread is None or not thread.is_alive():
            return
        asyncio.run_coroutine_threadsafe(self._shutdown(), loop).result(_STOP_TIMEOUT_S)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(_STOP_TIMEOUT_S)
        if thread.is_alive():
            raise RuntimeError("fault proxy thread did not stop")

    def __enter__(self) -> "FaultProxy":
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def config(self, **extra: Any) -> dict:
        """A client config that reaches the server through this proxy, merged with ``extra``."""
        cfg: dict = {"hosts": [(self.host, self.port)]}
        cfg.update(extra)
        return cfg

    # -- faults (any thread) -----------------------------------------------------------------

    def inject(self, fault: Fault, count: Optional[int] = None,
               types: Optional[Iterable[int]] = (PROTO_MESSAGE,),
               when: Optional[Callable[[Reply], bool]] = None) -> Rule:
        """Applies ``fault`` to the next ``count`` matching replies (every one when ``None``).

        Args:
            fault: what to do (see :func:`delay`, :func:`drop`, ...).
            count: how many replies; ``None`` for every reply from now on.
            types: proto types it applies to, messages only by default so that the client's
                cluster tending (info, type 1) keeps working; ``None`` for every type.
            when: a further test of the :class:`Reply`.

        Returns:
            The rule (its ``applied`` counts replies it changed). Earlier rules win when
            several match one reply.
        """
        rule = Rule(fault, None if types is None else frozenset(types), when, count, _rng=random.Random(fault.seed))
        with self._lock:
            self._rules.append(rule)
        return rule

    def clear(self) -> None:
        """Removes every rule and stops refusing connections; open connections stay."""
        with self._lock:
            self._rules.clear()
            self._refuse = False

    def refuse(self, on: bool = True) -> None:
        """While on, every new connection is accepted and closed at once, before any byte."""
        with self._lock:
            self._refuse = on

    def close_connections(self) -> int:
        """Closes every relayed connection now; returns how many there were."""
        return self._call(self._close_all)

    def stop_listening(self) -> None:
        """Closes the listening socket: connects are refused (ECONNREFUSED) until
        :meth:`resume_listening`. Open connections stay."""
        self._call(self._close_listener)

    def resume_listening(self) -> None:
        """Listens again on the same port."""
        self._call(self._listen)

    @property
    def open_connections(self) -> int:
        return len(self._conns)

    # -- the loop thread ---------------------------------------------------------------------

    def _call(self, fn: Callable[[], Any]) -> Any:
        assert self._loop is not None, "the proxy is not started"

        async def wrapped() -> Any:
            result = fn()
            return await result if asyncio.iscoroutine(result) else result

        return asyncio.run_coroutine_threadsafe(wrapped(), self._loop).result(_STOP_TIMEOUT_S)

    async def _listen(self) -> None:
        # SO_REUSEADDR (asyncio's default) lets resume_listening take the same port again.
        self._server = await asyncio.start_server(self._accept, self.host, self.port, backlog=_BACKLOG)
        self.port = self._server.sockets[0].getsockname()[1]

    def _close_listener(self) -> None:
        # close() alone closes the listening socket at once; wait_closed() would also wait
        # for the open connections (Python 3.12), which are meant to stay.
        server, self._server = self._server, None
        if server is not None:
            server.close()

    def _close_all(self) -> int:
        conns = list(self._conns)
        for conn in conns:
            conn.close()
        self._conns.clear()
        return len(conns)

    async def _shutdown(self) -> None:
        server, self._server = self._server, None
        if server is not None:
            server.close()
        self._close_all()
        await asyncio.gather(*self._handlers, return_exceptions=True)

    async def _accept(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.accepted += 1
        handler = asyncio.current_task()
        self._handlers.add(handler)
        try:
            await self._relay(reader, writer)
        finally:
            self._handlers.discard(handler)

    async def _relay(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        with self._lock:
            refuse = self._refuse
        if refuse:
            writer.close()
            return
        conn = _Conn(writer)
        self._conns.add(conn)
        try:
            up_reader, up_writer = await asyncio.open_connection(*self.upstream)
        except OSError:
            conn.close()
            self._conns.discard(conn)
            return
        self.upstream_connections += 1
        # Closing the server side resets it (linger 0) rather than leaving a TIME_WAIT socket
        # per relayed connection: a run relays thousands, and they share the port range with
        # everything else on the machine. The client side closes normally (it is under test).
        up_writer.get_extra_info("socket").setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        conn.upstream = up_writer
        conn.tasks = [asyncio.ensure_future(self._requests(reader, up_writer)),
                      asyncio.ensure_future(self._replies(up_reader, conn))]
        try:
            await asyncio.wait(conn.tasks, return_when=asyncio.FIRST_COMPLETED)
        finally:
            conn.close()
            self._conns.discard(conn)

    async def _requests(self, reader: asyncio.StreamReader, upstream: asyncio.StreamWriter) -> None:
        try:
            while data := await reader.read(65536):
                upstream.write(data)
                await upstream.drain()
        except (ConnectionError, OSError):
            pass

    def _rule_for(self, reply: Reply) -> Optional[Rule]:
        with self._lock:
            self.replies[reply.type] = self.replies.get(reply.type, 0) + 1
            for rule in self._rules:
                if rule.matches(reply):
                    if rule.remaining is not None:
                        rule.remaining -= 1
                    return rule
        return None

    async def _replies(self, upstream: asyncio.StreamReader, conn: _Conn) -> None:
        client = conn.client
        try:
            while True:
                header = await upstream.readexactly(_HEADER)
                size = int.from_bytes(header[2:], "big")
                body = await upstream.readexactly(size)
                if conn.stalled:
                    continue
                reply = Reply(header[0], header[1], body)
                rule = self._rule_for(reply)
                if rule is None:
                    client.write(header + body)
                elif not await self._apply(rule, reply, conn):
                    return
                await client.drain()
        except (asyncio.IncompleteReadError, ConnectionError, OSError):
            pass

    async def _apply(self, rule: Rule, reply: Reply, conn: _Conn) -> bool:
        """Applies the rule's fault to ``reply``; False when the connection is to be closed."""
        fault = rule.fault
        what = fault.action
        if fault.action == "corrupt":
            what = fault.corruption
            if what == "random":
                with self._lock:
                    what = rule._rng.choice(fault.among or sorted(CORRUPTIONS))
        with rule._event:
            rule.applied += 1
            rule.history.append(what)
            rule._event.notify_all()
        client = conn.client
        if fault.action == "pass":
            client.write(reply.header + reply.body)
        elif fault.action == "delay":
            await asyncio.sleep(fault.seconds)
            client.write(reply.header + reply.body)
        elif fault.action == "duplicate":
            client.write((reply.header + reply.body) * 2)
        elif fault.action == "drop":
            pass
        elif fault.action == "close":
            return False
        elif fault.action == "truncate":
            data = reply.header + reply.body
            keep = int(fault.keep) if fault.keep >= 1 else int(len(data) * fault.keep)
            client.write(data[:max(0, min(keep, len(data) - 1))])
            await client.drain()
            if fault.then == "close":
                return False
            conn.stalled = True
        elif fault.action == "corrupt":
            client.write(CORRUPTIONS[what](reply, fault.seed + rule.applied))
        elif fault.action == "announce":
            client.write(_with_size(reply, fault.size, reply.body))
            conn.stalled = True
        else:
            raise ValueError(f"unknown fault action {fault.action!r}")
        return True
