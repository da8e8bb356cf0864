"""Worker for ``aerospike-native`` (the Rust/PyO3 layer under ``aerospike-sdk``): ``*_blocking``
methods for sync workloads, its own asyncio methods for async ones. Only put and get are adapted
so far; every other workload reports absent."""

from __future__ import annotations

import importlib.metadata
from typing import Any

from .base import Absent, Adapter, Data, keyed_call, main


def _seed(config: dict[str, Any]) -> str:
    return ",".join(f"{host}:{port}" for host, port in config["hosts"])


class NativeAdapter(Adapter):
    """``new_client_blocking`` / ``new_client`` with ``Key`` objects built once per key."""

    name = "aerospike-native"

    def __init__(self) -> None:
        import aerospike_native

        self.m = aerospike_native
        self.client: Any = None
        self.aclient: Any = None

    def version(self) -> str:
        return importlib.metadata.version("aerospike-native")

    def _policy(self, config: dict[str, Any]) -> Any:
        policy = self.m.ClientPolicy()
        if config.get("cluster_name"):
            policy.cluster_name = config["cluster_name"]
        return policy

    def connect(self, config: dict[str, Any]) -> None:
        self.client = self.m.new_client_blocking(self._policy(config), _seed(config))

    def close(self) -> None:
        self.client.close_blocking()

    async def connect_async(self, config: dict[str, Any]) -> bool:
        self.aclient = await self.m.new_client(self._policy(config), _seed(config))
        return True

    async def close_async(self) -> None:
        await self.aclient.close()

    def _keys(self, data: Data) -> list:
        return [self.m.Key(ns, set_name, user_key) for ns, set_name, user_key in data.keys]

    def sync_call(self, op: str, data: Data):
        if op not in ("put", "get"):
            raise Absent(f"{op} is not adapted for aerospike-native yet")
        return keyed_call(op, self.client.put_blocking, self.client.get_blocking, self._keys(data), data.records)

    def async_call(self, op: str, data: Data):
        if op not in ("put", "get"):
            raise Absent(f"async {op} is not adapted for aerospike-native yet")
        return keyed_call(op, self.aclient.put, self.aclient.get, self._keys(data), data.records)


def adapter() -> NativeAdapter:
    """This worker's adapter."""
    return NativeAdapter()


if __name__ == "__main__":
    main(adapter())
