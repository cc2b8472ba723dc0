# Shared by the bench scripts (source it after `cd` to the package root): builds the release
# products, sets $bin (their folder) and $work (a temporary folder removed on exit), and defines
# start_mock, which (re)starts openrouter-mock with the given arguments and sets $port and
# OPENROUTER_BASE_URL / OPENROUTER_API_KEY for reprise.
swift build -c release --product reprise >/dev/null
swift build -c release --product openrouter-mock >/dev/null
bin="$(swift build -c release --show-bin-path)"
work="$(mktemp -d)"
mock=""
trap '[ -n "$mock" ] && kill $mock 2>/dev/null; rm -rf "$work"' EXIT

start_mock() {  # extra mock arguments...
  [ -n "$mock" ] && { kill $mock 2>/dev/null; wait $mock 2>/dev/null || true; }
  rm -f "$work/mock.out"
  "$bin/openrouter-mock" --port 0 "$@" > "$work/mock.out" &
  mock=$!
  for _ in $(seq 100); do grep -q listening "$work/mock.out" 2>/dev/null && break; sleep 0.1; done
  port=$(grep -o '127.0.0.1:[0-9]*' "$work/mock.out" | cut -d: -f2)
  export OPENROUTER_BASE_URL="http://127.0.0.1:$port/api/v1" OPENROUTER_API_KEY=bench
}
