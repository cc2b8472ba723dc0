# Sourced by samples/quickstart.sh and samples/demo.sh (bash, set -euo pipefail).
#
# find_binaries ROOT: sets $reprise and $mock_bin (absolute paths). reprise comes from $REPRISE_BIN,
# else from PATH; openrouter-mock from $REPRISE_MOCK_BIN, else from beside that reprise. Only what
# is still missing is built (swift build -c release in ROOT).
# start_mock: starts openrouter-mock on a free loopback port, stops it on exit, and exports
# OPENROUTER_BASE_URL and an offline OPENROUTER_API_KEY.

absolute_executable() { # NAME PATH: PATH made absolute, or exit 1 when it is not an executable file
  if [[ ! -f "$2" || ! -x "$2" ]]; then
    echo "error: $1 '$2' is not an executable file (unset it to build one)" >&2
    exit 1
  fi
  printf '%s/%s\n' "$(cd "$(dirname "$2")" && pwd)" "$(basename "$2")"
}

find_binaries() {
  local root="$1" bin
  reprise="" mock_bin=""
  if [[ -n "${REPRISE_BIN:-}" ]]; then
    reprise="$(absolute_executable REPRISE_BIN "$REPRISE_BIN")"
  elif command -v reprise >/dev/null 2>&1; then
    reprise="$(command -v reprise)"
  fi
  if [[ -n "${REPRISE_MOCK_BIN:-}" ]]; then
    mock_bin="$(absolute_executable REPRISE_MOCK_BIN "$REPRISE_MOCK_BIN")"
  elif [[ -n "$reprise" && -x "$(dirname "$reprise")/openrouter-mock" ]]; then
    mock_bin="$(dirname "$reprise")/openrouter-mock"
  fi
  if [[ -z "$reprise" || -z "$mock_bin" ]]; then
    if ! command -v swift >/dev/null 2>&1; then
      echo "error: no reprise or openrouter-mock binary found and no swift to build them: set REPRISE_BIN and REPRISE_MOCK_BIN" >&2
      exit 1
    fi
    echo "building reprise and openrouter-mock (swift build -c release)..." >&2
    [[ -n "$reprise" ]] || swift build -c release --package-path "$root" --product reprise >/dev/null
    [[ -n "$mock_bin" ]] || swift build -c release --package-path "$root" --product openrouter-mock >/dev/null
    bin="$(swift build -c release --package-path "$root" --show-bin-path)"
    [[ -n "$reprise" ]] || reprise="$bin/reprise"
    [[ -n "$mock_bin" ]] || mock_bin="$bin/openrouter-mock"
  fi
}

start_mock() {
  local log base
  log="$(mktemp)"
  "$mock_bin" --port 0 --exit-with-parent > "$log" 2>&1 &
  mock_pid=$!
  trap 'kill "$mock_pid" 2>/dev/null || true; rm -f "'"$log"'"' EXIT
  for _ in $(seq 200); do
    grep -q listening "$log" && break
    kill -0 "$mock_pid" 2>/dev/null || break
    sleep 0.05
  done
  base="$(grep -o 'http://127.0.0.1:[0-9]*/api/v1' "$log" || true)"
  if [[ -z "$base" ]]; then
    echo "error: openrouter-mock ($mock_bin) did not start: $(head -c 300 "$log")" >&2
    exit 1
  fi
  export OPENROUTER_BASE_URL="$base" OPENROUTER_API_KEY="sk-or-offline-demo"
}
