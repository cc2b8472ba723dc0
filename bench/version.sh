#!/usr/bin/env bash
# Benchmark: `reprise --version` wall time, process start to exit (median of runs), for the
# release build and, when it builds, the static-stdlib release build
# (`swift build -c release --static-swift-stdlib`, in its own build folder). Target: at most 13 ms.
# Floor: `/bin/true` started the same way.
# Usage: bash bench/version.sh [runs]   (REPRISE_STATIC_BUILD_PATH picks the static build folder)
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib/timing.sh
runs="${1:-31}"
swift build -c release --product reprise >/dev/null
dynamic="$(swift build -c release --show-bin-path)/reprise"
static_path="${REPRISE_STATIC_BUILD_PATH:-.build/static}"  # its own build folder: the two builds never share objects
static=""
if swift build -c release --static-swift-stdlib --product reprise --build-path "$static_path" >/dev/null 2>&1; then
  static="$(swift build -c release --static-swift-stdlib --build-path "$static_path" --show-bin-path)/reprise"
fi
floor=$(median_ms /bin/true)
printf 'reprise --version (%d runs, median): release %s ms' "$runs" "$(median_ms "$dynamic" --version)"
if [ -n "$static" ]; then printf ', static-stdlib release %s ms' "$(median_ms "$static" --version)"; else printf ', static-stdlib release: does not build here'; fi
printf '; target <= 13 ms; floor (/bin/true) %s ms\n' "$floor"
