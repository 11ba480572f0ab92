#!/bin/bash
# Interrupt streams through the virtual PLIC (software backend): UART and
# timer-driven tick interrupts, none lost or doubled, with the traps per
# interrupt reported as METRIC lines; the other VM passes beside it.
. "$(dirname "$0")/common.sh"
exec "$EXPECT" -t 120 -l "$LOGS/qemu_irqstream.console" \
    -n 'FAIL|PANIC|unexpected' \
    -e '^\[irq\] ok - UART stream: 200 interrupts for 200 re-arms' \
    -e '^\[irq\] METRIC irq_traps_per_interrupt backend=vplic source=uart' \
    -e '^\[irq\] ok - tick stream' \
    -e '^\[irq\] METRIC irq_traps_per_interrupt backend=vplic source=tick' \
    -e '^\[irq\] [0-9]+ checks, 0 failed: PASS' \
    -e '^\[chipvisor\] result: PASS' \
    -x 0 \
    -- $(qemu_cmd irqstream)
