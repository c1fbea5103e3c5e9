#!/usr/bin/env bash
# The whole test suite: installs what the tests need (Go when no usable one is found; for the
# end-to-end tests Chromium, code-server and Emacs), then runs
#   1. every Maven module's tests (unit, golden, real-compiler integration, JSON-RPC wire tests),
#   2. the VS Code extension's unit tests (mocha, no VS Code),
#   3. the end-to-end tests in a real VS Code (code-server + Chromium) and in Emacs (eglot).
# OPTLENS_SKIP_E2E=1 skips step 3 (a quick run while developing).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
bash scripts/install-go.sh
stage() { echo; echo "== $1 ($(date +%T))"; }

stage "Maven: unit, golden, integration and wire tests"
# Tests never download modules: optlens sets GOPROXY=off and GOTOOLCHAIN=local for every go command.
./mvnw -B -ntp install "$@"

stage "VS Code extension: unit tests"
(cd vscode-client && npm ci --no-audit --no-fund && npm test)

if [ "${OPTLENS_SKIP_E2E:-}" = "1" ]; then
  echo "OPTLENS_SKIP_E2E=1: end-to-end tests skipped"
  exit 0
fi
stage "End to end: VS Code (code-server + Chromium)"
bash scripts/e2e-vscode.sh
stage "End to end: Emacs eglot"
bash scripts/e2e-emacs.sh
