#!/usr/bin/env bash
# The snapshot builder at the dataset's scale: writes synthetic dataset-shaped Parquet files
# (oms-dataset: one row per model per weekly snapshot, dictionary-encoded strings, nanosecond
# timestamps, Snappy) and runs `oms build-series` on each, reporting wall time, rows per second
# and peak memory (the process's maximum resident set). A benchmark, not a test.
#
# Usage: bash bench/builder.sh [MILLIONS OF ROWS ...]     (default: 1 10 30)
#   OMS_BENCH_WEEKS=270     weekly snapshots (270: June 2020 to August 2025); more weeks, more rows
#                           per model (810 weeks: three times the rows of the same models)
#   OMS_BENCH_ORDER=time    row order: time (as the released file), model, scrambled
#   OMS_BENCH_DIR=DIR       where the files go (default: a folder under the system's temporary
#                           folder; kept between runs, a file is written once per shape)
#   OMS_BENCH_BASELINE=BIN  also run another `oms` binary on the same files (before/after)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
weeks="${OMS_BENCH_WEEKS:-270}"
order="${OMS_BENCH_ORDER:-time}"
dir="${OMS_BENCH_DIR:-${TMPDIR:-/tmp}/oms-builder-bench}"
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1 10 30)
mkdir -p "$dir"

(cd "$root" && cargo build --quiet --locked --profile tools -p oms-tools --bin oms --bin oms-dataset)
target="${CARGO_TARGET_DIR:-$root/target}/tools"

# Runs a command; prints "seconds peak_kib" (the child's maximum resident set).
measure() {
  python3 - "$@" <<'EOF'
import resource, subprocess, sys, time
t = time.monotonic()
r = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
wall = time.monotonic() - t
if r.returncode != 0:
    sys.stderr.write(r.stderr.decode())
    sys.exit(r.returncode)
print(f"{wall:.2f} {resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}")
EOF
}

printf '%-10s %6s %9s %12s %9s %12s %10s  %s\n' rows weeks "file MB" models seconds "rows/s" "peak MiB" binary
for millions in "${sizes[@]}"; do
  # About weeks/7 rows a model (models start late: see crates/tools/src/synth.rs).
  models=$(python3 -c "print(max(1, round($millions * 1e6 * 7 / ($weeks + 5.2))))")
  file="$dir/dataset-$models-$weeks-$order.parquet"
  if [ ! -s "$file" ]; then
    "$target/oms-dataset" --models "$models" --weeks "$weeks" --order "$order" --out "$file.part" > "$file.rows"
    mv "$file.part" "$file"
  fi
  rows=$(cat "$file.rows")
  mb=$(( $(stat -c %s "$file") / 1000000 ))
  for bin in "$target/oms" ${OMS_BENCH_BASELINE:+"$OMS_BENCH_BASELINE"}; do
    read -r secs kib < <(measure "$bin" build-series "$file" --revision bench \
      --snapshot "$root/public/data/snapshot.json" --out "$dir/out.json")
    rate=$(python3 -c "print(round($rows / $secs))")
    printf '%-10s %6s %9s %12s %9s %12s %10s  %s\n' "$rows" "$weeks" "$mb" "$models" "$secs" "$rate" \
      "$(( kib / 1024 ))" "$bin"
  done
done
