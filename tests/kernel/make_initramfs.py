#!/usr/bin/env python3
"""Packs a directory into a gzip'd newc initramfs, adding /dev/console and /dev/null.

Written here rather than with cpio and mknod so that building the image needs neither root nor
device nodes on the host.
"""
import gzip
import os
import stat
import sys

CONSOLE = (stat.S_IFCHR | 0o600, 5, 1)
NULL = (stat.S_IFCHR | 0o666, 1, 3)


def entry(out, ino, name, mode, data=b"", rdev=(0, 0)):
    encoded = name.encode() + b"\0"
    fields = [ino, mode, 0, 0, 1, 0, len(data), 0, 0, rdev[0], rdev[1], len(encoded), 0]
    header = b"070701" + b"".join(b"%08X" % f for f in fields)
    out.write(header + encoded + b"\0" * (-(len(header) + len(encoded)) % 4))
    out.write(data + b"\0" * (-len(data) % 4))


def main(root, output):
    with gzip.open(output, "wb", compresslevel=1) as out:
        ino = 1
        for directory, subdirs, files in os.walk(root):
            subdirs.sort()  # a directory's entry comes before its contents, as the kernel needs
            for name in sorted(subdirs) + sorted(files):
                path = os.path.join(directory, name)
                rel = os.path.relpath(path, root)
                info = os.lstat(path)
                if stat.S_ISLNK(info.st_mode):
                    entry(out, ino, rel, info.st_mode, os.readlink(path).encode())
                elif stat.S_ISREG(info.st_mode):
                    with open(path, "rb") as f:
                        entry(out, ino, rel, info.st_mode, f.read())
                else:
                    entry(out, ino, rel, stat.S_IFDIR | 0o755)
                ino += 1
        if not os.path.isdir(os.path.join(root, "dev")):
            entry(out, ino, "dev", stat.S_IFDIR | 0o755)
            ino += 1
        for name, (mode, major, minor) in (("dev/console", CONSOLE), ("dev/null", NULL)):
            entry(out, ino, name, mode, rdev=(major, minor))
            ino += 1
        entry(out, 0, "TRAILER!!!", 0)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
