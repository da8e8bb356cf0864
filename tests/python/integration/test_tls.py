"""TLS between the client and aero-server --tls-port: certificates made at test time with the
openssl command line, records over TLS, verification failures, plain and TLS clients on one
server, and a TLS cluster found through peers-tls-std."""

import asyncio
import shutil
import subprocess
import time
import uuid

import pytest

import aerospike_py as A
from aerospike_py.testing import EmbeddedServer

TLS_NAME = "aero-test"

pytestmark = pytest.mark.skipif(shutil.which("openssl") is None, reason="needs the openssl command line")


def _openssl(*args, cwd):
    subprocess.run(["openssl", *args], cwd=cwd, check=True, capture_output=True)


def _make_ca(directory, name):
    _openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "1",
             "-subj", f"/CN={name}", "-keyout", f"{name}.key", "-out", f"{name}.pem", cwd=directory)
    return directory / f"{name}.pem"


@pytest.fixture(scope="module")
def certs(tmp_path_factory):
    """A CA, a server certificate it signed (CN and SAN aero-test, IP SAN 127.0.0.1), and a
    second CA that signed nothing here."""
    d = tmp_path_factory.mktemp("tls")
    ca = _make_ca(d, "ca")
    other_ca = _make_ca(d, "other-ca")
    _openssl("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-subj", f"/CN={TLS_NAME}",
             "-keyout", "server.key", "-out", "server.csr", cwd=d)
    (d / "san.ext").write_text(f"subjectAltName=DNS:{TLS_NAME},IP:127.0.0.1\n")
    _openssl("x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial", "-days", "1",
             "-extfile", "san.ext", "-out", "server.pem", cwd=d)
    for ca_name, client in (("ca", "client"), ("other-ca", "stranger")):
        _openssl("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-subj", f"/CN={client}",
                 "-keyout", f"{client}.key", "-out", f"{client}.csr", cwd=d)
        _openssl("x509", "-req", "-in", f"{client}.csr", "-CA", f"{ca_name}.pem", "-CAkey", f"{ca_name}.key",
                 "-CAcreateserial", "-days", "1", "-out", f"{client}.pem", cwd=d)
    return {"ca": str(ca), "other_ca": str(other_ca), "cert": str(d / "server.pem"), "key": str(d / "server.key"),
            "client_cert": str(d / "client.pem"), "client_key": str(d / "client.key"),
            "stranger_cert": str(d / "stranger.pem"), "stranger_key": str(d / "stranger.key")}


def _tls_args(certs, *extra):
    return ["--tls-port", "0", "--tls-cert", certs["cert"], "--tls-key", certs["key"], *extra]


@pytest.fixture(scope="module")
def server(certs):
    s = EmbeddedServer(args=_tls_args(certs)).start()
    yield s
    s.stop()


def _tls_config(server, cafile, name=TLS_NAME, **extra):
    return {"hosts": [(server.host, server.tls_ports[0], name)], "tls": {"enable": True, "cafile": cafile},
            "timeout": 2000, **extra}


def _key():
    return ("test", "tls", uuid.uuid4().hex)


def test_put_get_over_tls(server, certs):
    client = A.client(_tls_config(server, certs["ca"])).connect()
    try:
        key = _key()
        client.put(key, {"a": 1, "s": "x" * 100_000})  # larger than one TLS record
        assert client.get(key).bins == {"a": 1, "s": "x" * 100_000}
        assert client.info_random_node("build")
    finally:
        client.close()


def test_tls_name_from_the_tls_dict(server, certs):
    cfg = {"hosts": [(server.host, server.tls_ports[0])], "tls": {"enable": True, "cafile": certs["ca"],
                                                                  "tls_name": TLS_NAME}}
    client = A.client(cfg).connect()
    try:
        assert client.is_connected()
    finally:
        client.close()


@pytest.mark.parametrize("cafile,name,error", [
    ("ca", "wrong-name", "rejected"),
    ("other_ca", TLS_NAME, "rejected"),
])
def test_verification_failure_is_a_clear_error_at_once(server, certs, cafile, name, error):
    start = time.monotonic()
    with pytest.raises((A.ClusterError, A.ClientError), match=error):
        A.client(_tls_config(server, certs[cafile], name)).connect()
    assert time.monotonic() - start < 3


