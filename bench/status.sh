#!/usr/bin/env bash
# Benchmark: `reprise status --request-id R` of a finished 1,000-job request (release build), text
# and --json, against its floor, `cat` of the request's 1,000 result records. Target: within
# 1.6 x the floor. The three are run in turn, once each per round, so they see the same load.
# Usage: bash bench/status.sh [runs] [baseline-reprise]
#   baseline-reprise: another build of reprise (e.g. main's, built with its own --build-path),
#   timed in the same rounds, and its output checked to be byte-identical to this build's.
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-11}"
baseline="${2:-}"
[ -z "$baseline" ] || [ -x "$baseline" ] || { echo "error: baseline '$baseline' is not an executable" >&2; exit 64; }
. bench/lib/common.sh
start_mock
cd "$work"
"$bin/reprise" variants --prompt "status bench, flat vector, centred" --count 1000 --out-dir s --request-id bench-status \
  --model google/gemini-2.5-flash-image --aspect-ratio 1:1 --concurrency 64 --quiet >/dev/null
queue=s/imagegen-queue
"$bin/reprise" status --queue-dir "$queue" --request-id bench-status >/dev/null || { echo "error: the request did not finish" >&2; exit 1; }

if [ -n "$baseline" ]; then
  for flag in "" --json; do
    "$bin/reprise" status --queue-dir "$queue" --request-id bench-status $flag >"$work/new.out"
    "$baseline" status --queue-dir "$queue" --request-id bench-status $flag >"$work/old.out"
    cmp -s "$work/new.out" "$work/old.out" || { echo "error: status $flag output differs from the baseline's" >&2; exit 1; }
  done
  echo "output of status and status --json byte-identical to the baseline's"
fi

# One round: each command once, in turn; the times (microseconds) go to one file per command.
time_once() {  # name command...
  local name=$1 start end
  shift
  start=$(date +%s%N); "$@" >/dev/null; end=$(date +%s%N)
  echo $(( (end - start) / 1000 )) >>"$work/times.$name"
}
median() { sort -n "$work/times.$1" | sed -n "$(( (runs + 1) / 2 ))p" | awk '{ printf "%.1f", $1 / 1000 }'; }
for _ in $(seq 1 "$runs"); do
  time_once status "$bin/reprise" status --queue-dir "$queue" --request-id bench-status
  time_once json "$bin/reprise" status --queue-dir "$queue" --request-id bench-status --json
  time_once floor sh -c 'cat "$0"/results/*.json' "$queue"
  if [ -n "$baseline" ]; then
    time_once old "$baseline" status --queue-dir "$queue" --request-id bench-status
    time_once oldjson "$baseline" status --queue-dir "$queue" --request-id bench-status --json
  fi
done

status=$(median status)
json=$(median json)
floor=$(median floor)
printf 'status of a finished 1,000-job request (%d runs, median): %s ms (%.2f x floor), --json %s ms (%.2f x); floor (cat of its records) %s ms; target <= 1.6 x floor = %.1f ms\n' \
  "$runs" "$status" "$(echo "$status / $floor" | bc -l)" "$json" "$(echo "$json / $floor" | bc -l)" "$floor" "$(echo "1.6 * $floor" | bc -l)"
if [ -n "$baseline" ]; then
  printf 'baseline in the same rounds: %s ms (%.2f x floor), --json %s ms (%.2f x)\n' \
    "$(median old)" "$(echo "$(median old) / $floor" | bc -l)" "$(median oldjson)" "$(echo "$(median oldjson) / $floor" | bc -l)"
fi
printf 'load average (1, 5, 15 min) at the end: %s; the figures above are only comparable at a similar load\n' "$(cut -d" " -f1-3 /proc/loadavg)"
