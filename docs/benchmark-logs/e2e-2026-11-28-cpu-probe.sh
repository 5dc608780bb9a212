#!/bin/bash
# usage: cpu-probe.sh: one line: UTC time, sha256 8 KiB blocks (k bytes/s, one core, 2 s), memory copy (dd, 4 GiB), steal so far
sha=$(openssl speed -seconds 2 sha256 2>/dev/null | awk '/^sha256/{print $6}')
dd=$(dd if=/dev/zero of=/dev/null bs=1M count=4096 2>&1 | awk -F, '/copied/{print $NF}')
echo "$(date -u +%FT%TZ) sha256-8k ${sha} memcopy${dd} steal-ticks $(awk '/^cpu /{print $9}' /proc/stat) load $(cut -d' ' -f1-3 /proc/loadavg)"