def test_tls_client_on_the_plain_port_fails_at_once(server, certs):
    cfg = _tls_config(server, certs["ca"])
    cfg["hosts"] = [(server.host, server.port, TLS_NAME)]
    start = time.monotonic()
    with pytest.raises((A.ClusterError, A.ClientError)):
        A.client(cfg).connect()
    assert time.monotonic() - start < 3


def test_plain_and_tls_clients_see_the_same_records(server, certs):
    plain = A.client(server.config()).connect()
    tls = A.client(_tls_config(server, certs["ca"])).connect()
    try:
        k1, k2 = _key(), _key()
        plain.put(k1, {"by": "plain"})
        tls.put(k2, {"by": "tls"})
        assert tls.get(k1).bins == {"by": "plain"}
        assert plain.get(k2).bins == {"by": "tls"}
    finally:
        plain.close()
        tls.close()


def _connections_opened(client):
    stats = dict(kv.split("=", 1) for kv in client.info_random_node("statistics").split(";") if "=" in kv)
    return int(stats["client_connections_opened"])


async def test_async_put_get_over_tls(server, certs):
    client = await A.AsyncClient(_tls_config(server, certs["ca"])).connect()
    try:
        key = _key()
        big = "y" * 100_000  # several TLS records each way
        await asyncio.wait_for(client.put(key, {"a": 1, "s": big}), 5)
        assert (await asyncio.wait_for(client.get(key), 5)).bins == {"a": 1, "s": big}
        assert (await client.exists(_key())).meta is None
    finally:
        await client.close()


async def test_async_concurrent_handshakes_and_reuse(server, certs):
    """Many commands at once open many TLS connections; later commands reuse them."""
    client = await A.AsyncClient(_tls_config(server, certs["ca"])).connect()
    sync = A.client(server.config()).connect()
    try:
        keys = [_key() for _ in range(200)]
        await asyncio.wait_for(asyncio.gather(*(client.put(k, {"i": i}) for i, k in enumerate(keys))), 10)
        got = await asyncio.wait_for(asyncio.gather(*(client.get(k) for k in keys)), 10)
        assert [r.bins["i"] for r in got] == list(range(200))
        before = _connections_opened(sync)
        for k in keys[:50]:
            await client.get(k)
        # Sequential commands ride the pooled TLS connections (the info call may open one).
        assert _connections_opened(sync) - before <= 2
    finally:
        sync.close()
        await client.close()


async def test_async_batch_stream_over_tls(server, certs):
    """A batch reply is a stream of protos that TLS records cut anywhere."""
    client = await A.AsyncClient(_tls_config(server, certs["ca"])).connect()
    try:
        keys = [_key() for _ in range(2000)]
        await client.batch_write([(k, {"i": i, "pad": "p" * (i % 300)}) for i, k in enumerate(keys)])
        missing = _key()
        result = await asyncio.wait_for(client.batch_read(keys + [missing]), 10)
        assert [result[k[2]]["i"] for k in keys] == list(range(2000))
        assert missing[2] not in result
    finally:
        await client.close()


async def test_async_tls_with_authentication(certs):
    args = _tls_args(certs, "--security", "--user", "admin:secret")
    with EmbeddedServer(args=args) as server:
        client = await A.AsyncClient(_tls_config(server, certs["ca"], user="admin", password="secret")).connect()
        try:
            key = _key()
            await client.put(key, {"a": 1})
            assert (await client.get(key)).bins == {"a": 1}
        finally:
            await client.close()


@pytest.fixture(scope="module")
def mutual_server(certs):
    s = EmbeddedServer(args=_tls_args(certs, "--tls-client-ca", certs["ca"])).start()
    yield s
    s.stop()


def _mutual_config(server, certs, who):
    cfg = _tls_config(server, certs["ca"])
    if who:
        cfg["tls"].update(certfile=certs[f"{who}_cert"], keyfile=certs[f"{who}_key"])
    return cfg


