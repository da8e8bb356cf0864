"""The fault proxy itself: it relays faithfully, sits on every connection, counts and targets
replies as asked, stays on loopback, and stops cleanly. The other fault tests rely on this."""

import asyncio
import socket

import pytest

import aerospike_py as A
from aerospike_py.testing import EmbeddedServer, find_server_binary
from fault_checks import bins_of, proxied_config, wait_until
from fault_proxy import PROTO_INFO, PROTO_MESSAGE, FaultProxy, drop, passthrough

pytest_plugins = ["fault_fixtures"]


def test_passthrough_relays_every_kind_of_command(sync_client, proxy, records):
    """Without faults, single-record commands and batches through the proxy give the same
    results as against the server, and the proxy saw both info and message replies."""
    assert sync_client.get(records[0]).bins == bins_of(0)
    sync_client.put(records[1], {"i": 7})
    assert sync_client.operate(records[1], [{"op": A.OPERATOR_READ, "bin": "i"}]).bins == {"i": 7}
    assert sync_client.batch_read(records[2:]) == {k[2]: bins_of(i + 2) for i, k in enumerate(records[2:])}
    sync_client.remove(records[4])
    assert sync_client.exists(records[4]).meta is None
    assert proxy.replies[PROTO_MESSAGE] >= 6
    assert proxy.replies[PROTO_INFO] >= 1  # connect's node validation and first tend


def test_every_connection_the_client_opens_goes_through_the_proxy():
    """A server of its own counts every connection it accepts: after sync, async and batch
    traffic through the proxy, the server accepted exactly the connections the proxy opened
    (so none went around it), and the node advertises no peer to connect to instead."""
    try:
        binary = find_server_binary()
    except FileNotFoundError as e:
        pytest.skip(str(e))
    with EmbeddedServer(binary=binary) as server, FaultProxy((server.host, server.port)) as proxy, \
            FaultProxy((server.host, server.port)) as probe_proxy:
        config = proxy.config(tend_interval=50, min_conns_per_node=2)
        with A.client(config).connect() as c:
            assert c.info_random_node("peers-clear-std").endswith(",[]")
            keys = [("test", "pyfaults", f"path-{i}") for i in range(20)]
            for i, key in enumerate(keys):
                c.put(key, {"i": i})
            assert len(c.batch_read(keys)) == 20

            async def async_traffic():
                ac = await A.AsyncClient(config).connect()
                await asyncio.gather(*(ac.get(k) for k in keys))
                await ac.batch_read(keys)
                await ac.close()

            asyncio.run(async_traffic())
        # Every relay has ended, so no connection is half counted.
        assert wait_until(lambda: proxy.open_connections == 0)
        # The statistics are read through a second proxy, so that its connections are
        # counted too and the sum is exact.
        with A.client(probe_proxy.config()).connect() as probe:
            stats = dict(kv.split("=", 1) for kv in probe.info_random_node("statistics").split(";") if "=" in kv)
        assert int(stats["client_connections_opened"]) == proxy.upstream_connections + probe_proxy.upstream_connections
        assert proxy.upstream_connections >= 3  # the seed, the warm pool, the async engine's


def test_rule_counts_and_proto_types(sync_client, proxy, records):
    """A rule for the next N message replies applies to exactly N of them and to no info
    reply; once spent, replies pass again."""
    rule = proxy.inject(drop(), count=2)
    for _ in range(2):
        with pytest.raises(A.AerospikeTimeoutError):
            sync_client.get(records[0], policy={"total_timeout": 200})
    assert rule.applied == 2 and rule.remaining == 0
    info_before = proxy.replies.get(PROTO_INFO, 0)
    assert sync_client.info_random_node("namespaces")  # an info reply: not the rule's
    assert proxy.replies[PROTO_INFO] == info_before + 1
    assert sync_client.get(records[0]).bins == bins_of(0)
    counter = proxy.inject(passthrough(), types=(PROTO_INFO,))
    sync_client.info_random_node("build")
    assert counter.applied == 1 and counter.history == ["pass"]


@pytest.mark.parametrize("host", ["10.1.2.3", "192.168.0.1", "example.com", "::ffff:8.8.8.8"])
def test_only_loopback_upstreams_are_accepted(host):
    """The proxy refuses to relay to anything but a loopback address."""
    with pytest.raises(ValueError, match="loopback"):
        FaultProxy((host, 3000))


def test_stop_is_clean_and_idempotent(fault_upstream):
    """stop() closes the listener and every relayed connection, ends the proxy's thread, and
    may be called again."""
    host, port = fault_upstream["hosts"][0][:2]
    proxy = FaultProxy((host, port)).start()
    held = socket.create_connection((proxy.host, proxy.port), timeout=2)
    with A.client(proxied_config(proxy, fault_upstream)).connect():
        assert proxy.open_connections >= 2
        proxy.stop()
    assert proxy.open_connections == 0
    assert not proxy._thread.is_alive()
    held.settimeout(2)
    assert held.recv(1) == b""  # closed by the proxy
    held.close()
    with pytest.raises(OSError):
        socket.create_connection((proxy.host, proxy.port), timeout=2).close()
    proxy.stop()


def test_refuse_closes_new_connections_at_once(fault_upstream):
    """While refuse() is on, a new connection is accepted and closed before any byte; open
    connections are not touched, and clear() ends it."""
    host, port = fault_upstream["hosts"][0][:2]
    with FaultProxy((host, port)) as proxy, A.client(proxied_config(proxy, fault_upstream)).connect() as c:
        proxy.refuse()
        refused = socket.create_connection((proxy.host, proxy.port), timeout=2)
        refused.settimeout(2)
        assert refused.recv(1) == b""
        refused.close()
        assert c.ping()  # its pooled connection was open before
        proxy.clear()
        accepted = socket.create_connection((proxy.host, proxy.port), timeout=2)
        assert wait_until(lambda: proxy.upstream_connections >= 2)
        accepted.close()


def test_stop_listening_refuses_connects_until_resumed(fault_upstream):
    """stop_listening() makes connects fail with ECONNREFUSED; resume_listening() takes the
    same port again."""
    host, port = fault_upstream["hosts"][0][:2]
    with FaultProxy((host, port)) as proxy:
        proxy.stop_listening()
        with pytest.raises(ConnectionRefusedError):
            socket.create_connection((proxy.host, proxy.port), timeout=2)
        proxy.resume_listening()
        with A.client(proxied_config(proxy, fault_upstream)).connect() as c:
            assert c.ping()
