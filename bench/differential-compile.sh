#!/usr/bin/env bash
# aalint compile against apparmor_parser on the PASS cases of the conformance corpus: for each case
# that apparmor_parser 3.0.8 compiles, compile it with aalint too and compare with `aalint diff --sizes`:
# a case counts as equivalent when both grant the same and no automaton of aalint's is larger.
#   usage: bench/differential-compile.sh [BUILD_DIR] [EVERY_NTH] [PATTERN]
# PATTERN (grep -E) keeps only the cases whose text matches it, e.g. '^\s*(mount|remount)'.
# Prints the counts and the first differences.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
aalint=$(realpath "${1:-$root/build}")/aalint
step=${2:-1}
pattern=${3:-}
corpus=${AALINT_CONFORMANCE_DIR:-$root/../shared/conformance/dev}
features=/usr/share/apparmor-features/features
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/tst" && ln -s "$corpus" "$work/tst/simple_tests" && cd "$work/tst"
same=0 different=0 unsupported=0 parser_refused=0 parser_timeouts=0 n=0
while IFS= read -r test; do
  n=$((n + 1))
  (( (n - 1) % step == 0 )) || continue
  # Some cases take apparmor_parser minutes (regressions/ok_normalize.sd); they are counted apart.
  timeout 60 apparmor_parser -QKS -M "$features" -I "$corpus" "$test" >"$work/ref" 2>/dev/null
  case $? in
    0) ;;
    124) parser_timeouts=$((parser_timeouts + 1)); echo "apparmor_parser timed out: ${test#$corpus/}"; continue ;;
    *) parser_refused=$((parser_refused + 1)); continue ;;
  esac
  if ! "$aalint" compile -S --features-file "$features" -I "$corpus" "$test" >"$work/ours" 2>"$work/err"; then
    unsupported=$((unsupported + 1))
    { grep -o -m1 'error: .*' "$work/err" || echo "no error message"; } | sed "s|\$| (${test#$corpus/})|" >>"$work/unsupported"
    continue
  fi
  if [[ ! -s $work/ref && ! -s $work/ours ]] || "$aalint" diff --sizes "$work/ref" "$work/ours" >"$work/diff"; then
    same=$((same + 1))
  else
    different=$((different + 1))
    (( different <= 10 )) && echo "DIFFERENT ${test#$corpus/}: $(head -1 "$work/diff")"
  fi
done < <(grep -rl '^#=EXRESULT PASS' "$corpus" --include='*.sd' | sort |
         if [[ -n $pattern ]]; then xargs grep -lE -- "$pattern"; else cat; fi)
echo "equivalent: $same   different: $different   not yet compiled by aalint: $unsupported   refused by apparmor_parser 3.0.8: $parser_refused   apparmor_parser timed out: $parser_timeouts"
[[ -f $work/unsupported ]] && { echo "not compiled by aalint:"; sort "$work/unsupported"; }
