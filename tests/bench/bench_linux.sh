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
#  - hypervisor traps per second while Linux idles (configs/linux, one run:
#    the trap counts the hypervisor prints on Ctrl-] around `sleep 1` and
#    around `sleep 6` typed at its prompt; the difference is 5 s of idling).
# A METRIC line per run and figure (X_native, X_chipvisor): bench-report
# gives their medians, spreads and X_ratio.
# Then SMP (smp_bench below): Linux with several CPUs natively and as a VM with
# as many vCPUs, time to init and the cross-CPU figures.
#
#   tests/bench/bench_linux.sh                      all of it (SMP: $SMP_SPECS)
#   tests/bench/bench_linux.sh smp [SPEC...]        the SMP part alone
#   tests/bench/bench_linux.sh idle                 the idle figure alone
#   SPEC = <config>:<vcpus>[:<harts>]   natively on -smp <vcpus>; as the VM of
#          configs/<config> on -smp <harts> (default <vcpus>); a config that is
#          not there, or not built, gives the native column alone
#   RUNS=n (default 3) runs of each, alternating; medians; SMP_TIMEOUT (s, 900)
#   for one SMP run; SMP_ACCEL extra QEMU options (see below)
. "$(dirname "$0")/../qemu/common.sh"
need "$BUILD/linux/Image" "$BUILD/linux/initramfs.cpio" "$BUILD/linux/rootfs.ext4"
RUNS=${RUNS:-3}
SMP_SPECS=${SMP_SPECS:-linux-smp:2 linux-smp4:4}
QEMU_MEM=1G
median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
# name=value pairs per run: the stamps in ms, the benchmark metrics as printed
summarize() {
    awk -v runs="$RUNS" '
        FNR == 1 { run++ }
        /^STAMP / { split($3, t, "="); v[$2, run] = t[2] / 10000.0; unit[$2] = "ms"; names[$2] }
        /^METRIC / && /unit=/ { split($2, kv, "="); if (kv[1] ~ /_bytes$|_mib$|^bench_/) next
                                 v[kv[1], run] = kv[2]; sub("unit=", "", $3); unit[kv[1]] = $3; names[kv[1]] }
        END { for (n in names) { printf "%s %s", n, unit[n]; for (r = 1; r <= runs; r++) printf " %s", v[n, r]; print "" } }' "$@"
}

