#!/usr/bin/env bash
# The whole test suite: installs what the tests need (Go when no usable one is found, and the Go
# releases of the matrix; Microsoft's SARIF Multitool; for the end-to-end tests Chromium, code-server
# and Emacs), then runs
#   1. every Maven module's tests (unit, golden, real-compiler integration, JSON-RPC wire tests),
#      the release-dependent ones on every release of the matrix (OPTLENS_TEST_GO),
#   2. the VS Code extension's unit tests (mocha, no VS Code),
#   3. the end-to-end tests in a real VS Code (code-server + Chromium), Emacs (eglot), Neovim and Helix
#      (in a Debian trixie chroot; skipped with the reason where the machine cannot make one).
# OPTLENS_SKIP_E2E=1 skips step 3 (a quick run while developing).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
stage() { echo; echo "== $1 ($(date +%T))"; }

stage "Go: the default toolchain and the release matrix"
# Users run 1.25-1.27; 1.22 and 1.23 are the oldest we support. Override with OPTLENS_GO_MATRIX="1.23 1.27".
MATRIX=${OPTLENS_GO_MATRIX:-1.22 1.23 1.25 1.26 1.27}
# shellcheck disable=SC2086
bash scripts/install-go.sh $MATRIX
gos=()
for v in $MATRIX; do gos+=("$(bash scripts/install-go.sh --print "$v")"); done
OPTLENS_TEST_GO=$(IFS=:; echo "${gos[*]}")
export OPTLENS_TEST_GO
echo "matrix: $OPTLENS_TEST_GO"

stage "SARIF Multitool (validates optlens check --format=sarif in the tests)"
OPTLENS_SARIF_MULTITOOL=$(bash scripts/install-sarif-tool.sh)
export OPTLENS_SARIF_MULTITOOL

stage "Slicer helper (Go module): gofmt, vet, tests"
(
  cd analysis/src/main/go/slicer
  go=${gos[0]}
  unformatted=$("$(dirname "$go")/gofmt" -l .)
  if [ -n "$unformatted" ]; then echo "gofmt -l: $unformatted"; exit 1; fi
  GOTOOLCHAIN=local GOPROXY=off GOFLAGS=-mod=mod "$go" vet .
  GOTOOLCHAIN=local GOPROXY=off GOFLAGS=-mod=mod "$go" test -count=1 .
)

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
stage "End to end: Neovim 0.10 and Helix (trixie chroot, tmux)"
bash scripts/e2e-neovim.sh
bash scripts/e2e-helix.sh
