# e2e-tmux.sh: helpers for the terminal editors' end-to-end tests (sourced by e2e-neovim.sh and
# e2e-helix.sh). The editor runs in a detached tmux session of a fixed size; `capture NAME` keeps the
# screen as text (artifacts, like the VS Code test's screenshots) and `screen` returns it.
# Needs: ROOT, SESSION, OUT (artifact folder) set by the caller. e2e_prepare makes WS, a temporary
# folder with a copy of test-workspaces/basics in $WS/basics.

e2e_prepare() {
  command -v tmux >/dev/null || {
    SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    $SUDO apt-get update -q >&2
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q tmux >&2
  }
  if ! bash "$ROOT/scripts/install-trixie-chroot.sh" --check 2>/dev/null; then
    echo "$(basename "$0"): SKIPPED: $(bash "$ROOT/scripts/install-trixie-chroot.sh" --check 2>&1) (the editor runs in a trixie chroot)"
    exit 0
  fi
  bash "$ROOT/scripts/install-trixie-chroot.sh"
  # The launcher builds the jar when a source is newer: build it here, where the project is writable.
  (cd "$ROOT" && ./mvnw -q -B -DskipTests install >&2)
  rm -rf "$OUT"; mkdir -p "$OUT"
  WS=$(mktemp -d /tmp/optlens-e2e.XXXXXX)
  tmux kill-session -t "$SESSION" 2>/dev/null || true
  trap 'tmux kill-session -t "$SESSION" 2>/dev/null || true; rm -rf "$WS"' EXIT
  cp -r "$ROOT/test-workspaces/basics" "$WS/basics"
  # optlens on PATH inside the chroot, as the README's configurations expect.
  mkdir -p "$WS/bin"
  ln -s "$ROOT/optlens" "$WS/bin/optlens"
  export OPTLENS_TRIXIE_PATH="$WS/bin"
}

# e2e_start COMMAND...: runs COMMAND in the trixie chroot, in $WS/basics, in a 150x45 tmux session;
# its exit status lands in $WS/exit.
e2e_start() {
  local cmd envs=() k
  printf -v cmd '%q ' "$@"
  # A tmux server started earlier keeps its own environment: pass optlens's variables explicitly.
  while IFS='=' read -r k _; do
    case "$k" in OPTLENS_*) envs+=("$(printf '%q' "$k=${!k}")") ;; esac
  done < <(env)
  tmux new-session -d -s "$SESSION" -x 150 -y 45 -c "$WS/basics" \
    "env TERM=tmux-256color ${envs[*]} $ROOT/scripts/in-trixie.sh $cmd; echo \$? > $WS/exit; sleep 600"
}

screen() { tmux capture-pane -p -t "$SESSION" 2>/dev/null || true; }
capture() { screen >"$OUT/$1.txt"; }

# e2e_wait_text TEXT SECONDS: waits until the screen shows TEXT.
e2e_wait_text() {
  local deadline=$(( $(date +%s) + $2 ))
  until screen | grep -qF -- "$1"; do
    [ "$(date +%s)" -lt "$deadline" ] || return 1
    sleep 0.2
  done
}
