#!/usr/bin/env bash
# The whole loop, offline: start openrouter-mock, run a batch, make a gallery, iterate on the best
# image as a baseline, compare the two iterations, replay the first exactly, verify everything.
# No network and no real key. Uses reprise from $REPRISE_BIN or PATH and openrouter-mock from
# $REPRISE_MOCK_BIN or beside reprise; builds (swift build -c release) only what it cannot find.
# Usage: bash samples/demo.sh [folder]   (default ./reprise-demo)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
source "$root/samples/lib/offline-mock.sh"
demo="${1:-reprise-demo}"
find_binaries "$root"
mkdir -p "$demo"
cd "$demo"
demo="$(pwd)"
start_mock
step() { printf '\n== %s\n' "$*"; }

step "1. Four variants of a logo (manifest, queue, foreground drain)"
"$reprise" variants --prompt 'A minimalist snow crab logo, flat vector, centred, with the wordmark "Snow Crab"' \
  --count 4 --out-dir iteration-1 --prefix crab --seed 42 --quiet

step "2. A gallery of the first iteration"
"$reprise" gallery iteration-1/crab-manifest.json

step "3. Second iteration: vary image 0001, baseline rails on (low strength, locked palette and composition)"
cp iteration-1/crab-0001.png picked-crab-0001.png
"$reprise" variants --prompt 'Refine this snow crab logo for a banner, keep the wordmark "Snow Crab" legible' \
  --count 4 --out-dir iteration-2 --prefix crab --seed 42 --quiet \
  --baseline-image picked-crab-0001.png --confirm-external-upload --baseline-source-kind current_attachment \
  --must-keep 'wordmark "Snow Crab"'
# Each result records the output's measures: the job lines above end with the lock verdicts
# (palette: kept | drifted (dE ...), composition: kept | drifted (SSIM ...)).

step "4. What changed between the iterations (spec, jobs, outputs, cost)"
changes="$("$reprise" diff iteration-1/crab-manifest.json iteration-2/crab-manifest.json || true)"  # exit 1: they differ
printf '%s\n' "$changes" | tail -12
"$reprise" gallery --compare iteration-1/crab-manifest.json iteration-2/crab-manifest.json

step "5. Replay iteration 1 exactly (same request bytes) and compare the outputs"
"$reprise" rerun iteration-1/crab-manifest.json --expect-identical --quiet

step "6. Verify: manifest ids, baseline digest, every output against its record"
"$reprise" verify iteration-1/crab-manifest.json | tail -1
"$reprise" verify iteration-2/crab-manifest.json | tail -1

step "7. Provenance inside an image"
# Captured first, then cut: under pipefail, `inspect | head` would fail when head stops reading.
provenance="$("$reprise" inspect iteration-2/crab-0001.png)"
printf '%s\n' "$provenance" | sed -n 1,8p

cat <<EOT

Done. Where to look (in $demo/):
  iteration-1/crab-gallery.html, iteration-2/crab-compare.html   open in a browser
  iteration-*/crab-manifest.json                                  the reproducible record
  iteration-*/imagegen-queue/results/*.json                       one record per image
  iteration-1/crab-rerun-*/                                       the replays' images
EOT
