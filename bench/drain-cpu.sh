#!/usr/bin/env bash
# Benchmark: CPU time of a drain that mostly waits. 64 queued jobs against openrouter-mock with
# 0.5 s latency (release builds), drained at --concurrency 1 and 8 on each HTTP transport
# (REPRISE_HTTP=curl, the Linux default, and urlsession), as CPU ms per job (user + sys of the
# whole drain process, start-up and image writing included). The floor is curl's own CPU per
# request: one `curl` process sending the same number of requests to the same mock (sequentially,
# then --parallel-max 8), reusing its connection. Targets: curl at most 10 ms per job at
# --concurrency 1 and 5 ms at 8 (a waiting process uses under 1% of a core).
# Usage: bash bench/drain-cpu.sh [jobs] [latency-ms]
set -euo pipefail
cd "$(dirname "$0")/.."
jobs="${1:-64}"
latency="${2:-500}"
command -v curl >/dev/null || { echo "error: the floor needs the curl command" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "error: needs /usr/bin/time (GNU time)" >&2; exit 1; }
. bench/lib/common.sh
start_mock --latency-ms "$latency"
base="http://127.0.0.1:$port/api/v1"
export OPENROUTER_BASE_URL="$base" OPENROUTER_API_KEY=bench
cd "$work"

# CPU ms per item of a command's user + sys time: cpu_ms_per ITEMS COMMAND...
cpu_ms_per() {
  local items="$1"; shift
  /usr/bin/time -f '%e %U %S' -o time.txt "$@" > out.txt
  awk -v n="$items" '{ printf "%.1f %.2f", ($2 + $3) * 1000 / n, $1 }' time.txt
}

declare -A result
for concurrency in 1 8; do
  # The floor: the same kind of request (model, aspect ratio) from one curl process.
  body='{"model":"google/gemini-2.5-flash-image","messages":[{"role":"user","content":"floor, flat vector, centred"}],"modalities":["image","text"],"image_config":{"aspect_ratio":"1:1"}}'
  args=()
  for _ in $(seq "$jobs"); do args+=(-o /dev/null "$base/chat/completions"); done
  parallel=()
  [ "$concurrency" -gt 1 ] && parallel=(--parallel --parallel-max "$concurrency")
  result["floor,$concurrency"]="$(cpu_ms_per "$jobs" curl -s --no-progress-meter "${parallel[@]}" -H 'Authorization: Bearer bench' -H 'Content-Type: application/json' -d "$body" "${args[@]}")"
  for transport in curl urlsession; do
    # Fresh prompt per run so the queue holds new jobs; model with small images.
    "$bin/reprise" variants --prompt "cpu bench $transport c$concurrency, flat vector, centred" --count "$jobs" --out-dir "$transport-c$concurrency" \
      --model google/gemini-2.5-flash-image --aspect-ratio 1:1 --background --max-background-workers 0 >/dev/null
    result["$transport,$concurrency"]="$(REPRISE_HTTP="$transport" cpu_ms_per "$jobs" "$bin/reprise" drain --queue-dir "$transport-c$concurrency/imagegen-queue" --concurrency "$concurrency" --quiet)"
    grep -q "$jobs succeeded" out.txt || { echo "error: drain ($transport, --concurrency $concurrency): $(cat out.txt)" >&2; exit 1; }
  done
done

printf 'drain %d jobs, latency %d ms: CPU ms per job (wall s)\n' "$jobs" "$latency"
printf '%-14s %18s %18s %18s\n' concurrency "REPRISE_HTTP=curl" urlsession "floor (curl CLI)"
for concurrency in 1 8; do
  cell() { set -- ${result["$1,$concurrency"]}; printf '%s (%s s)' "$1" "$2"; }
  printf '%-14s %18s %18s %18s\n' "$concurrency" "$(cell curl)" "$(cell urlsession)" "$(cell floor)"
done
