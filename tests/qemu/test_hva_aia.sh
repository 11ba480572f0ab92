#!/bin/bash
# The HVA platform with the machine's AIA (-M virt,hva=on,aia=aplic-imsic):
# the HVA's interrupts on the APLIC, the VIC's guest lines on the hgeip bits
# after the IMSIC's guest files (configs/irqstream-mixed): one VM on the VIC,
# one on an IMSIC guest file, each its interrupt stream, none lost.
. "$(dirname "$0")/common.sh"
HVA_MACHINE=aia=aplic-imsic,aia-guests=4
. "$(dirname "$0")/hva_platform.sh"
exec "$EXPECT" -t 300 -l "$LOGS/qemu_hva_aia.console" \
    -n 'FAIL|PANIC|unexpected|software paths|not started' \
    -e '^\[chipvisor\] AIA: IMSICs at 0x28000000 \(0x8000 per hart\) with 8 guest interrupt files per hart' \
    -e '^\[chipvisor\] HVA [0-9.]+ \(device at 0x10200000, from the device tree, irq 12\).*VIC yes \(4 guests, .*outputs on hgeip 5..8\)' \
    -e '^\[chipvisor\] AIA: of those, 4 are the HVA VIC.s lines \(hgeip 0x1e0\), not IMSIC guest files' \
    -a '^\[chipvisor\] vm vic: PLIC at GPA 0xc000000 served by the HVA VIC \(guest file [0-9]+ in its G-stage, .*line hgeip 5\)' \
    -a '^\[chipvisor\] vm imsic: vCPU 0: IMSIC guest file 1 of hart 0 at GPA 0x28000000' \
    -a '^\[vic\] interrupt stream guest \(hva-vic\)' \
    -a '^\[imsic\] interrupt stream guest \(aia-imsic\)' \
    -a '^\[vic\] ok - UART stream: 200 interrupts' \
    -a '^\[imsic\] ok - UART stream: 200 interrupts' \
    -a '^\[vic\] ok - tick stream: [0-9]+ expiries, [0-9]+ acknowledged in [0-9]+ interrupts, [0-9]+ left: none lost' \
    -a '^\[imsic\] ok - tick stream: [0-9]+ expiries, [0-9]+ acknowledged in [0-9]+ interrupts, [0-9]+ left: none lost' \
    -e '^\[chipvisor\] result: PASS' \
    -x 0 \
    -- $(hva_cmd irqstream-mixed -icount shift=0)
