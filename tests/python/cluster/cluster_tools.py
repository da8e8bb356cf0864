"""What the cluster tests share: the 3-node cluster fixture, per-node info, the node stop/start
knobs of a multi-node aero-server, and a load that runs through a node's stop and return."""

import ctypes
import ctypes.util
import socket
import struct
import threading
import time

import pytest

import aerospike_py as A
from aerospike_py.testing import EmbeddedServer

NODES = 3
#: The salt every Aerospike client hashes passwords with (fact sheet §13).
BCRYPT_SALT = b"$2a$10$7EqJtq98hPqEX7fNZaFWoO"


@pytest.fixture(scope="module")
def cluster():
    """A 3-node aero-server with replication factor 2, one per test module that imports it."""
    with EmbeddedServer(nodes=NODES, args=["--replication-factor", "2"]) as server:
        yield server


def stats(client, name: str) -> dict:
    """Each node's answer to info `name` (key=value pairs), as {node_name: {key: value}}."""
    out = {}
    for result in client.info_all(name):
        out[result.node_name] = dict(kv.split("=", 1) for kv in result.response.split(";") if "=" in kv)
    return out


def send(sock, proto_type: int, body: bytes) -> bytes:
    """Sends one message and returns the body of the answer."""
    sock.sendall(struct.pack(">Q", (2 << 56) | (proto_type << 48) | len(body)) + body)
    header = sock.recv(8, socket.MSG_WAITALL)
    size = struct.unpack(">Q", header)[0] & 0xFFFFFFFFFFFF
    return sock.recv(size, socket.MSG_WAITALL)


def password_hash(password: str) -> bytes:
    """The bcrypt hash of a password, as the clients send it."""
    libcrypt = ctypes.CDLL(ctypes.util.find_library("crypt"))
    libcrypt.crypt.restype = ctypes.c_char_p
    return libcrypt.crypt(password.encode(), BCRYPT_SALT)


def admin_body(command: int, fields: "list[tuple[int, bytes]]") -> bytes:
    """An admin (security) request body: the 16-byte header, then the fields."""
    encoded = b"".join(struct.pack(">IB", len(data) + 1, fid) + data for fid, data in fields)
    return bytes([0, 0, command, len(fields)]) + bytes(12) + encoded


def _login(sock, user: str, password: str) -> None:
    """LOGIN (admin protocol) with the bcrypt hash of the password."""
    reply = send(sock, 2, admin_body(20, [(0, user.encode()), (3, password_hash(password))]))
    assert reply[1] == 0, f"login refused with code {reply[1]}"


def info(port: int, command: str, credentials: "tuple[str, str] | None" = None) -> str:
    """Sends one info command to the node on `port` (the cluster controls must not reach the
    node they stop, so they cannot go to a random node), after logging in as (user, password)
    when the server is secured."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        if credentials:
            _login(sock, *credentials)
        reply = send(sock, 1, (command + "\n").encode()).decode()
    value = reply.split("\t", 1)[1].strip()
    assert not value.startswith("ERROR"), value
    return value


class ReadLoad:
    """Reads `keys` in turn (key i holds {"i": i}): counts the reads that worked and keeps the
    errors, which must be Aerospike exceptions; a wrong value fails the test."""

    def __init__(self, client, keys, policy=None):
        self.client, self.keys, self.policy = client, keys, policy
        self.ok = 0
        self.errors: list = []
        self._next = 0

    def step(self) -> None:
        i = self._next % len(self.keys)
        self._next += 1
        try:
            record = self.client.get(self.keys[i], policy=self.policy)
        except A.AerospikeError as e:
            self.errors.append(e)
            return
        assert record.bins == {"i": i}, "a read returned a wrong value"
        self.ok += 1


def bounce(cluster, watcher, victim: int, step, quick=False, credentials=None) -> None:
    """Runs `step` in a loop on a thread while node `victim` stops and comes back, then checks
    the thread neither hung nor failed. The node returns once `watcher`'s tend dropped it, or,
    `quick`, at once (before the tend gives up on it)."""
    stop = threading.Event()
    failures: list = []

    def loop():
        while not stop.is_set():
            try:
                step()
            except AssertionError as e:  # a wrong value: reported to the test, not lost in the thread
                failures.append(e)
                return

    thread = threading.Thread(target=loop)
    thread.start()
    time.sleep(0.2)
    info(cluster.ports[0], f"cluster-stop-node:port={victim}", credentials)
    if not quick:
        assert wait_for(lambda: len(watcher.get_node_names()) == NODES - 1)
    time.sleep(0.3 if not quick else 0.1)
    info(cluster.ports[0], f"cluster-start-node:port={victim}", credentials)
    assert wait_for(lambda: len(watcher.get_node_names()) == NODES)
    time.sleep(0.5 if quick else 0.2)
    stop.set()
    thread.join(20)
    assert not thread.is_alive(), "the load hung"
    assert failures == []


def wait_for(predicate, timeout=10.0):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(0.05)
    return False
