"""Shared by the test_cdt_* files: a table row of one operate call and how it is checked.

A row gives the record to start from (a dict of bins to put, or a list of ops to operate on a
missing record), the ops of one ``operate`` call, the bins that call answers (or ``Err(code)``)
and the bins of the record after it (``None``: no record). Every expected value is the real
Aerospike server's answer.
"""

from typing import Any, Callable, NamedTuple

import pytest

import aerospike_py as A


class Err(NamedTuple):
    """The call fails with this server result code."""

    code: int


def in_order(value: Any) -> Any:
    """``value`` with each dict, at any depth, as a list of its (key, value) pairs in order, so
    that comparisons see the order the server keeps."""
    if isinstance(value, dict):
        return [("dict", key, in_order(item)) for key, item in value.items()]
    if isinstance(value, (list, tuple)) and not isinstance(value, Err):
        return type(value)(in_order(item) for item in value)
    return value


def case(id: str, start: Any, ops: list, result: Any, after: Any) -> Any:
    """One row: ``start`` (bins or setup ops), ``ops``, the answer and the record after."""
    return pytest.param(start, ops, result, after, id=id)


def operate_answer(client: Any, key: tuple, ops: list) -> Any:
    """The bins one ``operate`` answers, or ``Err(code)`` when the server refuses it."""
    try:
        return client.operate(key, ops).bins
    except A.AerospikeError as error:
        return Err(error.code)


def record_bins(client: Any, key: tuple) -> Any:
    """The record's bins, or None when there is no record."""
    try:
        return client.get(key).bins
    except A.RecordNotFound:
        return None


def check_case(client: Any, key: tuple, start: Any, ops: list, result: Any, after: Any,
               show: Callable[[Any], Any] = lambda value: value) -> None:
    """Sets up ``start``, runs ``ops`` and checks the answer and the record after, both as
    ``show`` renders them (long HLL values as digests, say)."""
    if isinstance(start, dict):
        client.put(key, start)
    elif start:
        client.operate(key, start)
    assert in_order(show(operate_answer(client, key, ops))) == in_order(result)
    assert in_order(show(record_bins(client, key))) == in_order(after)
