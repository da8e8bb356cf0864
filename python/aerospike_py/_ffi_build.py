"""Build step: turn ``include/aero.h`` into cffi declarations (out-of-line ABI mode).

``setup.py`` runs this file through ``cffi_modules``, which writes ``aerospike_py/_cdef.py`` into
the build: a generated pure-Python module holding the parsed declarations, so that importing the
package needs no compiler and does not re-parse C. To generate it by hand (the package directory
must not be on ``sys.path``, or ``types.py`` would shadow the standard library's)::

    python -c "import runpy; runpy.run_path('python/aerospike_py/_ffi_build.py', run_name='__main__')"

A source tree normally has no ``_cdef.py``; ``_ffi`` then parses the header at import.

The declarations are never written by hand: :func:`cdef_from_header` strips the header, which
is kept cffi-parseable on purpose (STYLE rule 1.18), so the binding cannot drift from the ABI.
This module imports only ``re`` at import time; cffi is imported when the builder is made.
"""

import re
from pathlib import Path

#: The ABI header, found from this file: python/aerospike_py/ -> repository root.
HEADER_PATH = Path(__file__).resolve().parents[2] / "include" / "aero.h"

#: Name of the generated module (written next to this file).
MODULE_NAME = "aerospike_py._cdef"

_BLOCK_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
_LINE_COMMENT = re.compile(r"//[^\n]*")
_INTEGER_DEFINE = re.compile(r"^\s*#\s*define\s+[A-Za-z_]\w*\s+-?(?:0[xX][0-9a-fA-F]+|\d+)\s*$")
_CPLUSPLUS_GUARD = re.compile(r'^\s*(?:extern\s+"C"\s*\{|\})\s*$')


def cdef_from_header(text: str) -> str:
    """Returns the cffi ``cdef`` source for the text of ``aero.h``.

    Comments go, preprocessor lines go except ``#define NAME <integer>`` (cffi exposes those
    as ``lib.NAME``), the ``AERO_EXTERN`` marker goes, and so does the ``extern "C" {`` ... ``}``
    guard.

    Args:
        text: the header's content.

    Returns:
        Declarations that ``cffi.FFI.cdef`` accepts.
    """
    text = _LINE_COMMENT.sub("", _BLOCK_COMMENT.sub("", text))
    kept = []
    for line in text.splitlines():
        if line.lstrip().startswith("#"):
            if _INTEGER_DEFINE.match(line):
                kept.append(line.strip())
            continue
        if _CPLUSPLUS_GUARD.match(line) or not line.strip():
            continue
        kept.append(line.replace("AERO_EXTERN ", "").rstrip())
    return "\n".join(kept) + "\n"


def read_cdef(header: Path = HEADER_PATH) -> str:
    """Reads ``aero.h`` and returns its cdef (see :func:`cdef_from_header`).

    Args:
        header: path of the header.

    Returns:
        The cdef source.

    Raises:
        OSError: the header cannot be read.
    """
    return cdef_from_header(header.read_text(encoding="utf-8"))


def make_ffibuilder(header: Path = HEADER_PATH):
    """Makes the out-of-line ABI-mode builder for the generated ``_cdef`` module (``setup.py``'s
    ``cffi_modules`` names this function; cffi calls it).

    Args:
        header: path of the header.

    Returns:
        A ``cffi.FFI`` with ``set_source(MODULE_NAME, None)`` applied.
    """
    import cffi  # a build-time dependency only for this function

    builder = cffi.FFI()
    builder.cdef(read_cdef(header))
    builder.set_source(MODULE_NAME, None)
    return builder


if __name__ == "__main__":
    make_ffibuilder().emit_python_code(str(Path(__file__).with_name("_cdef.py")))
