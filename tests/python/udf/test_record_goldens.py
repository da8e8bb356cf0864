"""Replays the real server's answers to the record UDF cases (``goldens/record_udf.json``,
recorded by ``tools/record_udf_goldens.py``) against the test server through the official
client: every call's outcome and the record it leaves must be the real server's."""

from . import cases


def test_answers_match_the_real_servers(official_client):
    entries = cases.load_goldens()
    assert entries, "no goldens: record them with tools/record_udf_goldens.py"
    cases.register(official_client)
    want = entries[0]["answers"]
    got = cases.run(official_client, range(entries[0]["seeds"]))
    assert len(got) == len(want), "the cases changed: re-record the goldens"
    failures = [f"call {i} {cases.calls(range(entries[0]['seeds']))[i][:2]}:\n  real {w}\n  ours {g}"
                for i, (w, g) in enumerate(zip(want, got)) if w != g]
    assert not failures, f"{len(failures)} answers differ:\n" + "\n".join(failures[:10])


def test_the_cases_cover_successes_and_failures():
    outcomes = [a[1][0] for a in cases.load_goldens()[0]["answers"]]
    assert outcomes.count("ok") > 50 and outcomes.count("error") > 5
