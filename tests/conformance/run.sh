#!/usr/bin/env bash
# Runs AppArmor's own parser tests (../shared/conformance/dev) through `aalint check` and fails if
# agreement falls below the floor recorded in tests/conformance/floor.
#   usage: run.sh AALINT_BINARY
# Exits 77 (skipped) when the corpus is not beside the checkout.
set -euo pipefail
aalint=$(realpath "$1")
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
corpus=${AALINT_CONFORMANCE_DIR:-$root/../shared/conformance/dev}
runner=$(dirname "$corpus")/run-conformance
if [[ ! -d $corpus || ! -x $runner ]]; then
  echo "conformance corpus not found at $corpus: skipped"
  exit 77
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$runner" "$corpus" -c "$aalint check -I {dir} {file}" -j "$(nproc)" -o "$work/disagreements.tsv" >"$work/log" 2>&1 || true
tail -n 6 "$work/log"
# shellcheck source=floor
source "$here/floor"
passed=$(sed -n 's/^conformance: \([0-9]*\) passed, \([0-9]*\) failed$/\1/p' "$work/log")
pass_rejected=$(sed -n 's/^disagreements: \([0-9]*\) on EXRESULT PASS.*/\1/p' "$work/log")
crashes=$(sed -n 's/.*crash \([0-9]*\), timeout \([0-9]*\)$/\1 \2/p' "$work/log")
if [[ -z $passed || -z $pass_rejected ]]; then
  echo "could not read the conformance results"; cat "$work/log"; exit 1
fi
echo "agreeing: $passed (floor $MIN_AGREEING); valid cases rejected: $pass_rejected (at most $MAX_PASS_REJECTED); crash/timeout: $crashes"
status=0
if (( passed < MIN_AGREEING )); then echo "FAIL: agreement fell below the floor"; status=1; fi
if (( pass_rejected > MAX_PASS_REJECTED )); then
  echo "FAIL: valid cases rejected:"; awk -F'\t' '$2=="PASS"' "$work/disagreements.tsv" | head -20; status=1
fi
if [[ $crashes != "0 0" ]]; then echo "FAIL: crashes or time-outs"; grep -E 'CRASH|TIMEOUT' "$work/disagreements.tsv" | head; status=1; fi
exit $status
