#!/usr/bin/env python3
"""Runs each command several times and prints the median wall time and peak memory.

    median_time.py [--per N] RUNS LABEL=COMMAND [LABEL=COMMAND ...]

Commands run through the shell; their output is discarded. The last line compares every command
with the first one (ratio of medians). --per N also prints the time per item (per profile, say).
"""
import os
import statistics
import subprocess
import sys
import time


def measure(command, runs):
    """Median wall time, and the peak RSS of the command's largest process (wait4 reports it per run)."""
    times, peaks = [], []
    for _ in range(runs):
        start = time.perf_counter()
        child = subprocess.Popen(command, shell=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _, _, usage = os.wait4(child.pid, 0)
        times.append(time.perf_counter() - start)
        peaks.append(usage.ru_maxrss)
    return statistics.median(times), max(peaks)


def main():
    args = sys.argv[1:]
    per = None
    if args[0] == "--per":
        per, args = int(args[1]), args[2:]
    runs = int(args[0])
    results = []
    for arg in args[1:]:
        label, command = arg.split("=", 1)
        median, peak = measure(command, runs)
        results.append((label, median, peak))
        each = f"   {median * 1000 / per:.3f} ms each of {per}" if per else ""
        print(f"{label:<28} median {median * 1000:9.1f} ms over {runs} runs   peak RSS {peak / 1024:.1f} MiB{each}")
    base_label, base, base_peak = results[0]
    for label, median, peak in results[1:]:
        print(f"{label} / {base_label}: time {median / base:.2f}, peak memory {peak / base_peak:.2f}")


if __name__ == "__main__":
    main()
