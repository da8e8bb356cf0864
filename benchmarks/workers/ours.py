"""Worker for our package (``python/aerospike_py`` on libaero), run from the source tree."""

from .aerospike_py_api import AerospikePyAdapter
from .base import main

if __name__ == "__main__":
    main(AerospikePyAdapter("ours", "aero-py"))
