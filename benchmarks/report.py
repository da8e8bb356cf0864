"""Summaries of the rounds (medians, min–max, ratios against the best peer), the Markdown table
and the JSON files of a run."""

from __future__ import annotations

import json
import statistics
from pathlib import Path
from typing import Any

from .clients import CLIENTS

PCTS = ("p50", "p90", "p99", "p99_9")


def _median(values: list[float]) -> float:
    return float(statistics.median(values)) if values else 0.0


def summarize(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One entry per (size, workload, client), in run order: the median over the rounds of each
    figure, the min and max ops/s, and ``vs_best_peer`` (ops/s over the best peer's ops/s)."""
    groups: dict[tuple[str, str, str], list[dict[str, Any]]] = {}
    for row in rows:
        groups.setdefault((row["size"], row["workload"], row["client"]), []).append(row)
    summary = []
    for (size, workload, client), group in groups.items():
        ok = [r for r in group if r.get("status") == "ok"]
        entry: dict[str, Any] = {"size": size, "workload": workload, "client": client,
                                 "client_version": group[0].get("client_version", "")}
        if not ok:
            bad = group[0]
            entry.update(status=bad.get("status"), reason=bad.get("reason") or bad.get("error"))
            summary.append(entry)
            continue
        ops = [r["ops_per_s"] for r in ok]
        cpu = [r["cpu_s_per_1k_ops"] for r in ok if r.get("cpu_s_per_1k_ops") is not None]
        entry.update(
            status="ok", rounds=len(ok), runs_as=ok[0].get("runs_as", ""),
            ops_per_s=_median(ops), ops_min=min(ops), ops_max=max(ops),
            records_per_call=ok[0].get("records_per_call", 1),
            records_per_s=_median([r["records_per_s"] for r in ok]),
            latency_us={p: _median([r["percentiles_us"][p] for r in ok]) for p in PCTS},
            cpu_s_per_1k_ops=_median(cpu) if cpu else None,
            peak_rss_mb=max(r.get("peak_rss_mb", 0.0) for r in ok),
        )
        summary.append(entry)
    _add_ratios(summary)
    return summary


def _add_ratios(summary: list[dict[str, Any]]) -> None:
    best: dict[tuple[str, str], dict[str, Any]] = {}
    for e in summary:
        spec = CLIENTS.get(e["client"])
        if e["status"] == "ok" and spec is not None and spec.peer:
            key = (e["size"], e["workload"])
            if key not in best or e["ops_per_s"] > best[key]["ops_per_s"]:
                best[key] = e
    for e in summary:
        peer = best.get((e["size"], e["workload"]))
        if e["status"] == "ok" and peer is not None and peer["ops_per_s"] > 0:
            e["best_peer"] = peer["client"]
            e["vs_best_peer"] = round(e["ops_per_s"] / peer["ops_per_s"], 3)
            if peer["latency_us"]["p99"] > 0:
                e["p99_vs_best_peer"] = round(e["latency_us"]["p99"] / peer["latency_us"]["p99"], 3)


def _num(value: float) -> str:
    if value >= 100:
        return f"{value:,.0f}"
    return f"{value:.3g}" if value < 10 else f"{value:.1f}"


def markdown(doc: dict[str, Any]) -> str:
    """The Markdown report: the conditions, then one table per record size."""
    meta, summary = doc["meta"], doc["summary"]
    lines = [
        f"# Benchmarks {meta['started']} ({meta['mode']})",
        "",
        f"- Machine: {meta['machine']}; Python {meta['python']}; server: {meta['server']} on the same machine.",
        f"- {meta['rounds']} interleaved round(s) of {meta['duration_s']} s (after {meta['warmup_s']} s warm-up) "
        f"per workload and client, one process each; {meta['nkeys']} records per size, preloaded once.",
        "- ops/s: median over the rounds (min–max); one op is one call (a batch call, a scan or a query "
        "counts once; rec/s counts its records). Scans and queries run back to back on one thread, "
        "the window holding whole calls only. Latencies: median over the rounds of each round's percentile, from a "
        "log-bucketed histogram (±3 %). CPU: user+system seconds of the client process per 1,000 ops. "
        "RSS: peak of the client process. ×peer: ops/s over the best peer's "
        f"({', '.join(n for n in meta['clients'] if CLIENTS[n].peer)}) on that workload.",
        "- Clients: " + ", ".join(f"{n} = {label}" for n, label in meta["clients"].items()),
    ]
    for name, reason in meta.get("absent_clients", {}).items():
        lines.append(f"- Absent: {name}: {reason}")
    versions = {e["client"]: e["client_version"] for e in summary if e.get("client_version")}
    if versions:
        lines.append("- Versions: " + ", ".join(f"{c} {v}" for c, v in versions.items()))
    for size in meta["sizes"]:
        lines += ["", f"## {size} records" + (" (3 bins)" if size == "small" else " (30 bins, ~2 KB)"), "",
                  "| workload | client | ops/s (min–max) | rec/s | p50 µs | p90 µs | p99 µs | p99.9 µs "
                  "| CPU s/1k ops | peak RSS MB | ×peer |",
                  "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
        for e in (e for e in summary if e["size"] == size):
            if e["status"] != "ok":
                lines.append(f"| {e['workload']} | {e['client']} | {e['status']}: {e.get('reason', '')} "
                             "| | | | | | | | |")
                continue
            lat = e["latency_us"]
            cpu = f"{e['cpu_s_per_1k_ops']:.3f}" if e["cpu_s_per_1k_ops"] is not None else ""
            ratio = f"{e['vs_best_peer']:.2f}" if "vs_best_peer" in e else ""
            rec = _num(e["records_per_s"]) if e["records_per_call"] > 1 else ""
            lines.append(
                f"| {e['workload']} | {e['client']} | {_num(e['ops_per_s'])} ({_num(e['ops_min'])}–{_num(e['ops_max'])}) "
                f"| {rec} | {_num(lat['p50'])} | {_num(lat['p90'])} | {_num(lat['p99'])} | {_num(lat['p99_9'])} "
                f"| {cpu} | {e['peak_rss_mb']:.0f} | {ratio} |")
    return "\n".join(lines) + "\n"


def write(doc: dict[str, Any], out: Path) -> Path:
    """Writes results.json (every round's figures and the summary), raw/histograms.json (the
    latency histograms) and results.md into ``out``; returns ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    (out / "raw").mkdir(exist_ok=True)
    hists = [{k: r[k] for k in ("round", "size", "workload", "client")} | {"hist": r.pop("hist")}
             for r in doc["rows"] if "hist" in r]
    doc["summary"] = summarize(doc["rows"])
    (out / "raw" / "histograms.json").write_text(json.dumps(hists))
    (out / "results.json").write_text(json.dumps(doc, indent=1))
    (out / "results.md").write_text(markdown(doc))
    return out
