#!/bin/bash
# configs/watchdog: a VM that spins with interrupts off and one that waits for
# an interrupt that never comes are each stopped by their watchdog (1 s of
# guest time without an SBI call, device access or WFI), naming the reason;
# the SBI test guest passes beside them (its calls keep its 30 s watchdog
# quiet); the run ends with 2 of 3 VMs failed.
. "$(dirname "$0")/common.sh"
exec "$EXPECT" -t 120 -l "$LOGS/qemu_watchdog.console" \
    -n 'PANIC|unexpected' \
    -a '^\[spin\] hang_spin: spinning' \
    -a '^\[wait\] hang_wait: waiting' \
    -a '^\[sbi\] [0-9]+ checks, 0 failed: PASS' \
    -a '^\[chipvisor\] vm spin: stopped \(killed\): watchdog: no SBI call, device access or WFI for 1 s' \
    -a '^\[chipvisor\] vm wait: stopped \(killed\): watchdog: no SBI call, device access or WFI for 1 s' \
    -e '^\[chipvisor\] result: FAIL \(2 of 3 VMs did not pass\)' \
    -x 2 \
    -- $(qemu_cmd watchdog)
