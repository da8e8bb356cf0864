"""Worker processes, one per client: each adapts one client's API to the shared loop in
``benchmarks.measure`` (see ``base.py``). Run as ``python -m benchmarks.workers.<client>`` with the
workload spec as JSON on stdin; the figures come back as one JSON line on stdout."""
