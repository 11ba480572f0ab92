#!/bin/bash
# Traps into the hypervisor per delivered device interrupt, per interrupt
# backend and source (counted by the hypervisor, reported by the guest).
. "$(dirname "$0")/../qemu/common.sh"
log="$LOGS/bench_irq.console"
"$EXPECT" -t 120 -l "$log" -e '^\[chipvisor\] result:' -x 0 -- $(qemu_cmd irqstream) >/dev/null 2>&1
grep -E 'METRIC irq_' "$log"
