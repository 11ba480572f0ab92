#!/bin/sh
# Runs hva-trace-replay on the checked-in trace (tests/rtl/walker/trace) and
# compares each request's answer (the part before " | ": reads, hits and
# cycles may change with the design) with the hand-written expectation.
#   replay_test.sh <tool> <trace dir> [<optimized tool> [<hva-trace-synth>]]
# The optimized build (no assertions, no sanitizers, walker_tb's registered
# inputs, quiet cycles not evaluated) must print exactly the same, cycles
# included, and so must the optimized build with WALKER_SKIP=check (each quiet
# cycle evaluated: the whole model must come out unchanged). With
# hva-trace-synth, the same on synthetic Linux-like streams (4 KiB and 2 MiB
# G-stage leaves) at memory latencies 1, 4 and 9, with the fixed slave and the
# random one (readies dropped, latencies drawn, answers reordered: its seed is
# printed; REPLAY_SEED=<n> replays a run).
set -eu
tool=$1 dir=$2 opt=${3:-} synth=${4:-}

# the checked build's output, and the optimized build's (skipping and checking)
# must be the same; $1 .. the replay arguments
same() {
    ref=$("$tool" "$@")
    for mode in 1 check; do
        got=$(WALKER_SKIP=$mode "$opt" "$@") || { echo "replay: the optimized build (WALKER_SKIP=$mode) failed: $*"; exit 1; }
        if [ "$ref" != "$got" ]; then
            echo "replay: the optimized build (WALKER_SKIP=$mode) answers differently: $*"
            printf '%s\n' "$ref" >"$tmp/ref"
            printf '%s\n' "$got" >"$tmp/got"
            diff "$tmp/ref" "$tmp/got" | head -20
            exit 1
        fi
    done
}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

out=$("$tool" "$dir/small.mem" "$dir/small.req")
if [ -n "$opt" ]; then
    same "$dir/small.mem" "$dir/small.req"
fi
echo "$out"
echo "$out" | grep -v '^counters:' | sed 's/ | .*//' | diff -u "$dir/small.expect" -
echo "$out" | grep -q '^counters: requests 19 '

if [ -n "$opt" ] && [ -n "$synth" ]; then
    seed=${REPLAY_SEED:-$(od -An -N4 -tu4 /dev/urandom | tr -d ' ')}
    echo "replay: synthetic streams, seed $seed (REPLAY_SEED=$seed replays)"
    n=0
    for g in 4k 2m; do
        "$synth" --seed "$seed" --requests 3000 --gpage "$g" "$tmp/s$g" >/dev/null 2>&1
        for lat in 1 4 9; do
            same --latency "$lat" "$tmp/s$g.mem" "$tmp/s$g.req"
            same --latency "$lat" --axi-random "$((seed + lat))" "$tmp/s$g.mem" "$tmp/s$g.req"
            n=$((n + 2))
        done
    done
    echo "replay: $n synthetic runs, the optimized build answered the same, cycles included"
    # the comparisons above prove the skipping only if there were quiet cycles
    # to skip and check: a floor (the walker waits 9 cycles per PTE read here)
    quiet=$(WALKER_SKIP=check HVA_REPLAY_SPEED=1 "$opt" --latency 9 "$tmp/s4k.mem" "$tmp/s4k.req" 2>&1 >/dev/null |
            sed -n 's/^speed: .*(\([0-9]*\) quiet cycles checked)$/\1/p')
    echo "replay: $quiet quiet cycles checked at latency 9 (floor 1000)"
    [ "${quiet:-0}" -ge 1000 ] || { echo "replay: too few quiet cycles: the skip is not exercised"; exit 1; }
fi
echo "replay: PASS"
