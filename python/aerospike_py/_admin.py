"""User and role administration for ``Client`` and ``AsyncClient`` (aerospike-py's
``admin_*`` methods), all over ``aero_client_admin``: one msgpack request to a random node,
which spreads the change to its cluster. Needs a server with security; a Community server
refuses every call with ``AdminError`` (code 51)."""

from typing import Any, Callable, Optional

import msgpack

from . import _constants as C
from . import _policy
from ._commands import policy_args, unpack
from ._ffi import check, lib, thread_result, thread_state
from .exception import ClientError, invalid_argument

_PRIVILEGE_NAMES = {
    "read": C.PRIV_READ, "read-write": C.PRIV_READ_WRITE, "read-write-udf": C.PRIV_READ_WRITE_UDF,
    "write": C.PRIV_WRITE, "truncate": C.PRIV_TRUNCATE, "user-admin": C.PRIV_USER_ADMIN,
    "sys-admin": C.PRIV_SYS_ADMIN, "data-admin": C.PRIV_DATA_ADMIN, "udf-admin": C.PRIV_UDF_ADMIN,
    "sindex-admin": C.PRIV_SINDEX_ADMIN,
}
_NAME_OF_CODE = {code: name for name, code in _PRIVILEGE_NAMES.items()}
_U32_MAX = 0xFFFFFFFF


