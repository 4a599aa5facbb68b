# common.sh: the set-up every benchmark script shares. Source it first:
#   . "$(dirname "${BASH_SOURCE[0]}")/common.sh"
# It defines say and die (messages prefixed with the script's name), SCRIPT_DIR, REPO, SHARED
# (BITEXT_SHARED, default <repo>/../shared), VENV (BENCH_VENV, default /tmp/bvenv), PY and
# SETUP_VENV, and the helpers ensure_venv and release_binary below.
set -euo pipefail

BENCH_NAME=$(basename "${BASH_SOURCE[1]}" .sh)
say() { printf '%s\n' "$*" >&2; }
die() { say "$BENCH_NAME: $*"; exit 1; }

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[1]}")" && pwd)
REPO=$(cd "$SCRIPT_DIR/.." && pwd)
SHARED=${BITEXT_SHARED:-$REPO/../shared}
[ -d "$SHARED" ] || die "shared folder not found: $SHARED (set BITEXT_SHARED)"
SHARED=$(cd "$SHARED" && pwd)
VENV=$(realpath -m "${BENCH_VENV:-/tmp/bvenv}")
PY=$VENV/bin/python
SETUP_VENV=$SHARED/eval/baselines/setup-venv.sh

# ensure_venv MODULE... : builds the baselines' venv with setup-venv.sh when it is missing or one of
# the Python modules cannot be imported, and checks them again afterwards.
ensure_venv() {
  local imports
  imports=$(IFS=,; echo "$*")
  if [ ! -x "$PY" ] || ! "$PY" -c "import $imports" 2>/dev/null; then
    say "== venv $VENV is missing or incomplete: building it with $SETUP_VENV (takes a few minutes)"
    "$SETUP_VENV" "$VENV" >&2 || die "setup-venv.sh failed (needs python3-venv, gcc and libicu-dev)"
    "$PY" -c "import $imports" || die "$* missing from $VENV"
  fi
}

# release_binary PRODUCT [GIVEN] : prints GIVEN when it is set (it must be executable), else builds
# PRODUCT in release mode (scratch path BENCH_SCRATCH, default .build) and prints its path.
release_binary() {
  local product=$1 given=${2:-} scratch=${BENCH_SCRATCH:-$REPO/.build}
  if [ -n "$given" ]; then
    [ -x "$given" ] || die "$given is not executable"
    printf '%s\n' "$given"
    return
  fi
  say "== building $product (release)"
  (cd "$REPO" && swift build -c release --scratch-path "$scratch" --product "$product" >&2) || die "swift build failed"
  printf '%s\n' "$scratch/release/$product"
}
