"""The exception tree, its attributes, the status-code mapping and the deprecated aliases."""

import warnings

import pytest

import aerospike_py
from aerospike_py import exception as exc
from aerospike_py.exception import make_error

TREE = {
    exc.ClientError: exc.AerospikeError,
    exc.BackpressureError: exc.ClientError,
    exc.RustPanicError: exc.ClientError,
    exc.ClusterError: exc.AerospikeError,
    exc.InvalidArgError: exc.AerospikeError,
    exc.AerospikeTimeoutError: exc.AerospikeError,
    exc.RecordError: exc.AerospikeError,
    exc.RecordNotFound: exc.RecordError,
    exc.RecordExistsError: exc.RecordError,
    exc.RecordGenerationError: exc.RecordError,
    exc.RecordTooBig: exc.RecordError,
    exc.BinNameError: exc.RecordError,
    exc.BinExistsError: exc.RecordError,
    exc.BinNotFound: exc.RecordError,
    exc.BinTypeError: exc.RecordError,
    exc.FilteredOut: exc.RecordError,
    exc.ServerError: exc.AerospikeError,
    exc.AerospikeIndexError: exc.ServerError,
    exc.IndexNotFound: exc.AerospikeIndexError,
    exc.IndexFoundError: exc.AerospikeIndexError,
    exc.QueryError: exc.ServerError,
    exc.QueryAbortedError: exc.QueryError,
    exc.AdminError: exc.ServerError,
    exc.UDFError: exc.ServerError,
}


@pytest.mark.parametrize("cls,parent", TREE.items(), ids=lambda c: getattr(c, "__name__", ""))
def test_tree(cls, parent):
    assert cls.__bases__ == (parent,)
    assert issubclass(exc.AerospikeError, Exception)


@pytest.mark.parametrize("name", exc.__all__)
def test_exported_at_top_level_as_same_object(name):
    assert getattr(aerospike_py, name) is getattr(exc, name)


@pytest.mark.parametrize(
    "code,cls",
    [
        (2, exc.RecordNotFound),
        (3, exc.RecordGenerationError),
        (5, exc.RecordExistsError),
        (6, exc.BinExistsError),
        (9, exc.AerospikeTimeoutError),
        (12, exc.BinTypeError),
        (13, exc.RecordTooBig),
        (15, exc.QueryAbortedError),
        (17, exc.BinNotFound),
        (21, exc.BinNameError),
        (23, exc.RecordError),
        (24, exc.RecordError),
        (27, exc.FilteredOut),
        (51, exc.AdminError),
        (80, exc.AdminError),
        (100, exc.UDFError),
        (200, exc.IndexFoundError),
        (201, exc.IndexNotFound),
        (210, exc.QueryAbortedError),
        (1, exc.ServerError),
        (4, exc.ServerError),
        (14, exc.ServerError),
        (999, exc.ServerError),
        (-1, exc.ClientError),
        (-2, exc.InvalidArgError),
        (-4, exc.ClusterError),
        (-7, exc.ClusterError),
        (-8, exc.ClusterError),
        (-10, exc.ClusterError),
        (-12, exc.AerospikeTimeoutError),
        (-30, exc.ClientError),
        (-31, exc.ClientError),
        (-32, exc.BackpressureError),
        (-33, exc.ClientError),
        (-99, exc.ClientError),
    ],
)
def test_code_mapping(code, cls):
    err = make_error(code, "text")
    assert type(err) is cls
    assert err.code == code


def test_attributes_and_message_format():
    err = make_error(9, "timed out", in_doubt=True, node="BB9")
    assert str(err) == "AEROSPIKE_ERR (9): timed out [in_doubt]"
    assert (err.code, err.msg, err.in_doubt, err.node) == (9, "timed out", True, "BB9")
    assert err.result_code == 9  # aerospike-py's name for the code
    plain = make_error(2, "Key not found")
    assert str(plain) == "AEROSPIKE_ERR (2): Key not found"
    assert plain.in_doubt is False and plain.node == ""


def test_user_raised_exception_has_defaults():
    err = aerospike_py.RecordNotFound("custom")
    assert str(err) == "custom"
    assert (err.code, err.msg, err.in_doubt, err.node) == (None, "custom", False, "")
    assert err.result_code is None
    assert aerospike_py.ClientError().msg == ""


def test_exceptions_pickle_round_trip_keeps_class():
    import pickle

    err = pickle.loads(pickle.dumps(make_error(2, "gone")))
    assert type(err) is exc.RecordNotFound
    assert str(err) == "AEROSPIKE_ERR (2): gone"


@pytest.mark.parametrize("alias,target", [("TimeoutError", "AerospikeTimeoutError"), ("IndexError", "AerospikeIndexError")])
def test_deprecated_alias_warns_in_exception_module(alias, target):
    with pytest.warns(DeprecationWarning, match=target):
        cls = getattr(exc, alias)
    assert cls is getattr(exc, target)


@pytest.mark.parametrize("alias,target", [("TimeoutError", "AerospikeTimeoutError"), ("IndexError", "AerospikeIndexError")])
def test_deprecated_alias_silent_at_top_level(alias, target):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert getattr(aerospike_py, alias) is getattr(aerospike_py, target)


def test_unknown_attribute_of_exception_module():
    with pytest.raises(AttributeError):
        exc.NoSuchError  # noqa: B018
