#!/usr/bin/env bash
# Benchmark: `reprise measure` (release build, one core: measuring is single-threaded), decode
# included, against issue 13's targets: a 1024x1024 PNG in at most 40 ms, a 2048x2048 JPEG in at
# most 120 ms, peak memory at most 3x the decoded RGBA buffer (4 MiB and 16 MiB).
# Time = median CPU time (user + system, from wait4) of `reprise measure IMAGE` minus the median of
# `reprise measure tiny.png` (an 8x8 PNG: process start, reading, printing), so it is the decode
# and the measures alone; CPU time rather than wall time because the box is shared (wall medians
# are printed too). Memory = median peak RSS (wait4's ru_maxrss) minus the tiny run's, so it
# includes the file's bytes read into memory as well as the decode and the measures.
# Images (ImageMagick plasma fractals, photo-like): the 1024x1024 PNG ImageMagick 6 writes by
# default for a plasma (16-bit RGB, 5.3 MB, nearly incompressible: a stress case, larger than any
# model output), the same at 8 bits (PNG24, 8-bit RGB as image models send), and a 2048x2048
# 4:2:0 quality-90 baseline JPEG. Also printed: measuring with `--baseline`, and a model-like
# output (1024x1024 8-bit RGB in three flat colours, zlib level 1, Up filter, as openrouter-mock
# sends: what the drain measures for every job).
# Usage: bash bench/measure.sh [runs]   (default 21)
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-21}"
command -v convert >/dev/null || { echo "bench/measure.sh needs ImageMagick's convert" >&2; exit 1; }
swift build -c release --product reprise >/dev/null
reprise="$(swift build -c release --show-bin-path)/reprise"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
convert -seed 7 -size 1024x1024 plasma:fractal "$work/big.png"
convert -seed 8 -size 1024x1024 plasma:fractal "$work/other.png"
convert -seed 7 -size 1024x1024 plasma:fractal -depth 8 PNG24:"$work/big8.png"
convert -seed 9 -size 2048x2048 plasma:fractal -sampling-factor 4:2:0 -quality 90 "$work/big.jpg"
convert -size 8x8 xc:'#336699' "$work/tiny.png"
convert -size 1024x1024 xc:'#3a6787' -fill '#c04ca8' -draw 'rectangle 0,0 511,1023' -fill '#e7c4b0' -draw 'rectangle 0,384 511,511' \
  -quality 12 PNG24:"$work/model.png"
"$reprise" measure "$work/big.png" >/dev/null  # warm the page cache
stats() {  # "median CPU ms, median wall ms, median peak RSS KiB" of $runs runs of the command
  python3 - "$runs" "$@" <<'PY'
import os, subprocess, sys, time
runs, cmd = int(sys.argv[1]), sys.argv[2:]
cpu, wall, rss = [], [], []
for _ in range(runs):
    start = time.monotonic()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL)
    _, _, usage = os.wait4(p.pid, 0)
    wall.append((time.monotonic() - start) * 1000)
    cpu.append((usage.ru_utime + usage.ru_stime) * 1000)
    rss.append(usage.ru_maxrss)
m = lambda v: sorted(v)[len(v) // 2]
print("%.1f %.1f %d" % (m(cpu), m(wall), m(rss)))
PY
}
read -r floor_cpu floor_wall floor_rss < <(stats "$reprise" measure "$work/tiny.png")
echo "reprise measure, $runs runs each, one process per run ($(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg) before)"
row() {  # label, target ms, decoded bytes, command...
  local label="$1" target="$2" decoded="$3"
  shift 3
  read -r cpu wall rss < <(stats "$@")
  awk -v l="$label" -v c="$cpu" -v w="$wall" -v r="$rss" -v t="$target" -v d="$decoded" \
    -v fc="$floor_cpu" -v fw="$floor_wall" -v fr="$floor_rss" 'BEGIN {
    ms = c - fc
    verdict = t == "-" ? "" : (ms <= t ? "  ok" : "  OVER")
    printf "  %-36s %6.1f ms CPU (target %3s ms)%s   wall %6.1f ms   peak RSS +%5.1f MiB = %.2fx the %d MiB RGBA buffer (target <= 3x)\n",
      l, ms, t, verdict, w - fw, (r - fr) / 1024, (r - fr) * 1024 / d, d / 1048576
  }'
}
row "1024x1024 PNG, 16-bit RGB (5.3 MB)" 40 $((1024 * 1024 * 4)) "$reprise" measure "$work/big.png"
row "1024x1024 PNG, 8-bit RGB" 40 $((1024 * 1024 * 4)) "$reprise" measure "$work/big8.png"
row "2048x2048 JPEG 4:2:0 q90" 120 $((2048 * 2048 * 4)) "$reprise" measure "$work/big.jpg"
row "1024x1024 PNG 16-bit --baseline PNG" - $((2 * 1024 * 1024 * 4)) "$reprise" measure "$work/big.png" --baseline "$work/other.png"
row "1024x1024 PNG, model-like (flat, Up)" - $((1024 * 1024 * 4)) "$reprise" measure "$work/model.png"
awk -v c="$floor_cpu" -v w="$floor_wall" -v r="$floor_rss" 'BEGIN {
  printf "  floor (8x8 PNG: start, read, print), subtracted above: %.1f ms CPU, %.1f ms wall, peak RSS %.1f MiB\n", c, w, r / 1024 }'
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
