#!/bin/bash
# Debian's Linux natively and as a chipvisor VM (configs/linux-bench, same
# kernel, initramfs and command line), in the same QEMU, alternating, under
# -icount shift=0: guest time is then a count of retired instructions (1 ns
# each), independent of the host's load. Reported, as medians over RUNS runs
# each and as guest/native ratios:
#  - time to init and to poweroff: the machine's time CSR read by init
#    (`cvtest stamp`), so firmware, hypervisor start and kernel are included;
#  - every figure of the guest benchmark program (cvtest bench): syscall loop,
#    page-fault storm, nanosleep, random access over 64 MiB, ...;
#  - hypervisor traps per second while Linux idles (configs/linux: the
#    summary's trap count after `sleep 1` and after `sleep 6` at its prompt).
. "$(dirname "$0")/../qemu/common.sh"
need "$BUILD/linux/Image" "$BUILD/linux/initramfs.cpio" "$BUILD/linux/rootfs.ext4"
RUNS=${RUNS:-3}
QEMU_MEM=1G
ARGS=$(sed -n 's/^ *bootargs "\(.*\)"/\1/p' configs/linux-bench)
NATIVE="$QEMU -M virt -smp 1 -m 256M -nographic -icount shift=0 -bios $OPENSBI_FW \
    -kernel $BUILD/linux/Image -initrd $BUILD/linux/initramfs.cpio"
out=$(mktemp -d "${TMPDIR:-/tmp}/chipvisor-bench-linux.XXXXXX")
trap 'rm -rf "$out"' EXIT
NATIVE="$NATIVE -drive file=$out/disk.ext4,if=none,id=d0,format=raw -device virtio-blk-device,drive=d0"

# one run: its console into $out/<kind>.<i>; STAMP and METRIC lines, prefix stripped
run() {
    local kind=$1 i=$2
    if [ "$kind" = native ]; then
        cp "$BUILD/linux/rootfs.ext4" "$out/disk.ext4"     # a fresh copy each run, as the VM's
        "$EXPECT" -t 900 -l "$out/$kind.$i" -e '^BENCH-DONE' -e '^STAMP poweroff' -x 0 \
            -- $NATIVE -append "$ARGS" >/dev/null
    else
        "$EXPECT" -t 900 -l "$out/$kind.$i" -e '^\[linux\] BENCH-DONE' -e '^\[linux\] STAMP poweroff' \
            -e '^\[chipvisor\] result: PASS' -x 0 -- $(qemu_cmd linux-bench) >/dev/null
    fi || { echo "bench_linux: $kind run $i failed; its console:" >&2; tail -20 "$out/$kind.$i" >&2; exit 1; }
    sed 's/^\[linux\] //' "$out/$kind.$i" | grep -aE '^(STAMP|METRIC) ' > "$out/$kind.$i.m"
}
for i in $(seq "$RUNS"); do run native "$i"; run guest "$i"; done

# name=value pairs per run: the stamps in ms, the benchmark metrics as printed
summarize() {
    awk -v runs="$RUNS" '
        FNR == 1 { run++ }
        /^STAMP / { split($3, t, "="); v[$2, run] = t[2] / 10000.0; unit[$2] = "ms"; names[$2] }
        /^METRIC / && /unit=/ { split($2, kv, "="); if (kv[1] ~ /_bytes$|_mib$|bench_scale|bench_wall/) next
                                 v[kv[1], run] = kv[2]; sub("unit=", "", $3); unit[kv[1]] = $3; names[kv[1]] }
        END { for (n in names) { printf "%s %s", n, unit[n]; for (r = 1; r <= runs; r++) printf " %s", v[n, r]; print "" } }' "$@"
}
median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
summarize "$out"/native.*.m | sort > "$out/native"
summarize "$out"/guest.*.m | sort > "$out/guest"
echo "Linux natively and as a chipvisor VM (-icount shift=0: 1 instruction = 1 ns), $RUNS runs each, medians"
printf '%-26s %-10s %12s %12s %7s   %s\n' figure unit native chipvisor ratio "guest runs"
join "$out/native" "$out/guest" | while read -r name unit rest; do
    set -- $rest
    nat=$(echo "${@:1:$RUNS}" | median); shift "$RUNS"; shift   # the guest's copy of the unit
    gst=$(echo "$@" | median)
    ratio=$(awk -v n="$nat" -v g="$gst" 'BEGIN { printf "%.2f", n ? g / n : 0 }')
    printf '%-26s %-10s %12s %12s %7s   %s\n' "$name" "$unit" "$nat" "$gst" "$ratio" "$*"
    echo "METRIC linux_${name}_native=$nat linux_${name}_chipvisor=$gst unit=$unit ratio=$ratio"
done

# idle: traps over 5 s more of `sleep` at the prompt of configs/linux
idle() {
    "$EXPECT" -t 900 -l "$out/idle.$1" -e '^\[linux\] cv# ' -s "sleep $1\r" \
        -e '^\[chipvisor\] result: PASS' -x 0 -- $(qemu_cmd linux) >/dev/null ||
        { echo "bench_linux: idle run failed" >&2; tail -20 "$out/idle.$1" >&2; exit 1; }
    sed -n 's/^\[chipvisor\]   linux .* traps \([0-9]*\),.*/\1/p' "$out/idle.$1"
}
t1=$(idle 1); t6=$(idle 6)
echo "METRIC linux_idle_traps_per_s=$(( (t6 - t1) / 5 )) (traps $t1 with sleep 1, $t6 with sleep 6)"
