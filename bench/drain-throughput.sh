#!/usr/bin/env bash
# Benchmark: queued jobs against openrouter-mock with a fixed latency (release builds), drained at
# each concurrency given; the ideal is ceil(jobs / concurrency) rounds x the latency. The floor
# printed beside it for reference: one `curl --parallel --parallel-max C` process sending as many
# requests, each with its own prompt (the mock draws a new image for each), to the same mock
# (curl's parallel mode starts the next transfer late: 64 requests at 8 take it about 4.5 s).
# Targets: 64 jobs at 0.5 s: --concurrency 8 within 1.10 x (4 s), 1 within 1.05 x (32 s);
# 1,000 jobs at 0.5 s, --concurrency 64 within 1.10 x (8 s): `bash bench/drain-throughput.sh 1000 500 64`;
# 1,000 jobs at 0.05 s, --concurrency 32 within 1.5 x (1.6 s): `bash bench/drain-throughput.sh 1000 50 32`.
# Usage: bash bench/drain-throughput.sh [jobs] [latency-ms] [concurrency ...]
set -euo pipefail
cd "$(dirname "$0")/.."
jobs="${1:-64}"
latency="${2:-500}"
shift $(( $# < 2 ? $# : 2 ))
concurrencies=("$@")
[ ${#concurrencies[@]} -gt 0 ] || concurrencies=(8 1)
target() {  # target CONCURRENCY: the ratio the issues set, or "none set"
  case "$jobs/$latency/$1" in
    64/500/8) echo 1.10 ;; 64/500/1) echo 1.05 ;; 1000/500/64) echo 1.10 ;; 1000/50/32) echo 1.5 ;; *) echo "none set" ;;
  esac
}
. bench/lib/common.sh
start_mock --latency-ms "$latency"
cd "$work"
base="http://127.0.0.1:$port/api/v1"
# curl's wall time for JOBS distinct requests at CONCURRENCY: curl_floor CONCURRENCY
curl_floor() {
  command -v curl >/dev/null || { echo "no curl"; return; }
  local config="curl-$1.cfg" start end
  : > "$config"
  for i in $(seq "$jobs"); do
    [ "$i" -gt 1 ] && echo next >> "$config"
    printf 'url = "%s/chat/completions"\noutput = "/dev/null"\nheader = "Authorization: Bearer bench"\nheader = "Content-Type: application/json"\n' "$base" >> "$config"
    printf 'data = "{\\"model\\":\\"google/gemini-2.5-flash-image\\",\\"messages\\":[{\\"role\\":\\"user\\",\\"content\\":\\"floor c%d job %d\\"}],\\"modalities\\":[\\"image\\",\\"text\\"],\\"image_config\\":{\\"aspect_ratio\\":\\"1:1\\"}}"\n' "$1" "$i" >> "$config"
  done
  start=$(date +%s%N)
  curl -s --no-progress-meter --parallel --parallel-max "$1" -K "$config"
  end=$(date +%s%N)
  printf '%.2f s' "$(echo "($end - $start) / 1000000000" | bc -l)"
}
for concurrency in "${concurrencies[@]}"; do
  floor=$(curl_floor "$concurrency")
  # Fresh prompt per run so the queue holds new jobs; model with small images.
  "$bin/reprise" variants --prompt "bench run c$concurrency, flat vector, centred" --count "$jobs" --out-dir "c$concurrency" \
    --model google/gemini-2.5-flash-image --aspect-ratio 1:1 --background --max-background-workers 0 >/dev/null
  start=$(date +%s%N)
  "$bin/reprise" drain --queue-dir "c$concurrency/imagegen-queue" --concurrency "$concurrency" --quiet > drain.txt
  end=$(date +%s%N)
  wall=$(echo "($end - $start) / 1000000000" | bc -l)
  rounds=$(( (jobs + concurrency - 1) / concurrency ))
  ideal=$(echo "$rounds * $latency / 1000" | bc -l)
  printf 'drain %d jobs, latency %d ms, --concurrency %d: wall %.2f s, ideal %.2f s, ratio %.3f, target ratio %s; curl CLI --parallel, for reference, %s (%s)\n' \
    "$jobs" "$latency" "$concurrency" "$wall" "$ideal" "$(echo "$wall / $ideal" | bc -l)" "$(target "$concurrency")" "$floor" "$(cat drain.txt)"
done
printf 'load average (1, 5, 15 min) at the end: %s; the figures above are only comparable at a similar load\n' "$(cut -d" " -f1-3 /proc/loadavg)"
