#!/usr/bin/env bash
# Installs Neovim 0.10 and Helix (Debian trixie's packages `neovim` and `hx`) for the end-to-end tests,
# on a Debian 12 host, from Debian's archive only. Their binaries need trixie's C library, so they live
# in a minimal trixie chroot (debootstrap --variant=minbase), and scripts/in-trixie.sh runs them there
# with the host's Java, Go and project folders bind-mounted in a private mount namespace.
#
#   scripts/install-trixie-chroot.sh           install (idempotent: about 40 s the first time, <1 s after)
#   scripts/install-trixie-chroot.sh --check   exit 0 when this machine can make and enter a chroot
#
# Needs root (debootstrap, chroot, mount). The chroot is $OPTLENS_TRIXIE_ROOT (default
# ~/.cache/optlens-e2e/trixie, about 300 MB; apt's downloads are removed). A run stopped half-way is
# detected (debootstrap leaves its work folder) and started again.
set -euo pipefail
R=${OPTLENS_TRIXIE_ROOT:-$HOME/.cache/optlens-e2e/trixie}
MIRROR=${OPTLENS_DEBIAN_MIRROR:-http://deb.debian.org/debian}
PACKAGES="neovim hx"
export DEBIAN_FRONTEND=noninteractive
say() { echo "install-trixie-chroot: $*" >&2; }

can_chroot() {
  [ "$(id -u)" = 0 ] || { say "not root: cannot make a chroot"; return 1; }
  command -v unshare >/dev/null || { say "no unshare"; return 1; }
  unshare --mount --propagation private -- true 2>/dev/null || { say "cannot make a mount namespace here"; return 1; }
}
if [ "${1:-}" = "--check" ]; then can_chroot; exit $?; fi
can_chroot || exit 1

if ! command -v debootstrap >/dev/null; then
  say "apt-get install debootstrap"
  apt-get update -q >/dev/null
  apt-get install -y -q debootstrap >/dev/null
fi

log=$(mktemp /tmp/install-trixie-chroot.XXXXXX.log)
trap 'rm -f "$log"' EXIT
if [ -d "$R/debootstrap" ] || [ ! -x "$R/usr/bin/apt-get" ]; then
  if [ -e "$R" ]; then
    if grep -q " $R/" /proc/mounts; then say "something is still mounted under $R"; exit 1; fi
    say "removing the unfinished chroot $R"
    rm -rf --one-file-system "$R"
  fi
  say "debootstrap --variant=minbase trixie $R"
  mkdir -p "$(dirname "$R")"
  debootstrap --variant=minbase trixie "$R" "$MIRROR" >"$log" 2>&1 || { tail -20 "$log" >&2; exit 1; }
fi

installed() { for p in $PACKAGES; do chroot "$R" dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q "ok installed" || return 1; done; }
if ! installed; then
  say "apt-get install $PACKAGES in the chroot"
  cp -L /etc/resolv.conf "$R/etc/resolv.conf" 2>/dev/null || true
  unshare --mount --propagation private -- /bin/sh -euc '
    mount -t proc proc "$1/proc"
    mount --rbind /dev "$1/dev"
    chroot "$1" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin DEBIAN_FRONTEND=noninteractive /bin/sh -ec "
      dpkg --configure -a
      apt-get -q update
      apt-get install -y -q --no-install-recommends $2
      apt-get clean"' sh "$R" "$PACKAGES" >"$log" 2>&1 || { tail -20 "$log" >&2; exit 1; }
  installed || { say "$PACKAGES did not install"; exit 1; }
fi
find "$R/var/cache/apt/archives" -maxdepth 1 -name '*.deb' -delete 2>/dev/null || true
say "ready in $R: $(chroot "$R" nvim --version | head -1), $(chroot "$R" hx --version | head -1)"
