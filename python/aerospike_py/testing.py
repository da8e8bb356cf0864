"""Run an embedded ``aero-server`` from Python, for tests and local development.

Example:
    >>> from aerospike_py.testing import EmbeddedServer
    >>> with EmbeddedServer() as server:            # doctest: +SKIP
    ...     client = aerospike_py.client(server.config()).connect()
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from typing import Any, Callable, Iterator, Optional, Sequence

__all__ = ["EmbeddedServer", "find_server_binary"]

_STARTUP_TIMEOUT_S = 10.0


def _die_with_parent() -> Optional[Callable[[], None]]:
    """On Linux, a pre-exec hook that has the kernel stop the server when its parent dies, so
    a killed test run leaves no server behind."""
    if not sys.platform.startswith("linux"):
        return None

    def hook() -> None:
        pr_set_pdeathsig = 1
        ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, signal.SIGTERM)

    return hook


def find_server_binary() -> str:
    """Returns the path of the ``aero-server`` binary.

    Looks at ``$AERO_SERVER``, then the copy shipped inside the package, then ``PATH``.

    Raises:
        FileNotFoundError: no binary was found; the message lists every place tried.
    """
    tried = []
    env = os.environ.get("AERO_SERVER")
    if env:
        if os.access(env, os.X_OK):
            return env
        tried.append(f"$AERO_SERVER={env} (not executable)")
    packaged = os.path.join(os.path.dirname(os.path.abspath(__file__)), "_lib", "aero-server")
    if os.access(packaged, os.X_OK):
        return packaged
    tried.append(f"{packaged} (missing)")
    on_path = shutil.which("aero-server")
    if on_path:
        return on_path
    tried.append("aero-server on PATH (missing)")
    raise FileNotFoundError("aero-server binary not found; tried: " + "; ".join(tried))


class EmbeddedServer:
    """An ``aero-server`` process on a free local port, stopped with SIGTERM on exit.

    Args:
        namespaces: extra namespaces besides ``test``.
        nodes: how many nodes to run (``--nodes``); one process plays the whole cluster.
        cluster_name: the cluster name the server reports.
        args: further command-line arguments for the server.
        binary: the server binary; found with :func:`find_server_binary` when omitted.

    Attributes:
        host: the address the server listens on.
        port: the port of its first node.
        ports: the ports of every node, in node order.
        tls_ports: the TLS ports of every node, in node order (with ``--tls-port`` in ``args``).
    """

    def __init__(
        self,
        namespaces: Sequence[str] = (),
        cluster_name: Optional[str] = None,
        args: Sequence[str] = (),
        binary: Optional[str] = None,
        nodes: int = 1,
    ) -> None:
        self._cmd = [binary or find_server_binary(), "--port", "0"]
        if nodes > 1:
            self._cmd += ["--nodes", str(nodes)]
        self._nodes = nodes
        # With --tls-port each node prints a second line, "aero-server tls listening on ...".
        self._lines = nodes * (2 if "--tls-port" in args else 1)
        for ns in namespaces:
            self._cmd += ["--namespace", ns]
        if cluster_name:
            self._cmd += ["--cluster-name", cluster_name]
        self._cmd += list(args)
        self.cluster_name = cluster_name
        self.host = ""
        self.port = 0
        self.ports: list[int] = []
        self.tls_ports: list[int] = []
        self._proc: Optional[subprocess.Popen[str]] = None

    def start(self) -> "EmbeddedServer":
        """Starts the server and waits until it listens.

        Raises:
            RuntimeError: the server exited or did not report its port in time.
        """
        self._proc = subprocess.Popen(self._cmd, stdout=subprocess.PIPE, text=True, preexec_fn=_die_with_parent())
        lines: list[str] = []

        def read_lines() -> None:
            for _ in range(self._lines):
                lines.append(self._proc.stdout.readline())  # type: ignore[union-attr]

        reader = threading.Thread(target=read_lines, daemon=True)
        reader.start()
        reader.join(_STARTUP_TIMEOUT_S)
        if len(lines) < self._lines or not all("listening on " in line for line in lines):
            self.stop()
            raise RuntimeError(f"aero-server did not start: {' '.join(self._cmd)!r} printed {lines!r}")
        for line in lines:
            host, _, port = line.split("listening on ", 1)[1].strip().rpartition(":")
            self.host = host.strip("[]")
            (self.tls_ports if line.startswith("aero-server tls ") else self.ports).append(int(port))
        self.port = self.ports[0]
        return self

    def stop(self) -> None:
        """Stops the server (SIGTERM, then SIGKILL after 5 s). Idempotent."""
        proc, self._proc = self._proc, None
        if proc is None:
            return
        if proc.poll() is None:
            proc.send_signal(signal.SIGCONT)  # a paused server must run to see the SIGTERM
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(5)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        if proc.stdout:
            proc.stdout.close()

    def pause(self) -> None:
        """Stops the server process (SIGSTOP) without closing its sockets: connections stay
        open and nothing answers, as with a server that hangs. Returns once it has stopped
        (a signal takes effect a moment after it is sent)."""
        if self._proc is not None:
            self._proc.send_signal(signal.SIGSTOP)
            self._wait_state(stopped=True)

    def resume(self) -> None:
        """Lets a paused server run again (SIGCONT)."""
        if self._proc is not None:
            self._proc.send_signal(signal.SIGCONT)
            self._wait_state(stopped=False)

    @contextlib.contextmanager
    def paused(self) -> Iterator[None]:
        """:meth:`pause` for the ``with`` block, then :meth:`resume`, however the block ends."""
        self.pause()
        try:
            yield
        finally:
            self.resume()

    def _wait_state(self, stopped: bool) -> None:
        """Waits (up to 5 s) until the process is, or is no longer, stopped (Linux /proc)."""
        path = f"/proc/{self._proc.pid}/stat"  # type: ignore[union-attr]
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            try:
                with open(path) as f:
                    state = f.read().rsplit(")", 1)[1].split()[0]
            except (OSError, IndexError):
                return  # not Linux, or the process is gone
            if (state in ("T", "t")) == stopped:
                return
            time.sleep(0.001)

    def config(self, **extra: Any) -> dict:
        """A client configuration dict for this server, merged with ``extra``."""
        cfg: dict = {"hosts": [(self.host, self.port)]}
        if self.cluster_name:
            cfg["cluster_name"] = self.cluster_name
        cfg.update(extra)
        return cfg

    def __enter__(self) -> "EmbeddedServer":
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
