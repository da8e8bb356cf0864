"""aero-server under hostile load: memory and threads stay bounded, stalled clients are cut off.

Headers that announce huge bodies, slowloris clients, ten thousand idle connections and clients
that stop reading must neither exhaust the machine nor starve well-behaved clients. These test
aero-server itself, so they skip when the suite runs against an external server.
"""

import os
import resource
import socket
import struct
import time

import pytest

import aerospike_py as A
from aerospike_py.testing import EmbeddedServer

pytestmark = pytest.mark.skipif(bool(os.environ.get("AEROSPIKE_HOST") or os.environ.get("AEROSPIKE_PORT")),
                                reason="tests aero-server's own limits")

CORES = os.cpu_count() or 1
THREAD_LIMIT = 2 * CORES + 8
MIB = 1 << 20


def _status(pid: int, field: str) -> int:
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    raise KeyError(field)


def _rss_mib(server: EmbeddedServer) -> float:
    return _status(server._proc.pid, "VmRSS") / 1024


def _threads(server: EmbeddedServer) -> int:
    return _status(server._proc.pid, "Threads")


def _header(size: int, proto_type: int = 3) -> bytes:
    return struct.pack(">Q", (2 << 56) | (proto_type << 48) | size)


def _connect(port: int) -> socket.socket:
    return socket.create_connection(("127.0.0.1", port), timeout=10)


def _closed_by_peer(sock: socket.socket, within: float) -> bool:
    """Whether the server closes the socket within `within` seconds (reads until EOF)."""
    sock.settimeout(within)
    try:
        while sock.recv(4096):
            pass
        return True
    except (socket.timeout, TimeoutError):
        return False
    except OSError:
        return True  # reset by the server


def _works(server: EmbeddedServer) -> None:
    with A.client(server.config()).connect() as client:
        key = ("test", "limits", "probe")
        client.put(key, {"v": 1}, policy={"total_timeout": 2000})
        assert client.get(key, policy={"total_timeout": 2000}).bins == {"v": 1}


@pytest.fixture
def server():
    with EmbeddedServer(args=["--request-timeout", "2", "--idle-timeout", "3"]) as s:
        yield s


def test_announced_sizes_are_not_allocated(server):
    _works(server)
    idle = _rss_mib(server)
    socks = [_connect(server.port) for _ in range(6)]
    for s in socks:
        s.sendall(_header(128 * MIB) + b"\x16" * 1000)
    time.sleep(0.5)
    assert _rss_mib(server) < idle + 64
    assert _threads(server) <= THREAD_LIMIT
    _works(server)
    # The bodies never come: the request timeout closes each connection.
    assert all(_closed_by_peer(s, 5) for s in socks)
    for s in socks:
        s.close()


def test_oversize_announcement_is_refused_at_once(server):
    sock = _connect(server.port)
    sock.sendall(_header(128 * MIB + 1))
    assert _closed_by_peer(sock, 2)
    sock.close()


def test_slowloris_connections_are_cut_off(server):
    _works(server)
    idle = _rss_mib(server)
    socks = [_connect(server.port) for _ in range(200)]
    started = time.monotonic()
    # Each sends a header and then a byte now and then, never the whole body.
    for s in socks:
        s.sendall(_header(1000))
    for _ in range(3):
        for s in socks:
            try:
                s.send(b"\x00")
            except OSError:
                pass
        assert _threads(server) <= THREAD_LIMIT
        time.sleep(0.3)
    assert _rss_mib(server) < idle + 64
    _works(server)
    assert all(_closed_by_peer(s, 5) for s in socks)
    # Closed by the 2 s request timeout, not by the 3 s idle one or never.
    assert time.monotonic() - started < 8
    for s in socks:
        s.close()


def test_idle_connections_are_closed_and_busy_ones_kept(server):
    idle = _connect(server.port)
    with A.client(server.config()).connect() as client:
        key = ("test", "limits", "busy")
        deadline = time.monotonic() + 4.5
        # A client that keeps using its connection keeps it past the idle timeout.
        while time.monotonic() < deadline:
            client.put(key, {"v": 1})
            time.sleep(0.2)
        assert _closed_by_peer(idle, 3)
        assert client.get(key).bins == {"v": 1}
    idle.close()


def test_client_that_stops_reading_is_cut_off(server):
    with A.client(server.config()).connect() as client:
        keys = [("test", "limits", i) for i in range(2000)]
        client.batch_write([(k, {"blob": b"x" * 2000}) for k in keys])
    with A.client(server.config()).connect() as client:
        digests = [client.exists(k).key.digest for k in keys]
    # Raw batch reads of every key, whose (4 MB) replies their clients never read: more of
    # them than there are workers, yet batches may hold only half the workers.
    socks = []
    for _ in range(2 * CORES + 2):
        sock = _connect(server.port)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        sock.sendall(_batch_request(digests))
        socks.append(sock)
    time.sleep(0.5)
    _works(server)
    assert all(_closed_by_peer(s, 6) for s in socks)
    for s in socks:
        s.close()


def _batch_request(digests: list) -> bytes:
    """A batch-index read of every bin of `digests` in namespace test (fact sheet §9)."""
    rows = b""
    for i, digest in enumerate(digests):
        if i == 0:
            # Full row: index, digest, 0 = not repeat with info1 READ|GET_ALL, 1 field (ns), 0 ops.
            rows += struct.pack(">I", i) + digest + bytes((0, 0x03)) + struct.pack(">HH", 1, 0)
            rows += struct.pack(">IB", 1 + 4, 0) + b"test"
        else:
            rows += struct.pack(">I", i) + digest + bytes((1,))  # repeat the previous row
    field = struct.pack(">I", len(digests)) + bytes((0,)) + rows
    fields = struct.pack(">IB", len(field) + 1, 41) + field
    header = bytes((22, 0x08 | 0x01, 0, 0, 0, 0)) + struct.pack(">IIIHH", 0, 0, 10_000, 1, 0)
    body = header + fields
    return _header(len(body)) + body


def test_ten_thousand_idle_connections_cost_little():
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard < 10_500:
        pytest.skip(f"the open-file limit ({hard}) cannot hold 10,000 connections")
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    socks = []
    try:
        with EmbeddedServer() as server:
            _works(server)
            idle = _rss_mib(server)
            for _ in range(10_000):
                socks.append(_connect(server.port))
            _works(server)
            assert _threads(server) <= THREAD_LIMIT
            assert _rss_mib(server) < idle + 64
    finally:
        for s in socks:
            s.close()
        resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))
