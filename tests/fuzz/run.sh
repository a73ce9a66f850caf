#!/usr/bin/env bash
# Runs each libFuzzer target for SECONDS over its corpus; fails on the first crash, which libFuzzer
# leaves in the working directory (copy it into tests/fuzz/corpus/TARGET/ and fix it).
#   usage: tests/fuzz/run.sh BUILD_DIR SECONDS
set -euo pipefail
here=$(dirname "$(realpath "$0")")
root=$(realpath "$here/../..")
build=$(realpath "$1")
seconds=$2
# AddressSanitizer's quarantine and stack depot, at their defaults, grow past libFuzzer's 1 GiB RSS
# limit within minutes (fuzz_frontend: 670 MB after 60 s; 134 MB with these settings).
export ASAN_OPTIONS=${ASAN_OPTIONS:-quarantine_size_mb=8:malloc_context_size=5}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for target in frontend compile policy_decoder; do
  seeds=("$here/corpus/$target")
  [[ $target != policy_decoder ]] && seeds+=("$root/testdata")
  mkdir -p "$work/$target"
  echo "fuzz_$target: $seconds s"
  (cd "$work" && "$build/tests/fuzz/fuzz_$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=1024 \
    -print_final_stats=1 "$work/$target" "${seeds[@]}" 2>&1 | grep -E '^stat::number_of_executed_units|^#[0-9]+.*DONE|ERROR|SUMMARY' || true)
  if compgen -G "$work/crash-*" >/dev/null || compgen -G "$work/timeout-*" >/dev/null || compgen -G "$work/oom-*" >/dev/null; then
    mkdir -p "$root/fuzz-findings"
    cp "$work"/crash-* "$work"/timeout-* "$work"/oom-* "$root/fuzz-findings/" 2>/dev/null || true
    echo "fuzz_$target found a failing input: see fuzz-findings/" >&2
    exit 1
  fi
done
