# The two entry points of README.md: `make demo` and `make test`. Both install what is
# missing (tools/setup.sh), build, and run.
BUILD ?= build
VENV := .venv/bin
JOBS ?= 2
export AERO_LIBRARY := $(CURDIR)/$(BUILD)/libaero.so
export AERO_SERVER := $(CURDIR)/$(BUILD)/aero-server
export PYTHONPATH := $(CURDIR)/python

.PHONY: setup build demo test test-c test-core test-python test-fuzz build-asan test-asan build-tsan test-tsan bench clean \
  install-sdk test-examples test-example-c test-example-go test-abi abi-baseline wheel

setup:
	tools/setup.sh

build: setup
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo
	cmake --build $(BUILD) -j$(JOBS)

# Starts an aero-server on a free port, runs the quick start against it, stops it.
demo: build
	$(VENV)/python tools/with_server.py $(VENV)/python examples/quickstart.py

test: build test-core test-c test-examples test-abi test-python test-fuzz test-asan test-tsan

test-core:
	$(BUILD)/tests/core_tests

test-c:
	$(BUILD)/tests/c_tests

# The suite includes tests/python/dist, which installs the release wheel on a bare machine.
test-python: $(WHEEL)
	AERO_WHEEL=$(CURDIR)/$(WHEEL) $(VENV)/python -m pytest -q

# The release wheel (README.md, "Installing the wheel"): `python -m build` makes the sdist and
# builds the wheel from it (so the sdist is proven complete), setup.py strips both binaries
# and keeps their debug info in dist/debug (packed into the debuginfo tarball), auditwheel
# vendors OpenSSL, libuv, Lua, S2 and Abseil and checks the platform tag (it refuses a binary
# that needs a newer glibc or libstdc++ than WHEEL_PLAT allows), and the wheels of the
# package's dependencies land in dist/wheelhouse for offline installs. Rebuilt only when a file
# that goes into the sdist changes.
PKG_VERSION := $(shell sed -n 's/^\#define AERO_VERSION_\(MAJOR\|MINOR\|PATCH\) *\([0-9]*\)$$/\2/p' include/aero.h | paste -sd.)
WHEEL_PLAT := manylinux_2_34_x86_64
WHEEL := dist/aero_py-$(PKG_VERSION)-py3-none-$(WHEEL_PLAT).whl
WHEEL_INPUTS := CMakeLists.txt MANIFEST.in README.md pyproject.toml setup.py \
  $(shell find include capi core python/aerospike_py -type f -not -path '*/__pycache__/*' -not -path '*/_lib/*' -not -name _cdef.py)

wheel: $(WHEEL)

