#!/usr/bin/env bash
# aalint compile against apparmor_parser -QKT on Debian's /etc/apparmor.d, in the same run, with the
# same features file and the same number of jobs: medians of wall time and peak memory, and their
# ratios (apparmor_parser first, so a time ratio below 1 means aalint is faster).
#   usage: bench/compile-vs-parser.sh [BUILD_DIR] [RUNS] [TREE]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
aalint=$(realpath "${1:-$root/build}")/aalint
runs=${2:-5}
tree=${3:-/etc/apparmor.d}
features=/usr/share/apparmor-features/features
# aalint compile runs on one thread; apparmor_parser gets -j 1 to match.
python3 "$root/bench/median_time.py" "$runs" \
  "apparmor_parser -QKT -j1=apparmor_parser -QKT -j 1 -M $features $tree" \
  "aalint compile=$aalint compile -S --features-file $features $tree"
