#!/usr/bin/env python3
"""Runs each command several times and prints the median wall time and peak memory.

    median_time.py RUNS LABEL=COMMAND [LABEL=COMMAND ...]

Commands run through the shell; their output is discarded. The last line compares every command
with the first one (ratio of medians).
"""
import resource
import statistics
import subprocess
import sys
import time


def measure(command, runs):
    times, peaks = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        start = time.perf_counter()
        subprocess.run(command, shell=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
        peaks.append(max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))
    return statistics.median(times), max(peaks)


def main():
    runs = int(sys.argv[1])
    results = []
    for arg in sys.argv[2:]:
        label, command = arg.split("=", 1)
        median, peak = measure(command, runs)
        results.append((label, median))
        print(f"{label:<28} median {median * 1000:9.1f} ms over {runs} runs   (peak RSS so far {peak / 1024:.0f} MiB)")
    base_label, base = results[0]
    for label, median in results[1:]:
        print(f"{label} / {base_label}: {median / base:.2f}")


if __name__ == "__main__":
    main()
