#!/usr/bin/env bash
# Benchmark: CPU per job of a drain that does not wait: 1,000 queued jobs against openrouter-mock
# with zero latency at --concurrency 64 (release builds), as user + sys ms of the whole drain
# process over the job count. Target: at most 2 ms per job. Floor: one `curl` process sending the
# same number of requests to the same mock with --parallel-max 64 (request and response only:
# no image decoded, hashed or written). The drain runs twice: as users run it (every output
# measured) and with REPRISE_MEASURES=off (the queue's own cost). With strace installed, a further drain runs under
# `strace -f -c` and the system calls per job are printed.
# Usage: bash bench/drain-cpu-per-job.sh [jobs] [concurrency]
set -euo pipefail
cd "$(dirname "$0")/.."
jobs="${1:-1000}"
concurrency="${2:-64}"
command -v curl >/dev/null || { echo "error: the floor needs the curl command" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "error: needs /usr/bin/time (GNU time)" >&2; exit 1; }
. bench/lib/common.sh
start_mock
base="http://127.0.0.1:$port/api/v1"
export OPENROUTER_BASE_URL="$base" OPENROUTER_API_KEY=bench
cd "$work"

queue() {  # queue NAME: $jobs fresh jobs (a new prompt each time) with small images
  "$bin/reprise" variants --prompt "cpu per job $1, flat vector, centred" --count "$jobs" --out-dir "$1" \
    --model google/gemini-2.5-flash-image --aspect-ratio 1:1 --background --max-background-workers 0 >/dev/null
}

drain_cpu() {  # drain_cpu NAME [VAR=VALUE]: queue NAME, drain it, print "ms-per-job wall-s"
  queue "$1"
  env ${2:+"$2"} /usr/bin/time -f '%e %U %S' -o time.txt "$bin/reprise" drain --queue-dir "$1/imagegen-queue" --concurrency "$concurrency" --quiet > out.txt
  grep -q "$jobs succeeded" out.txt || { echo "error: drain: $(cat out.txt)" >&2; exit 1; }
  awk -v n="$jobs" '{ printf "%.2f %s\n", ($2 + $3) * 1000 / n, $1 }' time.txt
}
read -r reprise_ms wall < <(drain_cpu timed)
read -r queue_ms queue_wall < <(drain_cpu timed-off REPRISE_MEASURES=off)

body='{"model":"google/gemini-2.5-flash-image","messages":[{"role":"user","content":"floor, flat vector, centred"}],"modalities":["image","text"],"image_config":{"aspect_ratio":"1:1"}}'
args=()
for _ in $(seq "$jobs"); do args+=(-o /dev/null "$base/chat/completions"); done
/usr/bin/time -f '%e %U %S' -o floor.txt curl -s --no-progress-meter --parallel --parallel-max "$concurrency" \
  -H 'Authorization: Bearer bench' -H 'Content-Type: application/json' -d "$body" "${args[@]}"
floor_ms=$(awk -v n="$jobs" '{ printf "%.2f", ($2 + $3) * 1000 / n }' floor.txt)

printf 'drain %d jobs, zero latency, --concurrency %d: %s ms CPU per job with measures (wall %s s), %s ms with REPRISE_MEASURES=off (wall %s s); target <= 2 ms; floor (curl CLI, same requests) %s ms\n' \
  "$jobs" "$concurrency" "$reprise_ms" "$wall" "$queue_ms" "$queue_wall" "$floor_ms"

if command -v strace >/dev/null; then
  queue traced
  strace -f -c -o strace.txt "$bin/reprise" drain --queue-dir traced/imagegen-queue --concurrency "$concurrency" --quiet > out.txt
  printf 'system calls per job (strace -f -c):'
  awk -v n="$jobs" '$1 ~ /^[0-9.]+$/ && $NF != "total" && $4 / n >= 0.5 { printf " %s %.1f", $NF, $4 / n }' strace.txt
  printf '\n'
fi
printf 'load average (1, 5, 15 min) at the end: %s; the figures above are only comparable at a similar load\n' "$(cut -d" " -f1-3 /proc/loadavg)"
