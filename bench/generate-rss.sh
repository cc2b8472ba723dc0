#!/usr/bin/env bash
# Benchmark: peak RSS of `reprise generate` receiving a ~24 MB image (release build), measured
# with /usr/bin/time -v against openrouter-mock --mode large. Target: at most 2.5 x the HTTP
# response body size.
# Usage: bash bench/generate-rss.sh [image-bytes]
set -euo pipefail
cd "$(dirname "$0")/.."
bytes="${1:-25165824}"
swift build -c release --product reprise >/dev/null
swift build -c release --product openrouter-mock >/dev/null
bin="$(swift build -c release --show-bin-path)"
work="$(mktemp -d)"
"$bin/openrouter-mock" --port 0 --mode large --large-bytes "$bytes" > "$work/mock.out" &
mock=$!
trap 'kill $mock 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 50); do grep -q listening "$work/mock.out" 2>/dev/null && break; sleep 0.1; done
port=$(grep -o '127.0.0.1:[0-9]*' "$work/mock.out" | cut -d: -f2)
body=$(curl -s -o /dev/null -w '%{size_download}' -H 'Authorization: Bearer bench' -H 'Content-Type: application/json' \
  -d '{"model":"google/gemini-2.5-flash-image","messages":[{"role":"user","content":"probe"}],"modalities":["image","text"]}' \
  "http://127.0.0.1:$port/api/v1/chat/completions")
cd "$work"
OPENROUTER_BASE_URL="http://127.0.0.1:$port/api/v1" OPENROUTER_API_KEY=bench \
  /usr/bin/time -v "$bin/reprise" generate --prompt "large image" --out big.png --model google/gemini-2.5-flash-image 2> time.txt >/dev/null
rss_kb=$(grep 'Maximum resident set size' time.txt | awk '{print $NF}')
wall=$(grep 'Elapsed (wall clock)' time.txt | awk '{print $NF}')
image=$(wc -c < big.png)
printf 'generate, large image: image %d bytes, response body %d bytes, peak RSS %d KB (%.2f x body), wall %s\n' \
  "$image" "$body" "$rss_kb" "$(echo "$rss_kb * 1024 / $body" | bc -l)" "$wall"
