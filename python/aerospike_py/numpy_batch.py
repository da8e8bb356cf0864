"""NumPy results for ``batch_read(..., _dtype=...)``: one structured-array row per key.

``numpy`` is an optional dependency; it is imported only when a ``_dtype`` is given.
"""

from typing import Any, Iterator

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


def _layout(np: Any, dtype: Any) -> tuple[Any, list]:
    """Checks ``dtype`` and describes its fields for libaero: ``[name, offset, kind, size]``."""
    dtype = np.dtype(dtype)
    if dtype.names is None:
        raise TypeError("_dtype must be a structured dtype, e.g. np.dtype([('age', 'i4')])")
    fields = []
    for name in dtype.names:
        field, offset = dtype.fields[name][:2]
        if field.subdtype is not None:
            # A sub-array (an embedding, say) is filled from a bytes bin, byte for byte.
            if field.base.kind not in _ALLOWED_KINDS:
                raise TypeError(f"field {name!r} has items of kind {field.base.kind!r}; use ints, floats or bytes")
            fields.append([name, offset, "V", field.itemsize])
            continue
        if field.kind not in _ALLOWED_KINDS:
            raise TypeError(f"field {name!r} has dtype kind {field.kind!r}; use ints, floats or fixed bytes ('S')")
        if field.byteorder == ">" or (field.byteorder == "<" and np.little_endian is False):
            raise TypeError(f"field {name!r} must use the machine's byte order")
        fields.append([name, offset, field.kind, field.itemsize])
    return dtype, fields


class BatchTargetArrays:
    """The arrays a NumPy batch read fills, and the layout that tells libaero where."""

    def __init__(self, dtype: Any, count: int) -> None:
        import msgpack
        import numpy as np

        dtype, fields = _layout(np, dtype)
        self.rows = np.zeros(count, dtype=dtype)
        self.meta = np.zeros(count, dtype=_META_DTYPE)
        self.codes = np.zeros(count, dtype=np.int32)
        self.layout = msgpack.packb({"stride": dtype.itemsize, "fields": fields})

    def result(self, parts: list) -> NumpyBatchRecords:
        """Wraps the filled arrays; ``parts`` are the keys' parts in row order."""
        key_map = {key_parts[2]: i for i, key_parts in enumerate(parts)}
        return NumpyBatchRecords(self.rows, self.meta, self.codes, key_map)


def _dtype_name(field: Any) -> str:
    return "bool" if field.kind == "b" else str(field)


def records_from_array(data: Any, namespace: str, set_name: str, dtype: Any, key_field: str) -> list:
    """The ``(key, bins)`` records of ``batch_write_numpy``, one per row of ``data``.

    The ``key_field`` column is the user key; every other field whose name does not start with
    ``_`` is a bin: ints and floats as numbers, fixed bytes (``S``) and sub-arrays as their raw
    bytes, as aerospike-py writes them.

    Raises:
        ValueError: ``dtype`` has no ``key_field``.
        TypeError: a field is of another kind (bool, str, object...).
    """
    import numpy as np

    dtype = np.dtype(dtype)
    if dtype.names is None or key_field not in dtype.names:
        raise ValueError(f"dtype must contain a '{key_field}' field for the record key")
    bins = []
    for name in dtype.names:
        field = dtype.fields[name][0]
        kind = field.base.kind if field.subdtype is not None else field.kind
        if kind not in "iufS":
            raise TypeError(f"dtype field '{name}' must be numeric (int/float) or fixed-length bytes, "
                            f"got {_dtype_name(field)} (kind='{field.kind}')")
        if name != key_field and not name.startswith("_"):
            # Bytes fields are taken from the row's memory: NumPy would strip their trailing NULs.
            raw = (dtype.fields[name][1], field.itemsize) if field.subdtype is not None or kind == "S" else None
            bins.append((name, raw))
    rows = np.ascontiguousarray(np.asarray(data, dtype=dtype))
    memory = rows.view(np.uint8).reshape(len(rows), dtype.itemsize)
    records = []
    for i, row in enumerate(rows):
        key = row[key_field]
        key = bytes(key) if isinstance(key, np.bytes_) else key.item()
        record_bins = {name: (memory[i, raw[0]:raw[0] + raw[1]].tobytes() if raw else row[name].item())
                       for name, raw in bins}
        records.append(((namespace, set_name, key), record_bins))
    return records
