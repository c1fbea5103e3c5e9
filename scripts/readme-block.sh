#!/usr/bin/env bash
# readme-block.sh MARKER: prints the fenced code block that follows the line `<!-- MARKER -->` in
# README.md, without its fences. The editor end-to-end tests run the configurations the README shows.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
out=$(awk -v m="<!-- $1 -->" '
  $0 == m { found = 1; next }
  found == 1 && /^```/ { found = 2; next }
  found == 2 && /^```/ { exit }
  found == 2 { print }' "$ROOT/README.md")
[ -n "$out" ] || { echo "readme-block: no code block after <!-- $1 --> in README.md" >&2; exit 1; }
printf '%s\n' "$out"