# ---- SMP ------------------------------------------------------------------------------
# QEMU 7.2 does not run an SMP Linux under -icount (it stops after "smp: Brought
# up 1 node, 2 CPUs"), so these runs are in real time, QEMU's default
# multi-threaded TCG (one host thread per CPU, as the tests run): the cross-CPU
# figures then include the host's thread wake-ups and depend on its load, so
# compare the same-run ratios, not absolute times. SMP_ACCEL="-accel
# tcg,thread=single" runs all CPUs on one host thread instead (less dependence
# on the load, but a CPU spinning for another, as in an SBI remote fence, holds
# the thread until QEMU's 100 ms round-robin kick).
SMP_ACCEL=${SMP_ACCEL:-}
SMP_TIMEOUT=${SMP_TIMEOUT:-900}     # seconds for one run
smp_defaults() {     # bootargs when there is no config to take them from
    echo "console=ttyS0 quiet cv.mem=256 cv.cpus=$1 cv.devs=uart,plic cv.initrd=1 cv.bench=1 cv.prompt=0 cv.end=poweroff"
}
# smp_run <native|guest> <tag> <i> <vcpus> <harts> <config> <vm> <mem> <bootargs>
smp_run() {
    local kind=$1 tag=$2 i=$3 vcpus=$4 harts=$5 cfg=$6 vm=$7 mem=$8 args=$9 pre=
    local log="$out/smp-$tag-$kind.$i" steps=()
    [ "$kind" = guest ] && pre="\\[$vm\\] "
    steps=(-e "^${pre}BENCH-DONE")
    case " $args " in *" cv.prompt=0 "*) ;; *) steps+=(-e "^${pre}cv# " -s '\r') ;; esac
    case " $args " in *" cv.end=poweroff "*) steps+=(-e "^${pre}STAMP poweroff") ;; esac
    [ "$kind" = guest ] && steps+=(-e '^\[chipvisor\] result: PASS')
    case " $args " in *" cv.end=poweroff "*) steps+=(-x 0) ;; esac
    if [ "$kind" = native ]; then
        local disk=()
        case " $args " in *" root=/dev/vda "*|*" cv.root=ext4 "*)
            cp "$BUILD/linux/rootfs.ext4" "$out/smp-disk.ext4"
            disk=(-drive "file=$out/smp-disk.ext4,if=none,id=d0,format=raw" -device virtio-blk-device,drive=d0) ;;
        esac
        "$EXPECT" -t "$SMP_TIMEOUT" -l "$log" "${steps[@]}" -- $QEMU -M virt -smp "$vcpus" -m "$mem" -nographic $SMP_ACCEL \
            -bios "$OPENSBI_FW" -kernel "$BUILD/linux/Image" -initrd "$BUILD/linux/initramfs.cpio" \
            "${disk[@]}" -append "$args" >/dev/null 2>"$log.err"
    else
        "$EXPECT" -t "$SMP_TIMEOUT" -l "$log" "${steps[@]}" -- $(QEMU_SMP=$harts qemu_cmd "$cfg" $SMP_ACCEL) >/dev/null 2>"$log.err"
    fi || { echo "bench_linux: $kind run $i of $tag failed:" >&2; grep -a 'qemu-expect: FAIL' "$log.err" >&2
            echo "its console:" >&2; tail -20 "$log" >&2; return 1; }
    sed "s/^\[$vm\] //" "$log" | grep -aE '^(STAMP|METRIC) ' > "$log.m"
}
smp_bench() {
    local spec cfg vcpus harts vm mem args guest i
    for spec in "$@"; do
        IFS=: read -r cfg vcpus harts <<< "$spec"
        harts=${harts:-$vcpus}
        guest=1 vm=linux mem=256M args=$(smp_defaults "$vcpus")
        if [ -f "configs/$cfg" ]; then
            args=$(sed -n 's/^ *bootargs "\(.*\)"/\1/p' "configs/$cfg" | head -1)
            vm=$(awk '$1 == "vm" { print $2; exit }' "configs/$cfg")
            mem=$(awk '$1 == "memory" { print $2; exit }' "configs/$cfg")
            case " $args " in *" cv.bench=1 "*) ;; *)
                echo "bench_linux: configs/$cfg has no cv.bench=1 in its bootargs; its own command line is used natively"
                args="$args cv.bench=1" guest= ;;
            esac
            [ -e "$BUILD/configs/$cfg/chipvisor.bin" ] || { echo "bench_linux: $BUILD/configs/$cfg/chipvisor.bin is not built: native figures alone"; guest=; }
        else
            echo "bench_linux: no configs/$cfg: native figures alone, command line: $args"
            guest=
        fi
        local tag="$cfg-$vcpus"
        for i in $(seq "$RUNS"); do
            smp_run native "$tag" "$i" "$vcpus" "$harts" "$cfg" "$vm" "$mem" "$args" || return 1
            if [ -n "$guest" ] && ! smp_run guest "$tag" "$i" "$vcpus" "$harts" "$cfg" "$vm" "$mem" "$args"; then
                echo "bench_linux: the guest runs of $tag fail: native figures alone"; guest=
            fi
        done
        summarize "$out"/smp-"$tag"-native.*.m | sort > "$out/smp-$tag-native"
        if [ -n "$guest" ]; then summarize "$out"/smp-"$tag"-guest.*.m | sort > "$out/smp-$tag-guest"
        else : > "$out/smp-$tag-guest"; fi
        echo "Linux with $vcpus CPUs natively (-smp $vcpus) and as configs/$cfg on -smp $harts (real time${SMP_ACCEL:+, $SMP_ACCEL}), $RUNS runs each, medians"
        printf '%-26s %-13s %12s %12s %7s   %s\n' figure unit native chipvisor ratio "native runs | guest runs"
        join -a 1 "$out/smp-$tag-native" "$out/smp-$tag-guest" | while read -r name unit rest; do
            set -- $rest
            local nat gst="-" ratio="-" nruns="${*:1:$RUNS}" v
            nat=$(echo "$nruns" | median); shift "$RUNS"
            for v in $nruns; do echo "METRIC linux_smp${vcpus}_${name}_native=$v unit=$unit timing=wall" >>"$out/smp-metrics"; done
            if [ $# -gt 0 ]; then
                shift                                   # the guest's copy of the unit
                gst=$(echo "$@" | median)
                ratio=$(awk -v n="$nat" -v g="$gst" 'BEGIN { printf "%.2f", n ? g / n : 0 }')
                for v in "$@"; do echo "METRIC linux_smp${vcpus}_${name}_chipvisor=$v unit=$unit timing=wall" >>"$out/smp-metrics"; done
            fi
            printf '%-26s %-13s %12s %12s %7s   %s | %s\n' "$name" "$unit" "$nat" "$gst" "$ratio" "$nruns" "$*"
        done
        # every run's figure (bench-report: medians, spread, ratios)
        cat "$out/smp-metrics"; rm -f "$out/smp-metrics"
    done
}

