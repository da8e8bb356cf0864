"""aero-server --security enforcing roles as Aerospike Enterprise does: scoped privileges,
batch rows checked one by one, quotas, allow-lists, and sessions ending with their user or
password."""

import socket
import threading
import time

import pytest
from cluster_tools import admin_body, password_hash, send
from security_tools import config_of, unique

import aerospike_py as A


def test_read_on_one_set_reads_that_set_and_nothing_else(admin, user_with):
    for set_name in ("s1", "s2"):
        admin.put(("test", set_name, "k"), {"v": set_name})
    admin.put(("bar", "s1", "k"), {"v": "bar"})
    reader = user_with([{"code": A.PRIV_READ, "ns": "test", "set": "s1"}])
    assert reader.get(("test", "s1", "k")).bins == {"v": "s1"}
    assert [r.bins for r in reader.query("test", "s1").results()] == [{"v": "s1"}]
    for ns, set_name in (("test", "s2"), ("bar", "s1"), ("test", "")):
        with pytest.raises(A.AdminError) as err:
            reader.get((ns, set_name, "k"))
        assert err.value.code == 81
        with pytest.raises(A.AdminError):
            reader.query(ns, set_name).results()
    for ns, set_name in (("test", "s1"), ("test", "s2"), ("bar", "s1")):
        with pytest.raises(A.AdminError) as err:
            reader.put((ns, set_name, "k"), {"v": 0})
        assert err.value.code == 81
        with pytest.raises(A.AdminError):
            reader.remove((ns, set_name, "k"))
    with pytest.raises(A.AdminError):
        reader.truncate("test", "s1")
    with pytest.raises(A.AdminError):
        reader.admin_query_users_info()
    assert admin.get(("test", "s1", "k")).bins == {"v": "s1"}  # nothing changed


def test_batch_rows_are_checked_one_by_one(admin, user_with):
    writer = user_with([{"code": A.PRIV_READ_WRITE, "ns": "test", "set": "s1"}])
    result = writer.batch_write([(("test", "s1", "b1"), {"v": 1}), (("test", "s2", "b1"), {"v": 2})])
    assert [r.result for r in result.batch_records] == [0, 81]
    assert admin.get(("test", "s1", "b1")).bins == {"v": 1}
    with pytest.raises(A.RecordNotFound):
        admin.get(("test", "s2", "b1"))


def test_read_quota_limits_reads_per_second(admin, user_with):
    admin.put(("test", "q", "k"), {"v": 1})
    client = user_with([{"code": A.PRIV_READ_WRITE}], read_quota=5)
    codes = []
    for _ in range(12):
        try:
            client.get(("test", "q", "k"))
            codes.append(0)
        except A.AdminError as e:
            codes.append(e.code)
    assert 83 in codes  # QUOTA_EXCEEDED
    assert codes.count(0) <= 10  # at most 5 in each of two seconds
    time.sleep(1.1)
    assert client.get(("test", "q", "k")).bins == {"v": 1}
    client.put(("test", "q", "k"), {"v": 2})  # writes have no quota here


def test_write_quota_limits_writes(user_with):
    client = user_with([{"code": A.PRIV_READ_WRITE}], write_quota=3)
    refused = 0
    for i in range(10):
        try:
            client.put(("test", "q", f"w{i}"), {"v": i})
        except A.AdminError as e:
            assert e.code == 83
            refused += 1
    assert refused > 0


def test_allow_list_refuses_other_addresses_at_login(secured, user_with):
    user = user_with([{"code": A.PRIV_READ}], whitelist=["10.0.0.0/8"], connect=False)
    with pytest.raises(A.AdminError) as err:
        A.client(config_of(secured)).connect(user, "pw")
    assert err.value.code == 82  # NOT_WHITELISTED
    allowed = user_with([{"code": A.PRIV_READ}], whitelist=["127.0.0.1"])
    assert allowed.exists(("test", "s1", "nothing")) is not None


def _raw_login(secured, user, password, source="127.0.0.1"):
    """LOGIN from a socket bound to `source`: (result code, session token)."""
    with socket.socket() as sock:
        sock.settimeout(5)
        sock.bind((source, 0))
        sock.connect((secured.host, secured.port))
        reply = send(sock, 2, admin_body(20, [(0, user.encode()), (3, password_hash(password))]))
    return reply[1], _field(reply, 5)


