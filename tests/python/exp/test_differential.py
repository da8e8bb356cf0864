"""Runs fresh seeded expression cases against the real server that ``AEROSPIKE_HOST`` names
and against an embedded aero-server at once, comparing every answer. Skips itself when no
real server is named."""

import os

from . import trees

#: Seeds beyond those of the goldens, so that the two runs see cases the goldens do not hold.
SEEDS = range(100_000, 100_000 + int(os.environ.get("AERO_EXP_CASES", "1000")))


def test_aero_server_answers_as_the_real_server(real_and_embedded):
    real, ours = real_and_embedded
    failures = []
    for seed in SEEDS:
        diff = trees.first_difference(trees.run(real, seed), trees.run(ours, seed))
        if diff:
            failures.append(f"seed {seed}: {diff}")
    assert not failures, f"{len(failures)} of {len(SEEDS)} cases differ:\n" + "\n".join(failures[:8])
