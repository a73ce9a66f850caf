#!/usr/bin/env bash
# Boots Debian's kernel in QEMU (TCG) with a busybox initramfs holding aalint, loads policy that
# aalint compiled, and compares what the kernel enforces with expected.txt.
# Usage: run.sh AALINT. Exit 77 (skipped) when QEMU or the kernel is missing, except under CI.
set -euo pipefail
aalint=$(realpath "$1")
here=$(dirname "$(realpath "$0")")

unavailable() {
  echo "kernel test: $*" >&2
  [[ -n ${CI:-} ]] && exit 1
  exit 77
}
vmlinuz=${AALINT_VMLINUZ:-}
if [[ -z $vmlinuz ]]; then
  for candidate in /var/cache/aalint/vmlinuz /boot/vmlinuz-*; do
    [[ -r $candidate ]] && { vmlinuz=$candidate; break; }
  done
fi
[[ -n $vmlinuz ]] || unavailable "no kernel image: run scripts/install-deps or set AALINT_VMLINUZ"
command -v qemu-system-x86_64 >/dev/null || unavailable "qemu-system-x86_64 is not installed"
[[ -x /bin/busybox ]] && file -L /bin/busybox | grep -q 'statically linked' ||
  unavailable "a static /bin/busybox is needed (busybox-static)"

work=$(mktemp -d)
trap '[[ -n ${AALINT_KEEP_WORK:-} ]] && echo "kept $work" >&2 || rm -rf "$work"' EXIT
root=$work/root
mkdir -p "$root"/{bin,proc,sys,tmp,profiles,blobs}
cp /bin/busybox "$root/bin/busybox"
objcopy --strip-all "$aalint" "$root/bin/aalint"
# A dynamic aalint (the sanitizer build) brings its shared libraries, at the paths it asks for.
if ! file -L "$aalint" | grep -q 'statically linked'; then
  for lib in $(ldd "$aalint" | grep -o '/[^ ]*'); do
    mkdir -p "$root$(dirname "$lib")"
    cp -L "$lib" "$root$lib"
  done
fi
cp "$here/init" "$root/init"
cp "$here/profiles/confined" "$here/profiles/tagged" "$root/profiles/"
cc -static -O2 -o "$root/bin/setxattr" "$here/setxattr.c"
"$aalint" compile --features-file /usr/share/apparmor-features/features -o "$root/blobs/host.bin" "$here/profiles/host"
size=$(stat -c %s "$root/blobs/host.bin")
head -c $((size / 2)) "$root/blobs/host.bin" > "$root/blobs/truncated.bin"
python3 "$here/make_initramfs.py" "$root" "$work/initramfs.gz"

# KVM does not work on these machines; TCG boots in about 10 s.
timeout 600 qemu-system-x86_64 -accel tcg -m 512 -smp 1 -nographic -no-reboot \
  -kernel "$vmlinuz" -initrd "$work/initramfs.gz" \
  -append "console=ttyS0 apparmor=1 security=apparmor panic=-1 loglevel=1" </dev/null >"$work/console.log" 2>&1 || true
tr -d '\r' <"$work/console.log" | sed -n '/AALINT-KERNEL-TEST BEGIN$/,/^AALINT-KERNEL-TEST END$/{s/.*AALINT-KERNEL-TEST BEGIN$/AALINT-KERNEL-TEST BEGIN/;p}' >"$work/transcript"
if ! diff -u "$here/expected.txt" "$work/transcript"; then
  echo "--- console:" >&2
  tail -n 60 "$work/console.log" >&2
  exit 1
fi
echo "kernel test: $(grep -c '^== ' "$work/transcript") checks passed on $(basename "$vmlinuz")"
