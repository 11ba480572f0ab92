#!/bin/bash
# Trap cost: instructions retired per guest SBI round trip (ecall -> hypervisor
# -> back), counted by the hart's instret under -icount shift=0 (so the count
# does not depend on host load), plus the per-VM trap statistics of the demo.
. "$(dirname "$0")/../qemu/common.sh"
log="$LOGS/bench_trap.console"
"$EXPECT" -t 120 -l "$log" -e '^\[chipvisor\] result:' -x 0 -- $(qemu_cmd demo) >/dev/null 2>&1
grep -E 'METRIC|^\[chipvisor\] +[a-z]+ +(passed|failed|killed)' "$log"
# the summary's per-VM counts as METRIC lines (vm:<name> a label)
awk '/^\[chipvisor\] +[a-z0-9_-]+ +passed +traps/ {
    vm = $2; line = $0; sub(/.*passed +/, "", line); n = split(line, part, ", ")
    for (i = 1; i <= n; i++) {
        k = part[i]; v = k; sub(/ [0-9]+$/, "", k); sub(/.* /, "", v); gsub(/ /, "_", k)
        printf "METRIC demo_%s=%s unit=events vm:%s\n", k, v, vm
    }
}' "$log"
