"""libaero's log lines reach Python's ``logging`` under ``aerospike_py``, at the level
``set_log_level`` chooses, drained by a package thread (never a callback from libaero)."""

import logging
import time

import pytest

import aerospike_py as A
from aerospike_py import _log


class Collect(logging.Handler):
    def __init__(self):
        super().__init__(level=1)
        self.records = []

    def emit(self, record):
        self.records.append(record)


@pytest.fixture
def collected():
    handler = Collect()
    logger = logging.getLogger("aerospike_py")
    logger.addHandler(handler)
    yield handler.records
    logger.removeHandler(handler)
    A.set_log_level(A.LOG_LEVEL_WARN)


def wait_for(records, predicate, seconds=5.0):
    deadline = time.time() + seconds
    while time.time() < deadline:
        if any(predicate(r) for r in records):
            return True
        time.sleep(0.02)
    return False


def test_connect_and_node_lines_at_info(server_config, collected):
    A.set_log_level(A.LOG_LEVEL_INFO)
    client = A.client(server_config).connect()
    client.close()
    assert wait_for(collected, lambda r: r.levelno == logging.INFO and r.getMessage().startswith("node ")
                    and " added " in r.getMessage())
    assert wait_for(collected, lambda r: r.getMessage().startswith("connected: "))
    line = next(r for r in collected if r.getMessage().startswith("connected: "))
    assert line.name == "aerospike_py" and abs(line.created - time.time()) < 60


def test_level_filters_lines(server_config, collected):
    A.set_log_level(A.LOG_LEVEL_ERROR)
    client = A.client(server_config).connect()
    client.close()
    _log.drain()
    assert not any(r.getMessage().startswith("connected: ") for r in collected)


def test_seed_failures_are_warnings(collected):
    A.set_log_level(A.LOG_LEVEL_WARN)
    with pytest.raises(A.AerospikeError):
        A.client({"hosts": [("127.0.0.1", 19999)], "timeout": 300}).connect()
    assert wait_for(collected, lambda r: r.levelno == logging.WARNING and "seed 127.0.0.1:19999" in r.getMessage())


def test_bad_levels_and_the_dropped_count():
    with pytest.raises(ValueError):
        A.set_log_level(99)
    with pytest.raises(ValueError):
        A.set_log_level("debug")
    A.set_log_level(logging.DEBUG)  # a standard level is taken too
    assert logging.getLogger("aerospike_py").level == logging.DEBUG
    A.set_log_level(A.LOG_LEVEL_WARN)
    assert isinstance(A.dropped_log_count(), int) and A.dropped_log_count() >= 0
