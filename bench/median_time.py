#!/usr/bin/env python3
"""Runs each command several times and prints the median wall time and peak memory.

    median_time.py [--per N] RUNS LABEL=COMMAND [LABEL=COMMAND ...]

Commands run through the shell; their output is discarded. The runs are interleaved (each round
runs every command once, in the order given), so that a shared machine's slow and fast minutes
fall on every command alike. The last lines compare every command with the first one (ratio of
medians). --per N also prints the time per item (per profile, say).
"""
import statistics
import subprocess
import sys
import tempfile
import time


def run_once(command, report):
    """Wall time, and the peak RSS of the command's largest process.

    The peak comes from /usr/bin/time, which forks the command itself: a process forked from this
    Python interpreter would report at least the interpreter's own RSS (Linux carries the peak of
    the forking process across exec), hiding whatever is smaller.
    """
    start = time.perf_counter()
    subprocess.run(["/usr/bin/time", "-f", "%M", "-o", report.name, "sh", "-c", command],
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    elapsed = time.perf_counter() - start
    report.seek(0)
    return elapsed, int(report.read().split()[-1])


def main():
    args = sys.argv[1:]
    per = None
    if args[0] == "--per":
        per, args = int(args[1]), args[2:]
    runs = int(args[0])
    commands = [arg.split("=", 1) for arg in args[1:]]
    times = [[] for _ in commands]
    peaks = [[] for _ in commands]
    with tempfile.NamedTemporaryFile("r") as report:
        for _ in range(runs):
            for k, (_, command) in enumerate(commands):
                elapsed, peak = run_once(command, report)
                times[k].append(elapsed)
                peaks[k].append(peak)
    results = []
    for (label, _), spent, peak in zip(commands, times, peaks):
        median, top = statistics.median(spent), max(peak)
        results.append((label, median, top))
        each = f"   {median * 1000 / per:.3f} ms each of {per}" if per else ""
        print(f"{label:<28} median {median * 1000:9.1f} ms over {runs} runs   peak RSS {top / 1024:.1f} MiB{each}")
    base_label, base, base_peak = results[0]
    for label, median, peak in results[1:]:
        print(f"{label} / {base_label}: time {median / base:.2f}, peak memory {peak / base_peak:.2f}")


if __name__ == "__main__":
    main()
