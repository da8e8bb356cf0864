"""Helpers of the security tests: the root user, client configs, unique names."""

import itertools
import uuid
from typing import Any

from aerospike_py.testing import EmbeddedServer

ROOT = ("root", "rootpw")
_names = itertools.count()


def config_of(server: EmbeddedServer, **extra: Any) -> dict[str, Any]:
    """The client config of a server, with a short timeout."""
    return {"hosts": [(server.host, server.port)], "timeout": 2000, **extra}


def unique(prefix: str) -> str:
    """A user or role name no other test uses."""
    return f"{prefix}{next(_names)}_{uuid.uuid4().hex[:6]}"
