"""An HDR-style log-bucketed latency histogram (nanoseconds), shared by the Python workers and
mirrored bucket for bucket by ``benchmarks/c/loadgen.c``.

Values below 32 ns get a bucket each; above, every power of two is split into 16 equal
sub-buckets, so a bucket is at most 1/16 (6.25 %) of its value wide and the reported midpoint is
within about 3 % of any value it holds. Index of value ``v``: with ``shift = max(0,
v.bit_length() - 5)``, ``index = shift * 16 + (v >> shift)``.
"""

from __future__ import annotations

from typing import Iterable, Mapping

SUB_BITS = 5
_HALF = 1 << (SUB_BITS - 1)  # 16 sub-buckets per power of two
#: Enough buckets for a bit over 2**40 ns (about 18 minutes).
BUCKETS = 40 * _HALF + (1 << SUB_BITS)
PERCENTILES = (50.0, 90.0, 99.0, 99.9)


def bucket_of(value_ns: int) -> int:
    """The bucket index of a latency in nanoseconds (negative values count as 0)."""
    if value_ns <= 0:
        return 0
    shift = value_ns.bit_length() - SUB_BITS
    if shift <= 0:
        return value_ns
    return min(shift * _HALF + (value_ns >> shift), BUCKETS - 1)


def bucket_bounds(index: int) -> tuple[int, int]:
    """The smallest and largest value (ns) that fall into bucket ``index``."""
    if index < (1 << SUB_BITS):
        return index, index
    shift = (index >> (SUB_BITS - 1)) - 1
    mantissa = index - shift * _HALF
    return mantissa << shift, ((mantissa + 1) << shift) - 1


def bucket_value(index: int) -> float:
    """The representative (middle) value of bucket ``index`` in nanoseconds."""
    low, high = bucket_bounds(index)
    return (low + high) / 2.0


class Histogram:
    """Counts of latencies per bucket. ``record`` is the only call on the hot path."""

    __slots__ = ("counts",)

    def __init__(self) -> None:
        self.counts = [0] * BUCKETS

    def record(self, value_ns: int) -> None:
        """Adds one latency in nanoseconds."""
        if value_ns < 32:
            self.counts[value_ns if value_ns > 0 else 0] += 1
            return
        shift = value_ns.bit_length() - SUB_BITS
        index = shift * _HALF + (value_ns >> shift)
        self.counts[index if index < BUCKETS else BUCKETS - 1] += 1

    def merge(self, other: "Histogram") -> None:
        """Adds the counts of ``other`` into this histogram."""
        self.counts = [a + b for a, b in zip(self.counts, other.counts)]

    @property
    def total(self) -> int:
        """The number of recorded values."""
        return sum(self.counts)

    def to_sparse(self) -> dict[str, int]:
        """The non-zero buckets as ``{index: count}`` (string keys, for JSON)."""
        return {str(i): c for i, c in enumerate(self.counts) if c}

    @classmethod
    def from_sparse(cls, sparse: Mapping[str, int]) -> "Histogram":
        """The inverse of :meth:`to_sparse`."""
        h = cls()
        for index, count in sparse.items():
            h.counts[int(index)] += int(count)
        return h

    def percentile(self, pct: float) -> float:
        """The value (ns) at percentile ``pct`` (0-100); 0.0 when empty."""
        total = self.total
        if total == 0:
            return 0.0
        rank = max(1, -(-total * pct // 100))  # ceil, at least the first value
        seen = 0
        for index, count in enumerate(self.counts):
            seen += count
            if seen >= rank:
                return bucket_value(index)
        return bucket_value(BUCKETS - 1)

    def percentiles_us(self, pcts: Iterable[float] = PERCENTILES) -> dict[str, float]:
        """``{"p50": µs, ...}`` for the given percentiles."""
        return {_label(p): round(self.percentile(p) / 1000.0, 2) for p in pcts}


def _label(pct: float) -> str:
    return "p" + (f"{pct:g}".replace(".", "_") if pct != int(pct) else str(int(pct)))
