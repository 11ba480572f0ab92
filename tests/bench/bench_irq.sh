#!/bin/bash
# Traps into the hypervisor per delivered device interrupt, per interrupt
# backend (trap-and-emulate virtual PLIC; AIA IMSIC guest file) and source
# (virtual UART; timer-driven tick), counted by the hypervisor and reported by
# the guest through chipvisor's SBI extension.
. "$(dirname "$0")/../qemu/common.sh"
for run in "irqstream" "irqstream-aia -M virt,aia=aplic-imsic,aia-guests=4"; do
    log="$LOGS/bench_irq_${run%% *}.console"
    "$EXPECT" -t 120 -l "$log" -e '^\[chipvisor\] result:' -x 0 -- $(qemu_cmd $run) >/dev/null 2>&1
    grep -E 'METRIC irq_' "$log"
done

# the HVA VIC, co-simulated (claims and completes are forwarded through the
# mailbox here, so they trap; on an SoC the window is mapped into the guest)
COSIM="$BUILD/sim/cosim/hva-cosim"
need "$COSIM"
RAM=$(mktemp /dev/shm/chipvisor-cosim.XXXXXX)
truncate -s 256M "$RAM"
"$COSIM" "$RAM" > "$LOGS/bench_irq_vic.sim" 2>&1 &
sim=$!
log="$LOGS/bench_irq_vic.console"
"$EXPECT" -t 300 -l "$log" -e '^\[chipvisor\] result:' -x 0 \
    -- $QEMU -object memory-backend-file,id=mem,size=256M,mem-path="$RAM",share=on \
       -M virt,memory-backend=mem -m 256M -smp 1 -nographic -bios "$OPENSBI_FW" \
       -kernel "$BUILD/configs/irqstream/chipvisor.bin" -append chipvisor.hva=cosim >/dev/null 2>&1
wait $sim
rm -f "$RAM"
grep -E 'METRIC irq_' "$log"
