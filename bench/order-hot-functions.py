#!/usr/bin/env python3
"""Writes the order in which the linker lays out aalint's functions (src/cli/hot-functions.order).

    order-hot-functions.py [BUILD_DIR] [OUTPUT]

The kernel maps a program's code into memory 64 KiB at a time around each page it runs, so a run's
resident code is every 64 KiB window that holds at least one function it calls. Linked in the
default order, the functions a compile runs are spread over nearly all of the 3.2 MiB of the
static binary's code, and 3.1 MiB of it stayed resident; laid out together, 1.6 MiB.

This script runs aalint on typical work under callgrind and lists every function that ran: first
those a compile runs, then those a check adds, then those a lint adds, each group hottest first; then
every CPU variant of the C library's string functions that ran (valgrind's CPU picks one variant,
yours may pick another), grouped by instruction set so that one CPU's choices lie together. The
linker (lld, --symbol-ordering-file) places the sections of the listed functions first, in that
order; a function the list does not name keeps its place after them, so a stale list costs memory,
never correctness. Rerun this after large changes to the code, with a build of main.

Needs valgrind, the system's /etc/apparmor.d and the features file of the apparmor package.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FEATURES = "/usr/share/apparmor-features/features"
SYSTEM_POLICY = "/etc/apparmor.d"
# Instruction-set tags of glibc's string function variants, grouped by the CPUs that pick them.
ISA_GROUPS = [("avx512", "evex"), ("avx2", "avx"), ("sse4_2", "sse42", "sse4_1", "ssse3"), ("sse2",)]
ISA_TAG = re.compile(r"_(avx512|evex|avx2|avx|sse4_2|sse42|sse4_1|ssse3|sse2)(?:_|$)")


def string_variant_tag(name):
    """The instruction-set tag of a glibc string function variant (__memmove_evex_...), or None."""
    return ISA_TAG.search(name) if name.startswith("__") else None


def training_runs(aalint, corpus, work):
    """The work each group stands for, in group order: (group, command)."""
    rules = subprocess.run([aalint, "rules"], capture_output=True, text=True, check=True).stdout
    every_rule = ",".join(line.split()[0] for line in rules.splitlines() if line.strip())
    return [
        ("compile", [aalint, "compile", "-S", "-j", "2", "--features-file", FEATURES, corpus]),
        ("compile", [aalint, "compile", "-o", os.path.join(work, "policy.bin"), "-j", "1",
                     "--features-file", FEATURES, SYSTEM_POLICY]),
        ("check", [aalint, "check", "-j", "2", SYSTEM_POLICY]),
        ("check", [aalint, "check", "-j", "1", corpus]),
        ("lint", [aalint, "-j", "2", "--select", every_rule, SYSTEM_POLICY]),
        ("lint", [aalint, "-j", "1", "--format", "json", "--select", every_rule, corpus]),
    ]


def executed_functions(profile):
    """Self cost of every function in a callgrind profile written with --demangle=no."""
    names, cost = {}, {}
    current, after_call = None, False
    with open(profile) as lines:
        for line in lines:
            if line.startswith(("fn=", "cfn=")):
                spec = line.split("=", 1)[1].strip()
                if spec.startswith("("):
                    ref, _, name = spec.partition(")")
                    if name.strip():
                        names[ref] = name.strip()
                    name = names.get(ref)
                else:
                    name = spec
                if line.startswith("fn="):
                    current = re.sub(r"'\d+$", "", name) if name else None
                    cost.setdefault(current, 0)
            elif line.startswith("calls="):
                after_call = True
            elif line[:1].isdigit() or line[:1] in "+-*":
                if after_call:  # the line after calls= is the call's inclusive cost
                    after_call = False
                elif current:
                    fields = line.split()
                    cost[current] += int(fields[1]) if len(fields) > 1 else 0
    return cost


def profile_groups(aalint, work):
    corpus = os.path.join(work, "corpus")
    subprocess.run([sys.executable, os.path.join(ROOT, "bench", "generate-corpus.py"), "100", corpus],
                   check=True)
    groups = {}
    for index, (group, command) in enumerate(training_runs(aalint, corpus, work)):
        out = os.path.join(work, f"callgrind.{index}")
        print(f"order-hot-functions: {group}: {' '.join(command[1:4])} ...", file=sys.stderr)
        subprocess.run(["valgrind", "--tool=callgrind", "--demangle=no", f"--callgrind-out-file={out}"]
                       + command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        cost = groups.setdefault(group, {})
        for name, value in executed_functions(out).items():
            cost[name] = cost.get(name, 0) + value
    return [groups[g] for g in ("compile", "check", "lint")]


def string_function_variants(aalint, executed):
    """Every variant of each string function family one of whose variants ran, by instruction set."""
    symbols = subprocess.run(["nm", aalint + ".debug" if os.path.exists(aalint + ".debug") else aalint],
                             capture_output=True, text=True, check=True).stdout
    defined = [fields[2] for fields in map(str.split, symbols.splitlines())
               if len(fields) == 3 and fields[1] in "tT"]
    families = {name[:tag.start()] for name in executed if (tag := string_variant_tag(name))}
    by_group = [[] for _ in ISA_GROUPS]
    for name in defined:
        tag = string_variant_tag(name)
        if tag and name[:tag.start()] in families:
            group = next(i for i, tags in enumerate(ISA_GROUPS) if tag.group(1) in tags)
            by_group[group].append(name)
    return [name for group in by_group for name in sorted(set(group))]


def main():
    build = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "build"))
    output = sys.argv[2] if len(sys.argv) > 2 else os.path.join(ROOT, "src", "cli", "hot-functions.order")
    aalint = os.path.join(build, "aalint")
    if not shutil.which("valgrind"):
        sys.exit("order-hot-functions: needs valgrind (scripts/install-deps installs it)")
    with tempfile.TemporaryDirectory() as work:
        groups = profile_groups(aalint, work)
    order, seen = [], set()
    for cost in groups:
        for name in sorted(cost, key=lambda n: (-cost[n], n)):
            # string variants go below, by instruction set; callgrind calls code without a symbol
            # 0x... or (below main)
            if name in seen or string_variant_tag(name) or name.startswith(("0x", "(")):
                continue
            seen.add(name)
            order.append(name)
    executed = {name for cost in groups for name in cost}
    for name in string_function_variants(aalint, executed):
        if name not in seen:
            seen.add(name)
            order.append(name)
    with open(output + ".tmp", "w") as out:
        out.write("\n".join(order) + "\n")
    os.replace(output + ".tmp", output)
    print(f"order-hot-functions: {len(order)} functions -> {output}", file=sys.stderr)


if __name__ == "__main__":
    main()
