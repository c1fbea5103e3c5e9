#!/usr/bin/env bash
# Builds the VS Code extension as one .vsix with the server jar inside:
#   vscode-client/optlens-<version>.vsix
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
./mvnw -q -B -DskipTests install >&2
mkdir -p vscode-client/server
cp server/target/optlens.jar vscode-client/server/optlens.jar
cd vscode-client
[ -d node_modules ] || npm ci --no-audit --no-fund >&2
npx tsc -p ./
VERSION=$(node -p "require('./package.json').version")
npx vsce package --skip-license --no-update-package-json -o "optlens-$VERSION.vsix" >&2
echo "$ROOT/vscode-client/optlens-$VERSION.vsix"
