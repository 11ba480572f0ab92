#!/bin/bash
# A guest reading outside its memory is stopped with a report that names it
# and the address; the other VM goes on and passes; the run reports 1 VM
# that did not pass (exit status 1).
. "$(dirname "$0")/common.sh"
exec "$EXPECT" -t 120 -l "$LOGS/qemu_isolation.console" \
    -n 'isolation is broken|PANIC' \
    -e '^\[wild\] ok - its own RAM' \
    -e '^\[chipvisor\] vm wild: stopped \(killed\): load at GPA 0x81100000 outside its memory' \
    -e '^\[sbi\] [0-9]+ checks, 0 failed: PASS' \
    -e '^\[chipvisor\] +wild +killed' \
    -e '^\[chipvisor\] result: FAIL \(1 of 2 VMs did not pass\)' \
    -x 1 \
    -- $(qemu_cmd isolation)
