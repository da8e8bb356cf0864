"""User-defined functions for ``Client`` (and, through it, ``AsyncClient``): aerospike-py's
``udf_put`` / ``udf_remove`` / ``apply`` / ``batch_apply`` and the official client's
``udf_list`` / ``udf_get``.

Registration waits until every node has the module (or none has it, for a removal), so a call
that follows sees it everywhere. ``apply`` and ``batch_apply`` are plans in ``_commands`` like
the other record commands; a function that fails raises ``UDFError`` (code 100) with the
server's message, for example ``".../mod.lua:5: boom"`` or ``"function not found"``.
"""

import os
from typing import Any, Callable, Optional, Sequence, Union

from . import _commands, _policy
from . import _constants as C
from ._commands import policy_args, unpack
from ._ffi import check, lib, thread_result, thread_state
from ._values import check_name, check_no_nul
from .exception import invalid_argument, make_error
from .types import BatchUDFMeta, BatchWriteResult, Key

_ERR_CLIENT = -1


def _module_file(module: Any) -> bytes:
    """A module name as the server files it: ``name.lua``."""
    check_name("module", module)
    return (module if module.endswith(".lua") else module + ".lua").encode()


def _check_udf_type(udf_type: Any) -> None:
    if isinstance(udf_type, bool) or not isinstance(udf_type, int):
        raise TypeError(f"udf_type must be an int, got {type(udf_type).__name__}")
    if udf_type != C.UDF_TYPE_LUA:
        raise invalid_argument("Only Lua UDF (udf_type=0) is supported.")


class UdfMethods:
    """The UDF methods of ``Client`` (a mixin over its ``_native()`` and ``_run()``)."""

    _native: Callable[[], Any]  # Client's
    _run: Callable[[_commands.Plan], Any]  # Client's

    def udf_put(self, filename: str, udf_type: int = 0, policy: Optional[dict[str, Any]] = None) -> None:
        """Registers a Lua module on the cluster and waits until every node has it.

        Args:
            filename: path of the ``.lua`` file; the module is named after its base name
                (``udfs/my_mod.lua`` registers ``my_mod``).
            udf_type: ``UDF_TYPE_LUA`` (0), the only kind.
            policy: an ``AdminPolicy`` dict.

        Raises:
            TypeError: a bad argument type.
            InvalidArgError: ``udf_type`` is not 0.
            ClientError: the file cannot be read; not connected or closed.
            UDFError: the server cannot compile the module (``"<file>:<line>: <message>"``).
        """
        if not isinstance(filename, (str, os.PathLike)):
            raise TypeError(f"filename must be a str, got {type(filename).__name__}")
        _check_udf_type(udf_type)
        packed = _policy.admin_policy(policy)
        try:
            with open(filename, "rb") as f:
                content = f.read()
        except OSError as e:
            raise make_error(_ERR_CLIENT, f"Failed to read UDF file '{os.fspath(filename)}': {e.strerror}") from e
        name = os.path.basename(os.fspath(filename))
        check_no_nul("filename", name)
        handle = self._native()
        err, _ = thread_state()
        check(lib.aero_client_udf_put(handle, name.encode(), content, len(content), *policy_args(packed), err), err)

    def udf_remove(self, module: str, policy: Optional[dict[str, Any]] = None) -> None:
        """Removes a registered module (``"name"`` or ``"name.lua"``) and waits until no node
        has it; removing a module that is not registered succeeds, as on the server.

        Args:
            module: the module's name.
            policy: an ``AdminPolicy`` dict.

        Raises:
            TypeError, ValueError: a bad module name.
            ClientError: not connected or closed.
        """
        name = _module_file(module)
        packed = _policy.admin_policy(policy)
        handle = self._native()
        err, _ = thread_state()
        check(lib.aero_client_udf_remove(handle, name, *policy_args(packed), err), err)

    def udf_list(self, policy: Optional[dict[str, Any]] = None) -> list[dict[str, Any]]:
        """Lists the registered modules (the official client's call).

        Args:
            policy: an ``AdminPolicy`` dict.

        Returns:
            ``[{"name": "mod.lua", "hash": "<sha1 hex>", "type": C.UDF_TYPE_LUA}, ...]``.

        Raises:
            ClientError: not connected or closed.
        """
        packed = _policy.admin_policy(policy)
        handle = self._native()
        err, buf = thread_state()
        check(lib.aero_client_udf_list(buf, handle, *policy_args(packed), err), err)
        return [{"name": name, "hash": digest, "type": C.UDF_TYPE_LUA} for name, digest, _ in unpack(thread_result())]

    def udf_get(self, module: str, language: int = 0, policy: Optional[dict[str, Any]] = None) -> str:
        """The source of a registered module (the official client's call).

        Args:
            module: the module's name (``"name"`` or ``"name.lua"``).
            language: ``UDF_TYPE_LUA`` (0).
            policy: an ``AdminPolicy`` dict.

        Returns:
            The Lua source.

        Raises:
            UDFError: no such module.
            ClientError: not connected or closed.
        """
        name = _module_file(module)
        _check_udf_type(language)
        packed = _policy.admin_policy(policy)
        handle = self._native()
        err, buf = thread_state()
        check(lib.aero_client_udf_get(buf, handle, name, *policy_args(packed), err), err)
        return bytes(thread_result()).decode("utf-8", "surrogateescape")

    def apply(self, key: tuple, module: str, function: str, args: Optional[list[Any]] = None,
              policy: Optional[dict[str, Any]] = None) -> Any:
        """Runs a record UDF: ``module.function(record, *args)`` on the server.

        Args:
            key: ``(namespace, set, user_key)`` (a 20-byte digest may follow).
            module: the registered module (without ``.lua``).
            function: the function's name.
            args: the arguments after the record.
            policy: a ``WritePolicy`` dict (the function may write).

        Returns:
            The function's return value (``None`` for none).

        Raises:
            TypeError, ValueError: a bad key, name, argument or policy.
            UDFError: the function failed (the server's message says where and why).
            ClientError: not connected or closed.
        """
        return self._run(_commands.apply(key, module, function, args, policy))

    def batch_apply(self, keys: Sequence[Union[Key, tuple[Key, BatchUDFMeta]]], module: str, function: str,
                    args: Optional[list[Any]] = None,
                    policy: Optional[dict[str, Any]] = None) -> BatchWriteResult:
        """Runs a record UDF on many records in one call.

        Args:
            keys: key tuples, or ``(key, BatchUDFMeta)`` pairs whose meta may name another
                ``module``, ``function`` or ``args`` and set ``ttl``, ``key``,
                ``commit_level``, ``durable_delete`` for that record.
            module: the module (without ``.lua``).
            function: the function's name.
            args: the arguments after the record.
            policy: a ``BatchPolicy`` dict with the ``BatchUDFPolicy`` defaults.

        Returns:
            ``BatchWriteResult``: each ``BatchRecord.record.bins`` is ``{"SUCCESS": value}``,
            or ``{"FAILURE": message}`` with result 100.

        Raises:
            TypeError, ValueError: a bad key, name, argument, meta or policy.
            ClientError: not connected or closed.
        """
        return self._run(_commands.batch_apply(keys, module, function, args, policy))
