#!/usr/bin/env bash
# Benchmark: ImageDecoder.decode (Sources/RepriseCodecs/Decoding) on a 1024x1024 RGBA PNG, a
# 2048x2048 4:2:0 baseline JPEG (quality 90) and the PNG as lossless WebP (no budget: optional),
# plasma fractals made by ImageMagick; also a model-like output (1024x1024 8-bit RGB in three flat
# colours, zlib level 1, Up filter: what openrouter-mock sends and the drain measures for every
# job, budget 1 ms) and the 16-bit RGB plasma ImageMagick writes by default (5.3 MB, `bash
# bench/measure.sh`'s stress case, no budget of its own), compiled
# with `swiftc -O -wmo` as `swift build -c release` compiles the module. Prints the median and best
# of RUNS decodes, one core, beside the decode budget (PNG 20 ms, JPEG 70 ms: the measuring
# budgets of issue 13 are 40 and 120 ms, decode included), and the peak RSS of one decode over
# the RSS of only reading the file, beside 3x the decoded RGBA buffer.
# Usage: bash bench/decode.sh [runs]   (default 15; needs ImageMagick's convert)
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-15}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
convert=/usr/bin/convert
[ -x "$convert" ] || convert="$(command -v convert || command -v magick || true)"
[ -n "$convert" ] || { echo "decode bench: ImageMagick (convert) not found" >&2; exit 2; }
# Compiled inside $work: swiftc leaves its module files (decodebench-1.swiftmodule, ...) in the
# current folder.
root="$PWD"
(cd "$work" && swiftc -O -wmo -module-name decodebench -package-name reprise "$root"/bench/decode/main.swift "$root"/Sources/RepriseCodecs/Decoding/*.swift \
  "$root"/Sources/RepriseCodecs/CRC32.swift "$root"/Sources/RepriseCodecs/Adler32.swift -o "$work/decodebench" 2> "$work/build.log") \
  || { grep -m 10 "error:" "$work/build.log" >&2; exit 1; }
"$convert" -seed 7 -size 1024x1024 plasma:fractal \( -size 1024x1024 gradient:white-black \) -alpha off -compose CopyOpacity -composite PNG32:"$work/1024.png"
"$convert" "$work/1024.png" -define webp:lossless=true "$work/1024.webp"
"$convert" -seed 8 -size 2048x2048 plasma:fractal -sampling-factor 4:2:0 -quality 90 "$work/2048.jpg"
"$convert" -size 1024x1024 xc:'#3a6787' -fill '#c04ca8' -draw 'rectangle 0,0 511,1023' -fill '#e7c4b0' -draw 'rectangle 0,384 511,511' \
  -quality 12 PNG24:"$work/model.png"
"$convert" -seed 7 -size 1024x1024 plasma:fractal "$work/plasma16.png"
echo "decode bench ($(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)), $runs runs each:"
row() {  # file, label, budget ms, decoded bytes
  read -r _ size median best cpu < <(taskset -c 0 "$work/decodebench" "$runs" "$1" 2>/dev/null || "$work/decodebench" "$runs" "$1")
  local memory="peak RSS not measured (/usr/bin/time missing)"
  if [ -x /usr/bin/time ]; then
    local base peak
    base=$(/usr/bin/time -v "$work/decodebench" 0 "$1" 2>&1 >/dev/null | awk '/Maximum resident/ { print $NF }')
    peak=$(/usr/bin/time -v "$work/decodebench" 1 "$1" 2>&1 >/dev/null | awk '/Maximum resident/ { print $NF }')
    memory=$(awk -v b="$base" -v p="$peak" -v d="$4" 'BEGIN { printf "peak RSS +%.1f MB over reading the file (%.2fx the %.1f MB RGBA buffer; target <= 3x)", (p - b) / 1024, (p - b) * 1024 / d, d / 1048576 }')
  fi
  printf '  %-24s %s  median %6s ms (CPU %6s ms)  best %6s ms  budget %3s ms  %s\n' "$2" "$size" "$median" "$cpu" "$best" "$3" "$memory"
}
row "$work/1024.png" "PNG RGBA 8-bit" 20 $((1024 * 1024 * 4))
row "$work/2048.jpg" "JPEG 4:2:0 q90 baseline" 70 $((2048 * 2048 * 4))
row "$work/1024.webp" "WebP lossless RGBA" " - " $((1024 * 1024 * 4))
row "$work/model.png" "PNG RGB 8, model-like" 1 $((1024 * 1024 * 4))
row "$work/plasma16.png" "PNG RGB 16 (5.3 MB)" " - " $((1024 * 1024 * 4))
