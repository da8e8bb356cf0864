"""Replays the committed answers of a real Aerospike server to the seeded index cases
(``goldens/cases.json``, recorded by ``tools/record_sindex_goldens.py``) against the test
server: every query must return exactly the real server's records, and agree with a full scan
filtered in Python."""

import pytest

from . import cases


@pytest.fixture(scope="module")
def indexed(client):
    cases.ensure_indexes(client)
    return client


def test_answers_match_the_real_servers(indexed):
    entries = cases.load_goldens()
    assert entries, "no goldens: record them with tools/record_sindex_goldens.py"
    failures = []
    for entry in entries:
        assert cases.fingerprint(cases.case(entry["seed"])) == entry["case"], (
            f"the generator no longer makes seed {entry['seed']}'s case: re-record the goldens")
        got = cases.run(indexed, entry["seed"])
        for i, (want, have, scan) in enumerate(zip(entry["answers"], got, cases.expected(indexed, entry["seed"]))):
            if want != have:
                failures.append(f"seed {entry['seed']} query {i} {cases.case(entry['seed'])['queries'][i]}: "
                                f"real {want}, ours {have}")
            elif scan is not None and scan != have:
                failures.append(f"seed {entry['seed']} query {i}: the index says {have}, a scan {scan}")
    assert not failures, f"{len(failures)} answers differ:\n" + "\n".join(failures[:8])


def test_the_cases_find_records():
    # A generator whose queries never matched would make the comparison weak without failing it.
    answers = [a for e in cases.load_goldens() for a in e["answers"]]
    assert sum(1 for a in answers if a) > len(answers) // 3


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_cases_are_deterministic(seed):
    assert cases.fingerprint(cases.case(seed)) == cases.fingerprint(cases.case(seed))
