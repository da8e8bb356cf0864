"""Worker for the ``aerospike-py`` peer from PyPI (Rust/PyO3), in benchmarks/.venvs/aerospike-py."""

from .aerospike_py_api import AerospikePyAdapter
from .base import main

if __name__ == "__main__":
    main(AerospikePyAdapter("aerospike-py", "aerospike-py"))
