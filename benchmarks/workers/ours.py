"""Worker for our package (``python/aerospike_py`` on libaero), run from the source tree."""

from .aerospike_py_api import AerospikePyAdapter
from .base import main


def adapter() -> AerospikePyAdapter:
    """This worker's adapter."""
    return AerospikePyAdapter("ours", "aero-py")


if __name__ == "__main__":
    main(adapter())
