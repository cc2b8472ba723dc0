#!/usr/bin/env bash
# Offline quick start: builds reprise and openrouter-mock (release), starts the mock on a free
# loopback port, runs a 4-variant batch against it, and says where to look. No network, no key.
# Usage: bash samples/quickstart.sh [out-dir]   (default: ./quickstart-out)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="${1:-quickstart-out}"
swift build -c release --package-path "$root" --product reprise >/dev/null
swift build -c release --package-path "$root" --product openrouter-mock >/dev/null
bin="$(swift build -c release --package-path "$root" --show-bin-path)"
log="$(mktemp)"
"$bin/openrouter-mock" --port 0 > "$log" 2>&1 &
mock=$!
trap 'kill $mock 2>/dev/null; rm -f "$log"' EXIT
for _ in $(seq 100); do grep -q listening "$log" && break; sleep 0.1; done
base="$(grep -o 'http://127.0.0.1:[0-9]*/api/v1' "$log")"
export OPENROUTER_BASE_URL="$base" OPENROUTER_API_KEY="sk-or-offline-demo"
"$bin/reprise" variants \
  --prompt 'A minimalist snow crab logo, flat vector, centred, with the wordmark "Snow Crab"' \
  --count 4 --out-dir "$out" --prefix crab-logo --seed 42
echo
echo "Images:   $out/crab-logo-01.png ... crab-logo-04.png"
echo "Manifest: $out/crab-logo-manifest.json   (reprise rerun $out/crab-logo-manifest.json --dry-run)"
echo "Records:  $out/imagegen-queue/results/   (reprise status --manifest $out/crab-logo-manifest.json)"
