"""The adapter for clients with the aerospike-py API: our package and the ``aerospike-py`` peer
(both are imported as ``aerospike_py``; each runs in its own venv, so the name is unambiguous)."""

from __future__ import annotations

import importlib
import importlib.metadata
import inspect
import itertools
from typing import Any, Optional

from .. import workloads
from .base import Absent, Adapter, Data, keyed_call

#: records per batch_write when loading a set
_LOAD_BATCH = 1000


def _has(obj: Any, method: str) -> bool:
    return callable(getattr(obj, method, None))


class AerospikePyAdapter(Adapter):
    """``aerospike_py.client`` for sync workloads and ``aerospike_py.AsyncClient`` for async."""

    def __init__(self, name: str, distribution: str) -> None:
        import aerospike_py

        self.name = name
        self.m = aerospike_py
        self._dist = distribution
        self.client: Any = None
        self.aclient: Any = None

    def version(self) -> str:
        try:
            version = importlib.metadata.version(self._dist)
        except importlib.metadata.PackageNotFoundError:
            version = getattr(self.m, "__version__", "?")
        core = getattr(self.m, "__libaero_version__", None)
        return f"{version} (libaero {core})" if core else version

    def connect(self, config: dict[str, Any]) -> None:
        self.client = self.m.client(config).connect()

    def close(self) -> None:
        self.client.close()

    async def connect_async(self, config: dict[str, Any]) -> bool:
        if not hasattr(self.m, "AsyncClient"):
            return False
        self.aclient = await self.m.AsyncClient(config).connect()
        return True

    async def close_async(self) -> None:
        await self.aclient.close()

    def _ops(self) -> list[dict[str, Any]]:
        m = self.m
        return [{"op": m.OPERATOR_INCR, "bin": "i", "val": 1}, {"op": m.OPERATOR_READ, "bin": "s"},
                {"op": m.OPERATOR_READ, "bin": "f"}]

    def sync_call(self, op: str, data: Data):
        c, keys, n = self.client, data.keys, data.nkeys
        call = keyed_call(op, c.put, c.get, keys, data.records)
        if call is not None:
            return call
        if op == "operate":
            ops = self._ops()
            return lambda i: c.operate(keys[i % n], ops)
        if op in ("get_filtered", "put_filtered"):
            exp = importlib.import_module("aerospike_py.exp")
            policy = {"filter_expression": exp.ge(exp.int_bin(workloads.FILTER_BIN), exp.int_val(workloads.FILTER_MIN))}
            if op == "get_filtered":
                return lambda i: c.get(keys[i % n], policy=policy)
            records = data.records
            return lambda i: c.put(keys[i % n], records[i % n], policy=policy)
        if op == "operate_cdt":
            lo = importlib.import_module("aerospike_py.list_operations")
            mo = importlib.import_module("aerospike_py.map_operations")
            ops = [lo.list_append("l", 1), mo.map_put("m", "k", 1), lo.list_size("l")]
            return lambda i: c.operate(keys[i % n], ops)
        batches, nb = data.batches, len(data.batches)
        if op == "batch_read":
            if not _has(c, "batch_read"):
                raise Absent(f"{self.name} has no batch_read")
            if hasattr(c.batch_read(batches[0]), "to_dict"):  # aerospike-py >= 0.14: lazy results
                return lambda i: c.batch_read(batches[i % nb]).to_dict()
            return lambda i: c.batch_read(batches[i % nb])
        if op == "batch_write":
            if not _has(c, "batch_write"):
                raise Absent(f"{self.name} has no batch_write")
            writes = data.batch_records
            return lambda i: c.batch_write(writes[i % nb])
        if op == "numpy_batch_read":
            return self._numpy_batch_read(data)
        raise Absent(f"{self.name} has no {op}")

    def _numpy_batch_read(self, data: Data):
        """``batch_read(keys, bins, _dtype=dtype)``, or ``batch_read(keys, bins).to_numpy(dtype)``
        where batch_read returns lazy results (aerospike-py >= 0.14)."""
        c = self.client
        if not _has(c, "batch_read"):
            raise Absent(f"{self.name} has no batch_read")
        try:
            import numpy as np
        except ImportError:
            raise Absent("numpy is not installed in this worker's venv") from None
        try:
            params = inspect.signature(c.batch_read).parameters
        except (TypeError, ValueError):
            params = {}
        dtype = np.dtype(list(workloads.NUMPY_FIELDS))
        batches, nb, bins = data.batches, len(data.batches), data.numpy_bins
        if "_dtype" in params:
            return lambda i: c.batch_read(batches[i % nb], bins=bins, _dtype=dtype)
        if hasattr(c.batch_read(batches[0], bins=bins), "to_numpy"):
            return lambda i: c.batch_read(batches[i % nb], bins=bins).to_numpy(dtype)
        raise Absent(f"{self.name}'s batch_read has no numpy output")

    def batch_ok(self, op: str, result: Any) -> int:
        if op == "batch_read":  # a dict of the records found
            return len(result)
        if op == "batch_write":
            return sum(1 for br in result.batch_records if br.result == 0)
        records = result.batch_records  # numpy: a structured array, or per-record results
        return len(records) if not hasattr(result, "result_codes") else int((result.result_codes == 0).sum())

    def statement(self, set_name: str, between: Optional[tuple[str, int, int]] = None) -> Any:
        query = self.client.query(workloads.NAMESPACE, set_name)
        if between is not None:
            query.where(importlib.import_module("aerospike_py.predicates").between(*between))
        return query

    def write_set(self, set_name: str, count: int, index: Optional[tuple[str, str]] = None) -> None:
        records = workloads.set_records(set_name, count)
        while chunk := list(itertools.islice(records, _LOAD_BATCH)):
            failed = sum(1 for br in self.client.batch_write(chunk).batch_records if br.result != 0)
            if failed:
                raise RuntimeError(f"batch_write into {set_name}: {failed} of {len(chunk)} records failed")
        if index is not None:
            try:
                self.client.index_integer_create(workloads.NAMESPACE, set_name, *index)
            except importlib.import_module("aerospike_py.exception").IndexFoundError:
                pass

    def async_call(self, op: str, data: Data):
        call = keyed_call(op, self.aclient.put, self.aclient.get, data.keys, data.records)
        if call is None:
            raise Absent(f"{self.name} has no async {op}")
        return call
