#!/usr/bin/env bash
# Installs Microsoft's SARIF Multitool (npm @microsoft/sarif-multitool, a self-contained binary) under
# ~/.cache/optlens-tools, where the tests look for it to validate `optlens check --format=sarif`.
# Idempotent: a second run finds it and only prints where it is.
set -euo pipefail
version=5.7.0
root="${OPTLENS_TOOLS_CACHE:-$HOME/.cache/optlens-tools}/sarif-multitool-$version"
bin="$root/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool"
if [ ! -x "$bin" ]; then
  command -v npm >/dev/null || { echo "install-sarif-tool: npm is needed (Node 20)" >&2; exit 1; }
  mkdir -p "$root"
  [ -f "$root/package.json" ] || echo '{"private": true}' > "$root/package.json"
  # npm does not run the package's postinstall (chmod) unless scripts are approved: do it here.
  npm install --prefix "$root" --no-audit --no-fund --ignore-scripts "@microsoft/sarif-multitool@$version" >&2
  chmod u+x "$bin"
fi
"$bin" --version >/dev/null 2>&1 || { echo "install-sarif-tool: $bin does not run" >&2; exit 1; }
echo "$bin"
