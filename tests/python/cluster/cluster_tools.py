"""What the cluster tests share: per-node info, the node stop/start knobs of a multi-node
aero-server, and a load that runs through a node's stop and return."""

import socket
import struct
import threading
import time

NODES = 3


def stats(client, name: str) -> dict:
    """Each node's answer to info `name` (key=value pairs), as {node_name: {key: value}}."""
    out = {}
    for result in client.info_all(name):
        out[result.node_name] = dict(kv.split("=", 1) for kv in result.response.split(";") if "=" in kv)
    return out


def info(port: int, command: str) -> str:
    """Sends one info command to the node on `port` (the cluster controls must not reach the
    node they stop, so they cannot go to a random node)."""
    body = (command + "\n").encode()
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(struct.pack(">Q", (2 << 56) | (1 << 48) | len(body)) + body)
        header = sock.recv(8, socket.MSG_WAITALL)
        size = struct.unpack(">Q", header)[0] & 0xFFFFFFFFFFFF
        reply = sock.recv(size, socket.MSG_WAITALL).decode()
    value = reply.split("\t", 1)[1].strip()
    assert not value.startswith("ERROR"), value
    return value


def bounce(cluster, watcher, victim: int, step) -> None:
    """Runs `step` in a loop on a thread while node `victim` stops and comes back (as seen by
    `watcher`'s tend), then checks the thread neither hung nor failed."""
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
    info(cluster.ports[0], f"cluster-stop-node:port={victim}")
    assert wait_for(lambda: len(watcher.get_node_names()) == NODES - 1)
    time.sleep(0.3)
    info(cluster.ports[0], f"cluster-start-node:port={victim}")
    assert wait_for(lambda: len(watcher.get_node_names()) == NODES)
    time.sleep(0.2)
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
