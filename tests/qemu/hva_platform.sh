# Shared by the HVA platform tests (sourced after common.sh): the patched QEMU
# (host-tools/qemu-hva/build-qemu-hva.sh: found in its cache, built if
# missing), the simulator, the probe, and a check for stray processes/files.
HVA_RUN=host-tools/qemu-hva/run-hva-platform.sh
HVA_SIM="$BUILD/sim/hva-device/hva-device-sim"
HVA_PROBE="$BUILD/tests/hva-platform/hva_probe.elf"
need "$HVA_SIM" "$HVA_PROBE"
QEMU_HVA=$(host-tools/qemu-hva/build-qemu-hva.sh) || { echo "MISSING: the HVA platform QEMU (make qemu-hva)" >&2; exit 1; }
export QEMU_HVA BUILD

# hva_check_clean <runner output>: the processes and the directory the
# runner named ("simulator pid N, directory D", "QEMU pid M") must be gone.
hva_check_clean() {
    local log=$1 pid dir ok=0
    dir=$(sed -n 's/^run-hva-platform: simulator pid [0-9]*, directory //p' "$log" | head -n1)
    [ -n "$dir" ] || { echo "FAIL: the runner did not name its directory"; return 1; }
    for pid in $(sed -n 's/^run-hva-platform: \(simulator\|QEMU\) pid \([0-9]*\).*/\2/p' "$log"); do
        if kill -0 "$pid" 2>/dev/null; then echo "FAIL: pid $pid still runs: $(ps -o args= -p "$pid")"; ok=1; fi
    done
    [ -e "$dir" ] && { echo "FAIL: $dir left behind"; ok=1; }
    [ "$ok" -eq 0 ] && echo "ok: no process or file left behind ($dir)"
    return "$ok"
}

# hva_cmd <config> [qemu args...]: the command line that boots a configuration
# on the HVA platform (the runner wraps QEMU and the simulator; its messages
# go to $LOGS/hva_<config>.sim). HVA_MEM (default 256M), HVA_SMP (default 1),
# HVA_MACHINE (more -M virt options, e.g. aia=aplic-imsic,aia-guests=4),
# HVA_WALK (a file: run hva-walk-check beside the hart, its output there),
# HVA_WALK_RECORD (a trace prefix to record to), HVA_WALK_RECORD_MAX (that
# many translations), HVA_WALK_LABEL (the trace label of its METRIC lines).
hva_cmd() {
    local cfg=$1; shift
    need "$BUILD/configs/$cfg/chipvisor.bin"
    echo "$HVA_RUN --mem ${HVA_MEM:-256M} ${HVA_MACHINE:+--machine $HVA_MACHINE}" \
         "${HVA_WALK:+--walk-check $HVA_WALK} ${HVA_WALK_RECORD:+--walk-record $HVA_WALK_RECORD}" \
         "${HVA_WALK_LABEL:+--walk-label $HVA_WALK_LABEL}" \
         "${HVA_WALK_RECORD_MAX:+--walk-record-max $HVA_WALK_RECORD_MAX}" \
         "${HVA_WALK_RECORD_ON_SIGNAL:+--walk-record-on-signal}" \
         "--sim-log $LOGS/hva_$cfg.sim -- -smp ${HVA_SMP:-1} -nographic -bios $OPENSBI_FW" \
         "-kernel $BUILD/configs/$cfg/chipvisor.bin $*"
}
