# The two entry points of README.md: `make demo` and `make test`. Both install what is
# missing (tools/setup.sh), build, and run.
BUILD ?= build
VENV := .venv/bin
JOBS ?= 2
export AERO_LIBRARY := $(CURDIR)/$(BUILD)/libaero.so
export AERO_SERVER := $(CURDIR)/$(BUILD)/aero-server
export PYTHONPATH := $(CURDIR)/python

.PHONY: setup build demo test test-c test-core test-python bench clean

setup:
	tools/setup.sh

build: setup
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo
	cmake --build $(BUILD) -j$(JOBS)

# Starts an aero-server on a free port, runs the quick start against it, stops it.
demo: build
	$(VENV)/python tools/with_server.py $(VENV)/python examples/quickstart.py

test: build test-core test-c test-python

test-core:
	$(BUILD)/tests/core_tests

test-c:
	$(BUILD)/tests/c_tests

test-python:
	$(VENV)/python -m pytest -q

# Benchmarks against the peers (never part of `make test`; see README.md, "Benchmarks"): installs
# the peers into benchmarks/.venvs, builds aero-loadgen, starts aero-server, runs every client and
# writes benchmarks/results/<date>/. BENCH_ARGS passes options, e.g. BENCH_ARGS="--rounds 3 --sizes small".
bench: build
	AERO_LOADGEN=$(CURDIR)/$(BUILD)/aero-loadgen $(VENV)/python -m benchmarks $(BENCH_ARGS)

clean:
	rm -rf $(BUILD)
