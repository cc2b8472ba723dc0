#!/usr/bin/env bash
# Long fuzz run: the four targets of Tests/RepriseKitTests/FuzzTests.swift (manifest decoder and
# job files, response parser and redactor, PNG chunk reader and image inspector, argument parser
# and command line) and the image decoders of Tests/RepriseCodecsTests/DecoderFuzzTests.swift
# (pngDecoder, jpegDecoder, webpDecoder), release build, COUNT mutated inputs each from SEED.
# Each target runs in its own process, so a crash in one is reported and the others still run. Prints one line per
# target: inputs, seconds, slowest input, failed or not; exit 0 only when nothing failed.
#
# A crash or hang: the slice of iterations it happened in is replayed with every input traced,
# and the crashing input is kept in .build/fuzz/crash-<target>.bin. Any single input can be
# rerun with `REPRISE_FUZZ_SEED=<seed> REPRISE_FUZZ_START=<i> REPRISE_FUZZ_COUNT=1 swift test
# --filter FuzzTests/<target>`.
#
# Usage: bash bench/fuzz.sh [count-per-target] [seed]   (defaults: 100000, the tests' fixed seed)
# Environment: REPRISE_FUZZ_SLOW_MS (default 1000), REPRISE_FUZZ_HANG_SECONDS (10),
# REPRISE_FUZZ_MAX_SECONDS per target (3600).
set -euo pipefail
cd "$(dirname "$0")/.."
count="${1:-100000}"
seed="${2:-0x7265707269736501}"
targets=(manifestDecoder responseParser pngChunkReader argumentParser pngDecoder jpegDecoder webpDecoder)
# A scratch folder of its own: building tests in release needs testable imports, which would
# otherwise force a rebuild of everyone else's .build/release.
scratch=.build/fuzz
mkdir -p "$scratch"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

echo "building (release, testable) in $scratch ..." >&2
if ! swift build -c release --build-tests --scratch-path "$scratch" -Xswiftc -enable-testing >"$work/build.log" 2>&1; then
  grep -E "error:" "$work/build.log" | head -20 >&2 || tail -20 "$work/build.log" >&2
  echo "fuzz: build failed" >&2
  exit 2
fi

export REPRISE_FUZZ_COUNT="$count" REPRISE_FUZZ_SEED="$seed"
export REPRISE_FUZZ_MAX_SECONDS="${REPRISE_FUZZ_MAX_SECONDS:-3600}"
# Swift Testing captures a backtrace on every Swift error thrown, and the standard library throws
# internally once per invalid UTF-8 sequence it repairs: without this, an input with 50 KB of
# invalid UTF-8 times at 300 ms instead of 5 ms. Timings should be reprise's, not the harness's.
export SWT_SWIFT_ERROR_BACKTRACING_ENABLED=0

run_target() {  # target, extra environment...
  local target="$1"; shift
  env "$@" timeout --signal=KILL "$((REPRISE_FUZZ_MAX_SECONDS + 120))" \
    swift test -c release --skip-build --scratch-path "$scratch" -Xswiftc -enable-testing --filter "FuzzTests/$target" 2>&1
}

status=0
started=$(date +%s)
for target in "${targets[@]}"; do
  log="$work/$target.log"
  progress="$scratch/$target.progress"
  if run_target "$target" REPRISE_FUZZ_PROGRESS="$progress" REPRISE_FUZZ_REPORT="$work/$target.report" >"$log"; then
    grep -E '^fuzz ' "$log"
    continue
  fi
  status=1
  if [ -s "$work/$target.report" ]; then
    # The run finished but inputs failed (a broken property or a slow input): the details say which.
    grep -E '^fuzz ' "$log" || true
    grep -E '^  ' "$work/$target.report" || true
    continue
  fi
  # No report: the process crashed or hung. Replay the slice it was in, tracing every input.
  slice="$(cat "$progress" 2>/dev/null || echo "unknown slice")"
  echo "fuzz $target: CRASHED or HUNG in slice: $slice"
  grep -aoE "Fatal error.*|input #[0-9]+ has run for .*|exited with (unexpected signal )?code [0-9]+" "$log" | head -3 | sed 's/^/  /'
  start=$(sed -n 's/.*start=\([0-9]*\).*/\1/p' <<<"$slice")
  slice_count=$(sed -n 's/.*count=\([0-9]*\).*/\1/p' <<<"$slice")
  if [ -n "$start" ] && [ -n "$slice_count" ]; then
    trace="$scratch/crash-$target.bin"
    if run_target "$target" REPRISE_FUZZ_START="$start" REPRISE_FUZZ_COUNT="$slice_count" REPRISE_FUZZ_TRACE="$trace" \
      REPRISE_FUZZ_PROGRESS="$work/$target.replay-progress" >"$work/$target.replay"; then
      echo "  iterations $start..$((start + slice_count - 1)) passed when replayed alone: the failure depends on earlier inputs"
    else
      at=$(sed -n 's/.*start=\([0-9]*\).*/\1/p' "$work/$target.replay-progress" 2>/dev/null)
      echo "  the failing input is #$at; the last input handed to the target is in $trace. Rerun it with:"
      echo "  REPRISE_FUZZ_SEED=$seed REPRISE_FUZZ_START=$at REPRISE_FUZZ_COUNT=1 swift test --filter FuzzTests/$target"
    fi
  fi
done
echo "fuzz: ${#targets[@]} targets x $count inputs, seed $seed, $(( $(date +%s) - started )) s in all; $([ $status -eq 0 ] && echo "nothing failed" || echo "FAILURES above")"
exit $status
