"""The child process of the corruption storm test (``test_corruption.py``).

Runs sync and async commands through a fault proxy that corrupts some replies, checks every
outcome, prints one JSON report line and exits 0 (1 when an outcome was wrong). A crash shows
as the child's death by a signal, which the parent reports, instead of taking pytest down.

Usage: ``python storm_child.py <proxy_port> <namespace> <set> <rounds>``
"""

import asyncio
import json
import sys
import uuid

import aerospike_py as A

#: What a corrupted reply may raise: a failure of the connection or of decoding, or a timeout
#: (a size that promises more bytes than come). Never a server answer it did not get.
ALLOWED = (A.ClusterError, A.ClientError, A.AerospikeTimeoutError)
POLICY = {"total_timeout": 300, "max_retries": 0}


def main() -> int:
    port, ns, set_name, rounds = int(sys.argv[1]), sys.argv[2], sys.argv[3], int(sys.argv[4])
    tag = uuid.uuid4().hex
    keys = [(ns, set_name, f"storm-{tag}-{i}") for i in range(20)]
    bins = [{"i": i, "s": f"value-{i}", "l": list(range(i))} for i in range(20)]
    report = {"ok": 0, "errors": {}, "wrong": []}

    def outcome(what, fn, check):
        try:
            result = fn()
        except ALLOWED as e:
            report["errors"][type(e).__name__] = report["errors"].get(type(e).__name__, 0) + 1
            return
        except Exception as e:  # anything else is a wrong outcome too
            report["wrong"].append(f"{what}: raised {type(e).__name__}: {e}")
            return
        problem = check(result)
        if problem:
            report["wrong"].append(f"{what}: {problem}")
        else:
            report["ok"] += 1

    def check_record(i):
        return lambda r: None if r.bins == bins[i] and r.key.user_key == keys[i][2] else f"got {r!r}"

    def check_none(r):
        return None if r is None else f"got {r!r}"

    def check_read_op(i):
        return lambda r: None if r.bins == {"i": i} else f"got {r.bins!r}"

    def check_exists(i):
        return lambda r: None if r.meta is not None and r.key.user_key == keys[i][2] else f"got {r!r}"

    def check_rows(r):
        bad = [row for row in r.batch_records if row.result != 0 and not row.in_doubt]
        return f"rows failed without in_doubt: {bad!r}" if bad else None

    read_op = [{"op": A.OPERATOR_READ, "bin": "i"}]
    with A.client({"hosts": [("127.0.0.1", port)], "tend_interval": 60_000}).connect() as c:
        for i, key in enumerate(keys):
            c.put(key, bins[i])
        report["setup_done"] = True
        print("READY", flush=True)
        sys.stdin.readline()  # the parent starts corrupting replies, then says go
        for n in range(rounds):
            i = n % len(keys)
            outcome(f"get {i}", lambda: c.get(keys[i], policy=POLICY), check_record(i))
            outcome(f"put {i}", lambda: c.put(keys[i], bins[i], policy=POLICY), check_none)
            outcome(f"operate {i}", lambda: c.operate(keys[i], read_op, policy=POLICY), check_read_op(i))
            outcome(f"exists {i}", lambda: c.exists(keys[i], policy=POLICY), check_exists(i))
            if n % 10 == 0:
                outcome("batch_write", lambda: c.batch_write([(k, bins[j]) for j, k in enumerate(keys)],
                                                             policy=POLICY), check_rows)

    async def run_async():
        client = await A.AsyncClient({"hosts": [("127.0.0.1", port)], "tend_interval": 60_000}).connect()
        try:
            calls = []
            for n in range(rounds):
                i = n % len(keys)
                calls.append((f"async get {i}", client.get(keys[i], policy=POLICY), check_record(i)))
                calls.append((f"async put {i}", client.put(keys[i], bins[i], policy=POLICY), check_none))
                calls.append((f"async operate {i}", client.operate(keys[i], read_op, policy=POLICY), check_read_op(i)))
            results = await asyncio.gather(*(coro for _, coro, _ in calls), return_exceptions=True)
            for (what, _, check), result in zip(calls, results):
                outcome(what, lambda: _reraise(result), check)
        finally:
            await client.close()

    asyncio.run(run_async())
    print(json.dumps(report), flush=True)
    return 1 if report["wrong"] else 0


def _reraise(result):
    if isinstance(result, BaseException):
        raise result
    return result


if __name__ == "__main__":
    sys.exit(main())
