"""Runs fresh seeded index cases against the real server that ``AEROSPIKE_HOST`` names and
against an embedded aero-server at once, comparing every answer (and each with a full scan
filtered in Python). Skips itself when no real server is named."""

import os

from . import cases

#: Seeds beyond those of the goldens, so that the two runs see cases the goldens do not hold.
SEEDS = range(100_000, 100_000 + int(os.environ.get("AERO_SINDEX_CASES", "200")))


def test_aero_server_answers_as_the_real_server(real_and_embedded):
    real, ours = real_and_embedded
    cases.ensure_indexes(real)
    cases.ensure_indexes(ours)
    failures = []
    for seed in SEEDS:
        want, have = cases.run(real, seed), cases.run(ours, seed)
        scans = cases.expected(real, seed)
        for i, (a, b, s) in enumerate(zip(want, have, scans)):
            if a != b:
                failures.append(f"seed {seed} query {i} {cases.case(seed)['queries'][i]}: real {a}, ours {b}")
            if s is not None and s != a:
                failures.append(f"seed {seed} query {i}: the real server's index says {a}, a scan {s}")
    assert not failures, f"{len(failures)} answers differ:\n" + "\n".join(failures[:8])