$(WHEEL): $(WHEEL_INPUTS) | setup
	rm -rf dist
	AERO_DEBUG_DIR=$(CURDIR)/dist/debug $(VENV)/python -m build --outdir dist/build .
	PATH=$(CURDIR)/$(VENV):$$PATH $(VENV)/python -m auditwheel repair --plat $(WHEEL_PLAT) -w dist dist/build/*.whl
	mv dist/build/*.tar.gz dist/
	rm -rf dist/build
	tar -C dist/debug -cJf dist/aero_py-$(PKG_VERSION)-debuginfo-x86_64.tar.xz .
	$(VENV)/python -m pip download -q --only-binary=:all: -d dist/wheelhouse cffi msgpack
	$(VENV)/python -m auditwheel show $@

FUZZ_TARGETS := fuzz_msgpack fuzz_reply fuzz_info fuzz_batch_reply fuzz_server_request \
  fuzz_admin_reply fuzz_security fuzz_server_stream fuzz_cdt fuzz_exp fuzz_query_reply fuzz_admin_records \
  fuzz_udf_args

# Replays each fuzz target's seeds and thousands of mutations of them (tests/fuzz/README.md).
test-fuzz:
	for t in $(FUZZ_TARGETS); do $(BUILD)/tests/fuzz/$$t tests/fuzz/corpus/$$t || exit 1; done

# libaero as a program outside this repository sees it: installed (`cmake --install`) into a
# prefix inside the build directory, found through its pkg-config file, and used by the C
# example (examples/c, a CMake project of its own) and the Go package (examples/go, cgo),
# each run against an aero-server from the same prefix.
SDK_PREFIX := $(CURDIR)/$(BUILD)/sdk-prefix
# lib, or lib64 / lib/<triplet> where GNUInstallDirs chose that at configure time.
SDK_LIBDIR = $(SDK_PREFIX)/$(or $(shell sed -n 's/^CMAKE_INSTALL_LIBDIR:PATH=//p' $(BUILD)/CMakeCache.txt 2>/dev/null),lib)
SDK_PKG_CONFIG_PATH = $(SDK_LIBDIR)/pkgconfig
GO ?= go
# Go keeps its caches in the build directory and never downloads: the package has no
# dependencies, and GOPROXY=off makes sure of it.
GO_ENV = GOPATH=$(CURDIR)/$(BUILD)/go/path GOCACHE=$(CURDIR)/$(BUILD)/go/cache GOFLAGS=-modcacherw \
  GOPROXY=off GOTOOLCHAIN=local GOENV=off GOWORK=off CGO_ENABLED=1 \
  PKG_CONFIG_PATH=$(SDK_PKG_CONFIG_PATH) CGO_LDFLAGS=-Wl,-rpath,$(SDK_LIBDIR)

install-sdk:
	rm -rf $(SDK_PREFIX)
	cmake --install $(BUILD) --prefix $(SDK_PREFIX)

test-examples: test-example-c test-example-go

test-example-c: install-sdk
	PKG_CONFIG_PATH=$(SDK_PKG_CONFIG_PATH) cmake -S examples/c -B $(BUILD)/example-c
	cmake --build $(BUILD)/example-c
	AERO_SERVER=$(SDK_PREFIX)/bin/aero-server $(VENV)/python tools/with_server.py $(BUILD)/example-c/aero-example

test-example-go: install-sdk
	cd examples/go && $(GO_ENV) AERO_SERVER=$(SDK_PREFIX)/bin/aero-server \
	  $(CURDIR)/$(VENV)/python $(CURDIR)/tools/with_server.py $(GO) test -count=1 -v ./...

# The installed libaero's ABI against the committed baseline abi/libaero.abi (tools/abi_check.sh:
# added functions pass, removed or changed ones fail). abidiff reads the installed library's
# own debug info (RelWithDebInfo, not stripped); ABI_DEBUG_DIR names a directory of separate
# debug files instead, for a stripped library.
ABI_DEBUG_DIR ?=
test-abi: install-sdk
	tools/abi_check.sh $(SDK_LIBDIR)/libaero.so abi/libaero.abi $(ABI_DEBUG_DIR)

# Rewrites the baseline from the current build: only when a release deliberately changes the
# ABI (a new major), or adds functions (a new minor) and the baseline should record them.
abi-baseline: install-sdk
	tools/abi_check.sh --write $(SDK_LIBDIR)/libaero.so abi/libaero.abi $(ABI_DEBUG_DIR)

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
	  $(VENV)/python -m pytest -q -p no:cacheprovider tests/python/integration tests/python/cdt tests/python/concurrency tests/python/cluster \
	  tests/python/faults tests/python/udf

# The core unit tests, the C tests and the Python concurrency suite on a ThreadSanitizer build
# of libaero and aero-server. Python is not instrumented: it gets gcc's TSan runtime preloaded,
# which the TSan libaero then uses (the runtime must be loaded first; it cannot come in with a
# dlopened library). A race stops the process (halt_on_error); tests/tsan.supp lists the
# reports that come from outside our code. Reports go to files because the aero-servers the
# C and Python tests start are stopped with SIGTERM and nobody reads their exit status: any
# report file fails the step, after it is printed.
TSAN_BUILD := build-tsan
TSAN_LOG := $(CURDIR)/$(TSAN_BUILD)/tsan-report
TSAN_PRELOAD = $(shell gcc -print-file-name=libtsan.so)
tsan_run = rm -f $(TSAN_LOG).*; \
  TSAN_OPTIONS="halt_on_error=1 suppressions=$(CURDIR)/tests/tsan.supp log_path=$(TSAN_LOG)" $(1); \
  status=$$?; if ls $(TSAN_LOG).* >/dev/null 2>&1; then cat $(TSAN_LOG).*; exit 1; fi; exit $$status

build-tsan: setup
	cmake -S . -B $(TSAN_BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DAERO_TSAN=ON -DAERO_BENCHMARKS=OFF
	cmake --build $(TSAN_BUILD) -j$(JOBS) --target aero aero-server core_tests c_tests

test-tsan: build-tsan
	$(call tsan_run,$(TSAN_BUILD)/tests/core_tests)
	$(call tsan_run,AERO_SERVER=$(CURDIR)/$(TSAN_BUILD)/aero-server $(TSAN_BUILD)/tests/c_tests)
	$(call tsan_run,LD_PRELOAD="$(TSAN_PRELOAD)" \
	  AERO_LIBRARY=$(CURDIR)/$(TSAN_BUILD)/libaero.so AERO_SERVER=$(CURDIR)/$(TSAN_BUILD)/aero-server \
	  $(VENV)/python -m pytest -q -p no:cacheprovider tests/python/concurrency)

# Benchmarks against the peers (never part of `make test`; see README.md, "Benchmarks"): installs
# the peers into benchmarks/.venvs, builds aero-loadgen, starts aero-server, runs every client and
# writes benchmarks/results/<date>/. BENCH_ARGS passes options, e.g. BENCH_ARGS="--rounds 3 --sizes small".
bench: build
	AERO_LOADGEN=$(CURDIR)/$(BUILD)/aero-loadgen $(VENV)/python -m benchmarks $(BENCH_ARGS)

clean:
	rm -rf $(BUILD) build-pip dist
