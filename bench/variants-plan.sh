#!/usr/bin/env bash
# Benchmark: `reprise variants --count 1000 --plan-only` end to end (process start to exit),
# release build. Target: at most 100 ms wall on a 2-core machine.
# Usage: bash bench/variants-plan.sh [runs]
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-20}"
swift build -c release --product reprise >/dev/null
bin="$(swift build -c release --show-bin-path)/reprise"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
prompt='A minimalist snow crab logo, flat vector, centred, with the wordmark "Snow Crab"'
times=()
for i in $(seq 1 "$runs"); do
  start=$(date +%s%N)
  "$bin" variants --prompt "$prompt" --count 1000 --out-dir "$work/run-$i" --plan-only >/dev/null
  end=$(date +%s%N)
  times+=($(( (end - start) / 1000 )))
done
bytes=$(wc -c < "$work/run-1/image-manifest.json")
sorted=$(printf '%s\n' "${times[@]}" | sort -n)
min=$(echo "$sorted" | head -1); max=$(echo "$sorted" | tail -1)
median=$(echo "$sorted" | sed -n "$(( (runs + 1) / 2 ))p")
cmp -s "$work/run-1/image-manifest.json" "$work/run-$runs/image-manifest.json" && same=yes || same=NO
printf 'variants --count 1000 --plan-only, %d runs (release): min %.1f ms, median %.1f ms, max %.1f ms; manifest %d bytes; byte-identical across runs: %s\n' \
  "$runs" "$(echo "$min/1000" | bc -l)" "$(echo "$median/1000" | bc -l)" "$(echo "$max/1000" | bc -l)" "$bytes" "$same"
