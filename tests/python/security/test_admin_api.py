"""The admin API (aerospike-py 0.14.4's admin_* methods), sync and async, against
aero-server --security: round trips of users and roles, the shapes returned, and bad input."""

import asyncio
from concurrent.futures import ThreadPoolExecutor

import pytest
from security_tools import ROOT, config_of, unique

import aerospike_py as A


def test_user_round_trip(secured, admin):
    user = unique("u")
    admin.admin_create_user(user, "pw", ["read"])
    try:
        info = admin.admin_query_user_info(user)
        assert info == {"user": user, "roles": ["read"], "conns_in_use": 0, "read_info": [0, 0, 0, 0],
                        "write_info": [0, 0, 0, 0]}
        admin.admin_grant_roles(user, ["read-write", "truncate"])
        assert admin.admin_query_user_info(user)["roles"] == ["read", "read-write", "truncate"]
        admin.admin_revoke_roles(user, ["read"])
        assert admin.admin_query_user_info(user)["roles"] == ["read-write", "truncate"]
        assert user in [u["user"] for u in admin.admin_query_users_info()]
        admin.admin_change_password(user, "new")  # another user's: SET_PASSWORD
        with pytest.raises(A.AdminError) as err:
            A.client(config_of(secured)).connect(user, "pw")
        assert err.value.code == 65
    finally:
        admin.admin_drop_user(user)
    with pytest.raises(A.AdminError) as err:
        admin.admin_query_user_info(user)
    assert err.value.code == 60


def test_role_round_trip(admin):
    role = unique("r")
    admin.admin_create_role(role, [{"code": A.PRIV_READ, "ns": "test", "set": "s1"}, {"code": "sys_admin"}],
                            whitelist=["127.0.0.1", "10.0.0.0/8"], read_quota=5)
    try:
        assert admin.admin_query_role(role) == {
            "name": role, "privileges": [{"code": A.PRIV_READ, "ns": "test", "set": "s1"}, {"code": A.PRIV_SYS_ADMIN}],
            "allowlist": ["127.0.0.1", "10.0.0.0/8"], "read_quota": 5, "write_quota": 0}
        admin.admin_grant_privileges(role, [{"code": A.PRIV_WRITE, "ns": "bar"}])
        admin.admin_revoke_privileges(role, [{"code": A.PRIV_SYS_ADMIN}])
        admin.admin_set_whitelist(role, [])
        admin.admin_set_quotas(role, read_quota=7, write_quota=8)
        assert admin.admin_query_role(role) == {
            "name": role, "privileges": [{"code": A.PRIV_READ, "ns": "test", "set": "s1"},
                                         {"code": A.PRIV_WRITE, "ns": "bar", "set": ""}],
            "allowlist": [], "read_quota": 7, "write_quota": 8}
        names = [r["name"] for r in admin.admin_query_roles()]
        assert role in names and {"read", "read-write", "user-admin", "sys-admin", "truncate"} <= set(names)
        # Predefined roles: one global privilege each, with ns and set "" (as aerospike-py shows them).
        assert admin.admin_query_role("read-write")["privileges"] == [{"code": A.PRIV_READ_WRITE, "ns": "", "set": ""}]
    finally:
        admin.admin_drop_role(role)
    with pytest.raises(A.AdminError) as err:
        admin.admin_query_role(role)
    assert err.value.code == 70


async def test_async_round_trip(secured):
    client = await A.AsyncClient(config_of(secured)).connect(*ROOT)
    user, role = unique("u"), unique("r")
    try:
        await client.admin_create_role(role, [{"code": A.PRIV_READ_WRITE, "ns": "test"}])
        await client.admin_create_user(user, "pw", [role])
        assert (await client.admin_query_user_info(user))["roles"] == [role]
        assert (await client.admin_query_role(role))["privileges"] == [{"code": A.PRIV_READ_WRITE, "ns": "test", "set": ""}]
        await client.admin_grant_roles(user, ["read"])
        await client.admin_revoke_roles(user, ["read"])
        await client.admin_grant_privileges(role, [{"code": A.PRIV_READ}])
        await client.admin_revoke_privileges(role, [{"code": A.PRIV_READ}])
        await client.admin_set_whitelist(role, ["127.0.0.1"])
        await client.admin_set_quotas(role, 10, 20)
        await client.admin_change_password(user, "pw2")
        assert user in [u["user"] for u in await client.admin_query_users_info()]
        assert role in [r["name"] for r in await client.admin_query_roles()]
        await client.admin_drop_user(user)
        await client.admin_drop_role(role)
    finally:
        await client.close()