ARGS=$(sed -n 's/^ *bootargs "\(.*\)"/\1/p' configs/linux-bench)
NATIVE="$QEMU -M virt -smp 1 -m 256M -nographic -icount shift=0 -bios $OPENSBI_FW \
    -kernel $BUILD/linux/Image -initrd $BUILD/linux/initramfs.cpio"
out=$(mktemp -d "${TMPDIR:-/tmp}/chipvisor-bench-linux.XXXXXX")
trap 'rm -rf "$out"' EXIT
# idle: hypervisor traps while Linux sleeps at the prompt of configs/linux,
# counted within one run: Ctrl-] makes the hypervisor print each VM's trap
# count so far (hypervisor/core/input.c); readings when the command line starts,
# after its `sleep 1` and after its `sleep 6`; (d6 - d1) / 5 takes out what the
# shell, the echo and the reading itself cost. (It subtracted two separate runs
# before, whose boots differ by more than 5 s of idling: -1.)
idle() {
    local log=$out/idle c
    "$EXPECT" -t 900 -l "$log" -e '^\[linux\] cv# ' \
        -s 'echo idle-$((0+1)); sleep 1; echo idle-$((1+1)); sleep 6; echo idle-$((2+1))\r' \
        -e '^\[linux\] idle-1' -s '\x1d' -e 'vm linux: traps [0-9]+ so far' \
        -e '^\[linux\] idle-2' -s '\x1d' -e 'vm linux: traps [0-9]+ so far' \
        -e '^\[linux\] idle-3' -s '\x1d' -e 'vm linux: traps [0-9]+ so far' \
        -e '^\[chipvisor\] result: PASS' -x 0 -- $(qemu_cmd linux) >/dev/null ||
        { echo "bench_linux: idle run failed" >&2; tail -20 "$log" >&2; exit 1; }
    c=($(sed -n 's/.*vm linux: traps \([0-9]*\) so far.*/\1/p' "$log"))
    [ "${#c[@]}" -eq 3 ] || { echo "bench_linux: idle run: ${#c[@]} trap readings, not 3" >&2; exit 1; }
    echo "METRIC linux_idle_traps_per_s=$(( ((c[2] - c[1]) - (c[1] - c[0])) / 5 )) unit=traps/s" \
         "(one run: traps ${c[0]}, ${c[1]} after sleep 1, ${c[2]} after sleep 6)"
}
if [ "${1:-}" = idle ]; then
    idle
    exit
fi
if [ "${1:-}" = smp ]; then
    shift
    [ $# -gt 0 ] || set -- $SMP_SPECS
    smp_bench "$@"
    exit
fi
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

summarize "$out"/native.*.m | sort > "$out/native"
summarize "$out"/guest.*.m | sort > "$out/guest"
echo "Linux natively and as a chipvisor VM (-icount shift=0: 1 instruction = 1 ns), $RUNS runs each, medians"
printf '%-26s %-10s %12s %12s %7s   %s\n' figure unit native chipvisor ratio "guest runs"
join "$out/native" "$out/guest" | while read -r name unit rest; do
    set -- $rest
    nruns="${*:1:$RUNS}"
    nat=$(echo "$nruns" | median); shift "$RUNS"; shift   # the guest's copy of the unit
    gst=$(echo "$@" | median)
    ratio=$(awk -v n="$nat" -v g="$gst" 'BEGIN { printf "%.2f", n ? g / n : 0 }')
    printf '%-26s %-10s %12s %12s %7s   %s\n' "$name" "$unit" "$nat" "$gst" "$ratio" "$*"
    # every run's figure (bench-report: medians, spread, ratios); guest time under -icount
    for v in $nruns; do echo "METRIC linux_${name}_native=$v unit=$unit timing=icount" >>"$out/metrics"; done
    for v in "$@"; do echo "METRIC linux_${name}_chipvisor=$v unit=$unit timing=icount" >>"$out/metrics"; done
done
cat "$out/metrics"   # missing: no figure in common, which is an error

idle

smp_bench $SMP_SPECS
