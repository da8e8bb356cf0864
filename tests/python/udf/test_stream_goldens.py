"""Replays the real server's answers to the aggregation, background UDF and batch UDF cases
(``goldens/stream_udf.json``, recorded by ``tools/record_udf_goldens.py``) against the test
server through the official client."""

import pytest

from . import streams


@pytest.fixture(scope="module")
def answers(official_client):
    want = streams.load_goldens()
    assert want, "no goldens: record them with tools/record_udf_goldens.py"
    return want, streams.run(official_client)


@pytest.mark.parametrize("part", ["aggregations", "background", "batches"])
def test_answers_match_the_real_servers(answers, part):
    want, got = answers
    assert len(got[part]) == len(want[part]), "the cases changed: re-record the goldens"
    for w, g in zip(want[part], got[part]):
        assert g == w, f"{part} {w[0]}"
