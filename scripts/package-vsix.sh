#!/usr/bin/env bash
# Builds the VS Code extension with the server jar inside, and prints each package's path:
#   vscode-client/optlens-<version>.vsix               universal: runs the server on a Java 17+ found
#                                                      on the machine (optlens.javaPath, JAVA_HOME, PATH)
#   vscode-client/optlens-<target>-<version>.vsix      for this machine's platform (linux-x64 here): also
#                                                      holds a minimal Java runtime made with jlink, so
#                                                      nothing else needs installing
# Options: --universal-only, --platform-only. Needs a JDK 17+ with jmods for the platform package
# (Debian: openjdk-17-jdk-headless). Sizes and the server's start-up time (process start ->
# `initialize` answered) are printed to stderr.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
universal=1 platform=1
case "${1:-}" in
  --universal-only) platform=0 ;;
  --platform-only) universal=0 ;;
  "") ;;
  *) echo "usage: package-vsix.sh [--universal-only|--platform-only]" >&2; exit 2 ;;
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
JVM_FLAGS=(-XX:+UseSerialGC -XX:MaxNewSize=64m -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30 -Xlog:disable -Xlog:all=warning,cds=off:stderr)

if [ "$universal" = 1 ]; then
  out="optlens-$VERSION.vsix"
  npx vsce package --skip-license --no-update-package-json -o "$out" >&2
  echo "package-vsix: $out: $(size "$out")" >&2
  echo "$ROOT/vscode-client/$out"
fi

if [ "$platform" = 1 ]; then
  target=$(node -p 'process.platform + "-" + process.arch')
  JDK=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")}
  if [ ! -d "$JDK/jmods" ]; then
    echo "package-vsix: no jmods in $JDK: install a JDK 17+ with jmods (Debian: openjdk-17-jdk-headless) or set JAVA_HOME" >&2
    exit 1
  fi
  # What the server needs, by jdeps, plus jdk.unsupported: Gson allocates some objects through
  # sun.misc.Unsafe, found reflectively, which jdeps cannot see.
  modules="$("$JDK/bin/jdeps" --multi-release 17 --print-module-deps --ignore-missing-deps server/optlens.jar),jdk.unsupported"
  "$JDK/bin/jlink" --module-path "$JDK/jmods" --add-modules "$modules" --strip-debug --no-header-files \
    --no-man-pages --compress=2 --generate-cds-archive --output runtime >&2
  # The archive for a JVM without compressed oops (heaps over 32 GB) is 10 MB nobody here uses.
  rm -f runtime/lib/server/classes_nocoops.jsa
  echo "package-vsix: runtime: $modules, $(du -sh runtime | cut -f1) unpacked" >&2
  out="optlens-$target-$VERSION.vsix"
  npx vsce package --target "$target" --skip-license --no-update-package-json -o "$out" >&2
  echo "package-vsix: $out: $(size "$out")" >&2
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
  rm -rf runtime
  echo "$ROOT/vscode-client/$out"
fi
