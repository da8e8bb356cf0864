"""Admin calls to a server without security: aero-server answers every admin message as a
Community server does (result 51, SECURITY_NOT_SUPPORTED, in a bare 24-byte reply), and the
client raises AdminError with that code, as aerospike-py 0.14.4 does. With
AEROSPIKE_REFERENCE=host:port naming a real Community server, the raw replies of both are
compared byte for byte."""

import os
import socket

import pytest
from cluster_tools import admin_body, password_hash, send

import aerospike_py as A

CALLS = [
    lambda c: c.admin_create_user("u1", "p", ["read"]),
    lambda c: c.admin_drop_user("u1"),
    lambda c: c.admin_change_password("u1", "p2"),
    lambda c: c.admin_grant_roles("u1", ["read"]),
    lambda c: c.admin_revoke_roles("u1", ["read"]),
    lambda c: c.admin_query_user_info("u1"),
    lambda c: c.admin_query_users_info(),
    lambda c: c.admin_create_role("r1", [{"code": A.PRIV_READ, "ns": "test"}]),
    lambda c: c.admin_drop_role("r1"),
    lambda c: c.admin_grant_privileges("r1", [{"code": A.PRIV_READ}]),
    lambda c: c.admin_revoke_privileges("r1", [{"code": A.PRIV_READ}]),
    lambda c: c.admin_query_role("r1"),
    lambda c: c.admin_query_roles(),
    lambda c: c.admin_set_whitelist("r1", ["127.0.0.1"]),
    lambda c: c.admin_set_quotas("r1", 1, 2),
]

# One message of every admin command, as the clients build them.
MESSAGES = [
    admin_body(20, [(0, b"admin"), (3, password_hash("admin"))]),
    admin_body(0, [(0, b"admin"), (5, b"token")]),
    admin_body(1, [(0, b"u1"), (1, password_hash("p")), (10, b"\x01\x04read")]),
    admin_body(2, [(0, b"u1")]),
    admin_body(9, []),
    admin_body(10, [(11, b"r1"), (12, b"\x01\x0a\x04test\x00")]),
    admin_body(16, [(11, b"r1")]),
    admin_body(15, [(11, b"r1"), (14, b"\x00\x00\x00\x01"), (15, b"\x00\x00\x00\x02")]),
    admin_body(99, []),
]


@pytest.mark.parametrize("call", CALLS)
def test_every_admin_call_is_an_admin_error_51(client, call):
    if "AEROSPIKE_HOST" in os.environ:
        pytest.skip("depends on the server's edition")
    with pytest.raises(A.AdminError) as err:
        call(client)
    assert err.value.code == 51


def _replies(host, port):
    with socket.create_connection((host, port), timeout=5) as sock:
        return [(send(sock, 2, body)) for body in MESSAGES]


def test_raw_replies_match_a_community_server(server_config):
    reference = os.environ.get("AEROSPIKE_REFERENCE")
    if not reference:
        pytest.skip("set AEROSPIKE_REFERENCE=host:port to compare with a real Community server")
    host, port = reference.rsplit(":", 1)
    ours = _replies(*server_config["hosts"][0])
    assert ours == _replies(host, int(port))
    assert all(reply == bytes([0, 51]) + bytes(14) for reply in ours)
