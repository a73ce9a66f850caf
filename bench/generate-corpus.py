#!/usr/bin/env python3
"""Writes N profiles that look like real ones into a directory: each includes the system's tunables
and a few of its abstractions (the same ones again and again, as distribution profiles do), and has
its own paths, exec rules, capabilities and network rules.

    generate-corpus.py N DIRECTORY [SEED]

Deterministic for a given N and SEED.
"""
import os
import random
import sys

ABSTRACTIONS = ["base", "nameservice", "openssl", "ssl_certs", "user-tmp", "bash", "consoles", "python", "perl",
                "fonts", "dbus-session-strict", "authentication"]
CAPABILITIES = ["chown", "dac_override", "setuid", "setgid", "net_bind_service", "kill", "sys_chroot", "fowner"]
NETWORK = ["inet stream", "inet6 stream", "inet dgram", "unix stream", "netlink raw"]


def profile(i, rng):
    name = f"app{i}"
    lines = ["abi <abi/3.0>,", "include <tunables/global>", "", f"profile {name} /usr/bin/{name} flags=(attach_disconnected) {{"]
    for a in rng.sample(ABSTRACTIONS, 4):
        lines.append(f"  include <abstractions/{a}>")
    for c in rng.sample(CAPABILITIES, 2):
        lines.append(f"  capability {c},")
    for n in rng.sample(NETWORK, 2):
        lines.append(f"  network {n},")
    lines += [
        f"  /usr/bin/{name} mr,",
        f"  /usr/lib/{name}/** mr,",
        f"  /etc/{name}/ r,",
        f"  /etc/{name}/** r,",
        f"  owner /var/lib/{name}/** rwk,",
        f"  owner @{{HOME}}/.config/{name}/** rw,",
        f"  /var/log/{name}/*.log w,",
        f"  @{{PROC}}/@{{pid}}/status r,",
        f"  /usr/bin/{name}-helper Px,",
        f"  /{{usr/,}}bin/{rng.choice(['sed', 'grep', 'cat', 'ls'])} ix,",
        f"  deny /etc/{name}/secret* rw,",
        f"  signal (receive) peer=unconfined,",
        f"  ^hat{i} {{",
        f"    /srv/{name}/** r,",
        "  }",
        "}",
    ]
    return "\n".join(lines) + "\n"


def main():
    count, directory = int(sys.argv[1]), sys.argv[2]
    rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 1)
    os.makedirs(directory, exist_ok=True)
    for i in range(count):
        with open(os.path.join(directory, f"usr.bin.app{i}"), "w") as out:
            out.write(profile(i, rng))


if __name__ == "__main__":
    main()
