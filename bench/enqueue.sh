#!/usr/bin/env bash
# Benchmark: planning plus queueing (release build), process start to exit, median of runs.
#  1. `variants --count 1000 --background --max-background-workers 0` into a fresh folder:
#     plan, manifest write, 1,000 job files, hand-off record (no worker). Target: at most 150 ms.
#     Floor: `--plan-only` of the same batch plus `cp -r` of the 1,000 job files it queued (what
#     creating that many files costs on this file system, unflushed).
#  2. Adding a 100-job batch (`--start-index 10001 --count 100 --plan-only`) to a 10,000-job
#     manifest: the floor is reading the manifest once (`reprise verify` of the same manifest,
#     which parses and re-hashes it), the target O(N) beyond that: within 2 x of the read.
# Usage: bash bench/enqueue.sh [runs]
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-11}"
swift build -c release --product reprise >/dev/null
bin="$(swift build -c release --show-bin-path)/reprise"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# Discovery off: planning reads the model table as a fresh cache would (no network here).
export OPENROUTER_API_KEY=bench OPENROUTER_BASE_URL=http://127.0.0.1:9/api/v1 REPRISE_MODEL_DISCOVERY=off
prompt='A minimalist snow crab logo, flat vector, centred, with the wordmark "Snow Crab"'

# median_ms COMMAND...: runs it $runs times (setup in $before, if set) and prints the median ms.
median_ms() {
  local times=() start end
  for i in $(seq 1 "$runs"); do
    [ -n "${before:-}" ] && eval "$before"
    start=$(date +%s%N)
    "$@" >/dev/null
    end=$(date +%s%N)
    times+=($(( (end - start) / 1000 )))
  done
  printf '%s\n' "${times[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p" | awk '{ printf "%.1f", $1 / 1000 }'
}

# Each timed run writes into a folder of its own and nothing is deleted until the end: this
# machine's ext4 has no journal, and without one the kernel's inode allocator skips inodes freed
# in the last ~30 s (fs/ext4/ialloc.c, recently_deleted), which makes creating 1,000 files right
# after deleting 1,000 cost ~10x more. That figure is printed too, as what a queue on such a file
# system pays right after a large cleanup.
n=0
enqueue_fresh() { n=$((n + 1)); "$bin" variants --prompt "$prompt" --count 1000 --out-dir "$work/q$n" --background --max-background-workers 0; }
plan_fresh() { n=$((n + 1)); "$bin" variants --prompt "$prompt" --count 1000 --out-dir "$work/p$n" --plan-only; }
copy_fresh() { n=$((n + 1)); cp -r "$work/q1/imagegen-queue/pending" "$work/copy$n"; }
before=''
enqueue=$(median_ms enqueue_fresh)
jobs=$(ls "$work/q1/imagegen-queue/pending" | wc -l)
[ "$jobs" -eq 1000 ] || { echo "error: $jobs job files queued, expected 1000" >&2; exit 1; }
plan=$(median_ms plan_fresh)
copy=$(median_ms copy_fresh)
printf 'variants --count 1000 plan + enqueue (%d runs, median): %s ms; target <= 150 ms; floor %.1f ms (plan only %s ms + cp -r of the 1,000 job files %s ms)\n' \
  "$runs" "$enqueue" "$(echo "$plan + $copy" | bc -l)" "$plan" "$copy"
before='rm -rf "$work/again"'
again=$(median_ms "$bin" variants --prompt "$prompt" --count 1000 --out-dir "$work/again" --background --max-background-workers 0)
before='rm -rf "$work/copy-again"'
copy_again=$(median_ms cp -r "$work/q1/imagegen-queue/pending" "$work/copy-again")
printf 'the same right after deleting the previous run'"'"'s 1,000 files (median): %s ms; cp -r of 1,000 files in the same state: %s ms\n' "$again" "$copy_again"

# A 10,000-job manifest, built once.
for start in $(seq 1 1000 9001); do
  "$bin" variants --prompt "$prompt" --count 1000 --start-index "$start" --out-dir "$work/big" --plan-only >/dev/null
done
cp "$work/big/image-manifest.json" "$work/big.json"
before=''
read_ms=$(median_ms sh -c '"$0" verify "$1" --json || true' "$bin" "$work/big/image-manifest.json")
before='cp "$work/big.json" "$work/big/image-manifest.json"'
add_ms=$(median_ms "$bin" variants --prompt "$prompt" --count 100 --start-index 10001 --out-dir "$work/big" --plan-only)
printf 'add 100 jobs to a 10,000-job manifest (--plan-only, median): %s ms; floor (verify: read and re-hash it once) %s ms; target <= 2 x floor = %.1f ms\n' \
  "$add_ms" "$read_ms" "$(echo "2 * $read_ms" | bc -l)"
printf 'load average (1, 5, 15 min) at the end: %s; the figures above are only comparable at a similar load\n' "$(cut -d" " -f1-3 /proc/loadavg)"
