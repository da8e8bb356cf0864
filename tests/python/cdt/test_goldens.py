"""Replays the committed answers of a real Aerospike server to seeded list, map and nested
operation sequences (``goldens/``, recorded by ``tools/record_cdt_goldens.py``) against the
test server, and requires every answer to be the same."""

import json

import pytest

from . import sequences as seq


@pytest.mark.parametrize("family", seq.FAMILIES)
def test_answers_match_the_real_servers(client, new_key, family):
    entries = seq.load_goldens(family)
    assert entries, f"no goldens for {family}: record them with tools/record_cdt_goldens.py"
    key = new_key()
    failures = []
    for entry in entries:
        initial, plan = seq.sequence(entry["seed"], family)
        assert seq.encode(plan) == entry["plan"], (
            f"the {family} generator no longer makes seed {entry['seed']}'s plan: re-record the goldens")
        diff = seq.first_difference(entry["answers"], seq.run(client, key, initial, plan), plan)
        if diff:
            failures.append(f"seed {entry['seed']}: {diff}")
    assert not failures, f"{len(failures)} of {len(entries)} sequences differ:\n" + "\n".join(failures[:5])


def test_goldens_are_json_of_answers():
    for family in seq.FAMILIES:
        for entry in seq.load_goldens(family):
            assert set(entry) == {"seed", "initial", "plan", "answers"}
            assert len(entry["answers"]) == len(entry["plan"]) + 1
            json.dumps(entry)
