#!/bin/bash
# configs/demo: three test guests side by side; every one passes, and QEMU's
# exit status (from the hypervisor) is 0. Every MMIO instruction fetch is
# cross-checked (chipvisor.xcheck=on): HLVX and the software walker agree.
. "$(dirname "$0")/common.sh"
exec "$EXPECT" -t 120 -l "$LOGS/qemu_demo.console" \
    -n 'FAIL|PANIC|unexpected trap|disagree on' \
    -e '^\[chipvisor\] H extension' \
    -a '^\[sbi\] SBI test guest' \
    -a '^\[mmio\] hello through the virtual 16550' \
    -a '^\[paging\] [0-9]+ checks, 0 failed: PASS' \
    -a '^\[mmio\] [0-9]+ checks, 0 failed: PASS' \
    -a '^\[sbi\] [0-9]+ checks, 0 failed: PASS' \
    -a '^\[(sbi|mmio)\] ok - FP registers and fcsr intact' \
    -e '^\[chipvisor\] result: PASS' \
    -e 'cross-check: [1-9][0-9]* fetches by HLVX and the software walker, 0 disagreements' \
    -x 0 \
    -- $(qemu_cmd demo -append chipvisor.xcheck=on)
