#!/usr/bin/env bash
# End-to-end test in a real VS Code: code-server from the npm registry, Debian's Chromium, the VSIX.
# Installs what is missing (idempotent): Chromium and code-server's build dependencies (Debian),
# code-server itself under $OPTLENS_E2E_DIR (default ~/.cache/optlens-e2e).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
E2E_DIR=${OPTLENS_E2E_DIR:-$HOME/.cache/optlens-e2e}
CS="$E2E_DIR/code-server"
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
need=()
for p in chromium build-essential pkg-config libkrb5-dev libsecret-1-dev libxkbfile-dev ripgrep python3; do
  dpkg -s "$p" >/dev/null 2>&1 || need+=("$p")
done
if [ ${#need[@]} -gt 0 ]; then
  $SUDO apt-get update -q >&2
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q "${need[@]}" >&2
fi
if [ ! -x "$CS/node_modules/.bin/code-server" ] || ! "$CS/node_modules/.bin/code-server" --config "$CS/config.yaml" --version >/dev/null 2>&1; then
  rm -rf "$CS"
  bash "$ROOT/scripts/install-code-server.sh" "$CS" >&2
fi
VSIX=$(bash "$ROOT/scripts/package-vsix.sh")
cd "$ROOT/vscode-client"
node e2e/vscode.e2e.mjs "$CS" "$VSIX" "$ROOT"
