"""Benchmarks of aerospike_py against its peers (the official ``aerospike`` client and
``aerospike-py``), and of libaero alone (``benchmarks/c/loadgen.c``). Run ``python -m benchmarks``
from the repository root; see README.md, section "Benchmarks"."""
