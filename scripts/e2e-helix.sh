#!/usr/bin/env bash
# End-to-end test in a real Helix (Debian trixie's hx, in a chroot: scripts/install-trixie-chroot.sh), its
# terminal UI in tmux, configured with the README's languages.toml and config.toml: it waits for the
# heap hint and the diagnostic's gutter mark on basics.go's line 52, hovers (space k) over p, types a function
# that adds an escape and waits for its hint. Keys are typed as a user types them; what counts is what
# the screen shows. Screens are kept as text in vscode-client/e2e-screenshots/helix. Skips, saying why,
# where the machine cannot make a chroot.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SESSION=optlens-e2e-helix
OUT="$ROOT/vscode-client/e2e-screenshots/helix"
# shellcheck source=e2e-tmux.sh
. "$ROOT/scripts/e2e-tmux.sh"
e2e_prepare
mkdir -p "$WS/config/helix"
bash "$ROOT/scripts/readme-block.sh" helix-config >"$WS/config/helix/languages.toml"
bash "$ROOT/scripts/readme-block.sh" helix-editor-config >"$WS/config/helix/config.toml"
e2e_start env XDG_CONFIG_HOME="$WS/config" hx ${OPTLENS_E2E_HX_FLAGS:-} --log "$WS/helix.log" basics.go

fails=0
step() { # step NAME SECONDS TEXT: waits until the screen shows TEXT, keeps the screen as NAME
  if e2e_wait_text "$3" "$2"; then echo "ok: $1: the screen shows: $3"; else echo "FAILED: $1: no \"$3\" within $2 s"; fails=$((fails + 1)); fi
  capture "$1"
}
keys() { tmux send-keys -t "$SESSION" "$@"; sleep 0.3; }

e2e_wait_text "basics.go" 30 || true
keys ":52" Enter
keys j k            # Helix asks for hints once keys go idle, not on opening a file
step 1-hint-and-diagnostic 180 "●  52      p := Point{X: x, Y: y} ⟵ heap: p"
keys g s            # first non-blank of the line: p
keys Space k        # hover
step 2-hover 30 "p is moved to the heap: its address is returned at line 53."
keys Escape
keys g e o          # a new line after the last one
keys -l "func Leak(x int) *int { return &x }"
keys Escape
step 3-edit-adds-escape 120 "●  68  func Leak(x int) *int  inline 3/80 { return &x } ⟵ heap: x"
keys ":q!" Enter
capture last
cp "$WS/helix.log" "$OUT/helix.log" 2>/dev/null || true
if [ "$fails" != 0 ]; then echo "e2e-helix: FAILED; last screen:"; cat "$OUT/3-edit-adds-escape.txt"; exit 1; fi
echo "e2e-helix: passed; screens in $OUT"
