#!/bin/bash
# A device the hypervisor does not emulate, with DMA, on the HVA platform:
# QEMU virt's first virtio-mmio slot holds a virtio-blk disk and is given to
# a VM (configs/passthrough_virtio): its window mapped GPA = HPA, its
# interrupt routed by the VIC into the VM's guest file, the VM's RAM at its
# own GPA in host memory (`memory 16M identity`), so the device's DMA
# reaches the guest's buffers with no IOMMU. The guest
# (firmware/guests/passthrough_virtio.c) reads the disk twice and checks
# every byte, writes 4 sectors and reads them back; this script checks those
# sectors in the disk file afterwards (the device read them from guest RAM),
# and the guest's count of hypervisor traps over all requests is 0.
. "$(dirname "$0")/common.sh"
. "$(dirname "$0")/hva_platform.sh"
need perl
disk=$(mktemp /tmp/chipvisor-ptvirtio.XXXXXX)
trap 'rm -f "$disk"' EXIT
# the formulas are the guest's disk_byte() and guest_byte()
perl -e 'print map { chr(($_ * 131 + ($_ >> 9) * 7 + 0x5a) & 0xff) } 0 .. 65535' > "$disk"
"$EXPECT" -t 300 -l "$LOGS/qemu_hva_passthrough_virtio.console" \
    -n 'FAIL|PANIC|unexpected|software paths|not started' \
    -e '^\[chipvisor\] HVA [0-9.]+ \(device at 0x10200000' \
    -e '^\[chipvisor\] vm virtio: PLIC at GPA 0xc000000 served by the HVA VIC \(guest file [0-9]+ in its G-stage' \
    -e '^\[chipvisor\] vm virtio: the machine.s device at 0x10001000 \(\+0x1000\) is its own, source 1 -> its irq 1' \
    -e '^\[chipvisor\] vm virtio: 16 MiB at GPA 0x88000000 -> HPA 0x88000000 \(identity' \
    -e '^\[virtio\] passthrough virtio-blk guest \(hva-vic\)' \
    -e '^\[virtio\] ok - virtio-mmio v2 block device at 0x10001000' \
    -e '^\[virtio\] ok - disk of 128 sectors' \
    -e '^\[virtio\] ok - 34 requests completed by the device, each with its interrupt' \
    -e '^\[virtio\] ok - read the disk 2 times by DMA: every byte as written' \
    -e '^\[virtio\] ok - wrote 4 sectors by DMA and read them back' \
    -e '^\[virtio\] ok - virtio stream: 34 interrupts \(34 used-ring\) for 34 requests, 0 from elsewhere' \
    -e '^\[virtio\] METRIC irq_traps_per_interrupt backend=hva-vic source=passthrough-virtio-blk traps=0 irqs=34 per_irq=0.00 host_timer_traps=[0-9]+' \
    -e '^\[virtio\] ok - no trap into the hypervisor for 34 DMA requests' \
    -e '^\[chipvisor\] result: PASS' \
    -x 0 \
    -- $(hva_cmd passthrough_virtio -icount shift=0 \
         -global virtio-mmio.force-legacy=false \
         -drive file="$disk",if=none,format=raw,id=ptdisk \
         -device virtio-blk-device,drive=ptdisk,bus=virtio-mmio-bus.0)
# sectors 120..123 hold what the guest wrote: the device read it from guest RAM
want=$(perl -e 'print map { chr(($_ * 29 + 0xa5) & 0xff) } 61440 .. 63487' | od -An -tx1 | md5sum)
got=$(dd if="$disk" bs=512 skip=120 count=4 status=none | od -An -tx1 | md5sum)
[ "$want" = "$got" ] || { echo "FAIL: sectors 120-123 of the disk file are not what the guest wrote"; exit 1; }
echo "ok: sectors 120-123 of the disk file hold what the guest wrote (the device's DMA read guest RAM)"
rest=$(perl -e 'print map { chr(($_ * 131 + ($_ >> 9) * 7 + 0x5a) & 0xff) } 0 .. 61439' | md5sum)
[ "$rest" = "$(head -c 61440 "$disk" | md5sum)" ] || { echo "FAIL: the guest's write reached sectors before 120"; exit 1; }
echo "ok: sectors 0-119 unchanged"
