"""Runs fresh seeded list, map and nested sequences against the real server that
``AEROSPIKE_HOST`` names and against an embedded aero-server at once, comparing every answer.
Skips itself when no real server is named."""

import os

import pytest

from . import sequences as seq

#: Seeds beyond those of the goldens, so that the two runs see sequences the goldens do not hold.
SEEDS = range(10_000, 10_000 + int(os.environ.get("AERO_CDT_SEQUENCES", "150")))


@pytest.mark.parametrize("family", seq.FAMILIES)
def test_aero_server_answers_as_the_real_server(real_and_embedded, family):
    real, ours = real_and_embedded
    key = ("test", "cdt-diff", f"{family}-seq")
    failures = []
    for seed in SEEDS:
        initial, plan = seq.sequence(seed, family)
        diff = seq.first_difference(seq.run(real, key, initial, plan), seq.run(ours, key, initial, plan), plan)
        if diff:
            failures.append(f"seed {seed}: {diff}")
    assert not failures, f"{len(failures)} of {len(SEEDS)} sequences differ:\n" + "\n".join(failures[:5])
