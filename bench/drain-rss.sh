#!/usr/bin/env bash
# Benchmark: peak RSS of one `reprise drain` writing 16 large images (about 24 MiB each, from
# openrouter-mock --mode large) at --concurrency 8 (release builds), measured with /usr/bin/time -v.
# Target (issue 12): peak under 100 MB (before: 344-369 MB). Also printed: the same drain of 16
# small images, and the difference, which is what the large images cost.
# Usage: bash bench/drain-rss.sh [jobs] [image-bytes] [concurrency]   (defaults: 16 25165824 8)
set -euo pipefail
cd "$(dirname "$0")/.."
jobs="${1:-16}"
bytes="${2:-25165824}"
concurrency="${3:-8}"
target_mb=100
[ -x /usr/bin/time ] || { echo "error: needs /usr/bin/time (GNU time)" >&2; exit 1; }
. bench/lib/common.sh

# Queues $jobs variants into $work/$1 and drains them; prints "peak_kb wall".
drain() {
  export OPENROUTER_BASE_URL="http://127.0.0.1:$port/api/v1" OPENROUTER_API_KEY=bench
  ( cd "$work" && "$bin/reprise" variants --prompt "drain rss bench $1, flat vector, centred" --count "$jobs" --out-dir "$1" \
      --model google/gemini-2.5-flash-image --background --max-background-workers 0 > /dev/null \
    && /usr/bin/time -v "$bin/reprise" drain --queue-dir "$1/imagegen-queue" --concurrency "$concurrency" --quiet > drain.txt 2> time.txt ) \
    || { cat "$work/drain.txt" "$work/time.txt" >&2; exit 1; }
  grep -q "$jobs succeeded" "$work/drain.txt" || { echo "error: $(cat "$work/drain.txt")" >&2; exit 1; }
  echo "$(grep 'Maximum resident set size' "$work/time.txt" | awk '{print $NF}') $(grep 'Elapsed (wall clock)' "$work/time.txt" | awk '{print $NF}')"
}

start_mock
read -r small_kb small_wall < <(drain small)
start_mock --mode large --large-bytes "$bytes"
read -r large_kb large_wall < <(drain large)
written=$(find "$work/large" -name '*.png' -size +1M | wc -l)
[ "$written" -eq "$jobs" ] || { echo "error: $written large images written, expected $jobs" >&2; exit 1; }
mb() { echo "$1 / 1024" | bc -l | xargs printf '%.1f'; }
printf 'drain %d jobs at --concurrency %d: peak RSS\n' "$jobs" "$concurrency"
printf '  small images:              %6s MB (wall %s)\n' "$(mb "$small_kb")" "$small_wall"
printf '  %4.1f MiB images:           %6s MB (wall %s), %+.1f MB above small; target < %d MB: %s\n' \
  "$(echo "$bytes / 1048576" | bc -l)" "$(mb "$large_kb")" "$large_wall" "$(echo "($large_kb - $small_kb) / 1024" | bc -l)" "$target_mb" \
  "$( [ "$large_kb" -lt $((target_mb * 1024)) ] && echo ok || echo OVER)"
