#!/usr/bin/env bash
# Wall time of the whole conformance corpus through `aalint check` and through apparmor_parser -QKT,
# in the same run, each with the same -j. Prints both times and their ratio.
#   usage: bench/conformance-speed.sh [BUILD_DIR] [JOBS]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=$(realpath "${1:-$root/build}")
jobs=${2:-$(nproc)}
corpus=${AALINT_CONFORMANCE_DIR:-$root/../shared/conformance/dev}
runner=$(dirname "$corpus")/run-conformance
command -v apparmor_parser >/dev/null || { echo "apparmor_parser not installed (scripts/install-deps)"; exit 1; }

measure() {  # label command
  local start end log
  log=$(mktemp)
  start=$(date +%s.%N)
  "$runner" "$corpus" -c "$2" -j "$jobs" >"$log" 2>&1 || true
  end=$(date +%s.%N)
  printf '%-16s %8.1f s   %s\n' "$1" "$(echo "$end - $start" | bc)" "$(tail -n 1 "$log")" >&2
  echo "$end - $start" | bc
  rm -f "$log"
}

echo "corpus: $corpus, -j $jobs" >&2
parser=$(measure "apparmor_parser" "apparmor_parser --config-file={conf} -M {features} -QKT -I {dir} {file}")
aalint=$(measure "aalint check" "$build/aalint check -I {dir} {file}")
printf 'ratio apparmor_parser / aalint: %.2f\n' "$(echo "$parser / $aalint" | bc -l)"