def _raw_authenticate(secured, user, token):
    """AUTHENTICATE with a session token on a new connection: the result code."""
    with socket.create_connection((secured.host, secured.port), timeout=5) as sock:
        return send(sock, 2, admin_body(0, [(0, user.encode()), (5, token)]))[1]


def _logged_in_twice(secured, admin, roles):
    """A new user with `roles`, a client logged in as it, and a session token of its own."""
    user = unique("u")
    admin.admin_create_user(user, "pw", roles)
    client = A.client(config_of(secured)).connect(user, "pw")
    code, token = _raw_login(secured, user, "pw")
    assert code == 0
    return user, client, token


def _field(body, wanted):
    at = 16
    for _ in range(body[3]):
        size = int.from_bytes(body[at:at + 4], "big")
        if body[at + 4] == wanted:
            return body[at + 5:at + 4 + size]
        at += 4 + size
    return None


def test_allow_list_from_another_loopback_address(secured, user_with):
    user = user_with([{"code": A.PRIV_READ}], whitelist=["127.0.0.2"], connect=False)
    assert _raw_login(secured, user, "pw", source="127.0.0.2")[0] == 0
    assert _raw_login(secured, user, "pw", source="127.0.0.1")[0] == 82


def test_dropping_a_user_ends_its_sessions_and_connections(secured, admin):
    user, client, token = _logged_in_twice(secured, admin, ["read-write"])
    try:
        client.put(("test", "d", "k"), {"v": 1})
        admin.admin_drop_user(user)
        with pytest.raises(A.AdminError) as err:
            client.get(("test", "d", "k"))
        assert err.value.code == 80  # the open connection lost its rights
        assert _raw_authenticate(secured, user, token) == 65  # the session token is void
        with pytest.raises(A.AdminError) as err:
            A.client(config_of(secured)).connect(user, "pw")
        assert err.value.code == 60
    finally:
        client.close()


def test_a_password_change_ends_the_users_sessions_and_connections(secured, admin):
    user, client, token = _logged_in_twice(secured, admin, ["read"])
    try:
        client.exists(("test", "pc", "k"))
        admin.admin_change_password(user, "other")
        assert _raw_authenticate(secured, user, token) == 65
        with pytest.raises(A.AdminError) as err:
            client.exists(("test", "pc", "k"))
        assert err.value.code == 80  # logged in with the old password
    finally:
        client.close()
        admin.admin_drop_user(user)


def test_revoked_roles_take_effect_at_once(admin, user_with, secured):
    role = unique("r")
    admin.admin_create_role(role, [{"code": A.PRIV_READ_WRITE}])
    user = unique("u")
    admin.admin_create_user(user, "pw", [role])
    client = A.client(config_of(secured)).connect(user, "pw")
    try:
        client.put(("test", "rv", "k"), {"v": 1})
        admin.admin_revoke_privileges(role, [{"code": A.PRIV_READ_WRITE}])
        with pytest.raises(A.AdminError) as err:
            client.put(("test", "rv", "k"), {"v": 2})
        assert err.value.code == 81
    finally:
        client.close()
        admin.admin_drop_user(user)
        admin.admin_drop_role(role)


def test_users_work_while_others_are_administered(admin, user_with):
    worker = user_with([{"code": A.PRIV_READ_WRITE, "ns": "test"}])
    stop = threading.Event()
    errors: list = []

    def work(n):
        key = ("test", "busy", f"k{n}")
        i = 0
        while not stop.is_set():
            try:
                worker.put(key, {"i": i})
                assert worker.get(key).bins == {"i": i}
            except Exception as e:  # any failure is a bug here
                errors.append(e)
                return
            i += 1

    threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    try:
        for _ in range(15):
            role, user = unique("r"), unique("u")
            admin.admin_create_role(role, [{"code": A.PRIV_READ, "ns": "test", "set": "busy"}])
            admin.admin_create_user(user, "pw", [role])
            admin.admin_query_users_info()
            admin.admin_drop_user(user)
            admin.admin_drop_role(role)
    finally:
        stop.set()
        for t in threads:
            t.join()
    assert errors == []
