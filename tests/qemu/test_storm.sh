#!/bin/bash
# An interrupt storm in one VM (an external interrupt it never claims) does
# not starve the others: the SBI test guest beside it passes, and the storm
# goes on.
. "$(dirname "$0")/common.sh"
exec "$EXPECT" -t 180 -l "$LOGS/qemu_storm.console" \
    -n 'FAIL|PANIC' \
    -e '^\[storm\] interrupt storm guest' \
    -a '^\[storm\] still storming' \
    -e '^\[sbi\] [0-9]+ checks, 0 failed: PASS' \
    -e '^\[storm\] still storming' \
    -- $(qemu_cmd storm)
