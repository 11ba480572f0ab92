#!/bin/sh
# Runs hva-trace-replay on the checked-in trace (tests/rtl/walker/trace) and
# compares each request's answer (the part before " | ": reads, hits and
# cycles may change with the design) with the hand-written expectation.
set -eu
tool=$1 dir=$2
out=$("$tool" "$dir/small.mem" "$dir/small.req")
echo "$out"
echo "$out" | grep -v '^counters:' | sed 's/ | .*//' | diff -u "$dir/small.expect" -
echo "$out" | grep -q '^counters: requests 19 '
echo "replay: PASS"
