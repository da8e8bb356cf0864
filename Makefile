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

test: build test-core test-c test-python test-fuzz test-asan

test-core:
	$(BUILD)/tests/core_tests

test-c:
	$(BUILD)/tests/c_tests

test-python:
	$(VENV)/python -m pytest -q

FUZZ_TARGETS := fuzz_msgpack fuzz_reply fuzz_info fuzz_batch_reply fuzz_server_request

# Replays each fuzz target's seeds and thousands of mutations of them (tests/fuzz/README.md).
test-fuzz:
	for t in $(FUZZ_TARGETS); do $(BUILD)/tests/fuzz/$$t tests/fuzz/corpus/$$t || exit 1; done

# The same C tests, fuzz replays and Python integration suites on an ASan+UBSan build of
# libaero and aero-server. Python itself is not instrumented, so its leaks are not checked.
ASAN_BUILD := build-asan
ASAN_PRELOAD = $(shell gcc -print-file-name=libasan.so) $(shell gcc -print-file-name=libubsan.so)

build-asan: setup
	cmake -S . -B $(ASAN_BUILD) -DCMAKE_BUILD_TYPE=Debug -DAERO_ASAN=ON -DAERO_BENCHMARKS=OFF
	cmake --build $(ASAN_BUILD) -j$(JOBS) --target aero aero-server c_tests $(FUZZ_TARGETS)

test-asan: build-asan
	UBSAN_OPTIONS=halt_on_error=1 AERO_SERVER=$(CURDIR)/$(ASAN_BUILD)/aero-server $(ASAN_BUILD)/tests/c_tests
	for t in $(FUZZ_TARGETS); do UBSAN_OPTIONS=halt_on_error=1 $(ASAN_BUILD)/tests/fuzz/$$t tests/fuzz/corpus/$$t || exit 1; done
	LD_PRELOAD="$(ASAN_PRELOAD)" ASAN_OPTIONS=detect_leaks=0 UBSAN_OPTIONS=halt_on_error=1 \
	  AERO_LIBRARY=$(CURDIR)/$(ASAN_BUILD)/libaero.so AERO_SERVER=$(CURDIR)/$(ASAN_BUILD)/aero-server \
	  $(VENV)/python -m pytest -q -p no:cacheprovider tests/python/integration tests/python/concurrency tests/python/cluster

# Benchmarks against the peers (never part of `make test`; see README.md, "Benchmarks"): installs
# the peers into benchmarks/.venvs, builds aero-loadgen, starts aero-server, runs every client and
# writes benchmarks/results/<date>/. BENCH_ARGS passes options, e.g. BENCH_ARGS="--rounds 3 --sizes small".
bench: build
	AERO_LOADGEN=$(CURDIR)/$(BUILD)/aero-loadgen $(VENV)/python -m benchmarks $(BENCH_ARGS)

clean:
	rm -rf $(BUILD)
