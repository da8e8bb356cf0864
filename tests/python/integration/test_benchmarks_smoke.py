"""The benchmark harness's smoke mode runs and reports figures, so that it never rots.

Runs ``python -m benchmarks --smoke`` (our client, plus the C load generator when it is built)
against the session's server and checks the JSON it writes. The full benchmark is never part of
the test suite (``make bench``).
"""

import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[3]


def test_smoke_run_writes_figures(server_config, tmp_path):
    host, port = server_config["hosts"][0]
    env = dict(os.environ, AEROSPIKE_HOST=str(host), AEROSPIKE_PORT=str(port),
               PYTHONPATH=str(REPO / "python"))
    if "cluster_name" in server_config:
        env["AEROSPIKE_CLUSTER_NAME"] = server_config["cluster_name"]
    loadgen = REPO / "build" / "aero-loadgen"
    clients = ["ours"] + (["libaero-c"] if loadgen.exists() or env.get("AERO_LOADGEN") else [])
    proc = subprocess.run([sys.executable, "-m", "benchmarks", "--smoke", "--clients", *clients,
                           "--out", str(tmp_path)],
                          cwd=REPO, env=env, capture_output=True, text=True, timeout=180)
    assert proc.returncode == 0, proc.stderr[-2000:]

    doc = json.loads((tmp_path / "results.json").read_text())
    ours = {row["workload"]: row for row in doc["rows"] if row["client"] == "ours"}
    for workload in ("put/sync/t1", "get/sync/t1", "get/async/c16", "operate/3ops"):
        row = ours[workload]
        assert row["status"] == "ok", row
        assert row["ops"] > 0 and row["ops_per_s"] > 0
        assert 0 < row["percentiles_us"]["p50"] <= row["percentiles_us"]["p99"] <= row["percentiles_us"]["p99_9"]
        assert row["cpu_s_per_1k_ops"] > 0 and row["peak_rss_mb"] > 0
    # A workload our client lacks is reported absent, never faked.
    assert all(row["status"] in ("ok", "absent") for row in ours.values()), ours
    assert (tmp_path / "results.md").read_text().count("| put/sync/t1 | ours |") == 1
    hists = json.loads((tmp_path / "raw" / "histograms.json").read_text())
    assert any(h["client"] == "ours" and h["hist"] for h in hists)


def test_histogram_buckets_hold_their_values_within_a_sixteenth():
    sys.path.insert(0, str(REPO))
    from benchmarks.histogram import Histogram, bucket_bounds, bucket_of

    for value in (0, 1, 31, 32, 33, 999, 1000, 123_456, 10**6, 10**9):
        low, high = bucket_bounds(bucket_of(value))
        assert low <= max(value, 0) <= high and (high - low) <= max(1, value // 16)
    h = Histogram()
    for value in range(1, 100_001):
        h.record(value * 1000)  # 1 µs .. 100 ms, uniform
    p = h.percentiles_us()
    assert abs(p["p50"] - 50_000) / 50_000 < 0.04 and abs(p["p99"] - 99_000) / 99_000 < 0.04


def test_scan_and_query_workloads_report_records_per_second():
    sys.path.insert(0, str(REPO))
    from benchmarks import report, workloads

    scan, query = workloads.select(["scan/*", "query/*"])
    assert (scan.name, scan.records_per_call, query.name, query.records_per_call) == \
        ("scan/100000", 100_000, "query/10000", 10_000)
    assert scan.applies_to("small") and not query.applies_to("medium")
    row = {"round": 0, "size": "small", "workload": scan.name, "client": "ours", "status": "ok",
           "ops_per_s": 2.0, "records_per_call": 100_000, "records_per_s": 200_000.0,
           "percentiles_us": dict.fromkeys(report.PCTS, 500_000.0), "cpu_s_per_1k_ops": 400.0,
           "peak_rss_mb": 100.0}
    meta = {"started": "", "mode": "full", "rounds": 1, "duration_s": 2, "warmup_s": 0.5, "nkeys": 1,
            "sizes": ["small"], "server": "", "machine": "", "python": "", "clients": {"ours": "ours"}}
    doc = {"meta": meta, "rows": [row], "summary": report.summarize([row])}
    assert "| scan/100000 | ours | 2 (2–2) | 200,000 |" in report.markdown(doc)
