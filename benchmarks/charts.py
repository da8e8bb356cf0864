"""PNG charts of a results.json (run in the harness venv, which has matplotlib):
``python -m benchmarks.charts results.json OUTDIR``."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402


def _bars(summary: list[dict[str, Any]], size: str, value: Any, title: str, path: Path, log: bool) -> None:
    """One grouped bar chart: a group per workload, a bar per client (absent = no bar)."""
    entries = [e for e in summary if e["size"] == size and e["status"] == "ok"]
    workloads = list(dict.fromkeys(e["workload"] for e in entries))
    clients = list(dict.fromkeys(e["client"] for e in entries))
    if not workloads:
        return
    width = 0.8 / max(len(clients), 1)
    fig, ax = plt.subplots(figsize=(max(8, len(workloads) * 0.9), 4.8))
    for c, client in enumerate(clients):
        xs, ys, lo, hi = [], [], [], []
        for w, workload in enumerate(workloads):
            e = next((e for e in entries if e["workload"] == workload and e["client"] == client), None)
            if e is not None:
                y, err = value(e)
                xs.append(w + (c - (len(clients) - 1) / 2) * width)
                ys.append(y)
                lo.append(y - err[0])
                hi.append(err[1] - y)
        ax.bar(xs, ys, width, label=client, yerr=[lo, hi], capsize=2)
    ax.set_xticks(range(len(workloads)), workloads, rotation=45, ha="right", fontsize=8)
    if log:
        ax.set_yscale("log")
    ax.set_title(title)
    ax.legend(fontsize=8)
    ax.grid(axis="y", alpha=0.3)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def main(results: Path, out: Path) -> None:
    """Writes ops_<size>.png and p99_<size>.png for every record size of ``results``."""
    doc = json.loads(results.read_text())
    for size in doc["meta"]["sizes"]:
        _bars(doc["summary"], size, lambda e: (e["ops_per_s"], (e["ops_min"], e["ops_max"])),
              f"ops/s, {size} records (median, min–max of {doc['meta']['rounds']} rounds)",
              out / f"ops_{size}.png", log=True)
        _bars(doc["summary"], size, lambda e: (e["latency_us"]["p99"], (e["latency_us"]["p99"],) * 2),
              f"p99 latency µs, {size} records (lower is better)", out / f"p99_{size}.png", log=True)


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
