#!/usr/bin/env bash
# Installs what a fresh Debian machine lacks to build and test the project: the C/C++
# toolchain and libraries from Debian, libabigail's tools (the ABI check), Go (the Go
# example), and a Python virtual environment in .venv.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(cmake g++ make pkg-config libssl-dev openssl libuv1-dev zlib1g-dev libcrypt-dev libcmocka-dev libgtest-dev libs2-dev libabsl-dev libjansson-dev liblua5.4-dev python3-venv abigail-tools)
missing=()
for p in "${packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
# The Go example (examples/go) needs a Go toolchain with cgo; any go on PATH will do, else
# Debian's (1.19 on bookworm, which is enough: examples/go/go.mod asks for 1.19).
command -v go >/dev/null 2>&1 || missing+=(golang-go)
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing Debian packages: ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}"
fi

python=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$python" -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -r requirements-dev.txt
