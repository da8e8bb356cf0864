"""Runs a command against a fresh aero-server on a free port.

Usage: with_server.py COMMAND [ARGS...]

The server binary comes from $AERO_SERVER. The command sees AEROSPIKE_HOST and
AEROSPIKE_PORT; the server is stopped (SIGTERM) when the command ends, and the
command's exit status is returned.
"""

import os
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "python"))

from aerospike_py.testing import EmbeddedServer  # noqa: E402


def main() -> int:
    if len(sys.argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    with EmbeddedServer() as server:
        env = dict(os.environ, AEROSPIKE_HOST=server.host, AEROSPIKE_PORT=str(server.port))
        return subprocess.call(sys.argv[1:], env=env)


if __name__ == "__main__":
    sys.exit(main())
