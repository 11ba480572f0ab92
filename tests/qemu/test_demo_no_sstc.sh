#!/bin/bash
# configs/demo on a hart without Sstc: the virtual timer falls back to
# injecting VSTIP from the hypervisor's own timer.
. "$(dirname "$0")/common.sh"
exec "$EXPECT" -t 120 -l "$LOGS/qemu_demo_no_sstc.console" \
    -n 'FAIL|PANIC|unexpected trap|disagree' \
    -e 'Sstc no' \
    -e '^\[sbi\] ok - 5 timer interrupts that end a WFI' \
    -e '^\[chipvisor\] result: PASS' \
    -x 0 \
    -- $(qemu_cmd demo -cpu rv64,sstc=false)
