#!/bin/bash
# Interrupt streams through the HVA's VIC (hardware path), co-simulated: the
# RTL runs in Verilator (build/sim/cosim/hva-cosim) on QEMU's RAM file, the
# hypervisor reaches it through the mailbox (boot option chipvisor.hva=cosim)
# and serves the guest's PLIC window from the VIC's guest file; the guest is
# the same one the software PLIC serves. None lost; traps per interrupt
# reported.
. "$(dirname "$0")/common.sh"
cosim_start "$LOGS/qemu_irqstream_vic.sim"
"$EXPECT" -t 300 -l "$LOGS/qemu_irqstream_vic.console" \
    -n 'FAIL|PANIC|unexpected|software paths|disagree at' \
    -e '^\[chipvisor\] HVA [0-9.]+ \(co-simulated, mailbox 0x8fff0000\).*VIC yes' \
    -e '^\[chipvisor\] vm irq: PLIC at GPA 0xc000000 served by the HVA VIC' \
    -e '^\[irq\] interrupt stream guest \(hva-vic\)' \
    -e '^\[irq\] ok - UART stream: 200 interrupts for 200 re-arms' \
    -e '^\[irq\] METRIC irq_traps_per_interrupt backend=hva-vic source=uart' \
    -e '^\[irq\] ok - tick stream: .* none lost' \
    -e '^\[irq\] METRIC irq_traps_per_interrupt backend=hva-vic source=tick' \
    -e '^\[chipvisor\] result: PASS' \
    -x 0 \
    -- $(cosim_qemu_cmd irqstream chipvisor.hva=cosim)
cosim_finish
