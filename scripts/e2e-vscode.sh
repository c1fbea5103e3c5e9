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
mapfile -t VSIXES < <(bash "$ROOT/scripts/package-vsix.sh")
cd "$ROOT/vscode-client"
echo "e2e: the universal VSIX, on the machine's Java"
node e2e/vscode.e2e.mjs "$CS" "${VSIXES[0]}" "$ROOT"

# The platform VSIX where no Java is installed: no JAVA_HOME, and a PATH of everything on PATH but java.
nojava=$(mktemp -d)
trap 'rm -rf "$nojava"' EXIT
IFS=: read -ra dirs <<< "$PATH"
for d in "${dirs[@]}"; do
  [ -d "$d" ] || continue
  for f in "$d"/*; do
    n=$(basename "$f")
    [ "$n" = java ] || [ -e "$nojava/$n" ] || ln -s "$f" "$nojava/$n"
  done
done
if env -u JAVA_HOME PATH="$nojava" bash -c 'command -v java' >/dev/null; then echo "e2e: could not hide java" >&2; exit 1; fi
echo "e2e: the ${VSIXES[1]##*/} VSIX with no java on PATH and no JAVA_HOME"
env -u JAVA_HOME PATH="$nojava" OPTLENS_E2E_BUNDLED_JAVA=1 OPTLENS_E2E_OUT="$ROOT/vscode-client/e2e-screenshots/bundled-java" \
  node e2e/vscode.e2e.mjs "$CS" "${VSIXES[1]}" "$ROOT"

if [ -n "${VSIXES[2]:-}" ]; then
  echo "e2e: the ${VSIXES[2]##*/} VSIX's runtime and server under qemu-user"
  bash "$ROOT/scripts/smoke-vsix-arm64.sh" "${VSIXES[2]}"
fi
