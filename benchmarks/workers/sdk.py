"""Worker for the official ``aerospike-sdk`` (the fluent session API over ``aerospike-native``):
``aerospike_sdk.sync`` for sync workloads, its native asyncio API (top-level ``aerospike_sdk``)
for async ones. put/get use the session's single-key fast path (``session.put`` /
``session.get``); operate and the batches use the chained builder, whose multi-key chains go out
as one batch command. The SDK's defaults are kept (``Behavior.DEFAULT``; the async session's
same-tick coalescing of concurrent gets/puts is on unless ``PSDK_COALESCE=0``)."""

from __future__ import annotations

import importlib.metadata
from typing import Any

from .base import Absent, Adapter, Data, keyed_call, main


class SdkAdapter(Adapter):
    """``ClusterDefinition(hosts=...).connect()`` then ``create_session(Behavior.DEFAULT)``, with
    ``Key`` objects built once per key."""

    name = "aerospike-sdk"

    def __init__(self) -> None:
        import aerospike_sdk

        self.m = aerospike_sdk
        self.cluster: Any = None
        self.session: Any = None
        self.acluster: Any = None
        self.asession: Any = None

    def version(self) -> str:
        return importlib.metadata.version("aerospike-sdk")

    def _definition(self, tier: Any, config: dict[str, Any]) -> Any:
        """``tier.ClusterDefinition`` (``aerospike_sdk`` or ``aerospike_sdk.sync``) for ``config``."""
        definition = tier.ClusterDefinition(hosts=[self.m.Host(host, port) for host, port in config["hosts"]])
        return definition.cluster_name(config["cluster_name"]) if config.get("cluster_name") else definition

    def connect(self, config: dict[str, Any]) -> None:
        from aerospike_sdk import sync

        self.cluster = self._definition(sync, config).connect()
        self.session = self.cluster.create_session(self.m.Behavior.DEFAULT)

    def close(self) -> None:
        self.cluster.close()

    async def connect_async(self, config: dict[str, Any]) -> bool:
        self.acluster = await self._definition(self.m, config).connect()
        self.asession = self.acluster.create_session(self.m.Behavior.DEFAULT)
        return True

    async def close_async(self) -> None:
        await self.acluster.close()

    def _keys(self, keys: list) -> list:
        return [self.m.Key(ns, set_name, user_key) for ns, set_name, user_key in keys]

    def sync_call(self, op: str, data: Data):
        s, n = self.session, data.nkeys
        if op in ("put", "get", "operate"):
            keys = self._keys(data.keys)
            call = keyed_call(op, s.put, s.get, keys, data.records)
            if call is not None:
                return call
            # one operate command; first_or_raise, since per-record failures come back as data
            return lambda i: s.upsert(keys[i % n]).bin("i").add(1).bin("s").get().bin("f").get() \
                .execute().first_or_raise()
        nb = len(data.batches)
        if op == "batch_read":
            batches = [self._keys(b) for b in data.batches]
            return lambda i: s.query(batches[i % nb]).execute().collect()
        if op == "batch_write":
            return self._batch_write(data)
        raise Absent(f"aerospike-sdk has no {op}" + (" (no numpy API)" if op == "numpy_batch_read" else ""))

    def _batch_write(self, data: Data):
        """One ``upsert(key).put(bins)`` segment per record, chained and sent as one batch; the
        chain is built per call, as a user must."""
        s, nb = self.session, len(data.batch_records)
        writes = [list(zip(self._keys([k for k, _ in batch]), [bins for _, bins in batch]))
                  for batch in data.batch_records]

        def call(i: int) -> Any:
            (key, bins), *rest = writes[i % nb]
            chain = s.upsert(key).put(bins)
            for key, bins in rest:
                chain = chain.upsert(key).put(bins)
            return chain.execute().collect()

        return call

    def batch_ok(self, op: str, result: Any) -> int:
        return sum(1 for row in result if row.is_ok)  # missing keys are left out of the rows

    def async_call(self, op: str, data: Data):
        if op not in ("put", "get"):
            raise Absent(f"async {op} is not adapted for aerospike-sdk")
        return keyed_call(op, self.asession.put, self.asession.get, self._keys(data.keys), data.records)


def adapter() -> SdkAdapter:
    """This worker's adapter."""
    return SdkAdapter()


if __name__ == "__main__":
    main(adapter())
