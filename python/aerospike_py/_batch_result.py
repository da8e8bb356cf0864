"""``batch_read``'s result: a ``dict`` ``{user_key: bins}`` of the records found, so code that
uses it as a dict (seed code, aerospike-py before 0.14) keeps working, with aerospike-py
0.14.4's ``LazyBatchRecords`` methods for the positional and per-record views.

The dict is built when the result is (one pass over the decoded rows); the other views are
made from the same rows on demand.
"""

from typing import Any, Iterator, Optional

from .types import AerospikeKey, BatchRecord, Record, RecordMetadata

_FIELD_KINDS_BYTES = "SV"


class LazyBatchRecords(dict):
    """The records ``batch_read`` found, by user key, plus aerospike-py's lazy-result API.

    Equal user keys in different sets collapse into one entry (as in aerospike-py); use
    :meth:`to_list` or :attr:`batch_records` for a view per requested key.
    """

    __slots__ = ("_rows", "_parts")

    def __init__(self, rows: list, parts: list) -> None:
        super().__init__((parts[i][2], row[3]) for i, row in enumerate(rows)
                         if row[0] == 0 and parts[i][2] is not None)
        self._rows = rows
        self._parts = parts

    def to_dict(self) -> dict[Any, dict[str, Any]]:
        """The ``{user_key: bins}`` view: this object itself (it is that dict).

        Returns:
            ``self``.
        """
        return self

    def to_list(self) -> list[Optional[dict[str, Any]]]:
        """The bins of each requested key, in request order (``None`` where the record was
        not found or failed); a new list each call.

        Returns:
            One entry per key; records read by digest only are included.
        """
        return [dict(row[3]) if row[0] == 0 and row[3] is not None else None for row in self._rows]

    def to_numpy(self, dtype: Any) -> Any:
        """The records as a NumPy structured array of ``dtype`` (one row per key; zeros for
        keys not found or failed). For large batches pass ``_dtype`` to ``batch_read``
        instead: libaero then fills the array without building Python objects.

        Returns:
            ``NumpyBatchRecords``.

        Raises:
            TypeError: ``dtype`` is not a structured dtype of ints, floats or bytes.
        """
        import numpy as np

        from . import _metrics
        from .numpy_batch import NumpyBatchRecords, _META_DTYPE, _layout

        started = _metrics.stage_started()

        dtype, fields = _layout(np, dtype)
        n = len(self._rows)
        data = np.zeros(n, dtype=dtype)
        raw = data.view(np.uint8).reshape(n, dtype.itemsize)  # bytes fields are filled byte for byte
        meta = np.zeros(n, dtype=_META_DTYPE)
        codes = np.zeros(n, dtype=np.int32)
        for i, (code, generation, ttl, bins, _, _) in enumerate(self._rows):
            codes[i] = code
            if code != 0:
                continue
            for name, offset, kind, size in fields:
                if name in bins and not _store(data, raw, i, name, offset, kind, size, bins[name]):
                    codes[i] = 12  # BIN_INCOMPATIBLE_TYPE, as libaero flags the row
            if codes[i] == 0:
                meta[i] = (generation, ttl)
        key_map = {parts[2]: i for i, parts in enumerate(self._parts)}
        _metrics.stage_done("to_numpy", "batch_read", started)
        return NumpyBatchRecords(data, meta, codes, key_map)

    @property
    def batch_records(self) -> list[BatchRecord]:
        """A ``BatchRecord(key, result, record, in_doubt)`` per requested key, in order,
        including keys not found (``record`` None) and failures."""
        return list(self.iter_records())

    def iter_records(self) -> Iterator[BatchRecord]:
        """Iterates :attr:`batch_records` without building the list."""
        for (code, generation, ttl, bins, in_doubt, digest), (ns, set_name, user_key, _) in zip(self._rows, self._parts):
            key = AerospikeKey(ns, set_name, user_key, digest)
            record = Record(key, RecordMetadata(generation, ttl), bins) if code == 0 else None
            yield BatchRecord(key, code, record, in_doubt)

    def all_user_keys(self) -> list[Any]:
        """Each requested key's user key, in request order (``None`` for a digest-only key)."""
        return [parts[2] for parts in self._parts]

    def found_count(self) -> int:
        """How many records were found."""
        return sum(1 for row in self._rows if row[0] == 0)

    def release_cache(self) -> None:
        """aerospike-py drops its cached dict view here; in this client the dict view is the
        result itself and there is no second copy, so there is nothing to drop."""

    @staticmethod
    def merge_to_dict(handles: list["LazyBatchRecords"]) -> list[dict[Any, dict[str, Any]]]:
        """The dict view of each result, in order.

        Args:
            handles: ``batch_read`` results.

        Returns:
            One dict per handle.
        """
        return [handle.to_dict() for handle in handles]

    def __reduce__(self) -> Any:
        # Pickles (and copies) as the plain dict it is.
        return (dict, (dict(self),))


def _store(data: Any, raw: Any, i: int, name: str, offset: int, kind: str, size: int, value: Any) -> bool:
    """Puts one bin into its field (as libaero's target does: bytes cut or zero-padded);
    False when the value's type does not fit the field."""
    if kind in _FIELD_KINDS_BYTES:
        if isinstance(value, str):
            value = value.encode("utf-8", "surrogateescape")
        if not isinstance(value, (bytes, bytearray)):
            return False
        chunk = bytes(value[:size])
        raw[i, offset:offset + len(chunk)] = memoryview(chunk)
        return True
    if isinstance(value, bool) or not isinstance(value, (int, float)) or (kind != "f" and isinstance(value, float)):
        return False
    try:
        data[i][name] = value
    except OverflowError:
        return False
    return True
