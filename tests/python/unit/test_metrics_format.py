"""The number and label formats of ``get_metrics()``, as aerospike-py 0.14.4 writes them."""

import pytest

from aerospike_py._metrics import _number, error_type


@pytest.mark.parametrize("value, text", [
    (0.000199116, "0.000199116"), (0.000006837, "0.000006837"), (7.43e-7, "7.43e-7"), (4e-7, "4e-7"),
    (1.0, "1.0"), (10.0, "10.0"), (0.001, "0.001"), (2.5, "2.5"), (123.456, "123.456"), (1e20, "1e20"),
])
def test_numbers(value, text):
    assert _number(value) == text
    assert float(text) == value


@pytest.mark.parametrize("value, text", [(float("inf"), "+Inf"), (float("-inf"), "-Inf"), (float("nan"), "NaN")])
def test_non_finite_numbers(value, text):
    # Decimal gives these a str exponent, which the digit arithmetic cannot take.
    assert _number(value) == text


@pytest.mark.parametrize("code, label", [
    (0, ""), (2, "KeyNotFoundError"), (5, "KeyExistsError"), (9, "Timeout"), (27, "FilteredOut"),
    (100, "UdfBadResponse"), (-10, "Connection"), (-2, "InvalidArgument"), (-31, "Unknown"), (99, "Unknown(99)"),
])
def test_error_types(code, label):
    assert error_type(code) == label
