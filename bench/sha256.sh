#!/usr/bin/env bash
# Benchmark: SHA-256 throughput on 64 MiB of random bytes, in MiB/s: reprise's SHA256
# (Sources/RepriseCodecs/SHA256.swift) on the system engine RepriseKit uses for image bytes
# (libcrypto's SHA256_*, loaded at run time) and on its own Swift code, against the version before
# issue 12 (bench/sha256/OldSHA256.swift); all compiled here with `swiftc -O -wmo` (what `swift
# build -c release` does per module) and fed 1 MiB chunks as the image pipeline does. Floors:
# coreutils `sha256sum` and `openssl dgst -sha256` on the same file. All digests must agree.
# Target: what reprise hashes images with at least 3 x the old code.
# Usage: bash bench/sha256.sh [mebibytes]
set -euo pipefail
cd "$(dirname "$0")/.."
mib="${1:-64}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
swiftc -O -wmo -module-name sha256bench bench/sha256/main.swift bench/sha256/OldSHA256.swift Sources/RepriseCodecs/SHA256.swift -o "$work/sha256bench" 2> "$work/build.log" \
  || { cat "$work/build.log" >&2; exit 1; }
head -c "$((mib << 20))" /dev/urandom > "$work/data"
"$work/sha256bench" "$mib" "$work/data" > "$work/rates"
read -r _ engine_rate engine_digest < <(grep '^engine' "$work/rates")
read -r _ new_rate new_digest < <(grep '^swift' "$work/rates")
read -r _ old_rate old_digest < <(grep '^old' "$work/rates")
# Wall time of a tool over the (cached) file, best of three, as MiB/s.
rate_of() {
  local best=""
  for _ in 1 2 3; do
    local start end
    start=$(date +%s%N); "$@" < "$work/data" > "$work/tool.out"; end=$(date +%s%N)
    local t=$(( end - start ))
    if [ -z "$best" ] || [ "$t" -lt "$best" ]; then best=$t; fi
  done
  echo "$mib $best" | awk '{ printf "%.1f", $1 / ($2 / 1e9) }'
}
sum_rate=$(rate_of sha256sum); sum_digest=$(cut -d' ' -f1 "$work/tool.out")
ossl_rate="-"; ossl_digest="$sum_digest"
if command -v openssl >/dev/null; then ossl_rate=$(rate_of openssl dgst -sha256 -r); ossl_digest=$(cut -d' ' -f1 "$work/tool.out"); fi
[ "$engine_digest" = "-" ] && engine_digest="$new_digest"
for d in "$old_digest" "$sum_digest" "$ossl_digest" "$engine_digest"; do
  [ "$d" = "$new_digest" ] || { echo "error: digests differ: new $new_digest, other $d" >&2; exit 1; }
done
printf 'sha256 of %d MiB random bytes (MiB/s, digests agree: %s)\n' "$mib" "${new_digest:0:16}"
printf '%-34s %10s\n' "reprise, system engine (images)" "$engine_rate" "reprise, Swift code" "$new_rate" \
  "reprise before issue 12" "$old_rate" "floor: sha256sum" "$sum_rate" "floor: openssl dgst -sha256" "$ossl_rate"
best="$engine_rate"; [ "$best" = "-" ] && best="$new_rate"
echo "$best $new_rate $old_rate" | awk '{ printf "speed-up over before: %.2f x images (target: at least 3 x), %.2f x Swift code\n", $1 / $3, $2 / $3 }'
