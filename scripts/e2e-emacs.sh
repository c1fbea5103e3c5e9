#!/usr/bin/env bash
# End-to-end test through Emacs 30's eglot in batch mode: diagnostics, inlay hints, hover and
# optlens.showAssembly. Installs emacs-nox from bookworm-backports when no Emacs 29+ is present.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
emacs_major() { emacs --version 2>/dev/null | head -1 | sed -E 's/^GNU Emacs ([0-9]+).*/\1/'; }
if [ "$(emacs_major || echo 0)" -lt 29 ] 2>/dev/null || ! command -v emacs >/dev/null; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  codename=$(. /etc/os-release && echo "${VERSION_CODENAME:-bookworm}")
  if ! grep -rqs "${codename}-backports" /etc/apt/sources.list /etc/apt/sources.list.d/; then
    echo "deb http://deb.debian.org/debian ${codename}-backports main" | $SUDO tee /etc/apt/sources.list.d/optlens-backports.list >/dev/null
  fi
  $SUDO apt-get update -q >&2
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q -t "${codename}-backports" emacs-nox >&2
fi
(cd "$ROOT" && ./mvnw -q -B -DskipTests install >&2)
WS=$(mktemp -d)
trap 'rm -rf "$WS"' EXIT
cp -r "$ROOT/test-workspaces/basics/." "$WS/"
OPTLENS_JAR="$ROOT/server/target/optlens.jar" OPTLENS_WORKSPACE="$WS" HOME="$WS/home" \
  timeout 600 emacs --batch -Q -l "$ROOT/vscode-client/e2e/eglot-e2e.el"
