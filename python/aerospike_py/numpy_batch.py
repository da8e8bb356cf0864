"""NumPy results for ``batch_read(..., _dtype=...)``: one structured-array row per key.

``numpy`` is an optional dependency; it is imported only when a ``_dtype`` is given.
"""

from typing import Any, Callable, Iterator

__all__ = ["NumpyBatchRecords"]

# Field kinds a row can hold: signed/unsigned ints, floats, fixed bytes, raw void (and
# sub-arrays of these, filled from bytes bins).
_ALLOWED_KINDS = set("iufSV")
_META_DTYPE = [("gen", "u4"), ("ttl", "u4")]


class NumpyBatchRecords:
    """The result of a NumPy ``batch_read``.

    Attributes:
        batch_records: structured array in the caller's dtype, one row per key (zeros for
            keys that were not found or failed).
        meta: structured array ``[("gen", "u4"), ("ttl", "u4")]``, one row per key.
        result_codes: ``int32`` array of each key's result code (0 = found).
    """

    def __init__(self, batch_records: Any, meta: Any, result_codes: Any, key_map: dict) -> None:
        self.batch_records = batch_records
        self.meta = meta
        self.result_codes = result_codes
        self._map = key_map

    @property
    def records(self) -> Any:
        """The older name of :attr:`batch_records`."""
        return self.batch_records

    def get(self, key: Any) -> Any:
        """The row of a key.

        Args:
            key: a user key, or a key tuple ``(namespace, set, user_key)``.

        Returns:
            The ``numpy.void`` row.

        Raises:
            KeyError: the key was not in the batch.
        """
        user_key = key[2] if isinstance(key, tuple) else key
        try:
            return self.batch_records[self._map[user_key]]
        except KeyError:
            raise KeyError(f"{user_key!r} is not among the {len(self._map)} keys of this batch") from None

    def __len__(self) -> int:
        return len(self.batch_records)

    def __iter__(self) -> Iterator[Any]:
        return iter(self.batch_records)

    def __contains__(self, key: Any) -> bool:
        return (key[2] if isinstance(key, tuple) else key) in self._map

    def __repr__(self) -> str:
        ok = int((self.result_codes == 0).sum())
        return f"NumpyBatchRecords(count={len(self)}, ok={ok}, fields={list(self.batch_records.dtype.names)})"


def _check_dtype(np: Any, dtype: Any) -> Any:
    dtype = np.dtype(dtype)
    if dtype.names is None:
        raise TypeError("_dtype must be a structured dtype, e.g. np.dtype([('age', 'i4')])")
    for name in dtype.names:
        field = dtype.fields[name][0]
        base = field.base if field.subdtype is not None else field
        if base.kind not in _ALLOWED_KINDS:
            raise TypeError(f"field {name!r} has dtype kind {base.kind!r}; use ints, floats or fixed bytes ('S')")
    return dtype


def numpy_finisher(dtype: Any) -> Callable[[list, Any], NumpyBatchRecords]:
    """Checks ``dtype`` and returns the function that turns batch rows into arrays.

    Raises:
        ImportError: numpy is not installed.
        TypeError: ``dtype`` is not a structured dtype of supported kinds.
    """
    import numpy as np

    dtype = _check_dtype(np, dtype)

    def finish(parts: list, reply: Any) -> NumpyBatchRecords:
        n = len(reply)
        rows = np.zeros(n, dtype=dtype)
        meta = np.zeros(n, dtype=_META_DTYPE)
        codes = np.zeros(n, dtype=np.int32)
        key_map = {}
        names = dtype.names
        for i, (code, generation, ttl, bins, _doubt, _digest) in enumerate(reply):
            key_map[parts[i][2]] = i
            codes[i] = code
            if code != 0:
                continue
            meta[i] = (generation, ttl)
            row = rows[i]
            for name in names:
                value = bins.get(name)
                if value is None:
                    continue
                if dtype.fields[name][0].subdtype is not None and isinstance(value, bytes):
                    row[name] = np.frombuffer(value, dtype=dtype.fields[name][0].base, count=row[name].size).reshape(
                        row[name].shape)
                else:
                    row[name] = value
        return NumpyBatchRecords(rows, meta, codes, key_map)

    return finish
