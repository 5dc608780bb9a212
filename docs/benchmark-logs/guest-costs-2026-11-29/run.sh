#!/bin/bash
# usage: docs/benchmark-logs/guest-costs-2026-11-29/run.sh   (needs gcc; run with nothing else on the machine)
# What the machine's kernel charges for the operations the stack makes thousands of times a second: a system call,
# a thread or process switch on one core and across two, a loopback TCP and a Unix socket round trip, and a page
# fault with 4 KiB pages and with transparent huge pages. Each program prints its own figures.
set -e
here=$(cd "$(dirname "$0")" && pwd)
bin=$(mktemp -d)
for program in pp sock clk pf pfh; do gcc -O2 -pthread "$here/$program.c" -o "$bin/$program"; done
echo "== $(date -u +%FT%TZ) $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) CPUs, $(uname -r)"
dmesg 2>/dev/null | grep -m1 -i 'hypervisor detected' || true
echo "== system call and clock"; "$bin/clk"
echo "== pipe round trips between two threads and two processes (pins: the CPUs of each side; -1: not pinned)"
for round in 1 2; do
  "$bin/pp" threads 200000 0 1; "$bin/pp" processes 200000 0 1
  "$bin/pp" threads 200000 0 0; "$bin/pp" processes 200000 0 0
  "$bin/pp" threads 200000; "$bin/pp" processes 200000
done
echo "== socket round trips between two processes"
for round in 1 2; do for size in 100 2000; do "$bin/sock" tcp 100000 $size; "$bin/sock" unix 100000 $size; done; done
echo "== page faults, 4 KiB pages"; "$bin/pf"
echo "== page faults, transparent huge pages (madvise)"; "$bin/pfh"
rm -rf "$bin"
