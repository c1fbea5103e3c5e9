#!/usr/bin/env bash
# smoke-vsix-arm64.sh VSIX: runs the linux-arm64 package's own runtime and server, as the extension
# starts them, under qemu-user on this amd64 machine (scripts/install-cross-jdk.sh brings qemu and the
# arm64 libraries): initialize, open test-workspaces/basics' basics.go, and wait for the heap
# diagnostic "moved to heap: p". The Go toolchain is this machine's (the server only runs `go`).
# Java's child processes start with vfork: its default helper (jspawnhelper) is an arm64 program the
# kernel cannot run here, while qemu lets the arm64 java start the amd64 go directly.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
VSIX=$(realpath "${1:?usage: smoke-vsix-arm64.sh optlens-linux-arm64-VERSION.vsix}")
eval "$(bash "$ROOT/scripts/install-cross-jdk.sh")"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])' "$VSIX" "$WORK/vsix"
EXT="$WORK/vsix/extension"
chmod +x "$EXT/runtime/bin/"* "$EXT/runtime/lib/"jspawnhelper 2>/dev/null || true
# An ELF program for aarch64 has machine number 183 at byte 18.
[ "$(od -An -t u2 -j 18 -N 2 "$EXT/runtime/bin/java" | tr -d ' ')" = 183 ] || { echo "smoke-vsix-arm64: $EXT/runtime/bin/java is not an arm64 program" >&2; exit 1; }
cp -r "$ROOT/test-workspaces/basics" "$WORK/basics"
# The extension's JVM flags (vscode-client/src/java.ts), the class-data archive of the runtime included.
node "$ROOT/scripts/lsp-smoke.mjs" "$WORK/basics/basics.go" "moved to heap: p" 600 \
  "$QEMU_AARCH64" -L "$ARM64_SYSROOT" "$EXT/runtime/bin/java" -Djdk.lang.Process.launchMechanism=VFORK \
  -XX:+UseSerialGC -XX:MaxNewSize=64m -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30 -XX:TieredStopAtLevel=1 -Xshare:auto \
  -Xlog:disable -Xlog:all=warning,cds=off:stderr -jar "$EXT/server/optlens.jar" lsp
echo "smoke-vsix-arm64: $(basename "$VSIX") answered and published decisions under $(basename "$QEMU_AARCH64")"
