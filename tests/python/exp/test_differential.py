"""Runs fresh seeded expression cases against the real server that ``AEROSPIKE_HOST`` names
and against an embedded aero-server at once, comparing every answer. Skips itself when no
real server is named."""

import os
from pathlib import Path

import pytest

from . import trees

#: Seeds beyond those of the goldens, so that the two runs see cases the goldens do not hold.
SEEDS = range(100_000, 100_000 + int(os.environ.get("AERO_EXP_CASES", "1000")))


@pytest.fixture(scope="module")
def both(external_config):
    if external_config is None:
        pytest.skip("no real server: set AEROSPIKE_HOST to compare aero-server with it")
    import aerospike_py
    from aerospike_py.testing import EmbeddedServer

    repo = Path(__file__).resolve().parents[3]
    binary = os.environ.get("AERO_SERVER") or str(repo / "build" / "aero-server")
    with EmbeddedServer(binary=binary) as server:
        real = aerospike_py.client(external_config).connect()
        ours = aerospike_py.client(server.config()).connect()
        yield real, ours
        real.close()
        ours.close()


def test_aero_server_answers_as_the_real_server(both):
    real, ours = both
    failures = []
    for seed in SEEDS:
        diff = trees.first_difference(trees.run(real, seed), trees.run(ours, seed))
        if diff:
            failures.append(f"seed {seed}: {diff}")
    assert not failures, f"{len(failures)} of {len(SEEDS)} cases differ:\n" + "\n".join(failures[:8])
