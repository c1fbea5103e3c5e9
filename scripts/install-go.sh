#!/usr/bin/env bash
# Installs Go toolchains. Idempotent: does nothing for what is already there.
#
#   scripts/install-go.sh              a Go >= 1.21 for optlens and its tests: keeps a usable one,
#                                      else installs Debian's golang-1.23-go from bookworm-backports
#   scripts/install-go.sh 1.22 1.27    also each named release, as Debian packages it, unpacked into
#                                      $OPTLENS_TOOLCHAINS (default ~/.cache/optlens-toolchains/go-1.N),
#                                      without touching the system's packages
#   scripts/install-go.sh --print 1.27 prints the go binary of an installed release (exit 1 if none)
#
# Debian has golang-1.21-go ... golang-1.23-go in bookworm(-backports), golang-1.24-go in trixie,
# 1.25 and 1.26 in trixie-backports and 1.27 in forky. Packages built for a newer Debian must not be
# installed on this one: they are fetched with a private apt configuration (own sources, lists and
# cache, an empty dpkg status) and unpacked with dpkg -x. Go's binaries are static and run anywhere.
set -euo pipefail

CACHE=${OPTLENS_TOOLCHAINS:-$HOME/.cache/optlens-toolchains}

go_version_of() { GOTOOLCHAIN=local GOFLAGS= "$1" env GOVERSION 2>/dev/null; }

go_ok() {
  local go=$1 v
  [ -x "$go" ] || return 1
  v=$(go_version_of "$go") || return 1
  v=${v#go}
  local major=${v%%.*} rest=${v#*.}
  local minor=${rest%%.*}
  [ "$major" -gt 1 ] || { [ "$major" -eq 1 ] && [ "${minor%%[!0-9]*}" -ge 21 ]; }
}

# The go binary of release 1.N when installed here (system package or our cache), else nothing.
release_go() {
  local want=$1 candidate v
  for candidate in "/usr/lib/go-$want/bin/go" "$CACHE/go-$want/usr/lib/go-$want/bin/go"; do
    [ -x "$candidate" ] || continue
    v=$(go_version_of "$candidate") || continue
    case "$v" in "go$want" | "go$want."* | "go${want}rc"*) echo "$candidate"; return 0 ;; esac
  done
  return 1
}

debian_only() {
  if ! command -v apt-get >/dev/null 2>&1 || ! grep -qiE 'debian|ubuntu' /etc/os-release 2>/dev/null; then
    echo "install-go: $1 Install Go 1.21 or newer (https://go.dev/doc/install) and put it on PATH, or set OPTLENS_GO." >&2
    exit 1
  fi
}

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"

install_default() {
  local candidate
  for candidate in "${OPTLENS_GO:-}" "$(command -v go 2>/dev/null || true)" /usr/local/go/bin/go /usr/lib/go-1.23/bin/go; do
    if [ -n "$candidate" ] && go_ok "$candidate"; then
      echo "install-go: using $candidate ($(go_version_of "$candidate"))"
      return 0
    fi
  done
  debian_only "no Go >= 1.21 found."
  local codename list=/etc/apt/sources.list.d/optlens-backports.list
  codename=$(. /etc/os-release && echo "${VERSION_CODENAME:-bookworm}")
  if ! grep -rqs "${codename}-backports" /etc/apt/sources.list /etc/apt/sources.list.d/; then
    echo "deb http://deb.debian.org/debian ${codename}-backports main" | $SUDO tee "$list" >/dev/null
  fi
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q -t "${codename}-backports" golang-1.23-go
  go_ok /usr/lib/go-1.23/bin/go || { echo "install-go: golang-1.23-go installed but /usr/lib/go-1.23/bin/go does not work" >&2; exit 1; }
  echo "install-go: installed $(/usr/lib/go-1.23/bin/go version)"
}

# A private apt: its own sources (every suite that packages a Go we support), lists and archives.
APT_DIR=$CACHE/apt
private_apt() {
  apt-get -q \
    -o Dir::Etc::sourcelist="$APT_DIR/sources.list" \
    -o Dir::Etc::sourceparts="$APT_DIR/sources.list.d" \
    -o Dir::Etc::preferencesparts="$APT_DIR/preferences.d" \
    -o Dir::State::Lists="$APT_DIR/lists" \
    -o Dir::State::status=/dev/null \
    -o Dir::Cache="$APT_DIR/cache" \
    -o APT::Get::List-Cleanup=false \
    -o APT::Sandbox::User=root \
    "$@"
}

private_apt_update() {
  [ -n "${APT_UPDATED:-}" ] && return 0
  mkdir -p "$APT_DIR/sources.list.d" "$APT_DIR/preferences.d" "$APT_DIR/lists/partial" "$APT_DIR/cache/archives/partial"
  local keyring=/usr/share/keyrings/debian-archive-keyring.gpg suite
  : > "$APT_DIR/sources.list.tmp"
  for suite in bookworm bookworm-backports trixie trixie-backports forky; do
    echo "deb [signed-by=$keyring] http://deb.debian.org/debian $suite main" >> "$APT_DIR/sources.list.tmp"
  done
  mv "$APT_DIR/sources.list.tmp" "$APT_DIR/sources.list"
  # Only we read these lists; apt as root drops privileges to _apt, which must be able to write them.
  chmod -R a+rwX "$APT_DIR" 2>/dev/null || true
  private_apt update >/dev/null
  APT_UPDATED=1
}

install_release() {
  local want=$1 found
  if found=$(release_go "$want"); then
    echo "install-go: go$want is $found ($(go_version_of "$found"))"
    return 0
  fi
  debian_only "go$want is not installed."
  private_apt_update
  local dest=$CACHE/go-$want work
  work=$(mktemp -d "$CACHE/.unpack-$want.XXXXXX")
  (cd "$work" && chmod a+rwx . && private_apt download "golang-$want-go" "golang-$want-src" >/dev/null) || {
    rm -rf "$work"
    echo "install-go: Debian has no golang-$want-go/golang-$want-src here (suites: bookworm, trixie, forky and their backports)" >&2
    return 1
  }
  local deb
  for deb in "$work"/*.deb; do dpkg -x "$deb" "$work/root"; done
  rm -f "$work"/*.deb
  # Replace atomically, so an interrupted run leaves no half-unpacked toolchain behind.
  rm -rf "$dest"
  mv "$work/root" "$dest"
  rm -rf "$work"
  found=$(release_go "$want") || { echo "install-go: unpacked golang-$want-go but its go does not run" >&2; return 1; }
  echo "install-go: installed $found ($(go_version_of "$found"))"
}

if [ "${1:-}" = "--print" ]; then
  shift
  release_go "${1:?usage: install-go.sh --print 1.N}"
  exit
fi

install_default
mkdir -p "$CACHE"
for v in "$@"; do
  case "$v" in
    1.[0-9]*) install_release "$v" ;;
    *) echo "install-go: '$v' is not a release like 1.27" >&2; exit 2 ;;
  esac
done
