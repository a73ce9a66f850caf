#!/usr/bin/env bash
# Runs Debian's pre-commit with this repository's hook on a scratch git repository: a commit that
# adds a profile with a finding is refused, a clean one goes through.
#   usage: run.sh AALINT_BINARY
# Exits 77 (skipped) when pre-commit is not installed.
set -euo pipefail
aalint=$(realpath "$1")
root=$(cd "$(dirname "$0")/../.." && pwd)
command -v pre-commit >/dev/null || { echo "pre-commit is not installed: skipped"; exit 77; }
command -v git >/dev/null || { echo "git is not installed: skipped"; exit 77; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export HOME="$work/home" PRE_COMMIT_HOME="$work/cache" GIT_CONFIG_NOSYSTEM=1
mkdir -p "$HOME" "$work/bin"
ln -s "$aalint" "$work/bin/aalint"
export PATH="$work/bin:$PATH"
git config --global user.email test@example.invalid
git config --global user.name "aalint test"
git config --global init.defaultBranch main
git config --global protocol.file.allow always

# The hook definition under test, from this checkout (committed or not).
hooks="$work/hooks"
mkdir -p "$hooks"
cp "$root/.pre-commit-hooks.yaml" "$hooks/"
git -C "$hooks" init -q
git -C "$hooks" add .pre-commit-hooks.yaml
git -C "$hooks" commit -qm hooks
rev=$(git -C "$hooks" rev-parse HEAD)

repo="$work/repo"
mkdir -p "$repo/apparmor.d"
cd "$repo"
git init -q
cat > .pre-commit-config.yaml <<YAML
repos:
  - repo: $hooks
    rev: $rev
    hooks:
      - id: aalint
YAML
git add .pre-commit-config.yaml
git commit -qm config
pre-commit install >/dev/null

cat > apparmor.d/clean <<'PROFILE'
abi <abi/3.0>,
include <tunables/global>
profile clean /usr/bin/clean {
  include <abstractions/base>
  /etc/clean.conf r,
}
PROFILE
git add apparmor.d/clean
if ! git commit -qm "clean profile" >"$work/clean.log" 2>&1; then
  echo "FAIL: a clean profile was refused"; cat "$work/clean.log"; exit 1
fi

cp "$root/testdata/docker-nginx" apparmor.d/docker-nginx
git add apparmor.d/docker-nginx
if git commit -qm "profile with findings" >"$work/bad.log" 2>&1; then
  echo "FAIL: a profile with findings was committed"; cat "$work/bad.log"; exit 1
fi
grep -q "raw-network" "$work/bad.log" || { echo "FAIL: the refusal does not show the finding"; cat "$work/bad.log"; exit 1; }
[[ -z $(git log --format=%s | grep "profile with findings") ]] || { echo "FAIL: commit happened"; exit 1; }
echo "pre-commit: clean profile committed, profile with findings refused"
echo "2 passed, 0 failed"
