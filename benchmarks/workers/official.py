"""Worker for the official ``aerospike`` client (C extension over the C client). It has no
asyncio API, so async workloads run it through loop.run_in_executor, as its users do."""

from __future__ import annotations

import importlib.metadata
from typing import Any, Optional

from .. import workloads
from .base import Absent, Adapter, Data, keyed_call, main


class OfficialAdapter(Adapter):
    """``aerospike.client(config).connect()``; batches through ``batch_read`` / ``batch_write``."""

    name = "official"

    def __init__(self) -> None:
        import aerospike

        self.m = aerospike
        self.client: Any = None

    def version(self) -> str:
        return importlib.metadata.version("aerospike")

    def connect(self, config: dict[str, Any]) -> None:
        self.client = self.m.client(config).connect()

    def close(self) -> None:
        self.client.close()

    def sync_call(self, op: str, data: Data):
        c, keys, n = self.client, data.keys, data.nkeys
        call = keyed_call(op, c.put, c.get, keys, data.records)
        if call is not None:
            return call
        if op == "operate":
            from aerospike_helpers.operations import operations as o

            ops = [o.increment("i", 1), o.read("s"), o.read("f")]
            return lambda i: c.operate(keys[i % n], ops)
        if op in ("get_filtered", "put_filtered"):
            from aerospike_helpers import expressions as exp

            policy = {"expressions": exp.GE(exp.IntBin(workloads.FILTER_BIN), workloads.FILTER_MIN).compile()}
            if op == "get_filtered":
                return lambda i: c.get(keys[i % n], policy=policy)
            records = data.records
            return lambda i: c.put(keys[i % n], records[i % n], policy=policy)
        if op == "operate_cdt":
            from aerospike_helpers.operations import list_operations as lo
            from aerospike_helpers.operations import map_operations as mo

            ops = [lo.list_append("l", 1), mo.map_put("m", "k", 1), lo.list_size("l")]
            return lambda i: c.operate(keys[i % n], ops)
        batches, nb = data.batches, len(data.batches)
        if op == "batch_read":
            return lambda i: c.batch_read(batches[i % nb])
        if op == "batch_write":
            return self._batch_write(data)
        raise Absent(f"official has no {op}" + (" (no numpy API)" if op == "numpy_batch_read" else ""))

    def batch_ok(self, op: str, result: Any) -> int:
        return sum(1 for br in result.batch_records if br.result == 0)

    def statement(self, set_name: str, between: Optional[tuple[str, int, int]] = None) -> Any:
        query = self.client.query(workloads.NAMESPACE, set_name)
        if between is not None:
            query.where(self.m.predicates.between(*between))
        return query

    def _batch_write(self, data: Data):
        """batch_write takes BatchRecords of Write(key, ops): built per call, as a user must."""
        from aerospike_helpers.batch.records import BatchRecords, Write
        from aerospike_helpers.operations import operations as o

        c, writes, nb = self.client, data.batch_records, len(data.batch_records)

        def call(i: int) -> Any:
            batch = BatchRecords([Write(key, [o.write(b, v) for b, v in bins.items()]) for key, bins in writes[i % nb]])
            return c.batch_write(batch)

        return call


def adapter() -> OfficialAdapter:
    """This worker's adapter."""
    return OfficialAdapter()


if __name__ == "__main__":
    main(adapter())