def test_changing_your_own_password_keeps_the_client_working(secured, admin):
    user = unique("u")
    admin.admin_create_user(user, "old", ["read-write", "user-admin"])
    client = A.client(config_of(secured)).connect(user, "old")
    try:
        keys = [("test", "pw", unique("k")) for _ in range(40)]
        with ThreadPoolExecutor(8) as pool:  # several pooled connections, logged in with the old password
            list(pool.map(lambda k: client.put(k, {"i": 0}), keys))
            client.admin_change_password(user, "new")  # CHANGE_PASSWORD with the old hash
            # The old connections are retired; new ones authenticate with the new session.
            list(pool.map(lambda ik: client.put(ik[1], {"i": ik[0]}), enumerate(keys)))
        assert client.batch_read(keys) == {k[2]: {"i": i} for i, k in enumerate(keys)}
        with pytest.raises(A.AdminError):
            A.client(config_of(secured)).connect(user, "old")
        A.client(config_of(secured)).connect(user, "new").close()
    finally:
        client.close()
        admin.admin_drop_user(user)


async def test_async_client_keeps_working_after_its_own_password_change(secured, admin):
    user = unique("u")
    admin.admin_create_user(user, "old", ["read-write"])
    client = await A.AsyncClient(config_of(secured)).connect(user, "old")
    try:
        keys = [("test", "apw", unique("k")) for _ in range(50)]
        await asyncio.gather(*(client.put(k, {"i": 0}) for k in keys))  # many async connections
        await client.admin_change_password(user, "new")
        await asyncio.gather(*(client.put(k, {"i": i}) for i, k in enumerate(keys)))
        assert [r.bins["i"] for r in await asyncio.gather(*(client.get(k) for k in keys))] == list(range(50))
    finally:
        await client.close()
        admin.admin_drop_user(user)


@pytest.mark.parametrize("call, exc", [
    (lambda c: c.admin_create_role("r", [{"code": 99}]), A.InvalidArgError),
    (lambda c: c.admin_create_role("r", [{"code": "bogus"}]), A.InvalidArgError),
    (lambda c: c.admin_create_role("r", [{"ns": "test"}]), A.InvalidArgError),
    (lambda c: c.admin_create_role("r", [{"code": A.PRIV_USER_ADMIN, "ns": "test"}]), A.ClientError),
    (lambda c: c.admin_create_role("r", "read"), TypeError),
    (lambda c: c.admin_create_role("r", [{"code": A.PRIV_READ}], read_quota=-1), OverflowError),
    (lambda c: c.admin_set_quotas("r", 2**32), OverflowError),
    (lambda c: c.admin_create_user(1, "pw", ["read"]), TypeError),
    (lambda c: c.admin_create_user("u", "pw", "read"), TypeError),
    (lambda c: c.admin_grant_roles("u", [1]), TypeError),
    (lambda c: c.admin_set_whitelist("r", "127.0.0.1"), TypeError),
])
def test_bad_arguments_are_refused_before_sending(admin, call, exc):
    with pytest.raises(exc):
        call(admin)


@pytest.mark.parametrize("call, code", [
    (lambda c: c.admin_create_user("", "pw", ["read"]), 60),
    (lambda c: c.admin_create_user("x" * 64, "pw", ["read"]), 60),
    (lambda c: c.admin_create_user(unique("u"), "pw", ["no-such-role"]), 70),
    (lambda c: c.admin_create_user("root", "pw", []), 61),
    (lambda c: c.admin_drop_user("nobody"), 60),
    (lambda c: c.admin_create_role("read", []), 71),
    (lambda c: c.admin_create_role(unique("r"), [], whitelist=["not-an-ip"]), 73),
    (lambda c: c.admin_drop_role("read"), 70),
    (lambda c: c.admin_grant_privileges("nope", [{"code": A.PRIV_READ}]), 70),
])
def test_server_refusals_are_admin_errors_with_the_code(admin, call, code):
    with pytest.raises(A.AdminError) as err:
        call(admin)
    assert err.value.code == code


def test_privilege_names_are_accepted_as_aerospike_py_accepts_them(admin):
    role = unique("r")
    admin.admin_create_role(role, [{"code": "Read-Write"}, {"code": "udf_admin"}])
    try:
        assert admin.admin_query_role(role)["privileges"] == [{"code": A.PRIV_READ_WRITE, "ns": "", "set": ""},
                                                              {"code": A.PRIV_UDF_ADMIN}]
    finally:
        admin.admin_drop_role(role)


def test_a_closed_or_unconnected_client_raises_client_error(secured):
    client = A.client(config_of(secured))
    with pytest.raises(A.ClientError):
        client.admin_query_users_info()
    client.connect(*ROOT)
    client.close()
    with pytest.raises(A.ClientError):
        client.admin_query_roles()
