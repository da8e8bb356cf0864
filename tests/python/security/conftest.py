"""What the security tests share: an aero-server in security mode (namespaces ``test`` and
``bar``, superuser ``root``), an admin client, and users made on demand from privileges."""

import sys
from pathlib import Path
from typing import Any, Callable, Iterator, Optional

import pytest

# The raw protocol helpers (admin messages, info to one node) of the cluster tests.
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "cluster"))
from security_tools import ROOT, config_of, unique

import aerospike_py as A
from aerospike_py.testing import EmbeddedServer

@pytest.fixture(scope="module")
def secured() -> Iterator[EmbeddedServer]:
    """A secured aero-server for the module."""
    with EmbeddedServer(args=["--security", "--namespace", "bar", "--user", ":".join(ROOT)]) as server:
        yield server


@pytest.fixture(scope="module")
def admin(secured: EmbeddedServer) -> Iterator[A.Client]:
    """A client logged in as root (every predefined role)."""
    client = A.client(config_of(secured)).connect(*ROOT)
    yield client
    client.close()


@pytest.fixture(scope="module")
def user_with(secured: EmbeddedServer, admin: A.Client) -> Iterator[Callable[..., A.Client]]:
    """Makes a role of the given privileges (plus allow-list and quotas), a user with only that
    role, and returns a client logged in as the user; all are dropped at the module's end."""
    made: list[tuple[A.Client, str, str]] = []

    def make(privileges: list[dict[str, Any]], whitelist: Optional[list[str]] = None, read_quota: int = 0,
             write_quota: int = 0, connect: bool = True) -> Any:
        role, user = unique("role"), unique("user")
        admin.admin_create_role(role, privileges, whitelist=whitelist, read_quota=read_quota, write_quota=write_quota)
        admin.admin_create_user(user, "pw", [role])
        if not connect:
            made.append((None, user, role))
            return user
        client = A.client(config_of(secured)).connect(user, "pw")
        made.append((client, user, role))
        return client

    yield make
    for client, user, role in made:
        if client is not None:
            client.close()
        admin.admin_drop_user(user)
        admin.admin_drop_role(role)
