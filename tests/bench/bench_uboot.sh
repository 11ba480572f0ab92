#!/bin/bash
# U-Boot to its prompt, natively (OpenSBI -> U-Boot) and as a chipvisor guest
# (OpenSBI -> chipvisor -> U-Boot, beside the ticker guest), in the same QEMU
# and the same run, alternating, RUNS times each (default 5). Measured from the end of
# OpenSBI's banner (so QEMU's own start-up is left out) to "Hit any key to stop
# autoboot" (U-Boot ready) and to the "=>" prompt after a key press.
# Reported: every run, the medians, and their ratio (wall-clock: noisy; the
# ratio within one run is the figure to quote). Under chipvisor the time also
# holds the hypervisor's start, which zeroes every VM's RAM (128 MiB for
# U-Boot; slow when the host first touches those pages), shown separately.
# U-Boot's own part is not like for like: natively it probes QEMU's whole
# device tree (PCI, virtio, flash), as a guest only a UART and a PLIC.
. "$(dirname "$0")/../qemu/common.sh"
UBOOT_BIN=${UBOOT_BIN:-/usr/lib/u-boot/qemu-riscv64_smode/u-boot.bin}
need "$UBOOT_BIN"
MACHINE="$QEMU -M virt -smp 1 -m 256M -nographic -bios $OPENSBI_FW"
RUNS=${RUNS:-5}

# run <prefix regex> <kernel> [<regex of the moment the VMs are ready>]:
# prints "<t_ready> <t_prompt> <t_vms>" in ms after OpenSBI (t_vms: 0 natively)
run() {
    local vms=${3:-^Boot HART MEDELEG}
    "$EXPECT" -t 120 -e '^Boot HART MIDELEG' -e "$vms" -e "^$1Hit any key to stop autoboot" -s '\r' \
        -e "^$1=> " -- $MACHINE -kernel "$2" 2>&1 |
        awk '/step 1 ok at/ { s = $6 } /step 2 ok at/ { v = $6 } /step 3 ok at/ { r = $6 }
             /step 5 ok at/ { p = $6 }
             END { printf "%.0f %.0f %.0f\n", (r - s) * 1000, (p - s) * 1000, (v - s) * 1000 }'
}
median() { sort -n | sed -n "$(( (RUNS + 1) / 2 ))p"; }

native_r=(); native_p=(); hv_r=(); hv_p=(); hv_v=()
for _ in $(seq $RUNS); do
    read -r r p _ < <(run '' "$UBOOT_BIN"); native_r+=("$r"); native_p+=("$p")
    read -r r p v < <(run '\[uboot\] ' "$BUILD/configs/uboot/chipvisor.bin" 'console input goes to vm')
    hv_r+=("$r"); hv_p+=("$p"); hv_v+=("$v")
done
nr=$(printf '%s\n' "${native_r[@]}" | median); np=$(printf '%s\n' "${native_p[@]}" | median)
hr=$(printf '%s\n' "${hv_r[@]}" | median); hp=$(printf '%s\n' "${hv_p[@]}" | median)
echo "U-Boot ready (autoboot prompt), ms after OpenSBI: native ${native_r[*]} | chipvisor ${hv_r[*]}"
echo "U-Boot '=>' prompt, ms after OpenSBI:            native ${native_p[*]} | chipvisor ${hv_p[*]}"
echo "chipvisor: VMs built and loaded (guest RAM zeroed), ms after OpenSBI: ${hv_v[*]}"
own=(); for i in "${!hv_r[@]}"; do own+=("$(( hv_r[i] - hv_v[i] ))"); done
echo "chipvisor: U-Boot's own part (ready - VMs built), ms: ${own[*]}"
ow=$(printf '%s\n' "${own[@]}" | median)
echo "chipvisor: U-Boot's own part, median: $ow ms (natively the whole is U-Boot's own part)"
awk -v nr="$nr" -v np="$np" -v hr="$hr" -v hp="$hp" 'BEGIN {
    printf "medians: ready native %d ms, chipvisor %d ms, ratio %.2f\n", nr, hr, hr / (nr ? nr : 1)
    printf "medians: prompt native %d ms, chipvisor %d ms, ratio %.2f\n", np, hp, hp / (np ? np : 1)
}'
# one METRIC line per run and figure: bench-report takes median and spread
for i in "${!hv_r[@]}"; do
    echo "METRIC uboot_ready_native=${native_r[i]} unit=ms timing=wall"
    echo "METRIC uboot_ready_chipvisor=${hv_r[i]} unit=ms timing=wall"
    echo "METRIC uboot_prompt_native=${native_p[i]} unit=ms timing=wall"
    echo "METRIC uboot_prompt_chipvisor=${hv_p[i]} unit=ms timing=wall"
    echo "METRIC uboot_vms_ready_chipvisor=${hv_v[i]} unit=ms timing=wall"
    echo "METRIC uboot_own_part_chipvisor=${own[i]} unit=ms timing=wall"
done
