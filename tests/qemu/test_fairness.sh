#!/bin/bash
# A guest that spins forever without yielding: the other guest still runs to
# completion (time slices from the host timer), and the spinner keeps going.
. "$(dirname "$0")/common.sh"
exec "$EXPECT" -t 120 -l "$LOGS/qemu_fairness.console" \
    -n 'FAIL|PANIC' \
    -e '^\[spinner\] still spinning' \
    -e '^\[sbi\] [0-9]+ checks, 0 failed: PASS' \
    -e '^\[spinner\] still spinning' \
    -- $(qemu_cmd fairness)
