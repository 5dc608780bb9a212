#!/bin/bash
# usage: during-last-step.sh E2E_TXT LABEL -> waits until the second "500 |" row is printed (the last 300/s step runs), samples 40 s
f=$1; label=$2
until [ "$(grep -c '^500 cmd/s' $f 2>/dev/null)" -ge 2 ]; do sleep 2; done
sleep 10
python3 /work/coord/threads/sample.py 40 "$label" > /work/coord/threads/$label.txt
