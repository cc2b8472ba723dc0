#!/usr/bin/env bash
# Offline quick start: starts openrouter-mock on a free loopback port, runs a 4-variant batch
# against it, and says where to look. No network, no key.
# Uses reprise from $REPRISE_BIN or PATH and openrouter-mock from $REPRISE_MOCK_BIN or beside
# reprise; builds (swift build -c release) only what it cannot find.
# Usage: bash samples/quickstart.sh [out-dir]   (default: ./quickstart-out)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
source "$root/samples/lib/offline-mock.sh"
out="${1:-quickstart-out}"
find_binaries "$root"
start_mock
"$reprise" variants \
  --prompt 'A minimalist snow crab logo, flat vector, centred, with the wordmark "Snow Crab"' \
  --count 4 --out-dir "$out" --prefix crab-logo --seed 42
out="$(cd "$out" && pwd)"
echo
echo "Images:   $out/crab-logo-0001.png ... crab-logo-0004.png"
echo "Manifest: $out/crab-logo-manifest.json   (reprise rerun $out/crab-logo-manifest.json --dry-run)"
echo "Records:  $out/imagegen-queue/results/   (reprise status --manifest $out/crab-logo-manifest.json)"
