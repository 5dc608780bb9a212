#!/usr/bin/env python3
"""Sums async-profiler's collapsed stacks (one file per process, from e2e-2026-11-28-async-profile.sh).

usage: e2e-2026-11-28-collapsed-top.py [--top N] [--grep TEXT] <file.collapsed>...
For each file: its samples; the frames with the most samples on top of the stack (self); the frames found anywhere
in the most stacks (inclusive, a frame counted once a stack); and the share of stacks that hold each layer below
(a stack counts for every layer in it). With --grep, only the stacks holding TEXT are summed.
"""
import sys
from collections import Counter

LAYERS = [
    ("kernel", lambda f: f.endswith("_[k]")),
    ("Reactor, Netty", lambda f: f.startswith(("reactor/", "io/netty/"))),
    ("Spring web", lambda f: f.startswith(("org/springframework/web", "org/springframework/http"))),
    ("Spring Security", lambda f: f.startswith("org/springframework/security")),
    ("Axon", lambda f: f.startswith("org/axonframework")),
    ("PostgreSQL JDBC", lambda f: f.startswith("org/postgresql")),
    ("Hikari", lambda f: f.startswith("com/zaxxer")),
    ("Jackson", lambda f: f.startswith(("com/fasterxml/jackson", "tools/jackson"))),
    ("Kafka", lambda f: f.startswith("org/apache/kafka")),
    ("MongoDB driver, BSON", lambda f: f.startswith(("com/mongodb", "org/bson"))),
    ("mongo-java-server", lambda f: f.startswith("de/bwaldvogel")),
    ("RocksDB", lambda f: f.startswith("org/rocksdb")),
    ("Micrometer", lambda f: f.startswith("io/micrometer")),
    ("logging", lambda f: f.startswith(("ch/qos/logback", "org/slf4j", "org/apache/logging"))),
    ("Almanac", lambda f: f.startswith("dev/almanac")),
    ("GC", lambda f: "/" not in f and f.startswith(("G1", "DefNew", "SerialHeap", "GenCollectedHeap", "TenuredGeneration",
                                                    "VM_GenCollect", "VM_CollectFor", "GCTaskThread", "ShenandoahHeap"))),
    ("JIT compiler", lambda f: f.startswith(("C2Compiler", "Compile::", "CompileBroker", "C1_"))),
]


def main(args):
    top, grep = 15, None
    while args and args[0].startswith("--"):
        if args[0] == "--top":
            top = int(args[1]); args = args[2:]
        elif args[0] == "--grep":
            grep = args[1]; args = args[2:]
    for path in args:
        own, anywhere, layers, total = Counter(), Counter(), Counter(), 0
        with open(path) as lines:
            for line in lines:
                stack, _, count = line.rstrip("\n").rpartition(" ")
                if not stack or (grep and grep not in stack):
                    continue
                n = int(count)
                frames = stack.split(";")
                total += n
                own[frames[-1]] += n
                for frame in set(frames):
                    anywhere[frame] += n
                for name, holds in LAYERS:
                    if any(holds(f) for f in frames):
                        layers[name] += n
        print(f"== {path}: {total} samples" + (f" holding {grep}" if grep else ""))
        print("  layers (a stack counts for each layer it holds):")
        for name, n in layers.most_common():
            print(f"    {100 * n / total:5.1f} %  {name}")
        print("  self:")
        for frame, n in own.most_common(top):
            print(f"    {100 * n / total:5.1f} %  {frame}")
        print("  inclusive:")
        for frame, n in anywhere.most_common(top):
            print(f"    {100 * n / total:5.1f} %  {frame}")


if __name__ == "__main__":
    main(sys.argv[1:])
