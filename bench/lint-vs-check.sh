#!/usr/bin/env bash
# How much the lint rules cost over checking alone, on Debian's profiles: `aalint check` and `aalint`
# with every rule enabled, at -j 1 and at the default -j, medians of several runs.
#   usage: bench/lint-vs-check.sh [BUILD_DIR] [RUNS]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
aalint=$(realpath "${1:-$root/build}")/aalint
runs=${2:-5}
trees="/etc/apparmor.d /usr/share/apparmor/extra-profiles"
all=$("$aalint" rules | awk '{print $1}' | paste -sd, -)
python3 "$root/bench/median_time.py" "$runs" \
  "check -j1=$aalint check -j 1 -q $trees" \
  "lint (all rules) -j1=$aalint -j 1 -q --select $all $trees" \
  "check=$aalint check -q $trees" \
  "lint (all rules)=$aalint -q --select $all $trees"
