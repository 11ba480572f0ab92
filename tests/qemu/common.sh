# Shared by the QEMU test scripts: the machine, the firmware, and a check that
# every tool is here (a missing tool fails the test loudly; it never skips).
set -eu
cd "$(dirname "$0")/../.."
BUILD=${BUILD:-build}
QEMU=${QEMU:-qemu-system-riscv64}
OPENSBI_FW=${OPENSBI_FW:-/usr/lib/riscv64-linux-gnu/opensbi/generic/fw_jump.bin}
EXPECT="$BUILD/tests/qemu/qemu-expect"
LOGS="$BUILD/test-logs"
mkdir -p "$LOGS"

need() {
    for f in "$@"; do
        if [ ! -e "$f" ] && ! command -v "$f" >/dev/null 2>&1; then
            echo "MISSING: $f (run 'make test', which installs and builds everything)" >&2
            exit 1
        fi
    done
}
need "$QEMU" "$OPENSBI_FW" "$EXPECT"

# qemu_cmd <config> [extra qemu args...]: the command line for one configuration;
# -icount shift=0 makes instruction counts and guest time deterministic.
# QEMU_MEM: host RAM (default 256M; the Linux configs need more).
# QEMU_SMP: host harts (default 1). With more than one, no -icount: under it
# QEMU runs the harts round robin, 100 ms of guest time each, so a hart that
# waits for another (a lock, an IPI) waits that long; without it every hart
# is a host thread.
qemu_cmd() {
    local cfg=$1; shift
    local smp=${QEMU_SMP:-1} timing="-icount shift=0"
    need "$BUILD/configs/$cfg/chipvisor.bin"
    [ "$smp" -gt 1 ] && timing=""
    echo "$QEMU -M virt -smp $smp -m ${QEMU_MEM:-256M} -nographic $timing -bios $OPENSBI_FW" \
         "-kernel $BUILD/configs/$cfg/chipvisor.bin $*"
}

# Co-simulation: cosim_start starts the HVA RTL (hva-cosim) on a fresh shared
# RAM file ($COSIM_RAM) with its output in $1; cosim_qemu_cmd <config> prints
# the QEMU command line that shares that RAM, with hypervisor options $2
# (chipvisor.hva=cosim[,...]) (no -icount: the two processes must run at wall-clock pace);
# cosim_finish waits for the simulator (the hypervisor stops it at the end of
# the run) and fails on an AXI protocol error or a bad exit.
COSIM="$BUILD/sim/cosim/hva-cosim"
cosim_start() {
    need "$COSIM"
    COSIM_RAM=$(mktemp /dev/shm/chipvisor-cosim.XXXXXX)
    COSIM_LOG=$1
    trap 'cosim_cleanup' EXIT
    truncate -s 256M "$COSIM_RAM"
    "$COSIM" "$COSIM_RAM" > "$COSIM_LOG" 2>&1 &
    COSIM_PID=$!
}
cosim_cleanup() {
    [ -n "${COSIM_PID:-}" ] && kill "$COSIM_PID" 2>/dev/null
    rm -f "${COSIM_RAM:-}"
}
cosim_qemu_cmd() {
    local cfg=$1 opts=$2; shift 2
    need "$BUILD/configs/$cfg/chipvisor.bin"
    echo "$QEMU -object memory-backend-file,id=mem,size=256M,mem-path=$COSIM_RAM,share=on" \
         "-M virt,memory-backend=mem -m 256M -smp 1 -nographic -bios $OPENSBI_FW" \
         "-kernel $BUILD/configs/$cfg/chipvisor.bin -append $opts $*"
}
cosim_finish() {
    local rc=0
    wait "$COSIM_PID" || rc=$?
    COSIM_PID=
    cat "$COSIM_LOG"
    [ "$rc" -eq 0 ] && grep -q ' 0 AXI protocol errors' "$COSIM_LOG"
}
