#!/usr/bin/env bash
# Benchmark: peak RSS of `reprise generate` receiving large images (release build), measured with
# /usr/bin/time -v against openrouter-mock --mode large (a stored PNG of about the given size),
# minus the process baseline: the same command receiving the mock's ordinary small image. Target
# (issue 12): at most 8 MB above the baseline at any image size, so nothing grows with the image
# (before: +86.8 MB for a 64 MB image). Also checks the record: its sha256 is the written file's and
# its provider_sha256 that of the file without the two chunks reprise inserted (python3).
# Usage: bash bench/generate-rss.sh [image-bytes ...]   (default: 25165824 67108864, 24 and 64 MiB)
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(25165824 67108864)
target_mb=8
[ -x /usr/bin/time ] || { echo "error: needs /usr/bin/time (GNU time)" >&2; exit 1; }
. bench/lib/common.sh

# Peak RSS in KB of one generate into $work/$1; prints "rss_kb wall".
generate() {
  rm -f "$work/$1"
  ( cd "$work" && OPENROUTER_BASE_URL="http://127.0.0.1:$port/api/v1" OPENROUTER_API_KEY=bench \
    /usr/bin/time -v "$bin/reprise" generate --prompt "large image" --out "$1" --model google/gemini-2.5-flash-image --output-format json 2> time.txt > record.json ) \
    || { cat "$work/time.txt" >&2; exit 1; }
  echo "$(grep 'Maximum resident set size' "$work/time.txt" | awk '{print $NF}') $(grep 'Elapsed (wall clock)' "$work/time.txt" | awk '{print $NF}')"
}

start_mock
generate small.png > /dev/null  # warm the page cache and the mock
read -r base_kb _ < <(generate small.png)
printf 'generate: peak RSS above the baseline (a small image: %.1f MB peak)\n' "$(echo "$base_kb / 1024" | bc -l)"
printf '%-12s %14s %12s %18s %12s %8s\n' image "response body" "peak RSS" "above baseline" target wall
for bytes in "${sizes[@]}"; do
  start_mock --mode large --large-bytes "$bytes"
  body=$(curl -s -o "$work/body.json" -w '%{size_download}' -H 'Authorization: Bearer bench' -H 'Content-Type: application/json' \
    -d '{"model":"google/gemini-2.5-flash-image","messages":[{"role":"user","content":"probe"}],"modalities":["image","text"]}' \
    "http://127.0.0.1:$port/api/v1/chat/completions")
  read -r rss_kb wall < <(generate big.png)
  image=$(wc -c < "$work/big.png")
  # The record's sha256 must be the file's, and the provider's the sha256 of the image in the body.
  written=$(sha256sum "$work/big.png" | cut -d' ' -f1)
  grep -q "\"sha256\" *: *\"$written\"" "$work/record.json" || { echo "error: the record's sha256 is not the file's ($written)" >&2; exit 1; }
  # The output without the two chunks reprise inserts after IHDR is the provider's PNG.
  sent=$(python3 -c '
import sys, struct
data = open(sys.argv[1], "rb").read()
out, i = [data[:8]], 8
while i < len(data):
    n, kind = struct.unpack(">I4s", data[i:i + 8])
    chunk = data[i:i + 12 + n]
    if not (kind in (b"iTXt", b"tEXt") and chunk[8:].split(b"\0")[0] in (b"reprise", b"parameters")):
        out.append(chunk)
    i += 12 + n
sys.stdout.buffer.write(b"".join(out))' "$work/big.png" | sha256sum | cut -d' ' -f1)
  grep -q "\"provider_sha256\" *: *\"$sent\"" "$work/record.json" || { echo "error: the record's provider_sha256 is not the PNG without reprise's chunks ($sent)" >&2; exit 1; }
  above=$(echo "($rss_kb - $base_kb) / 1024" | bc -l)
  verdict=$(echo "$above <= $target_mb" | bc -l | sed 's/1/ok/;s/0/OVER/')
  printf '%-12s %14s %12s %18s %12s %8s\n' "$(echo "$image / 1048576" | bc -l | xargs printf '%.1f MiB')" \
    "$(echo "$body / 1048576" | bc -l | xargs printf '%.1f MiB')" "$(echo "$rss_kb / 1024" | bc -l | xargs printf '%.1f MB')" \
    "$(printf '%+.1f MB' "$above")" "<= $target_mb MB $verdict" "$wall"
  rm -f "$work/body.json"
done
