#!/usr/bin/env bash
# What the linux-arm64 VSIX is made and smoke-tested with, from Debian 12's archive only, into a cache
# by version (idempotent; about 190 MB to download the first time, 330 MB unpacked):
#   - Debian's OpenJDK 17 for amd64 (jdk-headless + jre-headless: the jlink that links) and the arm64
#     jdk-headless (its jmods: what is linked), of the same version, as jlink requires;
#   - for running the arm64 runtime here: qemu-user-static and the arm64 C and C++ libraries it loads.
# Prints shell assignments to eval: JLINK (the amd64 jlink), ARM64_JMODS, ARM64_SYSROOT, QEMU_AARCH64.
# The cache is $OPTLENS_JDK_CACHE (default ~/.cache/optlens-jdk/<version>). Needs apt-get and dpkg (Debian).
set -euo pipefail
say() { echo "install-cross-jdk: $*" >&2; }
BASE=${OPTLENS_JDK_CACHE:-$HOME/.cache/optlens-jdk}
APT_DIR=$BASE/apt
mkdir -p "$APT_DIR/lists/partial" "$APT_DIR/cache/archives/partial" "$APT_DIR/preferences.d" "$APT_DIR/sources.list.d"
keyring=/usr/share/keyrings/debian-archive-keyring.gpg
cat >"$APT_DIR/sources.list" <<EOF
deb [arch=amd64,arm64 signed-by=$keyring] http://deb.debian.org/debian bookworm main
deb [arch=amd64,arm64 signed-by=$keyring] http://deb.debian.org/debian bookworm-updates main
deb [arch=amd64,arm64 signed-by=$keyring] http://deb.debian.org/debian-security bookworm-security main
EOF
chmod -R a+rwX "$APT_DIR" 2>/dev/null || true
papt() {
  "$1" -q -o Dir::Etc::sourcelist="$APT_DIR/sources.list" -o Dir::Etc::sourceparts="$APT_DIR/sources.list.d" \
    -o Dir::Etc::preferencesparts="$APT_DIR/preferences.d" -o Dir::State::Lists="$APT_DIR/lists" \
    -o Dir::State::status=/dev/null -o Dir::Cache="$APT_DIR/cache" -o APT::Architectures::=amd64 \
    -o APT::Architectures::=arm64 -o APT::Sandbox::User=root "${@:2}"
}
# The lists are refreshed once a day: the version picked is the archive's newest.
if [ -z "$(find "$APT_DIR/lists" -name '*Packages*' -mtime -1 -print -quit)" ]; then
  say "apt-get update (private lists in $APT_DIR)"
  papt apt-get update >/dev/null
fi
version=$(papt apt-cache policy openjdk-17-jdk-headless:arm64 | sed -n 's/^ *Candidate: //p')
amd=$(papt apt-cache policy openjdk-17-jdk-headless:amd64 | sed -n 's/^ *Candidate: //p')
[ -n "$version" ] && [ "$version" = "$amd" ] || { say "no OpenJDK 17 of one version for amd64 and arm64 ($amd / $version)"; exit 1; }
DEST=$BASE/$version
if [ ! -f "$DEST/.complete" ]; then
  say "downloading OpenJDK $version (amd64 + arm64), qemu-user-static and arm64 libraries"
  work=$(mktemp -d "$BASE/.work.XXXXXX")
  trap 'rm -rf "$work"' EXIT
  chmod a+rwx "$work"
  (cd "$work" && papt apt-get download "openjdk-17-jdk-headless:amd64=$version" "openjdk-17-jre-headless:amd64=$version" \
     "openjdk-17-jdk-headless:arm64=$version" qemu-user-static:amd64 libc6:arm64 libstdc++6:arm64 libgcc-s1:arm64 zlib1g:arm64 >/dev/null)
  mkdir -p "$work/out/amd64" "$work/out/arm64" "$work/out/sysroot" "$work/out/qemu"
  for deb in "$work"/openjdk-*_amd64.deb; do dpkg -x "$deb" "$work/out/amd64"; done
  dpkg -x "$work"/openjdk-17-jdk-headless_*_arm64.deb "$work/out/arm64"
  for deb in "$work"/lib*_arm64.deb "$work"/zlib1g_*_arm64.deb; do dpkg -x "$deb" "$work/out/sysroot"; done
  dpkg -x "$work"/qemu-user-static_*.deb "$work/out/qemu"
  # Only the aarch64 emulator and the arm64 jmods are used (370 MB and 75 MB otherwise).
  find "$work/out/qemu/usr/bin" -type f ! -name qemu-aarch64-static -delete
  rm -rf "$work/out/amd64/usr/lib/jvm/java-17-openjdk-amd64/jmods"
  # The JDK's configuration links point into /etc/java-17-openjdk: to the copy unpacked with it.
  find "$work/out/amd64" -lname '/etc/java-17-openjdk/*' | while read -r l; do
    ln -sfn "$work/out/amd64$(readlink "$l")" "$l"
  done
  rm -rf "$DEST"; mv "$work/out" "$DEST"
  # Links made in the work folder now point at the wrong place: point them at DEST.
  find "$DEST/amd64" -lname "$work/out/*" | while read -r l; do t=$(readlink "$l"); ln -sfn "$DEST${t#"$work/out"}" "$l"; done
  touch "$DEST/.complete"
fi
jdk=$DEST/amd64/usr/lib/jvm/java-17-openjdk-amd64
"$jdk/bin/jlink" --version >/dev/null || { say "the unpacked jlink does not run"; exit 1; }
echo "JLINK=$jdk/bin/jlink"
echo "ARM64_JMODS=$DEST/arm64/usr/lib/jvm/java-17-openjdk-arm64/jmods"
echo "ARM64_SYSROOT=$DEST/sysroot"
echo "QEMU_AARCH64=$DEST/qemu/usr/bin/qemu-aarch64-static"
