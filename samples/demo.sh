#!/usr/bin/env bash
# The designer's loop, offline: start openrouter-mock, run a batch, make a gallery, pick the best
# image, iterate from it (twice), print the lineage and its page, compare the iterations, replay the
# first exactly, verify everything. No network and no real key. Uses reprise from $REPRISE_BIN or
# PATH and openrouter-mock from $REPRISE_MOCK_BIN or beside reprise; builds (swift build -c release)
# only what it cannot find.
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

step "1. Four variants of a logo in the brand palette (manifest, queue, foreground drain)"
"$reprise" variants --prompt 'A minimalist snow crab logo, flat vector, centred, with the wordmark "Snow Crab"' \
  --count 4 --out-dir logo --prefix crab --seed 42 --quiet \
  --must-keep 'wordmark "Snow Crab"' --palette '#0A2540,#FF5A5F,#F6F9FC'

step "2. A gallery of the first iteration"
"$reprise" gallery logo/crab-manifest.json

step "3. Pick the best one (recorded in logo/crab-picks.json; the manifest never changes)"
"$reprise" pick logo/crab-manifest.json 2 --note 'best claws'

step "4. Iterate from it: same prompt, model, must-keep and palette; the image is the baseline (rails on)"
"$reprise" iterate logo/crab-0002.png --confirm-external-upload --count 3 --quiet \
  --prompt-append 'Make it work as a 16:9 banner, keep the wordmark legible'
# Each result records the output's measures: the job lines above end with the lock verdicts
# (palette: kept | drifted (dE ...), composition: kept | drifted (SSIM ...)) and, for the brand
# palette every batch here carries, brand palette: kept | drifted (dE ...).

step "5. Pick in the second iteration and iterate again (its folder goes inside the parent's)"
"$reprise" pick logo/crab-v2/crab-v2-manifest.json 1
"$reprise" iterate --from logo/crab-v2/crab-v2-manifest.json 1 --confirm-external-upload --count 2 --quiet

step "6. The lineage: which iteration grew out of which image"
"$reprise" lineage logo
"$reprise" gallery --lineage logo

step "7. What changed between the first two iterations (spec, jobs, outputs, cost)"
changes="$("$reprise" diff logo/crab-manifest.json logo/crab-v2/crab-v2-manifest.json || true)"  # exit 1: they differ
printf '%s\n' "$changes" | tail -12
"$reprise" gallery --compare logo/crab-manifest.json logo/crab-v2/crab-v2-manifest.json

step "8. Replay iteration 1 exactly (same request bytes) and compare the outputs"
"$reprise" rerun logo/crab-manifest.json --expect-identical --quiet

step "9. Verify: manifest ids, baseline digests, every output against its record"
for manifest in logo/crab-manifest.json logo/crab-v2/crab-v2-manifest.json logo/crab-v2/crab-v3/crab-v3-manifest.json; do
  "$reprise" verify "$manifest" | tail -1
done

step "10. Provenance inside an image"
# Captured first, then cut: under pipefail, `inspect | head` would fail when head stops reading.
provenance="$("$reprise" inspect logo/crab-v2/crab-v2-0001.png)"
printf '%s\n' "$provenance" | sed -n 1,8p

cat <<EOT

Done. Where to look (in $demo/):
  logo/crab-gallery.html, logo/lineage.html, logo/crab-v2/crab-v2-compare.html   open in a browser
  logo/crab-manifest.json, logo/crab-v2/, logo/crab-v2/crab-v3/                  the three iterations
  logo/*-picks.json, logo/crab-v2/*-picks.json                                   the picks
  logo/**/imagegen-queue/results/*.json                                          one record per image
  logo/crab-rerun-*/                                                             the replays' images
EOT
