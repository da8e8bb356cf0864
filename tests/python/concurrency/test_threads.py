"""Eight threads share one client for 1,000 mixed operations each; every result is checked."""

import random
import threading

import aerospike_py as A

THREADS = 8
OPS_PER_THREAD = 1000
KEYS_PER_THREAD = 20


def _worker(client, index, failures):
    rng = random.Random(index)
    keys = [("test", "pytest_threads", f"t{index}-{k}") for k in range(KEYS_PER_THREAD)]
    expected = {}  # key -> bins the thread last wrote (or None when removed)
    counters = {}
    try:
        for step in range(OPS_PER_THREAD):
            key = rng.choice(keys)
            action = rng.randrange(6)
            if action == 0:
                bins = {"t": index, "step": step, "data": "x" * rng.randrange(50)}
                client.put(key, bins)
                expected[key] = bins
                counters.pop(key, None)
            elif action == 1:
                want = expected.get(key)
                if want is None:
                    try:
                        client.get(key)
                        failures.append(f"thread {index}: {key} should be missing")
                    except A.RecordNotFound:
                        pass
                else:
                    got = client.get(key).bins
                    if got != {**want, **({"n": counters[key]} if key in counters else {})}:
                        failures.append(f"thread {index}: {key} read {got}, expected {want}")
            elif action == 2:
                meta = client.exists(key).meta
                if (meta is None) != (expected.get(key) is None):
                    failures.append(f"thread {index}: exists({key}) gave {meta}")
            elif action == 3 and expected.get(key) is not None:
                record = client.operate(key, [
                    {"op": A.OPERATOR_INCR, "bin": "n", "val": 1},
                    {"op": A.OPERATOR_READ, "bin": "n"},
                ])
                counters[key] = counters.get(key, 0) + 1
                if record.bins["n"] != counters[key]:
                    failures.append(f"thread {index}: counter {record.bins['n']} != {counters[key]}")
            elif action == 4 and expected.get(key) is not None:
                client.remove(key)
                expected[key] = None
                counters.pop(key, None)
            elif action == 5:
                try:
                    client.put(key, {"t": index}, policy={"exists": A.POLICY_EXISTS_CREATE_ONLY})
                    if expected.get(key) is not None:
                        failures.append(f"thread {index}: create-only succeeded on existing {key}")
                    expected[key] = {"t": index}
                    counters.pop(key, None)
                except A.RecordExistsError:
                    if expected.get(key) is None:
                        failures.append(f"thread {index}: create-only refused on missing {key}")
    except Exception as exc:  # report, never hang the other threads
        failures.append(f"thread {index}: {type(exc).__name__}: {exc}")
    finally:
        for key in keys:
            try:
                client.remove(key)
            except A.RecordNotFound:
                pass


def test_threads_share_one_client(client):
    failures = []
    threads = [threading.Thread(target=_worker, args=(client, i, failures)) for i in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    assert not any(thread.is_alive() for thread in threads), "a worker thread hung"
    assert failures == []


def test_close_while_other_threads_run(server_config):
    client = A.client(server_config).connect()
    errors = []
    stop = threading.Event()

    def hammer():
        key = ("test", "pytest_threads", f"close-{threading.get_ident()}")
        while not stop.is_set():
            try:
                client.put(key, {"a": 1})
            except A.ClientError:
                return  # closed under us: the expected outcome
            except A.AerospikeError as exc:
                errors.append(exc)
                return

    threads = [threading.Thread(target=hammer) for _ in range(4)]
    for thread in threads:
        thread.start()
    client.close()
    stop.set()
    for thread in threads:
        thread.join(timeout=30)
    assert not any(thread.is_alive() for thread in threads)
    assert errors == []
