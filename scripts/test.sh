#!/usr/bin/env bash
# The whole test suite: installs what the tests need (a Go toolchain, if none is usable), then runs
# every Maven module's tests (unit, golden, integration with the real compiler, wire tests).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
bash scripts/install-go.sh
# Tests never download modules: GOPROXY=off is set by optlens for every go command it runs.
./mvnw -B -ntp verify "$@"