def test_client_certificate_for_mutual_tls(mutual_server, certs):
    client = A.client(_mutual_config(mutual_server, certs, "client")).connect()
    try:
        key = _key()
        client.put(key, {"a": 1})
        assert client.get(key).bins == {"a": 1}
    finally:
        client.close()

    async def async_roundtrip():
        aclient = await A.AsyncClient(_mutual_config(mutual_server, certs, "client")).connect()
        try:
            await aclient.put(key, {"a": 2})
            assert (await aclient.get(key)).bins == {"a": 2}
        finally:
            await aclient.close()

    asyncio.run(async_roundtrip())


@pytest.mark.parametrize("who", [None, "stranger"])
def test_mutual_tls_refuses_a_client_without_a_trusted_certificate(mutual_server, certs, who):
    start = time.monotonic()
    with pytest.raises((A.ClusterError, A.ClientError)):
        A.client(_mutual_config(mutual_server, certs, who)).connect()
    assert time.monotonic() - start < 3


def test_tls_cluster_found_through_peers_tls_std(certs):
    with EmbeddedServer(nodes=3, args=_tls_args(certs, "--tls-name", TLS_NAME)) as cluster:
        assert len(cluster.tls_ports) == 3
        client = A.client(_tls_config(cluster, certs["ca"], tend_interval=100)).connect()
        try:
            peers = client.info_random_node("peers-tls-std")
            assert TLS_NAME in peers
            deadline = time.monotonic() + 5
            while len(client.get_node_names()) < 3 and time.monotonic() < deadline:
                time.sleep(0.05)
            assert len(client.get_node_names()) == 3
            keys = [_key() for _ in range(30)]
            for i, k in enumerate(keys):
                client.put(k, {"i": i})
            assert [client.get(k).bins["i"] for k in keys] == list(range(30))
        finally:
            client.close()
        aclient = A.AsyncClient(_tls_config(cluster, certs["ca"], tend_interval=100))
        asyncio.run(_async_reads_across_the_cluster(aclient, keys))


async def _async_reads_across_the_cluster(client, keys):
    await client.connect()
    try:
        deadline = time.monotonic() + 5
        while len(client.get_node_names()) < 3 and time.monotonic() < deadline:
            await asyncio.sleep(0.05)
        got = await asyncio.wait_for(asyncio.gather(*(client.get(k) for k in keys)), 10)
        assert [r.bins["i"] for r in got] == list(range(len(keys)))
    finally:
        await client.close()


def test_timed_out_tls_connections_are_drained_and_pooled(server, certs):
    """timeout_delay over TLS: the rest of a timed-out reply is read through the session (sync
    get, async batch), and the connection is pooled again."""
    timed = {"socket_timeout": 150, "total_timeout": 150, "max_retries": 0, "timeout_delay": 3000}
    key = _key()

    def recovered(stats):
        return stats["nodes"][0]["connections"]["recovered"]

    client = A.client(_tls_config(server, certs["ca"])).connect()
    try:
        client.put(key, {"a": 1, "s": "x" * 100_000})  # a reply of several TLS records
        with server.paused(), pytest.raises(A.AerospikeTimeoutError):
            client.get(key, policy=timed)
        end = time.monotonic() + 5
        while recovered(client.get_stats()) < 1 and time.monotonic() < end:
            time.sleep(0.02)
        assert recovered(client.get_stats()) == 1
        assert client.get(key).bins["a"] == 1
    finally:
        client.close()

    async def run_async():
        async with A.AsyncClient(_tls_config(server, certs["ca"])) as c:
            await c.connect()
            await c.batch_read([key])
            with server.paused(), pytest.raises(A.AerospikeTimeoutError):
                await c.batch_read([key], policy=timed)
            for _ in range(250):
                if recovered(c.get_stats()) == 1:
                    break
                await asyncio.sleep(0.02)
            assert recovered(c.get_stats()) == 1
            assert (await c.get(key)).bins["a"] == 1

    asyncio.run(run_async())
