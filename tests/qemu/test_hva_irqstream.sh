#!/bin/bash
# Interrupt streams through the VIC on the HVA platform: the guest's PLIC
# window is its VIC guest file in its G-stage and its interrupt arrives on
# hgeip (hstatus.VGEIN); only the device-register accesses trap. None lost;
# traps per interrupt must be those of AIA (3 for the UART stream: the
# handler's IIR read and the two IER writes), not the forwarded path's.
. "$(dirname "$0")/common.sh"
. "$(dirname "$0")/hva_platform.sh"
exec "$EXPECT" -t 300 -l "$LOGS/qemu_hva_irqstream.console" \
    -n 'FAIL|PANIC|unexpected|software paths|disagree at' \
    -e '^\[chipvisor\] HVA [0-9.]+ \(device at 0x10200000' \
    -e '^\[chipvisor\] vm irq: PLIC at GPA 0xc000000 served by the HVA VIC \(guest file 0 in its G-stage' \
    -e '^\[irq\] interrupt stream guest \(hva-vic\)' \
    -e '^\[irq\] ok - UART stream: 200 interrupts for 200 re-arms' \
    -e '^\[irq\] METRIC irq_traps_per_interrupt backend=hva-vic source=uart traps=60[0-9] irqs=200 per_irq=3\.0[0-9]' \
    -e '^\[irq\] ok - tick stream: .* none lost' \
    -e '^\[irq\] METRIC irq_traps_per_interrupt backend=hva-vic source=tick' \
    -e '^\[chipvisor\] result: PASS' \
    -x 0 \
    -- $(hva_cmd irqstream -icount shift=0)
