"""A FastAPI service over aerospike_py's AsyncClient, as the aerospike-py FastAPI guide builds
one: the client made in the lifespan and injected with Depends, CRUD with exists policies,
batch endpoints that report in-doubt writes, exceptions mapped to HTTP statuses, a readiness
probe on ping(), /metrics, and tracing.

Run it with ``uvicorn examples.fastapi_app.app:app`` (from the repository root, with the
package importable). The environment configures it: ``AEROSPIKE_HOST`` / ``AEROSPIKE_PORT``
(127.0.0.1:3000), ``AEROSPIKE_NAMESPACE`` (test), ``AEROSPIKE_MAX_CONCURRENT`` (64 commands
in flight), ``AEROSPIKE_QUEUE_TIMEOUT_MS`` (5000) and ``AEROSPIKE_TIMEOUT_MS`` (1000, each
command's total timeout).
"""

import os
from contextlib import asynccontextmanager
from typing import Any, Optional

from fastapi import Depends, FastAPI, Request, Response
from fastapi.responses import JSONResponse
from pydantic import BaseModel

import aerospike_py
from aerospike_py import AsyncClient

SET = "records"


def config_from_env() -> dict[str, Any]:
    """The client configuration the environment describes."""
    timeout = int(os.environ.get("AEROSPIKE_TIMEOUT_MS", "1000"))
    return {
        "hosts": [(os.environ.get("AEROSPIKE_HOST", "127.0.0.1"), int(os.environ.get("AEROSPIKE_PORT", "3000")))],
        "max_concurrent_operations": int(os.environ.get("AEROSPIKE_MAX_CONCURRENT", "64")),
        "operation_queue_timeout_ms": int(os.environ.get("AEROSPIKE_QUEUE_TIMEOUT_MS", "5000")),
        "policies": {"read": {"total_timeout": timeout}, "write": {"total_timeout": timeout}},
    }


class BatchReadReq(BaseModel):
    keys: list[str]


class BatchWriteItem(BaseModel):
    key: str
    bins: dict
    ttl: Optional[int] = None


def create_app(config: Optional[dict[str, Any]] = None, namespace: Optional[str] = None) -> FastAPI:
    """The service, on the given client configuration (default: from the environment)."""
    ns = namespace or os.environ.get("AEROSPIKE_NAMESPACE", "test")

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        client = AsyncClient(config or config_from_env())
        aerospike_py.init_tracing()
        await client.connect()
        app.state.aerospike = client
        yield
        await client.close()
        aerospike_py.shutdown_tracing()

    app = FastAPI(lifespan=lifespan)

    def get_client(request: Request) -> AsyncClient:
        return request.app.state.aerospike

    @app.post("/records/{pk}", status_code=201)
    async def create(pk: str, body: dict, client: AsyncClient = Depends(get_client)):
        try:
            await client.put((ns, SET, pk), body, policy={"exists": aerospike_py.POLICY_EXISTS_CREATE_ONLY})
            return {"key": pk}
        except aerospike_py.RecordExistsError:
            return JSONResponse(status_code=409, content={"error": "already exists"})

    @app.get("/records/{pk}")
    async def read(pk: str, client: AsyncClient = Depends(get_client)):
        try:
            record = await client.get((ns, SET, pk))
            return record.bins
        except aerospike_py.RecordNotFound:
            return JSONResponse(status_code=404, content={"error": "not found"})

    @app.put("/records/{pk}")
    async def update(pk: str, body: dict, client: AsyncClient = Depends(get_client)):
        try:
            await client.put((ns, SET, pk), body, policy={"exists": aerospike_py.POLICY_EXISTS_UPDATE_ONLY})
            return {"key": pk}
        except aerospike_py.RecordNotFound:
            return JSONResponse(status_code=404, content={"error": "not found"})

    @app.delete("/records/{pk}", status_code=204)
    async def delete(pk: str, client: AsyncClient = Depends(get_client)):
        try:
            await client.remove((ns, SET, pk))
        except aerospike_py.RecordNotFound:
            return JSONResponse(status_code=404, content={"error": "not found"})
        return Response(status_code=204)

    @app.post("/records:batchRead")
    async def batch_read(req: BatchReadReq, client: AsyncClient = Depends(get_client)):
        records = await client.batch_read([(ns, SET, k) for k in req.keys])
        return {"found": records, "missing": [k for k in req.keys if k not in records]}

    @app.post("/records:batchWrite")
    async def batch_write(items: list[BatchWriteItem], client: AsyncClient = Depends(get_client)):
        records = [((ns, SET, i.key), i.bins) if i.ttl is None else ((ns, SET, i.key), i.bins, {"ttl": i.ttl})
                   for i in items]
        result = await client.batch_write(records)

        def user_key(br: Any) -> Optional[str]:
            return str(br.key.user_key) if br.key is not None else None

        in_doubt = [user_key(br) for br in result.batch_records if br.result != 0 and br.in_doubt]
        failed = [user_key(br) for br in result.batch_records if br.result != 0 and not br.in_doubt]
        if in_doubt:
            # Some writes may have been applied: the caller reconciles with a read, not a blind retry.
            return JSONResponse(status_code=503, content={"in_doubt": in_doubt, "failed": failed})
        return {"failed": failed}

    @app.exception_handler(aerospike_py.BackpressureError)
    async def backpressure_handler(request: Request, exc: Exception):
        return JSONResponse(status_code=503, content={"error": "server busy, retry later"})

    @app.exception_handler(aerospike_py.AerospikeTimeoutError)
    async def timeout_handler(request: Request, exc: Exception):
        return JSONResponse(status_code=504, content={"error": "timed out"})

    @app.exception_handler(aerospike_py.RecordGenerationError)
    async def generation_handler(request: Request, exc: Exception):
        return JSONResponse(status_code=409, content={"error": "changed meanwhile"})

    @app.exception_handler(aerospike_py.AerospikeError)
    async def aerospike_error_handler(request: Request, exc: Exception):
        return JSONResponse(status_code=500, content={"error": str(exc)})

    @app.get("/health/ready")
    async def ready(client: AsyncClient = Depends(get_client)):
        if await client.ping():
            return {"status": "ok"}
        return JSONResponse(status_code=503, content={"status": "unhealthy"})

    @app.get("/health/live")
    async def live():
        return {"status": "ok"}

    @app.get("/metrics")
    async def metrics():
        return Response(content=aerospike_py.get_metrics(), media_type="text/plain; version=0.0.4")

    return app


app = create_app()
