#!/bin/bash
# configs/demo with Sv39x4 G-stage tables (chosen with the hypervisor option
# chipvisor.gstage=sv39x4 in /chosen/bootargs; the hart prefers Sv48x4).
. "$(dirname "$0")/common.sh"
exec "$EXPECT" -t 120 -l "$LOGS/qemu_demo_sv39x4.console" \
    -n 'FAIL|PANIC|unexpected trap|disagree' \
    -e 'G-stage tables: Sv39x4' \
    -e '^\[chipvisor\] result: PASS' \
    -x 0 \
    -- $(qemu_cmd demo -append chipvisor.gstage=sv39x4)