def _str(what: str, value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError(f"{what} must be a str, got {type(value).__name__}")
    return value


def _strs(what: str, value: Any) -> list[str]:
    if not isinstance(value, list):
        raise TypeError(f"{what} must be a list of str, got {type(value).__name__}")
    return [_str(f"{what} item", v) for v in value]


def _quota(what: str, value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{what} must be an int, got {type(value).__name__}")
    if not 0 <= value <= _U32_MAX:
        raise OverflowError(f"{what} must be between 0 and {_U32_MAX}, got {value}")
    return value


def _code(value: Any) -> int:
    """A privilege code from its int or its name ("sys_admin" and "SYS-ADMIN" name sys-admin)."""
    if isinstance(value, str):
        code = _PRIVILEGE_NAMES.get(value.lower().replace("_", "-"))
        if code is None:
            raise invalid_argument(f'Unknown privilege name: "{value}". Expected one of: {", ".join(_PRIVILEGE_NAMES)}')
        return code
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"privilege code must be an int or a str, got {type(value).__name__}")
    if value not in _NAME_OF_CODE:
        raise invalid_argument(f"Unknown privilege code: {value}")
    return value


def _privilege(value: Any) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise TypeError(f"a privilege must be a dict, got {type(value).__name__}")
    if "code" not in value:
        raise invalid_argument("Privilege dict must have 'code' key")
    code = _code(value["code"])
    ns = _str("privilege ns", value.get("ns") or "")
    set_name = _str("privilege set", value.get("set") or "")
    if code < C.PRIV_READ and (ns or set_name):
        raise ClientError(f"admin global privilege '{_NAME_OF_CODE[code]}' can't have a namespace or set")
    return {"code": code, "ns": ns, "set": set_name}


def _privileges(value: Any) -> list[dict[str, Any]]:
    if not isinstance(value, list):
        raise TypeError(f"privileges must be a list of dict, got {type(value).__name__}")
    return [_privilege(p) for p in value]


def _role_info(role: dict[str, Any]) -> dict[str, Any]:
    """A ``RoleInfo``, as aerospike-py shapes it: the global privileges carry only their
    ``code``, the others ``ns`` and ``set`` too (``""`` for every namespace or set)."""
    role["privileges"] = [p if p["code"] >= C.PRIV_READ else {"code": p["code"]} for p in role["privileges"]]
    return role


class AdminMethods:
    """The ``admin_*`` methods of ``Client`` (a mixin over its ``_native()``)."""

    _native: Callable[[], Any]  # Client's

    def _admin(self, request: dict[str, Any], policy: Optional[dict[str, Any]]) -> Any:
        packed_policy = _policy.admin_policy(policy)
        handle = self._native()
        packed = msgpack.packb(request, use_bin_type=True)
        err, buf = thread_state()
        check(lib.aero_client_admin(buf, handle, packed, len(packed), *policy_args(packed_policy), err), err)
        return unpack(thread_result())

    def admin_create_user(self, username: str, password: str, roles: list[str],
                          policy: Optional[dict[str, Any]] = None) -> None:
        """Creates a user with a password and roles.

        Raises:
            TypeError: a bad argument type.
            AdminError: the server refused (51 on a Community server, 81 without user-admin,
                61 the user exists, 70 an unknown role, ...).
        """
        self._admin({"command": "create_user", "user": _str("username", username),
                     "password": _str("password", password), "roles": _strs("roles", roles)}, policy)

    def admin_drop_user(self, username: str, policy: Optional[dict[str, Any]] = None) -> None:
        """Drops a user; its sessions end on every node."""
        self._admin({"command": "drop_user", "user": _str("username", username)}, policy)

    def admin_change_password(self, username: str, password: str, policy: Optional[dict[str, Any]] = None) -> None:
        """Changes a user's password. The client's own user changes it with its old password and
        the client logs in again with the new one; another user's password is set (user-admin)."""
        self._admin({"command": "change_password", "user": _str("username", username),
                     "password": _str("password", password)}, policy)

    def admin_grant_roles(self, username: str, roles: list[str], policy: Optional[dict[str, Any]] = None) -> None:
        """Adds roles to a user."""
        self._admin({"command": "grant_roles", "user": _str("username", username), "roles": _strs("roles", roles)},
                    policy)

    def admin_revoke_roles(self, username: str, roles: list[str], policy: Optional[dict[str, Any]] = None) -> None:
        """Removes roles from a user."""
        self._admin({"command": "revoke_roles", "user": _str("username", username), "roles": _strs("roles", roles)},
                    policy)

    def admin_query_user_info(self, username: str, policy: Optional[dict[str, Any]] = None) -> dict[str, Any]:
        """One user's ``UserInfo``: ``user``, ``roles``, ``conns_in_use``, ``read_info``, ``write_info``.

        Raises:
            AdminError: 60 (invalid user) when there is no such user.
        """
        users = self._admin({"command": "query_users", "user": _str("username", username)}, policy)
        return users[0]

    def admin_query_users_info(self, policy: Optional[dict[str, Any]] = None) -> list[dict[str, Any]]:
        """Every user's ``UserInfo``."""
        return self._admin({"command": "query_users"}, policy)

    def admin_create_role(self, role: str, privileges: list[Any], policy: Optional[dict[str, Any]] = None,
                          whitelist: Optional[list[str]] = None, read_quota: int = 0, write_quota: int = 0) -> None:
        """Creates a role from privileges (``{"code": PRIV_*, "ns": ..., "set": ...}``), with an
        optional allow-list of client addresses and read/write quotas (records per second).

        Raises:
            InvalidArgError: an unknown privilege code or name, or a privilege without ``code``.
            ClientError: a global privilege with a namespace or set.
            OverflowError: a quota below 0 or above 2**32-1.
        """
        request: dict[str, Any] = {"command": "create_role", "role": _str("role", role),
                                   "privileges": _privileges(privileges),
                                   "read_quota": _quota("read_quota", read_quota),
                                   "write_quota": _quota("write_quota", write_quota)}
        if whitelist is not None:
            request["whitelist"] = _strs("whitelist", whitelist)
        self._admin(request, policy)

    def admin_drop_role(self, role: str, policy: Optional[dict[str, Any]] = None) -> None:
        """Drops a role (users keep its name, with no rights from it)."""
        self._admin({"command": "drop_role", "role": _str("role", role)}, policy)

    def admin_grant_privileges(self, role: str, privileges: list[Any], policy: Optional[dict[str, Any]] = None) -> None:
        """Adds privileges to a role."""
        self._admin({"command": "grant_privileges", "role": _str("role", role),
                     "privileges": _privileges(privileges)}, policy)

    def admin_revoke_privileges(self, role: str, privileges: list[Any],
                                policy: Optional[dict[str, Any]] = None) -> None:
        """Removes privileges (exact matches of code and scope) from a role."""
        self._admin({"command": "revoke_privileges", "role": _str("role", role),
                     "privileges": _privileges(privileges)}, policy)

    def admin_query_role(self, role: str, policy: Optional[dict[str, Any]] = None) -> dict[str, Any]:
        """One role's ``RoleInfo``: ``name``, ``privileges``, ``allowlist``, ``read_quota``, ``write_quota``.

        Raises:
            AdminError: 70 (invalid role) when there is no such role.
        """
        return _role_info(self._admin({"command": "query_roles", "role": _str("role", role)}, policy)[0])

    def admin_query_roles(self, policy: Optional[dict[str, Any]] = None) -> list[dict[str, Any]]:
        """Every role's ``RoleInfo``, the predefined ones included."""
        return [_role_info(r) for r in self._admin({"command": "query_roles"}, policy)]

    def admin_set_whitelist(self, role: str, whitelist: list[str], policy: Optional[dict[str, Any]] = None) -> None:
        """Sets the addresses (IPs or CIDRs) a role's users may connect from; empty clears it."""
        self._admin({"command": "set_whitelist", "role": _str("role", role),
                     "whitelist": _strs("whitelist", whitelist)}, policy)

    def admin_set_quotas(self, role: str, read_quota: int = 0, write_quota: int = 0,
                         policy: Optional[dict[str, Any]] = None) -> None:
        """Sets a role's read and write quotas (records per second per node; 0 = none)."""
        self._admin({"command": "set_quotas", "role": _str("role", role),
                     "read_quota": _quota("read_quota", read_quota),
                     "write_quota": _quota("write_quota", write_quota)}, policy)
