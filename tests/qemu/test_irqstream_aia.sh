#!/bin/bash
# Interrupt streams through the platform's AIA (QEMU aia=aplic-imsic): the
# guest's own IMSIC guest file takes its UART and tick interrupts as MSIs and
# it claims them without trapping; none lost; traps per interrupt reported.
# Then the same configuration on a machine without AIA: that VM is refused
# with a clear message, the other one runs and passes.
. "$(dirname "$0")/common.sh"
"$EXPECT" -t 120 -l "$LOGS/qemu_irqstream_aia.console" \
    -n 'FAIL|PANIC|unexpected' \
    -e '^\[chipvisor\] AIA: IMSICs at 0x28000000 \(0x[0-9a-f]+ per hart\) with 4 guest interrupt files per hart' \
    -e '^\[chipvisor\] vm irq: vCPU 0: IMSIC guest file 1 of hart 0 at GPA 0x28000000' \
    -e '^\[irq\] ok - UART stream: 200 interrupts for 200 re-arms' \
    -e '^\[irq\] METRIC irq_traps_per_interrupt backend=aia-imsic source=uart' \
    -e '^\[irq\] ok - tick stream: .* none lost' \
    -e '^\[irq\] METRIC irq_traps_per_interrupt backend=aia-imsic source=tick' \
    -e '^\[chipvisor\] result: PASS' \
    -x 0 \
    -- $(qemu_cmd irqstream-aia -M virt,aia=aplic-imsic,aia-guests=4)
exec "$EXPECT" -t 120 -l "$LOGS/qemu_irqstream_aia_missing.console" \
    -n 'PANIC|^\[irq\]' \
    -e '^\[chipvisor\] vm irq: needs an IMSIC guest file, but the platform has no AIA' \
    -e '^\[sbi\] [0-9]+ checks, 0 failed: PASS' \
    -e '^\[chipvisor\] result: FAIL \(1 of 2 VMs did not pass\)' \
    -x 1 \
    -- $(qemu_cmd irqstream-aia)
