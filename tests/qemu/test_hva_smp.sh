#!/bin/bash
# The HVA platform with 2 harts (-smp 2, no -icount: harts are host threads):
# the interrupt stream VM on the VIC beside two busy VMs
# (configs/irqstream-smp), three floating vCPUs on two harts: the stream's
# vCPU is moved between the harts and its VIC line (hgeip, VGEIN on the hart
# that runs it) goes with it: no interrupt lost or doubled, and the
# hypervisor's count of its moves is at least 1.
# Realtime SMP run (under -icount QEMU 7.2 runs the harts round robin and the
# stream stalls), so the guest is irqstream_smp.c: 50 UART and 20 tick
# interrupts in up to 60 s; about 6 s here (load 11, the run given a raised
# autogroup: README), and it passed without one too.
. "$(dirname "$0")/common.sh"
HVA_SMP=2
. "$(dirname "$0")/hva_platform.sh"
log="$LOGS/qemu_hva_smp.console"
"$EXPECT" -t 300 -l "$log" \
    -n 'FAIL|PANIC|unexpected|software paths|not started' \
    -e '^\[chipvisor\] HVA [0-9.]+ \(device at 0x10200000' \
    -e '^\[chipvisor\] vm irq: PLIC at GPA 0xc000000 served by the HVA VIC \(guest file [0-9]+ in its G-stage' \
    -e '^\[chipvisor\] SMP: 2 hart\(s\) in the device tree, 2 started' \
    -a '^\[irq\] interrupt stream guest \(hva-vic\)' \
    -a '^\[irq\] ok - UART stream: 50 interrupts for 50 re-arms, none lost or doubled' \
    -a '^\[irq\] ok - tick stream: [0-9]+ expiries, [0-9]+ acknowledged in [0-9]+ interrupts, [0-9]+ left: none lost' \
    -a '^\[sbi1\] [0-9]+ checks, 0 failed: PASS' \
    -a '^\[sbi2\] [0-9]+ checks, 0 failed: PASS' \
    -e '^\[chipvisor\] result: PASS' \
    -x 0 \
    -- $(hva_cmd irqstream-smp)
moves=$(sed -n 's/^\[chipvisor\]   irq .* moves \([0-9]*\),.*/\1/p' "$log")
echo "the stream VM's vCPU moved between harts $moves time(s)"
[ -n "$moves" ] && [ "$moves" -ge 1 ] || { echo "FAIL: its vCPU never moved: the line did not have to follow it"; exit 1; }
