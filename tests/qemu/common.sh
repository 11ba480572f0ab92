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
qemu_cmd() {
    local cfg=$1; shift
    need "$BUILD/configs/$cfg/chipvisor.bin"
    echo "$QEMU -M virt -smp 1 -m 256M -nographic -icount shift=0 -bios $OPENSBI_FW" \
         "-kernel $BUILD/configs/$cfg/chipvisor.bin $*"
}
