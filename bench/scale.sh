#!/usr/bin/env bash
# How cost grows with the number of profiles: generated corpora of N profiles that include the
# system's tunables and abstractions (bench/generate-corpus.py), checked, linted with every rule and
# compiled by aalint, and compiled by apparmor_parser -QKT at the same -j, in the same run. Prints
# medians, time per profile and peak memory for each N.
#   usage: bench/scale.sh [BUILD_DIR] [RUNS] [SIZES] [PARSER_MAX]
# SIZES defaults to "100 1000 10000"; apparmor_parser runs only up to PARSER_MAX profiles (default
# 1000: it needs about a minute per thousand).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
aalint=$(realpath "${1:-$root/build}")/aalint
runs=${2:-3}
sizes=${3:-100 1000 10000}
parser_max=${4:-1000}
jobs=$(nproc)
features=/usr/share/apparmor-features/features
all=$("$aalint" rules | awk '{print $1}' | paste -sd, -)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for n in $sizes; do
  corpus=$work/corpus-$n
  python3 "$root/bench/generate-corpus.py" "$n" "$corpus"
  echo "== $n profiles, -j $jobs"
  commands=(
    "aalint check=$aalint check -q $corpus"
    "aalint lint (all rules)=$aalint -q --select $all $corpus"
    "aalint compile=$aalint compile -S -j $jobs --features-file $features $corpus"
  )
  if ((n <= parser_max)); then
    commands+=("apparmor_parser -QKT=apparmor_parser -QKT -j $jobs -M $features $corpus")
  fi
  python3 "$root/bench/median_time.py" --per "$n" "$runs" "${commands[@]}"
done
