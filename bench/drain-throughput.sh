#!/usr/bin/env bash
# Benchmark: 64 queued jobs against openrouter-mock with 0.5 s latency (release builds).
# Targets: --concurrency 8 within 1.10 x the ideal 8 rounds x 0.5 s = 4 s; --concurrency 1
# within 1.05 x of 64 x 0.5 s = 32 s.
# Usage: bash bench/drain-throughput.sh [jobs] [latency-ms]
set -euo pipefail
cd "$(dirname "$0")/.."
jobs="${1:-64}"
latency="${2:-500}"
. bench/lib/common.sh
start_mock --latency-ms "$latency"
cd "$work"
for concurrency in 8 1; do
  # Fresh prompt per run so the queue holds new jobs; model with small images.
  "$bin/reprise" variants --prompt "bench run c$concurrency, flat vector, centred" --count "$jobs" --out-dir "c$concurrency" \
    --model google/gemini-2.5-flash-image --aspect-ratio 1:1 --background --max-background-workers 0 >/dev/null
  start=$(date +%s%N)
  "$bin/reprise" drain --queue-dir "c$concurrency/imagegen-queue" --concurrency "$concurrency" --quiet > drain.txt
  end=$(date +%s%N)
  wall=$(echo "($end - $start) / 1000000000" | bc -l)
  rounds=$(( (jobs + concurrency - 1) / concurrency ))
  ideal=$(echo "$rounds * $latency / 1000" | bc -l)
  printf 'drain %d jobs, latency %d ms, --concurrency %d: wall %.2f s, ideal %.2f s, ratio %.3f (%s)\n' \
    "$jobs" "$latency" "$concurrency" "$wall" "$ideal" "$(echo "$wall / $ideal" | bc -l)" "$(cat drain.txt)"
done
