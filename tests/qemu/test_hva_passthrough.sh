#!/bin/bash
# A device the hypervisor does not emulate, on the HVA platform: the machine's
# RTC given to a VM (configs/passthrough: mapped GPA = HPA, its interrupt
# routed by the VIC into the VM's guest file, claimed and completed on the
# VIC's pages): 50 alarms, each delivered, and not one trap into the
# hypervisor for them. The RTC runs on the VM clock (-rtc clock=vm), which
# -icount makes a count of instructions.
. "$(dirname "$0")/common.sh"
. "$(dirname "$0")/hva_platform.sh"
exec "$EXPECT" -t 300 -l "$LOGS/qemu_hva_passthrough.console" \
    -n 'FAIL|PANIC|unexpected|software paths|not started' \
    -e '^\[chipvisor\] HVA [0-9.]+ \(device at 0x10200000' \
    -e '^\[chipvisor\] vm rtc: PLIC at GPA 0xc000000 served by the HVA VIC \(guest file 0 in its G-stage' \
    -e '^\[chipvisor\] vm rtc: the machine.s device at 0x101000 \(\+0x1000\) is its own, source 11 -> its irq 5' \
    -e '^\[rtc\] passthrough RTC guest \(hva-vic\)' \
    -e '^\[rtc\] ok - RTC stream: 50 interrupts for 50 alarms' \
    -e '^\[rtc\] METRIC irq_traps_per_interrupt backend=hva-vic source=passthrough traps=0 irqs=50 per_irq=0.00 host_timer_traps=[0-9]+' \
    -e '^\[rtc\] ok - no trap into the hypervisor' \
    -e '^\[chipvisor\] result: PASS' \
    -x 0 \
    -- $(hva_cmd passthrough -icount shift=0 -rtc clock=vm)
