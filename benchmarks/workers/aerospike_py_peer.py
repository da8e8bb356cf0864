"""Worker for the ``aerospike-py`` peer from PyPI (Rust/PyO3), in benchmarks/.venvs/aerospike-py."""

from .aerospike_py_api import AerospikePyAdapter
from .base import main


def adapter() -> AerospikePyAdapter:
    """This worker's adapter."""
    return AerospikePyAdapter("aerospike-py", "aerospike-py")


if __name__ == "__main__":
    main(adapter())
