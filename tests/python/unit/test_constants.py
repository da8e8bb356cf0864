"""Constant values as aerospike-py exports them, and the ones shared with the C ABI."""

import typing

import pytest

import aerospike_py
from aerospike_py import _constants
from aerospike_py._ffi import lib

CONSTANT_NAMES = [name for name in vars(_constants) if name.isupper()]

# Values that must equal aerospike-py's (its POLICY_EXISTS_* numbering included).
EXPECTED = {
    "POLICY_KEY_DIGEST": 0, "POLICY_KEY_SEND": 1,
    "POLICY_EXISTS_IGNORE": 0, "POLICY_EXISTS_UPDATE": 1, "POLICY_EXISTS_UPDATE_ONLY": 1,
    "POLICY_EXISTS_REPLACE": 2, "POLICY_EXISTS_REPLACE_ONLY": 3, "POLICY_EXISTS_CREATE_ONLY": 4,
    "POLICY_GEN_IGNORE": 0, "POLICY_GEN_EQ": 1, "POLICY_GEN_GT": 2,
    "POLICY_REPLICA_MASTER": 0, "POLICY_REPLICA_SEQUENCE": 1, "POLICY_REPLICA_PREFER_RACK": 2,
    "POLICY_COMMIT_LEVEL_ALL": 0, "POLICY_COMMIT_LEVEL_MASTER": 1,
    "POLICY_READ_MODE_AP_ONE": 0, "POLICY_READ_MODE_AP_ALL": 1,
    "TTL_NAMESPACE_DEFAULT": 0, "TTL_NEVER_EXPIRE": -1, "TTL_DONT_UPDATE": -2, "TTL_CLIENT_DEFAULT": -3,
    "AUTH_INTERNAL": 0, "AUTH_EXTERNAL": 1, "AUTH_PKI": 2,
    "OPERATOR_READ": 1, "OPERATOR_WRITE": 2, "OPERATOR_INCR": 5, "OPERATOR_APPEND": 9,
    "OPERATOR_PREPEND": 10, "OPERATOR_TOUCH": 11, "OPERATOR_DELETE": 12,
    "INDEX_NUMERIC": 0, "INDEX_STRING": 1, "INDEX_BLOB": 2, "INDEX_GEO2DSPHERE": 3,
    "INDEX_TYPE_DEFAULT": 0, "INDEX_TYPE_LIST": 1, "INDEX_TYPE_MAPKEYS": 2, "INDEX_TYPE_MAPVALUES": 3,
    "LOG_LEVEL_OFF": -1, "LOG_LEVEL_ERROR": 0, "LOG_LEVEL_WARN": 1, "LOG_LEVEL_INFO": 2,
    "LOG_LEVEL_DEBUG": 3, "LOG_LEVEL_TRACE": 4,
    "SERIALIZER_NONE": 0, "SERIALIZER_PYTHON": 1, "SERIALIZER_USER": 2,
    "LIST_RETURN_VALUE": 7, "LIST_RETURN_EXISTS": 13, "LIST_SORT_DROP_DUPLICATES": 2,
    "LIST_WRITE_PARTIAL": 8, "MAP_RETURN_KEY_VALUE": 8, "MAP_KEY_VALUE_ORDERED": 3,
    "MAP_UPDATE": 0, "MAP_UPDATE_ONLY": 2, "MAP_CREATE_ONLY": 1,
    "BIT_OVERFLOW_SATURATE": 2, "BIT_OVERFLOW_WRAP": 4, "BIT_RESIZE_SHRINK_ONLY": 4,
    "HLL_WRITE_ALLOW_FOLD": 8,
    "PRIV_USER_ADMIN": 0, "PRIV_READ": 10, "PRIV_READ_WRITE": 11, "PRIV_READ_WRITE_UDF": 12,
    "PRIV_WRITE": 13, "PRIV_TRUNCATE": 14,
    "READ_TOUCH_TTL_PERCENT_SERVER_DEFAULT": 0, "READ_TOUCH_TTL_PERCENT_DONT_RESET": -1,
    "QUERY_DURATION_LONG": 0, "QUERY_DURATION_SHORT": 1, "QUERY_DURATION_LONG_RELAX_AP": 2,
    "AEROSPIKE_OK": 0, "AEROSPIKE_ERR_RECORD_NOT_FOUND": 2, "AEROSPIKE_ERR_PARAM": 4,
    "AEROSPIKE_ERR_TIMEOUT": 9, "AEROSPIKE_ERR_PARTITION_UNAVAILABLE": 11, "AEROSPIKE_ERR_BIN_TYPE": 12,
    "AEROSPIKE_ERR_FILTERED_OUT": 27, "AEROSPIKE_ERR_LOST_CONFLICT": 28, "AEROSPIKE_QUERY_END": 50,
    "AEROSPIKE_ERR_UDF": 100, "AEROSPIKE_ERR_BATCH_DISABLED": 150, "AEROSPIKE_ERR_QUERY_ABORTED": 210,
    "AEROSPIKE_ERR_CLIENT": -1, "AEROSPIKE_ERR_CONNECTION": -10, "AEROSPIKE_ERR_CLUSTER": -11,
    "AEROSPIKE_ERR_INVALID_HOST": -4, "AEROSPIKE_ERR_NO_MORE_CONNECTIONS": -7,
}


