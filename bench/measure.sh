#!/usr/bin/env bash
# Benchmark: measuring a 1024x1024 PNG, decode included (release build, one core: measuring is
# single-threaded). Figure = median CPU time (user + system, from wait4) of `reprise measure
# big.png` minus the median of `reprise measure tiny.png` (an 8x8 PNG: process start, reading,
# printing), so it is the decode and the measures alone; CPU time rather than wall time because
# the box is shared (wall medians are printed too). Target: at most 40 ms. Also printed: the same
# for `--baseline` (two images decoded and compared) and the floor itself.
# Needs ImageMagick (`convert`) to write the test images (a plasma fractal: photo-like, compresses
# like a generated image does).
# Usage: bash bench/measure.sh [runs]
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib/timing.sh
runs="${1:-21}"
command -v convert >/dev/null || { echo "bench/measure.sh needs ImageMagick's convert" >&2; exit 1; }
swift build -c release --product reprise >/dev/null
reprise="$(swift build -c release --show-bin-path)/reprise"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
convert -seed 7 -size 1024x1024 plasma:fractal "$work/big.png"
convert -seed 8 -size 1024x1024 plasma:fractal "$work/other.png"
convert -size 8x8 xc:'#336699' "$work/tiny.png"
"$reprise" measure "$work/big.png" >/dev/null  # warm the page cache
cpu_ms() {  # median CPU ms of $runs runs of the command
  python3 - "$runs" "$@" <<'PY'
import os, subprocess, sys
runs, cmd = int(sys.argv[1]), sys.argv[2:]
times = []
for _ in range(runs):
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL)
    _, _, usage = os.wait4(p.pid, 0)
    times.append((usage.ru_utime + usage.ru_stime) * 1000)
print("%.1f" % sorted(times)[len(times) // 2])
PY
}
floor=$(cpu_ms "$reprise" measure "$work/tiny.png")
one=$(cpu_ms "$reprise" measure "$work/big.png")
two=$(cpu_ms "$reprise" measure "$work/big.png" --baseline "$work/other.png")
wall_floor=$(median_ms "$reprise" measure "$work/tiny.png")
wall_one=$(median_ms "$reprise" measure "$work/big.png")
echo "load: $(uptime | sed 's/.*load average: //')"
awk -v f="$floor" -v a="$one" -v b="$two" -v n="$runs" -v wf="$wall_floor" -v wa="$wall_one" 'BEGIN {
  printf "measure 1024x1024 PNG, decode included (%d runs, median CPU minus floor): %.1f ms; target <= 40 ms\n", n, a - f
  printf "measure with --baseline (two 1024x1024 PNGs decoded, compared): %.1f ms CPU\n", b - f
  printf "floor (reprise measure of an 8x8 PNG: start, read, print): %.1f ms CPU\n", f
  printf "wall medians: 1024x1024 %.1f ms, floor %.1f ms (difference %.1f ms)\n", wa, wf, wa - wf
}'
