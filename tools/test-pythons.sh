#!/usr/bin/env bash
# `make test-pythons`: the suites that need no node (unit, fake, properties) on other supported
# Pythons, each in its own venv (.venv-py3.X) from requirements/test.lock, which is universal.
#
#   tools/test-pythons.sh 3.10 3.13
#
# An interpreter that cannot be found fails the run, as does a suite that collects no test
# (pytest's exit status 5): a green run means every named Python ran every suite.
set -uo pipefail
cd "$(dirname "$0")/.."

SUITES=(tests/unit tests/fake tests/properties)
PIP_INSTALL=(install --quiet --disable-pip-version-check --require-hashes)

# The interpreter for version $1: pythonX.Y on PATH, else the newest pyenv build of it.
find_python() {
  local want=$1 candidate
  local pyenv_root=${PYENV_ROOT:-$HOME/.pyenv}
  for candidate in "python$want" $(ls -d "$pyenv_root"/versions/"$want".*/bin/python 2>/dev/null | sort -rV); do
    if "$candidate" -c "import sys; sys.exit(sys.version_info[:2] != tuple(map(int, '$want'.split('.'))))" 2>/dev/null; then
      command -v "$candidate"
      return 0
    fi
  done
  return 1
}

# A venv for $1 (version) from interpreter $2, rebuilt only when a lock is newer than it.
venv_for() {
  local want=$1 python=$2 venv=".venv-py$1"
  if [[ -f $venv/.installed && $venv/.installed -nt requirements/test.lock &&
        $venv/.installed -nt requirements/pip.lock ]]; then
    return 0
  fi
  "$python" -m venv --clear "$venv" &&
    "$venv/bin/python" -m pip "${PIP_INSTALL[@]}" -r requirements/pip.lock &&
    "$venv/bin/python" -m pip "${PIP_INSTALL[@]}" -r requirements/test.lock &&
    touch "$venv/.installed"
}

if [[ $# -eq 0 ]]; then
  echo "usage: $0 VERSION..." >&2
  exit 2
fi

# One Python: find it, make its venv, run the suites. Prints its own log; exits non-zero on failure.
run_one() {
  local want=$1 python status
  echo "== Python $want: ${SUITES[*]}"
  if ! python=$(find_python "$want"); then
    echo "ERROR: Python $want not found (neither python$want on PATH nor a pyenv build)."
    return 3
  fi
  echo "   $python"
  if ! venv_for "$want" "$python"; then
    echo "ERROR: could not install requirements/test.lock for Python $want ($python)."
    return 4
  fi
  # The checkout is tested in place, also by the tests that start Python subprocesses.
  PYTHONPATH=$PWD ".venv-py$want/bin/python" -m pytest -q -p no:cacheprovider "${SUITES[@]}"
  status=$?
  if [[ $status -eq 5 ]]; then
    echo "ERROR: Python $want collected no test."
  fi
  return "$status"
}

# The Pythons run side by side (a 2-core machine runs two suites in the time of one), each into
# its own log, printed whole once it is done.
logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT
pids=()
for want in "$@"; do
  run_one "$want" >"$logs/$want.log" 2>&1 &
  pids+=($!)
done

failed=()
i=0
for want in "$@"; do
  wait "${pids[$i]}"
  status=$?
  i=$((i + 1))
  cat "$logs/$want.log"
  case $status in
    0) ;;
    3) failed+=("$want (missing)") ;;
    4) failed+=("$want (install)") ;;
    5) failed+=("$want (no tests)") ;;
    *) failed+=("$want (tests, exit $status)") ;;
  esac
done

if [[ ${#failed[@]} -gt 0 ]]; then
  echo "test-pythons FAILED: ${failed[*]}" >&2
  exit 1
fi
echo "test-pythons: every suite passed on Python $*"