@pytest.mark.parametrize("name,value", EXPECTED.items())
def test_value_as_aerospike_py(name, value):
    assert getattr(aerospike_py, name) == value


@pytest.mark.parametrize("name", CONSTANT_NAMES)
def test_every_constant_exported(name):
    assert name in aerospike_py.__all__
    assert getattr(aerospike_py, name) == getattr(_constants, name)


ABI_SHARED = {
    "POLICY_KEY_DIGEST": "AERO_POLICY_KEY_DIGEST",
    "POLICY_KEY_SEND": "AERO_POLICY_KEY_SEND",
    "POLICY_EXISTS_IGNORE": "AERO_POLICY_EXISTS_IGNORE",
    "POLICY_EXISTS_UPDATE": "AERO_POLICY_EXISTS_UPDATE_ONLY",
    "POLICY_EXISTS_UPDATE_ONLY": "AERO_POLICY_EXISTS_UPDATE_ONLY",
    "POLICY_EXISTS_REPLACE": "AERO_POLICY_EXISTS_REPLACE",
    "POLICY_EXISTS_REPLACE_ONLY": "AERO_POLICY_EXISTS_REPLACE_ONLY",
    "POLICY_EXISTS_CREATE_ONLY": "AERO_POLICY_EXISTS_CREATE_ONLY",
    "POLICY_GEN_IGNORE": "AERO_POLICY_GEN_IGNORE",
    "POLICY_GEN_EQ": "AERO_POLICY_GEN_EQ",
    "POLICY_GEN_GT": "AERO_POLICY_GEN_GT",
    "POLICY_COMMIT_LEVEL_ALL": "AERO_POLICY_COMMIT_LEVEL_ALL",
    "POLICY_COMMIT_LEVEL_MASTER": "AERO_POLICY_COMMIT_LEVEL_MASTER",
    "POLICY_READ_MODE_AP_ONE": "AERO_POLICY_READ_MODE_AP_ONE",
    "POLICY_READ_MODE_AP_ALL": "AERO_POLICY_READ_MODE_AP_ALL",
    "POLICY_REPLICA_MASTER": "AERO_POLICY_REPLICA_MASTER",
    "POLICY_REPLICA_SEQUENCE": "AERO_POLICY_REPLICA_SEQUENCE",
    "POLICY_REPLICA_PREFER_RACK": "AERO_POLICY_REPLICA_PREFER_RACK",
    "POLICY_READ_MODE_SC_SESSION": "AERO_POLICY_READ_MODE_SC_SESSION",
    "POLICY_READ_MODE_SC_LINEARIZE": "AERO_POLICY_READ_MODE_SC_LINEARIZE",
    "POLICY_READ_MODE_SC_ALLOW_REPLICA": "AERO_POLICY_READ_MODE_SC_ALLOW_REPLICA",
    "POLICY_READ_MODE_SC_ALLOW_UNAVAILABLE": "AERO_POLICY_READ_MODE_SC_ALLOW_UNAVAILABLE",
    "OPERATOR_READ": "AERO_OP_READ",
    "OPERATOR_WRITE": "AERO_OP_WRITE",
    "OPERATOR_INCR": "AERO_OP_INCR",
    "OPERATOR_APPEND": "AERO_OP_APPEND",
    "OPERATOR_PREPEND": "AERO_OP_PREPEND",
    "OPERATOR_TOUCH": "AERO_OP_TOUCH",
    "OPERATOR_DELETE": "AERO_OP_DELETE",
    **{f"PRIV_{name}": f"AERO_PRIV_{name}" for name in (
        "USER_ADMIN", "SYS_ADMIN", "DATA_ADMIN", "UDF_ADMIN", "SINDEX_ADMIN", "READ", "READ_WRITE", "READ_WRITE_UDF",
        "WRITE", "TRUNCATE")},
}


