#!/bin/sh
# Runs hva-trace-replay on the checked-in trace (tests/rtl/walker/trace) and
# compares each request's answer (the part before " | ": reads, hits and
# cycles may change with the design) with the hand-written expectation.
#   replay_test.sh <tool> <trace dir> [<optimized tool>]
# The optimized build (no assertions, no sanitizers) must print exactly the
# same, cycles included.
set -eu
tool=$1 dir=$2 opt=${3:-}
out=$("$tool" "$dir/small.mem" "$dir/small.req")
if [ -n "$opt" ]; then
    out_opt=$("$opt" "$dir/small.mem" "$dir/small.req")
    if [ "$out" != "$out_opt" ]; then
        echo "replay: the optimized build answers differently:"
        echo "$out_opt"
        exit 1
    fi
fi
echo "$out"
echo "$out" | grep -v '^counters:' | sed 's/ | .*//' | diff -u "$dir/small.expect" -
echo "$out" | grep -q '^counters: requests 19 '
echo "replay: PASS"
