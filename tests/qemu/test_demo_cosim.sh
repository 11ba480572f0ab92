#!/bin/bash
# The demo with the HVA co-simulated (hardware paths): the MMIO guest's PLIC is
# the RTL VIC's guest file (its register, threshold and claim checks run on
# the RTL), and every instruction the hypervisor fetches to emulate an MMIO
# access is translated by the RTL walker over the guests' real page tables in
# QEMU's RAM, beside the golden model: they must never disagree.
. "$(dirname "$0")/common.sh"
cosim_start "$LOGS/qemu_demo_cosim.sim"
"$EXPECT" -t 300 -l "$LOGS/qemu_demo_cosim.console" \
    -n 'FAIL|PANIC|unexpected|software paths|disagree at' \
    -e '^\[chipvisor\] HVA [0-9.]+ \(co-simulated' \
    -e '^\[chipvisor\] vm mmio: PLIC at GPA 0xc000000 served by the HVA VIC' \
    -a '^\[mmio\] ok - lowering the threshold delivers it' \
    -a '^\[paging\] ok - UART scratch register through a virtual mapping' \
    -e '^\[chipvisor\] result: PASS' \
    -e '^\[chipvisor\] HVA walker: [1-9][0-9]* translations beside the golden model, 0 disagreements' \
    -x 0 \
    -- $(cosim_qemu_cmd demo chipvisor.hva=cosim,chipvisor.hva.walker=on)
cosim_finish
