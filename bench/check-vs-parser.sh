#!/usr/bin/env bash
# aalint check against apparmor_parser on one tree, in the same run: -QKT (parse and compile, no
# load) and -N (parse and print the names). Medians and ratios.
#   usage: bench/check-vs-parser.sh [BUILD_DIR] [RUNS] [TREE]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
aalint=$(realpath "${1:-$root/build}")/aalint
runs=${2:-11}
tree=${3:-/etc/apparmor.d}
features=/usr/share/apparmor-features/features
python3 "$root/bench/median_time.py" "$runs" \
  "aalint check=$aalint check -q $tree" \
  "apparmor_parser -QKT=apparmor_parser -QKT -M $features $tree" \
  "apparmor_parser -N=apparmor_parser -N -M $features $tree"
