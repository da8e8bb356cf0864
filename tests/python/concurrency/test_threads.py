"""Eight threads share one client for 1,000 mixed operations each; every result is checked."""

import random
import threading

import aerospike_py as A

THREADS = 8
OPS_PER_THREAD = 1000
KEYS_PER_THREAD = 20


def _check(failures, index, what, got, want):
    if got != want:
        failures.append(f"thread {index}: {what} gave {got!r}, expected {want!r}")


def _worker(client, index, failures):
    """Runs random commands on the thread's own keys, checking each result against a model."""
    rng = random.Random(index)
    keys = [("test", "pytest_threads", f"t{index}-{k}") for k in range(KEYS_PER_THREAD)]
    model = {}  # key -> the bins the record must hold, or None when it must not exist
    try:
        for step in range(OPS_PER_THREAD):
            key = rng.choice(keys)
            bins = model.get(key)
            action = rng.randrange(6)
            if action == 0:  # put merges bins into the record
                written = {"t": index, "step": step, "data": "x" * rng.randrange(50)}
                client.put(key, written)
                model[key] = {**(bins or {}), **written}
            elif action == 1:
                try:
                    _check(failures, index, f"get {key}", client.get(key).bins, bins)
                except A.RecordNotFound:
                    _check(failures, index, f"get {key}", None, bins)
            elif action == 2:
                meta = client.exists(key).meta
                _check(failures, index, f"exists {key}", meta is not None, bins is not None)
            elif action == 3:
                record = client.operate(key, [
                    {"op": A.OPERATOR_INCR, "bin": "n", "val": 1},
                    {"op": A.OPERATOR_READ, "bin": "n"},
                ])
                model[key] = {**(bins or {}), "n": (bins or {}).get("n", 0) + 1}
                _check(failures, index, f"operate {key}", record.bins, {"n": model[key]["n"]})
            elif action == 4:
                try:
                    client.remove(key)
                    _check(failures, index, f"remove {key}", True, bins is not None)
                except A.RecordNotFound:
                    _check(failures, index, f"remove {key}", False, bins is not None)
                model[key] = None
            else:
                try:
                    client.put(key, {"t": index}, policy={"exists": A.POLICY_EXISTS_CREATE_ONLY})
                    _check(failures, index, f"create-only {key}", "created", "created" if bins is None else "refused")
                    model[key] = {"t": index}
                except A.RecordExistsError:
                    _check(failures, index, f"create-only {key}", "refused", "created" if bins is None else "refused")
    except Exception as exc:  # report it; never leave the other threads waiting
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
