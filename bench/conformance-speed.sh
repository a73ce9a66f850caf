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

echo "corpus: $corpus, -j $jobs"
python3 "$root/bench/median_time.py" 1 \
  "apparmor_parser -QKT=$runner $corpus -j $jobs -c 'apparmor_parser --config-file={conf} -M {features} -QKT -I {dir} {file}'" \
  "aalint check=$runner $corpus -j $jobs -c '$build/aalint check -I {dir} {file}'"
