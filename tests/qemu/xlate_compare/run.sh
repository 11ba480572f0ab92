#!/bin/bash
# The xlate-vs-QEMU comparison (issue 3). Not yet tests/qemu/test_xlate_qemu.sh:
# it still reports unexplained mismatches on QEMU 7.2 (see the report in the
# commit log), and `make check` must stay green. Move it there, unchanged,
# once the summary says 0 mismatches.
set -eu
cd "$(dirname "$0")/../../.."
BUILD=${BUILD:-build}
QEMU=${QEMU:-qemu-system-riscv64}
OPENSBI_FW=${OPENSBI_FW:-/usr/lib/riscv64-linux-gnu/opensbi/generic/fw_jump.bin}
EXPECT="$BUILD/tests/qemu/qemu-expect"
LOGS="$BUILD/test-logs"
mkdir -p "$LOGS"
need() { for f in "$@"; do [ -e "$f" ] || { echo "MISSING: $f" >&2; exit 1; }; done; }
need "$EXPECT" "$OPENSBI_FW"
BIN="$BUILD/tests/qemu/xlate_compare/xlate_compare.bin"
need "$BIN"
exec "$EXPECT" -t 120 -l "$LOGS/qemu_xlate_compare.console" \
    -n 'unexpected trap' \
    -e '^\[xlate-qemu\] sv39/sv39x4: [0-9]+ checks' \
    -e '^\[xlate-qemu\] sv39/sv48x4: [0-9]+ checks' \
    -e '^\[xlate-qemu\] sv48/sv39x4: [0-9]+ checks' \
    -e '^\[xlate-qemu\] sv48/sv48x4: [0-9]+ checks' \
    -e '^METRIC xlate_qemu_comparisons=[0-9]+' \
    -e '^\[xlate-qemu\] result: PASS \([0-9]+ checks, [0-9]+ with a tolerated deviation, 0 mismatches\)' \
    -x 0 \
    -- $QEMU -M virt -smp 1 -m 256M -nographic -icount shift=0 -bios $OPENSBI_FW -kernel $BIN
