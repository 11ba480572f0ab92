#!/bin/bash
# U-Boot to its prompt, natively (OpenSBI -> U-Boot) and as a chipvisor guest
# (OpenSBI -> chipvisor -> U-Boot), in the same QEMU and the same run,
# alternating, RUNS times each (default 5). Measured from the end of
# OpenSBI's banner (so QEMU's own start-up is left out) to "Hit any key to stop
# autoboot" (U-Boot ready) and to the "=>" prompt after a key press.
# Three set-ups:
#  - native, QEMU's whole device tree (U-Boot probes PCI, virtio, flash, ...);
#  - native like for like: QEMU's tree with only what the guest gets (the
#    UART and the PLIC; the CLINT, harts and reset devices stay for OpenSBI),
#    given with -dtb;
#  - chipvisor, U-Boot alone (configs/uboot-solo) and beside the ticker guest
#    (configs/uboot). As a guest, U-Boot's own part is the time from the
#    moment the hypervisor has built its VMs.
# Reported: every run, the medians and their ratios (wall-clock: noisy; the
# ratio within one run is the figure to quote, with its spread over the runs).
. "$(dirname "$0")/../qemu/common.sh"
UBOOT_BIN=${UBOOT_BIN:-/usr/lib/u-boot/qemu-riscv64_smode/u-boot.bin}
need "$UBOOT_BIN"
MACHINE="$QEMU -M virt -smp 1 -m 256M -nographic -bios $OPENSBI_FW"
RUNS=${RUNS:-5}

# run <prefix regex> <kernel> [<regex of the moment the VMs are ready> [<more QEMU options>]]:
# prints "<t_ready> <t_prompt> <t_vms>" in ms after OpenSBI (t_vms: 0 natively)
run() {
    local vms=${3:-^Boot HART MEDELEG}
    "$EXPECT" -t 120 -e '^Boot HART MIDELEG' -e "$vms" -e "^$1Hit any key to stop autoboot" -s '\r' \
        -e "^$1=> " -- $MACHINE ${4:-} -kernel "$2" 2>&1 |
        awk '/step 1 ok at/ { s = $6 } /step 2 ok at/ { v = $6 } /step 3 ok at/ { r = $6 }
             /step 5 ok at/ { p = $6 }
             END { printf "%.0f %.0f %.0f\n", (r - s) * 1000, (p - s) * 1000, (v - s) * 1000 }'
}
median() { sort -n | sed -n "$(( (RUNS + 1) / 2 ))p"; }
# a run whose steps did not all pass (a timeout on a loaded host) is made again, up to 3 times
run_ok() {
    local out
    for _ in 1 2 3; do
        out=$(run "$@")
        case $out in "0 "*|*" -"*) continue ;; esac
        echo "$out"; return
    done
    echo "FAIL: U-Boot did not reach its prompt in 3 tries ($2 ${4:-})" >&2; exit 1
}

# QEMU's own tree, less every device the guest does not get
need fdtput fdtget
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
LIKE_DTB=$tmp/virt-like-guest.dtb
$MACHINE -M virt,dumpdtb="$LIKE_DTB" >/dev/null 2>&1 || { echo "FAIL: QEMU did not dump its device tree"; exit 1; }
for node in $(fdtget -l "$LIKE_DTB" /); do
    case $node in fw-cfg@*|flash@*|platform-bus@*) fdtput -r "$LIKE_DTB" "/$node" ;; esac
done
for node in $(fdtget -l "$LIKE_DTB" /soc); do
    case $node in pci@*|virtio_mmio@*|rtc@*) fdtput -r "$LIKE_DTB" "/soc/$node" ;; esac
done
echo "native like for like: QEMU's tree with /soc = $(fdtget -l "$LIKE_DTB" /soc | tr '\n' ' ')"
fdtget -l "$LIKE_DTB" /soc | grep -q '^pci@\|^virtio_mmio@' && { echo "FAIL: the stripped tree still has PCI or virtio"; exit 1; }

native_r=(); native_p=(); like_r=(); like_p=(); hv_r=(); hv_p=(); hv_v=(); solo_r=(); solo_v=()
for _ in $(seq $RUNS); do
    read -r r p _ < <(run_ok '' "$UBOOT_BIN"); native_r+=("$r"); native_p+=("$p")
    read -r r p _ < <(run_ok '' "$UBOOT_BIN" '^Boot HART MEDELEG' "-dtb $LIKE_DTB"); like_r+=("$r"); like_p+=("$p")
    read -r r p v < <(run_ok '\[uboot\] ' "$BUILD/configs/uboot-solo/chipvisor.bin" 'console input goes to vm')
    solo_r+=("$r"); solo_v+=("$v")
    read -r r p v < <(run_ok '\[uboot\] ' "$BUILD/configs/uboot/chipvisor.bin" 'console input goes to vm')
    hv_r+=("$r"); hv_p+=("$p"); hv_v+=("$v")
done
nr=$(printf '%s\n' "${native_r[@]}" | median); np=$(printf '%s\n' "${native_p[@]}" | median)
hr=$(printf '%s\n' "${hv_r[@]}" | median); hp=$(printf '%s\n' "${hv_p[@]}" | median)
echo "U-Boot ready, ms after OpenSBI: native like for like ${like_r[*]} | chipvisor, U-Boot alone ${solo_r[*]} (VMs built at ${solo_v[*]})"
solo_own=(); ratios=()
for i in "${!solo_r[@]}"; do
    solo_own+=("$(( solo_r[i] - solo_v[i] ))")
    ratios+=("$(awk -v a="${solo_own[i]}" -v b="${like_r[i]}" 'BEGIN { printf "%.2f", a / (b ? b : 1) }')")
done
echo "like for like: U-Boot's own part as a guest (alone) over native with the guest's devices, per run: ${ratios[*]}"
printf '%s\n' "${ratios[@]}" | sort -n | awk '{ v[NR] = $1 } END {
    printf "like for like: ratio median %.2f, min %.2f, max %.2f over %d runs\n", v[int((NR + 1) / 2)], v[1], v[NR], NR }'
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
    echo "METRIC uboot_ready_native_like=${like_r[i]} unit=ms timing=wall"
    echo "METRIC uboot_own_part_solo=${solo_own[i]} unit=ms timing=wall"
    echo "METRIC uboot_like_for_like_ratio=${ratios[i]} unit=ratio timing=wall"
done
