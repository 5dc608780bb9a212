#!/usr/bin/env python3
"""Where the Kafka broker's request threads spend their samples, from the launcher's collapsed async-profiler stacks.

usage: profile-split.py <launcher.collapsed>   (from e2e-2026-11-28-profiled-run.sh, as in docs/benchmarks.md)
Splits the samples into the broker's network threads (kafka/network/Processor.run), its request handlers
(KafkaRequestHandler) and the rest, then prints the frames each of the two holds most often.
"""
import sys
from collections import Counter

KINDS = (("network threads", "kafka/network/Processor.run"), ("request handlers", "kafka/server/KafkaRequestHandler.run"))
WATCHED = ("kafka", "yammer", "Selector", "pvm", "epoll", "futex", "Histogram", "metrics", "purgatory", "tcp_")

stacks = []
with open(sys.argv[1]) as lines:
    for line in lines:
        stack, count = line.rsplit(" ", 1)
        stacks.append((stack.split(";"), int(count)))
total = sum(count for _, count in stacks)
print(f"{total} samples in the launcher")
for kind, marker in KINDS:
    own = [(frames, count) for frames, count in stacks if marker in frames]
    samples = sum(count for _, count in own)
    print(f"== {kind}: {samples} samples, {samples * 100 / total:.1f} % of the launcher's")
    leaves, holders = Counter(), Counter()
    for frames, count in own:
        leaves[frames[-1]] += count
        for frame in set(frames):
            holders[frame] += count
    for frame, count in leaves.most_common(8):
        print(f"  self      {count * 100 / samples:5.1f} %  {frame}")
    for frame, count in holders.most_common(80):
        if any(word in frame for word in WATCHED):
            print(f"  inclusive {count * 100 / samples:5.1f} %  {frame}")
