#!/bin/bash
# A hart without the H extension: the hypervisor refuses to start, says why,
# and the run ends with a nonzero status.
. "$(dirname "$0")/common.sh"
exec "$EXPECT" -t 60 -l "$LOGS/qemu_no_h.console" \
    -e 'no H extension' \
    -n '^\[sbi\]' \
    -x 2 \
    -- $(qemu_cmd demo -cpu rv64,h=false)
