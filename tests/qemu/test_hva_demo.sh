#!/bin/bash
# configs/demo on the HVA platform: the hypervisor finds the HVA in the host
# device tree; the MMIO guest's PLIC is its VIC guest file mapped into its
# G-stage (its register, threshold and claim checks run on the RTL without
# trapping); every guest translation the hypervisor makes (MMIO instruction
# fetches, SBI buffers) is served by the RTL walker over the guests' real page
# tables, with the golden model beside it (chipvisor.xcheck=on): they never
# disagree.
. "$(dirname "$0")/common.sh"
. "$(dirname "$0")/hva_platform.sh"
exec "$EXPECT" -t 300 -l "$LOGS/qemu_hva_demo.console" \
    -n 'FAIL|PANIC|unexpected|software paths|disagree at|did not answer' \
    -e '^\[chipvisor\] HVA [0-9.]+ \(device at 0x10200000, from the device tree, irq 12\).*VIC yes.*outputs on hgeip 1\.\..*walker serves translations' \
    -e '^\[chipvisor\] vm mmio: PLIC at GPA 0xc000000 served by the HVA VIC \(guest file 0 in its G-stage, line hgeip 1\)' \
    -a '^\[mmio\] ok - lowering the threshold delivers it' \
    -a '^\[paging\] ok - UART scratch register through a virtual mapping' \
    -a '^\[paging\] [0-9]+ checks, 0 failed: PASS' \
    -a '^\[mmio\] [0-9]+ checks, 0 failed: PASS' \
    -a '^\[sbi\] [0-9]+ checks, 0 failed: PASS' \
    -e '^\[chipvisor\] result: PASS' \
    -e '^\[chipvisor\] HVA walker: [1-9][0-9]* translations beside the golden model, 0 disagreements' \
    -e '^\[chipvisor\] HVA walker: served [1-9][0-9]* guest translations, 0 fell back to the software walker' \
    -x 0 \
    -- $(hva_cmd demo -icount shift=0 -append chipvisor.xcheck=on)
