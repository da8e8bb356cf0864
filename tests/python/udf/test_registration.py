"""udf-put / udf-get / udf-list / udf-remove answer byte for byte as the real server's
(``goldens/registration.json``), and registration reaches every node of a local cluster."""

import base64
import time

import pytest

from . import registration


def test_answers_match_the_real_servers(server_config):
    want = registration.load_goldens()
    assert want, "no goldens: record them with tools/record_udf_goldens.py"
    host, port = server_config["hosts"][0]
    got = registration.run(host, port)
    assert len(got) == len(want), "the commands changed: re-record the goldens"
    for w, g in zip(want, got):
        assert g == w, w[0]


def test_features_list_udf(server_config):
    host, port = server_config["hosts"][0]
    assert "udf" in registration.info(host, port, "features").strip().split(";")


@pytest.fixture(scope="module")
def cluster():
    from aerospike_py.testing import EmbeddedServer

    with EmbeddedServer(nodes=3) as server:
        yield server


def _put(port: int, name: str, source: bytes) -> str:
    text = base64.b64encode(source).decode()
    return registration.info("127.0.0.1", port, f"udf-put:filename={name};content={text};content-len={len(text)};")


def test_a_module_reaches_every_node_at_once(cluster):
    assert _put(cluster.ports[0], "t_cluster.lua", b"function f(rec) return 1 end\n").strip() == "ok"
    lists = [registration.info("127.0.0.1", p, "udf-list") for p in cluster.ports]
    assert all("filename=t_cluster.lua," in entry for entry in lists)
    assert len(set(lists)) == 1
    assert registration.info("127.0.0.1", cluster.ports[2], "udf-remove:filename=t_cluster.lua").strip() == "ok"
    assert all("t_cluster.lua" not in registration.info("127.0.0.1", p, "udf-list") for p in cluster.ports)


def test_modules_survive_a_node_stop_and_start(cluster):
    assert _put(cluster.ports[1], "t_stay.lua", b"function f(rec) return 2 end\n").strip() == "ok"
    victim = cluster.ports[2]
    assert registration.info("127.0.0.1", cluster.ports[0], f"cluster-stop-node:port={victim}").strip() == "ok"
    time.sleep(0.2)
    assert registration.info("127.0.0.1", cluster.ports[0], f"cluster-start-node:port={victim}").strip() == "ok"
    assert "filename=t_stay.lua," in registration.info("127.0.0.1", victim, "udf-list")
    assert registration.info("127.0.0.1", victim, "udf-get:filename=t_stay.lua").startswith("type=LUA;content=")
