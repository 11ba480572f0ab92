#!/bin/bash
# Interrupt streams through the HVA's VIC (hardware path), co-simulated: the
# RTL runs in Verilator (build/sim/cosim/hva-cosim) on QEMU's RAM file, the
# hypervisor reaches it through the mailbox (boot option chipvisor.hva=cosim)
# and serves the guest's PLIC window from the VIC's guest file; the guest is
# the same one the software PLIC serves. None lost; traps per interrupt
# reported. (No -icount here: the two processes must run at wall-clock pace.)
. "$(dirname "$0")/common.sh"
COSIM="$BUILD/sim/cosim/hva-cosim"
need "$COSIM" "$BUILD/configs/irqstream/chipvisor.bin"
RAM=$(mktemp /dev/shm/chipvisor-cosim.XXXXXX)
cleanup() { [ -n "${SIM_PID:-}" ] && kill "$SIM_PID" 2>/dev/null; rm -f "$RAM"; }
trap cleanup EXIT
truncate -s 256M "$RAM"
"$COSIM" "$RAM" > "$LOGS/qemu_irqstream_vic.sim" 2>&1 &
SIM_PID=$!
"$EXPECT" -t 300 -l "$LOGS/qemu_irqstream_vic.console" \
    -n 'FAIL|PANIC|unexpected|software paths' \
    -e '^\[chipvisor\] HVA [0-9.]+ \(co-simulated, mailbox 0x8fff0000\).*VIC yes' \
    -e '^\[chipvisor\] vm irq: PLIC at GPA 0xc000000 served by the HVA VIC' \
    -e '^\[irq\] interrupt stream guest \(hva-vic\)' \
    -e '^\[irq\] ok - UART stream: 200 interrupts for 200 re-arms' \
    -e '^\[irq\] METRIC irq_traps_per_interrupt backend=hva-vic source=uart' \
    -e '^\[irq\] ok - tick stream: .* none lost' \
    -e '^\[irq\] METRIC irq_traps_per_interrupt backend=hva-vic source=tick' \
    -e '^\[chipvisor\] result: PASS' \
    -x 0 \
    -- $QEMU -object memory-backend-file,id=mem,size=256M,mem-path="$RAM",share=on \
       -M virt,memory-backend=mem -m 256M -smp 1 -nographic -bios "$OPENSBI_FW" \
       -kernel "$BUILD/configs/irqstream/chipvisor.bin" -append chipvisor.hva=cosim
# the hypervisor asked the simulator to stop at the end of the run
wait "$SIM_PID"; rc=$?; SIM_PID=
cat "$LOGS/qemu_irqstream_vic.sim"
grep -q ' 0 AXI protocol errors' "$LOGS/qemu_irqstream_vic.sim" && [ "$rc" -eq 0 ]
