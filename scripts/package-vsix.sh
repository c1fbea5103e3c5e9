#!/usr/bin/env bash
# Builds the VS Code extension with the server jar inside, and prints each package's path:
#   vscode-client/optlens-<version>.vsix               universal: runs the server on a Java 17+ found
#                                                      on the machine (optlens.javaPath, JAVA_HOME, PATH)
#   vscode-client/optlens-<target>-<version>.vsix      for this machine's platform (linux-x64 here): also
#                                                      holds a minimal Java runtime made with jlink, so
#                                                      nothing else needs installing
#   vscode-client/optlens-linux-arm64-<version>.vsix   on an amd64 machine, the same for linux-arm64, linked
#                                                      from Debian's arm64 jmods (scripts/install-cross-jdk.sh)
# Options: --universal-only, --platform-only, --arm64-only. Needs a JDK 17+ with jmods for the platform
# package (Debian: openjdk-17-jdk-headless). Sizes and the server's start-up time (process start ->
# `initialize` answered) are printed to stderr.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
universal=1 platform=1 arm64=0
[ "$(uname -m)" != x86_64 ] || arm64=1
case "${1:-}" in
  --universal-only) platform=0 arm64=0 ;;
  --platform-only) universal=0 arm64=0 ;;
  --arm64-only) universal=0 platform=0 arm64=1 ;;
  "") ;;
  *) echo "usage: package-vsix.sh [--universal-only|--platform-only|--arm64-only]" >&2; exit 2 ;;
esac
./mvnw -q -B -DskipTests install >&2
cd vscode-client
rm -rf server runtime
mkdir -p server
cp ../server/target/optlens.jar server/optlens.jar
[ -d node_modules ] || npm ci --no-audit --no-fund >&2
npx tsc -p ./
VERSION=$(node -p "require('./package.json').version")
size() { echo "$(( ($(stat -c %s "$1") + 524288) / 1048576 )) MB"; }
startup() { node "$ROOT/scripts/startup-time.mjs" 5 "$@"; }
# The flags the extension starts the server with (src/java.ts): JVM warnings must not reach stdout, the LSP channel.
JVM_FLAGS=(-XX:+UseSerialGC -XX:MaxNewSize=64m -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30 -XX:TieredStopAtLevel=1 -Xlog:disable -Xlog:all=warning,cds=off:stderr)

if [ "$universal" = 1 ]; then
  out="optlens-$VERSION.vsix"
  npx vsce package --skip-license --no-update-package-json -o "$out" >&2
  echo "package-vsix: $out: $(size "$out")" >&2
  echo "$ROOT/vscode-client/$out"
fi

# The modules the server loads. jdeps also names java.desktop (Jackson's optional java.beans support,
# from the SARIF library), java.sql (Gson's and Jackson's optional SQL date types), java.xml (Jackson's
# optional DOM support) and java.compiler (annotations only): each is looked up at run time and done
# without. jdk.unsupported: Gson allocates some objects through sun.misc.Unsafe, found reflectively.
MODULES=java.base,java.logging,jdk.unsupported
OPTIONAL_MODULES=" java.compiler java.desktop java.sql java.xml "
check_modules() { # check_modules JDK: fails when the jar needs a module that is neither bundled nor optional
  local m
  for m in $("$1/bin/jdeps" --multi-release 17 -s --ignore-missing-deps server/optlens.jar | sed -n 's/.* -> //p'); do
    case ",$MODULES," in *",$m,"*) continue ;; esac
    case "$OPTIONAL_MODULES" in *" $m "*) continue ;; esac
    echo "package-vsix: the server now needs module $m: add it to MODULES (or to OPTIONAL_MODULES, saying why)" >&2
    exit 1
  done
}

# platform_package TARGET JLINK JMODS [RUN...]: the VSIX for TARGET with a runtime linked by JLINK from
# JMODS; RUN runs the target's programs here (empty for this machine's own; qemu for another arch).
platform_package() {
  local target=$1 jlink=$2 jmods=$3 flags=(--strip-debug --generate-cds-archive)
  shift 3
  # Another architecture: its libraries cannot be stripped by this machine's tools (Debian's are
  # stripped already), and jlink cannot run its java to make the class-data archive: RUN does, after.
  [ $# = 0 ] || flags=(--strip-java-debug-attributes)
  rm -rf runtime
  "$jlink" --module-path "$jmods" --add-modules "$MODULES" "${flags[@]}" --no-header-files --no-man-pages \
    --compress=2 --output runtime >&2
  [ $# = 0 ] || "$@" runtime/bin/java -Xshare:dump -Xlog:disable >/dev/null
  # The archive for a JVM without compressed oops (heaps over 32 GB) is 10 MB nobody here uses.
  rm -f runtime/lib/server/classes_nocoops.jsa
  echo "package-vsix: $target runtime: $MODULES, $(du -sh runtime | cut -f1) unpacked" >&2
  local out="optlens-$target-$VERSION.vsix"
  npx vsce package --target "$target" --skip-license --no-update-package-json -o "$out" >&2
  echo "package-vsix: $out: $(size "$out")" >&2
  echo "$ROOT/vscode-client/$out"
}

if [ "$platform" = 1 ]; then
  target=$(node -p 'process.platform + "-" + process.arch')
  JDK=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")}
  if [ ! -d "$JDK/jmods" ]; then
    echo "package-vsix: no jmods in $JDK: install a JDK 17+ with jmods (Debian: openjdk-17-jdk-headless) or set JAVA_HOME" >&2
    exit 1
  fi
  check_modules "$JDK"
  platform_package "$target" "$JDK/bin/jlink" "$JDK/jmods"
  # Start-up as a user gets it: the bundled runtime, first without and then with the class-data
  # archive the extension writes on the first run and uses after it (AppCDS).
  cds=$(mktemp -d)
  trap 'rm -rf "$cds"' EXIT
  echo "package-vsix: start-up, system java $(java -version 2>&1 | head -1 | cut -d'"' -f2): $(startup java "${JVM_FLAGS[@]}" -jar server/optlens.jar lsp)" >&2
  echo "package-vsix: start-up, bundled runtime: $(startup runtime/bin/java "${JVM_FLAGS[@]}" -jar server/optlens.jar lsp)" >&2
  node "$ROOT/scripts/startup-time.mjs" 1 runtime/bin/java "${JVM_FLAGS[@]}" -XX:ArchiveClassesAtExit="$cds/optlens.jsa" \
    -jar server/optlens.jar lsp >/dev/null
  echo "package-vsix: start-up, bundled runtime + AppCDS ($(size "$cds/optlens.jsa") archive): $(startup runtime/bin/java \
    "${JVM_FLAGS[@]}" -XX:SharedArchiveFile="$cds/optlens.jsa" -jar server/optlens.jar lsp)" >&2
fi

if [ "$arm64" = 1 ]; then
  # linux-arm64 from this amd64 machine: Debian's amd64 jlink links Debian's arm64 jmods of the same
  # version (scripts/install-cross-jdk.sh); the archive is dumped by the arm64 java under qemu.
  eval "$(bash "$ROOT/scripts/install-cross-jdk.sh")"
  check_modules "$(dirname "$(dirname "$JLINK")")"
  platform_package linux-arm64 "$JLINK" "$ARM64_JMODS" "$QEMU_AARCH64" -L "$ARM64_SYSROOT"
fi
rm -rf runtime
