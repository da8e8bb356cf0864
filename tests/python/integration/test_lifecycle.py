"""Connect, close, reconnect, health check, cluster info."""

import os
import signal
import threading
import time

import pytest

import aerospike_py
from aerospike_py import ClientError
from aerospike_py.testing import EmbeddedServer

UNREACHABLE = {"hosts": [("127.0.0.1", 19999)], "timeout": 500}


def test_connect_returns_self_and_close_is_idempotent(server_config):
    client = aerospike_py.client(server_config)
    assert client.connect() is client
    assert client.is_connected()
    assert client.ping() is True
    client.close()
    assert not client.is_connected()
    assert client.ping() is False
    client.close()


def test_second_connect_raises(server_config):
    with aerospike_py.client(server_config).connect() as client:
        with pytest.raises(ClientError, match="already connected"):
            client.connect()
        assert client.is_connected()


def test_reconnect_after_close(server_config, new_key):
    client = aerospike_py.client(server_config).connect()
    client.close()
    client.connect()
    try:
        key = new_key()
        client.put(key, {"a": 1})
        assert client.get(key).bins == {"a": 1}
    finally:
        client.close()


def test_sync_client_inherited_by_a_forked_child_refuses_clearly(server_config, new_key):
    client = aerospike_py.client(server_config).connect()
    key = new_key()
    client.put(key, {"v": 1})
    pid = os.fork()
    if pid == 0:
        code = 1
        try:
            code = 4 if client.is_connected() else 1
            client.get(key)
        except ClientError as e:
            code = 0 if "fork" in str(e) and code == 1 else 2
        except BaseException:
            code = 3
        os._exit(code)
    _, status = os.waitpid(pid, 0)
    assert os.WEXITSTATUS(status) == 0
    # The parent's client is untouched.
    assert client.get(key).bins == {"v": 1}
    client.close()


def test_closed_client_raises_client_error(server_config):
    client = aerospike_py.client(server_config).connect()
    client.close()
    with pytest.raises(ClientError):
        client.get(("test", "pytest", "k"))
    with pytest.raises(ClientError):
        client.put(("test", "pytest", "k"), {"a": 1})


def test_context_manager_closes(server_config):
    with aerospike_py.client(server_config).connect() as client:
        assert client.is_connected()
    assert not client.is_connected()


def test_unreachable_host_fails_quickly_and_cleanly():
    client = aerospike_py.client(UNREACHABLE)
    started = time.monotonic()
    with pytest.raises(aerospike_py.AerospikeError) as info:
        client.connect()
    assert time.monotonic() - started < 5
    assert isinstance(info.value, (aerospike_py.ClusterError, aerospike_py.AerospikeTimeoutError))
    assert info.value.code is not None
    assert client.is_connected() is False
    assert client.ping() is False
    with pytest.raises(ClientError):
        client.get(("test", "demo", "k"))


def test_failed_connect_can_be_retried():
    client = aerospike_py.client(UNREACHABLE)
    with pytest.raises(aerospike_py.AerospikeError) as first:
        client.connect()
    with pytest.raises(aerospike_py.AerospikeError) as second:
        client.connect()  # not "already connected": the failed attempt left nothing behind
    assert type(second.value) is type(first.value)
    assert not client.is_connected()


def test_wrong_cluster_name_is_refused(server_config):
    config = dict(server_config, cluster_name="no-such-cluster-name", timeout=1000)
    with pytest.raises(aerospike_py.AerospikeError):
        aerospike_py.client(config).connect()


def test_node_names(client):
    names = client.get_node_names()
    assert names and all(isinstance(name, str) and name for name in names)


def test_info_random_node(client):
    assert "test" in client.info_random_node("namespaces").split(";")
    assert client.info_random_node("build", policy={"timeout": 1000})


def test_info_all(client):
    results = client.info_all("namespaces")
    assert {r.node_name for r in results} == set(client.get_node_names())
    for result in results:
        assert isinstance(result, aerospike_py.InfoNodeResult)
        assert result.error_code == 0
        assert "test" in result.response.split(";")


