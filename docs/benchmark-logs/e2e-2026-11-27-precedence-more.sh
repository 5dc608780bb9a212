#!/bin/bash
# More of the same as precedence-pairs.sh: runs 5-7, first, alike, first.
exec "$(dirname "$0")/e2e-2026-11-27-precedence-pairs.sh" 4 "first alike first" more