@pytest.mark.parametrize("name,abi_name", ABI_SHARED.items())
def test_abi_shared_values_match_header(name, abi_name):
    assert getattr(aerospike_py, name) == getattr(lib, abi_name)


STATUS_SHARED = {
    "AEROSPIKE_ERR_SERVER": "AERO_ERR_SERVER",
    "AEROSPIKE_ERR_RECORD_NOT_FOUND": "AERO_ERR_RECORD_NOT_FOUND",
    "AEROSPIKE_ERR_RECORD_GENERATION": "AERO_ERR_RECORD_GENERATION",
    "AEROSPIKE_ERR_RECORD_EXISTS": "AERO_ERR_RECORD_EXISTS",
    "AEROSPIKE_ERR_TIMEOUT": "AERO_ERR_TIMEOUT",
    "AEROSPIKE_ERR_BIN_TYPE": "AERO_ERR_BIN_INCOMPATIBLE_TYPE",
    "AEROSPIKE_ERR_RECORD_TOO_BIG": "AERO_ERR_RECORD_TOO_BIG",
    "AEROSPIKE_ERR_BIN_NAME": "AERO_ERR_BIN_NAME",
    "AEROSPIKE_ERR_FILTERED_OUT": "AERO_ERR_FILTERED_OUT",
    "AEROSPIKE_ERR_CLIENT": "AERO_ERR_CLIENT",
    "AEROSPIKE_ERR_CONNECTION": "AERO_ERR_CONNECTION",
    "AEROSPIKE_ERR_INVALID_HOST": "AERO_ERR_INVALID_HOST",
    "AEROSPIKE_ERR_NO_MORE_CONNECTIONS": "AERO_ERR_NO_MORE_CONNECTIONS",
}


@pytest.mark.parametrize("name,abi_name", STATUS_SHARED.items())
def test_status_codes_match_header(name, abi_name):
    assert getattr(aerospike_py, name) == getattr(lib, abi_name)


# aerospike-py's stubs name the value set of each constant group; aerospike_py.types has them.
VALUE_SETS = {
    "PolicyKey": "POLICY_KEY_", "PolicyExists": "POLICY_EXISTS_", "PolicyGen": "POLICY_GEN_",
    "PolicyReplica": "POLICY_REPLICA_", "PolicyCommitLevel": "POLICY_COMMIT_LEVEL_",
    "PolicyReadModeAP": "POLICY_READ_MODE_AP_", "TTL": "TTL_", "AuthMode": "AUTH_",
    "IndexType": ("INDEX_NUMERIC", "INDEX_STRING", "INDEX_BLOB", "INDEX_GEO2DSPHERE"),
    "IndexCollectionType": "INDEX_TYPE_", "LogLevel": "LOG_LEVEL_", "Serializer": "SERIALIZER_",
    "ListReturnType": "LIST_RETURN_", "ListOrder": ("LIST_UNORDERED", "LIST_ORDERED"),
    # aerospike-py leaves the map forms out of MapReturnType.
    "MapReturnType": tuple(n for n in CONSTANT_NAMES if n.startswith("MAP_RETURN_") and not n.endswith("_MAP")),
    "MapOrder": ("MAP_UNORDERED", "MAP_KEY_ORDERED", "MAP_KEY_VALUE_ORDERED"), "PrivilegeCode": "PRIV_",
}


def literal_values(alias):
    """The values of a union of one-value Literals."""
    return {value for literal in typing.get_args(alias) for value in typing.get_args(literal)}


@pytest.mark.parametrize("alias, group", VALUE_SETS.items())
def test_value_sets_hold_their_constants(alias, group):
    names = [n for n in CONSTANT_NAMES if (n.startswith(group) if isinstance(group, str) else n in group)]
    assert literal_values(getattr(aerospike_py, alias)) == {getattr(_constants, n) for n in names}


def test_privilege_names_are_the_admin_calls():
    from aerospike_py._admin import _PRIVILEGE_NAMES

    assert literal_values(aerospike_py.PrivilegeName) == set(_PRIVILEGE_NAMES)