def test_info_error_answers_are_returned_as_text(client):
    """A node's ERROR answer is the result, not an exception, as in aerospike-py 0.14.4."""
    command = "sindex-create:namespace=test"  # no index name: the server answers ERROR:4
    assert client.info_random_node(command) == "ERROR:4:missing 'indexname'"
    for result in client.info_all(command):
        assert (result.error_code, result.response) == (0, "ERROR:4:missing 'indexname'")


def test_unknown_config_key_warns_but_connects(server_config):
    with pytest.warns(UserWarning, match="no_such_option_xyz"):
        client = aerospike_py.client(dict(server_config, no_such_option_xyz=1)).connect()
    client.close()


def test_min_conns_per_node_opens_warm_connections(server_config):
    import time

    probe = aerospike_py.client(server_config).connect()

    def opened():
        """Connections every node has accepted so far, summed."""
        total = 0
        for result in probe.info_all("statistics"):
            stats = dict(kv.split("=", 1) for kv in result.response.split(";") if "=" in kv)
            total += int(stats["client_connections_opened"])
        return total

    nodes = len(probe.get_node_names())
    before = opened()
    warm = aerospike_py.client(dict(server_config, min_conns_per_node=5, tend_interval=50)).connect()
    deadline = time.monotonic() + 5
    while opened() - before < 5 * nodes and time.monotonic() < deadline:
        time.sleep(0.05)
    assert opened() - before >= 5 * nodes
    warm.close()
    probe.close()


def test_timeout_zero_is_no_limit(server_config, new_key):
    # 0 used to be a deadline of "now", so connect failed at once; like total_timeout=0 it
    # now means no limit of its own, for the config timeout and the admin policy timeout.
    with aerospike_py.client(dict(server_config, timeout=0, tend_interval=50)).connect() as client:
        key = new_key()
        client.put(key, {"a": 1})
        time.sleep(0.2)  # a few tends, each bounded by tend_interval instead
        assert client.get(key).bins == {"a": 1}
        assert client.get_node_names()
        assert client.info_random_node("build", policy={"timeout": 0})
        assert all(r.error_code == 0 for r in client.info_all("namespaces", policy={"timeout": 0}))


def test_timeout_zero_tend_gives_up_on_a_stopped_node_after_tend_interval():
    server = EmbeddedServer().start()
    client = aerospike_py.client(server.config(timeout=0, tend_interval=100)).connect()
    os.kill(server._proc.pid, signal.SIGSTOP)
    try:
        time.sleep(0.35)  # the tend thread now waits on the stopped node
        closer = threading.Thread(target=client.close)
        started = time.monotonic()
        closer.start()
        closer.join(5)  # close() joins the tend thread
        assert not closer.is_alive(), "a tend with timeout=0 waited on a stopped node for ever"
        assert time.monotonic() - started < 2
    finally:
        os.kill(server._proc.pid, signal.SIGCONT)
        server.stop()


@pytest.mark.parametrize("bounds", [{"max_conns_per_node": 0}, {"min_conns_per_node": 5, "max_conns_per_node": 4}])
def test_pool_bounds_that_cannot_work_are_refused(server_config, bounds):
    client = aerospike_py.client(dict(server_config, **bounds))
    with pytest.raises(aerospike_py.InvalidArgError, match="max_conns_per_node") as info:
        client.connect()
    assert info.value.code == -2
    assert not client.is_connected()


def test_close_while_connecting_raises_and_leaves_no_half_open_client():
    """As in aerospike-py: close() during a connect() in flight is refused."""
    import socket
    import threading
    import time

    # A seed that takes the connection and never answers: the connect waits for its timeout.
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(8)
    client = aerospike_py.client({"hosts": [silent.getsockname()], "timeout": 1500})
    outcome = []

    def connect():
        try:
            client.connect()
        except aerospike_py.AerospikeError as e:
            outcome.append(e)

    thread = threading.Thread(target=connect)
    thread.start()
    deadline = time.time() + 2
    while not client._connecting and time.time() < deadline:
        time.sleep(0.01)
    with pytest.raises(aerospike_py.ClientError, match="Cannot close: client is currently connecting."):
        client.close()
    thread.join()
    silent.close()
    assert outcome and not client.is_connected()
    client.close()  # once the connect has ended, close works (and is a no-op)
