#!/usr/bin/env bash
# in-trixie.sh COMMAND [ARGS...]: runs COMMAND (nvim, hx, ...) in the trixie chroot made by
# scripts/install-trixie-chroot.sh, in the caller's folder, inside a private mount namespace (every
# mount goes away with the command; nothing stays mounted on the host). Bind-mounted at the same paths:
# /proc, /dev, /tmp, the host's JDK (/usr/lib/jvm, /etc/java-17-openjdk), the Go toolchain optlens uses
# (OPTLENS_GO, else `go` on PATH, else Debian's go-1.23; with Debian's /usr/share/go-1.N its sources point into) and the project
# (read-only), plus OPTLENS_TRIXIE_BINDS="/a /b". Inside, PATH starts with OPTLENS_TRIXIE_PATH (when set), that Java and Go, HOME is
# the chroot's /root (Go's and optlens's caches stay in the chroot), and OPTLENS_*, TERM, COLUMNS and
# LINES pass through. Needs root.
set -euo pipefail
R=${OPTLENS_TRIXIE_ROOT:-$HOME/.cache/optlens-e2e/trixie}
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
if [ "${1:-}" != "--inside-namespace" ]; then
  [ "$(id -u)" = 0 ] || { echo "in-trixie: needs root (chroot, mount)" >&2; exit 1; }
  [ -x "$R/usr/bin/apt-get" ] || { echo "in-trixie: no chroot at $R: run scripts/install-trixie-chroot.sh" >&2; exit 1; }
  exec unshare --mount --propagation private -- "$0" --inside-namespace "$PWD" "$@"
fi
shift; cwd=$1; shift

go=${OPTLENS_GO:-$(command -v go || true)}
[ -n "$go" ] || [ ! -x /usr/lib/go-1.23/bin/go ] || go=/usr/lib/go-1.23/bin/go
[ -n "$go" ] || { echo "in-trixie: no Go: set OPTLENS_GO (scripts/install-go.sh installs one)" >&2; exit 1; }
go=$(readlink -f "$go")
goroot=$(GOTOOLCHAIN=local "$go" env GOROOT)
java_home=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")

mount -t proc proc "$R/proc"
mount --rbind /dev "$R/dev"
bind() { # bind PATH [ro]
  [ -e "$1" ] || return 0
  if [ -d "$1" ]; then mkdir -p "$R$1"; else mkdir -p "$(dirname "$R$1")"; [ -e "$R$1" ] || : >"$R$1"; fi
  mount --rbind "$1" "$R$1"
  if [ "${2:-}" = ro ]; then mount -o remount,bind,ro "$R$1"; fi
}
shares=()
case "$goroot" in /usr/lib/go-*) shares+=("/usr/share/${goroot#/usr/lib/}") ;; esac
for d in /tmp /usr/lib/jvm /etc/java-17-openjdk "$goroot" "${shares[@]}" ${OPTLENS_TRIXIE_BINDS:-}; do bind "$d"; done
bind "$ROOT" ro

envs=(HOME=/root LANG=C.UTF-8 TERM="${TERM:-xterm-256color}" JAVA_HOME="$java_home" OPTLENS_GO="$go"
      PATH="${OPTLENS_TRIXIE_PATH:+$OPTLENS_TRIXIE_PATH:}$java_home/bin:$(dirname "$go"):/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin")
while IFS='=' read -r k _; do
  case "$k" in OPTLENS_GO|OPTLENS_TRIXIE_PATH) ;; OPTLENS_*|COLUMNS|LINES) envs+=("$k=${!k}") ;; esac
done < <(env)
[ -d "$R$cwd" ] || { echo "in-trixie: $cwd is not visible in the chroot (use /tmp or the project)" >&2; exit 1; }
exec chroot "$R" /usr/bin/env -i "${envs[@]}" /bin/sh -c 'cd "$1" && shift && exec "$@"' sh "$cwd" "$@"
