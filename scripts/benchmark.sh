#!/usr/bin/env bash
# Prints optlens's performance figures, measured in one run on this machine (not a pass/fail test).
# Arguments name sections to run (basics cold json json-fast http-fast proof keystrokes rss big placement check check-again); none: all.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
bash scripts/install-go.sh >&2
./mvnw -q -B -DskipTests install >&2 # -DskipTests still compiles the test classes
CP="server/target/optlens.jar:server/target/test-classes:analysis/target/test-classes"
exec java ${OPTLENS_BENCH_JVM:+"-Doptlens.bench.jvm=$OPTLENS_BENCH_JVM"} -cp "$CP" dev.optlens.server.ServerBenchmark "$ROOT" "$@"
