"""Replays the committed answers of a real Aerospike server to the seeded expression cases
(``goldens/cases.json``, recorded by ``tools/record_exp_goldens.py``) against the test server,
and requires every answer to be the same: filtered reads and writes, expression reads and
writes, and the records after them."""

import pytest

from . import trees


def test_answers_match_the_real_servers(client):
    entries = trees.load_goldens()
    assert entries, "no goldens: record them with tools/record_exp_goldens.py"
    failures = []
    for entry in entries:
        assert trees.fingerprint(trees.case(entry["seed"])) == entry["trees"], (
            f"the generator no longer makes seed {entry['seed']}'s trees: re-record the goldens")
        diff = trees.first_difference(entry["answers"], trees.run(client, entry["seed"]))
        if diff:
            failures.append(f"seed {entry['seed']}: {diff}")
    assert not failures, f"{len(failures)} of {len(entries)} cases differ:\n" + "\n".join(failures[:8])


def test_the_cases_exercise_every_outcome():
    # A generator that stopped producing filtered-out records, errors or passes would make
    # the comparison weak without failing it.
    outcomes = {("ok" if "ok" in a else a["error"]) for e in trees.load_goldens() for a in e["answers"][:3]}
    assert {"ok", 27, 4, 26} <= outcomes


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_cases_are_deterministic(seed):
    assert trees.fingerprint(trees.case(seed)) == trees.fingerprint(trees.case(seed))
