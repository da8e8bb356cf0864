"""Expression operations for ``operate``, ``operate_ordered`` and ``batch_operate``: read the
value of an expression into the results, or write it into a bin. As the official client's
``aerospike_helpers.operations.expression_operations`` (whose names are here too), with the
flags on the package and here::

    from aerospike_py import exp, exp_operations

    ops = [exp_operations.exp_read("total", exp.num_add(exp.int_bin("a"), exp.int_bin("b")))]
    client.operate(key, ops).bins   # {"total": a + b}
"""

from typing import Any

from ._constants import (
    EXP_READ_DEFAULT,
    EXP_READ_EVAL_NO_FAIL,
    EXP_WRITE_ALLOW_DELETE,
    EXP_WRITE_CREATE_ONLY,
    EXP_WRITE_DEFAULT,
    EXP_WRITE_EVAL_NO_FAIL,
    EXP_WRITE_POLICY_NO_FAIL,
    EXP_WRITE_UPDATE_ONLY,
    OP_EXPR_READ,
    OP_EXPR_WRITE,
)

__all__ = [
    "exp_read", "exp_write", "expression_read", "expression_write",
    "EXP_READ_DEFAULT", "EXP_READ_EVAL_NO_FAIL", "EXP_WRITE_DEFAULT", "EXP_WRITE_CREATE_ONLY",
    "EXP_WRITE_UPDATE_ONLY", "EXP_WRITE_ALLOW_DELETE", "EXP_WRITE_POLICY_NO_FAIL", "EXP_WRITE_EVAL_NO_FAIL",
]


def exp_read(bin: str, expr: Any, flags: int = EXP_READ_DEFAULT) -> dict:
    """An operation that evaluates ``expr`` and returns its value as the result of ``bin``.

    Args:
        bin: the name the value comes back under (no bin is read or written).
        expr: an expression (:mod:`aerospike_py.exp`).
        flags: ``EXP_READ_DEFAULT``, or ``EXP_READ_EVAL_NO_FAIL`` to return nil instead of
            failing when the expression cannot be evaluated.

    Returns:
        The operation dict.
    """
    return {"op": OP_EXPR_READ, "bin": bin, "expr": expr, "expr_flags": flags}


def exp_write(bin: str, expr: Any, flags: int = EXP_WRITE_DEFAULT) -> dict:
    """An operation that evaluates ``expr`` and writes its value into ``bin``.

    Args:
        bin: the bin written.
        expr: an expression (:mod:`aerospike_py.exp`); ``exp.nil()`` with
            ``EXP_WRITE_ALLOW_DELETE`` deletes the bin.
        flags: an OR of ``EXP_WRITE_*``: ``CREATE_ONLY`` / ``UPDATE_ONLY`` (the bin must not /
            must exist), ``ALLOW_DELETE``, and ``POLICY_NO_FAIL`` / ``EVAL_NO_FAIL`` to skip the
            write instead of failing.

    Returns:
        The operation dict.
    """
    return {"op": OP_EXPR_WRITE, "bin": bin, "expr": expr, "expr_flags": flags}


def expression_read(bin_name: str, expression: Any, expression_read_flags: int = EXP_READ_DEFAULT) -> dict:
    """The official client's name of :func:`exp_read`."""
    return exp_read(bin_name, expression, expression_read_flags)


def expression_write(bin_name: str, expression: Any, expression_write_flags: int = EXP_WRITE_DEFAULT) -> dict:
    """The official client's name of :func:`exp_write`."""
    return exp_write(bin_name, expression, expression_write_flags)
