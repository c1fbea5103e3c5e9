#!/usr/bin/env bash
# Installs a Go toolchain (>= 1.21) when none is usable. Idempotent: does nothing when one is found.
# Debian/Ubuntu: Debian's bookworm-backports golang-1.23-go package. Elsewhere: prints what to do.
set -euo pipefail

go_ok() {
  local go=$1 v
  [ -x "$go" ] || return 1
  v=$(GOTOOLCHAIN=local "$go" env GOVERSION 2>/dev/null) || return 1
  v=${v#go}
  local major=${v%%.*} rest=${v#*.}
  local minor=${rest%%.*}
  [ "$major" -gt 1 ] || { [ "$major" -eq 1 ] && [ "${minor%%[!0-9]*}" -ge 21 ]; }
}

for candidate in "${OPTLENS_GO:-}" "$(command -v go 2>/dev/null || true)" /usr/local/go/bin/go /usr/lib/go-1.23/bin/go; do
  if [ -n "$candidate" ] && go_ok "$candidate"; then
    echo "install-go: using $candidate ($(GOTOOLCHAIN=local "$candidate" env GOVERSION))"
    exit 0
  fi
done

if ! command -v apt-get >/dev/null 2>&1 || ! grep -qiE 'debian|ubuntu' /etc/os-release 2>/dev/null; then
  echo "install-go: no Go >= 1.21 found. Install Go 1.21 or newer (https://go.dev/doc/install) and put it on PATH, or set OPTLENS_GO." >&2
  exit 1
fi

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
codename=$(. /etc/os-release && echo "${VERSION_CODENAME:-bookworm}")
list=/etc/apt/sources.list.d/optlens-backports.list
if ! grep -rqs "${codename}-backports" /etc/apt/sources.list /etc/apt/sources.list.d/; then
  echo "deb http://deb.debian.org/debian ${codename}-backports main" | $SUDO tee "$list" >/dev/null
fi
$SUDO apt-get update -q
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q -t "${codename}-backports" golang-1.23-go
go_ok /usr/lib/go-1.23/bin/go || { echo "install-go: golang-1.23-go installed but /usr/lib/go-1.23/bin/go does not work" >&2; exit 1; }
echo "install-go: installed $(/usr/lib/go-1.23/bin/go version)"
