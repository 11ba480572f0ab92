#!/bin/bash
# Traps into the hypervisor per delivered device interrupt, per interrupt
# backend (trap-and-emulate virtual PLIC; AIA IMSIC guest file; the HVA VIC
# through the co-simulation mailbox and as a device of the machine) and source
# (virtual UART; timer-driven tick; devices of the machine passed through: the
# RTC, a virtio-blk disk with DMA), counted by the hypervisor and reported by
# the guest through chipvisor's SBI extension.
. "$(dirname "$0")/../qemu/common.sh"
for run in "irqstream" "irqstream-aia -M virt,aia=aplic-imsic,aia-guests=4"; do
    log="$LOGS/bench_irq_${run%% *}.console"
    "$EXPECT" -t 120 -l "$log" -e '^\[chipvisor\] result:' -x 0 -- $(qemu_cmd $run) >/dev/null 2>&1
    grep -E 'METRIC irq_' "$log"
done

# the HVA VIC, co-simulated (claims and completes are forwarded through the
# mailbox here, so they trap; on an SoC the window is mapped into the guest)
cosim_start "$LOGS/bench_irq_vic.sim"
log="$LOGS/bench_irq_vic.console"
"$EXPECT" -t 300 -l "$log" -e '^\[chipvisor\] result:' -x 0 \
    -- $(cosim_qemu_cmd irqstream chipvisor.hva=cosim) >/dev/null 2>&1
cosim_finish >/dev/null
# no -icount under co-simulation: the tick follows the host's clock, so how
# many expiries one interrupt stands for depends on the host's load
grep -E 'METRIC irq_' "$log" | sed 's/\r$//; s/$/ timing=wall/'

# the HVA VIC as a device (QEMU -M virt,hva=on, the RTL behind it): the guest
# file is mapped into the guest, its line is hgeip; only device registers trap
. "$(dirname "$0")/../qemu/hva_platform.sh"
log="$LOGS/bench_irq_vic_device.console"
"$EXPECT" -t 300 -l "$log" -e '^\[chipvisor\] result:' -x 0 -- $(hva_cmd irqstream -icount shift=0) >/dev/null 2>&1
grep -E 'METRIC irq_' "$log" | sed 's/backend=hva-vic/backend=hva-vic-device/'

# a device the hypervisor does not emulate (configs/passthrough: the machine's
# RTC, its interrupt routed by the VIC): no trap per interrupt
log="$LOGS/bench_irq_passthrough.console"
"$EXPECT" -t 300 -l "$log" -e '^\[chipvisor\] result:' -x 0 \
    -- $(hva_cmd passthrough -icount shift=0 -rtc clock=vm) >/dev/null 2>&1
grep -E 'METRIC irq_' "$log"

# a device with DMA the hypervisor does not emulate (configs/passthrough_virtio:
# a virtio-blk disk in QEMU virt's first virtio-mmio slot, the VM's RAM GPA =
# HPA): no trap per request and its interrupt
disk=$(mktemp /tmp/chipvisor-bench-ptvirtio.XXXXXX)
perl -e 'print map { chr(($_ * 131 + ($_ >> 9) * 7 + 0x5a) & 0xff) } 0 .. 65535' > "$disk"
log="$LOGS/bench_irq_passthrough_virtio.console"
"$EXPECT" -t 300 -l "$log" -e '^\[chipvisor\] result:' -x 0 \
    -- $(hva_cmd passthrough_virtio -icount shift=0 -global virtio-mmio.force-legacy=false \
         -drive file="$disk",if=none,format=raw,id=ptdisk \
         -device virtio-blk-device,drive=ptdisk,bus=virtio-mmio-bus.0) >/dev/null 2>&1
rm -f "$disk"
grep -E 'METRIC irq_' "$log"
