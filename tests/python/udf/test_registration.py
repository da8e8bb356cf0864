"""udf-put / udf-get / udf-list / udf-remove answer byte for byte as the real server's
(``goldens/registration.json``)."""

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
