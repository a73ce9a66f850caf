#!/usr/bin/env bash
# aalint compile against apparmor_parser -QKT on Debian's /etc/apparmor.d, in the same run, with the
# same features file and the same number of jobs: medians of wall time and peak memory, and their
# ratios (apparmor_parser first, so a time ratio below 1 means aalint is faster).
#   usage: bench/compile-vs-parser.sh [BUILD_DIR] [RUNS] [TREE] [JOBS]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
aalint=$(realpath "${1:-$root/build}")/aalint
runs=${2:-5}
tree=${3:-/etc/apparmor.d}
jobs=${4:-1}
features=/usr/share/apparmor-features/features
python3 "$root/bench/median_time.py" "$runs" \
  "apparmor_parser -QKT -j $jobs=apparmor_parser -QKT -j $jobs -M $features $tree" \
  "aalint compile -j $jobs=$aalint compile -S -j $jobs --features-file $features $tree"
