#!/usr/bin/env bash
# The whole loop, offline: start openrouter-mock, run a batch, make a gallery, iterate on the best
# image as a baseline, compare the two iterations, replay the first exactly, verify everything.
# No network and no real key. Usage: bash samples/demo.sh [folder]   (default ./reprise-demo)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
demo="${1:-reprise-demo}"
mkdir -p "$demo"
cd "$demo"
swift build -c release --package-path "$root" --product reprise >/dev/null
swift build -c release --package-path "$root" --product openrouter-mock >/dev/null
bin="$(swift build -c release --package-path "$root" --show-bin-path)"
reprise="$bin/reprise"
log="$(mktemp)"
"$bin/openrouter-mock" --port 0 --exit-with-parent > "$log" 2>&1 &
mock=$!
trap 'kill $mock 2>/dev/null; rm -f "$log"' EXIT
for _ in $(seq 100); do grep -q listening "$log" && break; sleep 0.1; done
export OPENROUTER_BASE_URL="$(grep -o 'http://127.0.0.1:[0-9]*/api/v1' "$log")"
export OPENROUTER_API_KEY="sk-or-offline-demo"
step() { printf '\n== %s\n' "$*"; }

step "1. Four variants of a logo (manifest, queue, foreground drain)"
"$reprise" variants --prompt 'A minimalist snow crab logo, flat vector, centred, with the wordmark "Snow Crab"' \
  --count 4 --out-dir iteration-1 --prefix crab --seed 42 --quiet

step "2. A gallery of the first iteration"
"$reprise" gallery iteration-1/crab-manifest.json

step "3. Second iteration: vary image 01, baseline rails on (low strength, locked palette and composition)"
cp iteration-1/crab-01.png picked-crab-01.png
"$reprise" variants --prompt 'Refine this snow crab logo for a banner, keep the wordmark "Snow Crab" legible' \
  --count 4 --out-dir iteration-2 --prefix crab --seed 42 --quiet \
  --baseline-image picked-crab-01.png --confirm-external-upload --baseline-source-kind current_attachment \
  --must-keep 'wordmark "Snow Crab"'

step "4. What changed between the iterations (spec, jobs, outputs, cost)"
"$reprise" diff iteration-1/crab-manifest.json iteration-2/crab-manifest.json | tail -12 || true
"$reprise" gallery --compare iteration-1/crab-manifest.json iteration-2/crab-manifest.json

step "5. Replay iteration 1 exactly (same request bytes) and compare the outputs"
"$reprise" rerun iteration-1/crab-manifest.json --expect-identical --quiet

step "6. Verify: manifest ids, baseline digest, every output against its record"
"$reprise" verify iteration-1/crab-manifest.json | tail -1
"$reprise" verify iteration-2/crab-manifest.json | tail -1

step "7. Provenance inside an image"
"$reprise" inspect iteration-2/crab-01.png | head -8

cat <<EOT

Where to look (in $demo/):
  iteration-1/crab-gallery.html, iteration-2/crab-compare.html   open in a browser
  iteration-*/crab-manifest.json                                  the reproducible record
  iteration-*/imagegen-queue/results/*.json                       one record per image
  iteration-1/crab-rerun-1/                                       the replay's images
EOT
