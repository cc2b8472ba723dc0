#!/usr/bin/env bash
# Benchmark: `reprise status --request-id R` of a finished 1,000-job request (release build)
# against its floor, `cat` of the request's 1,000 result records. Target: within 2 x the floor.
# Usage: bash bench/status.sh [runs]
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib/timing.sh
runs="${1:-11}"
. bench/lib/common.sh
start_mock
cd "$work"
"$bin/reprise" variants --prompt "status bench, flat vector, centred" --count 1000 --out-dir s --request-id bench-status \
  --model google/gemini-2.5-flash-image --aspect-ratio 1:1 --concurrency 64 --quiet >/dev/null
queue=s/imagegen-queue
"$bin/reprise" status --queue-dir "$queue" --request-id bench-status >/dev/null || { echo "error: the request did not finish" >&2; exit 1; }

status=$(median_ms "$bin/reprise" status --queue-dir "$queue" --request-id bench-status)
json=$(median_ms "$bin/reprise" status --queue-dir "$queue" --request-id bench-status --json)
floor=$(median_ms sh -c 'cat "$0"/results/*.json' "$queue")
printf 'status of a finished 1,000-job request (%d runs, median): %s ms (--json %s ms); floor (cat of its records) %s ms; target <= 2 x floor = %.1f ms\n' \
  "$runs" "$status" "$json" "$floor" "$(echo "2 * $floor" | bc -l)"
printf 'load average (1, 5, 15 min) at the end: %s; the figures above are only comparable at a similar load\n' "$(cut -d" " -f1-3 /proc/loadavg)"
