# Shared by the bench scripts: median_ms COMMAND... prints the median wall time in ms of $runs
# runs of COMMAND (its output discarded).
median_ms() {
  local times=() start end
  for _ in $(seq 1 "$runs"); do
    start=$(date +%s%N); "$@" >/dev/null; end=$(date +%s%N)
    times+=($(( (end - start) / 1000 )))
  done
  printf '%s\n' "${times[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p" | awk '{ printf "%.1f", $1 / 1000 }'
}
