#!/bin/bash
# The xlate golden model against QEMU's own two-stage MMU (issue 3): a bare-metal
# HS-mode payload (tests/qemu/xlate_compare/) probes random two-stage page
# tables (VS Sv39/Sv48/Sv57 over G Sv39x4/Sv48x4/Sv57x4) with HLV.D, HSV.D and
# HLVX.HU and compares every outcome with the model. Passes only with 0
# unexplained mismatches and >= 5000 comparisons per mode pair; each tolerated QEMU 7.2 / OpenSBI 1.1 deviation is named and
# counted in the console log (build/test-logs/qemu_xlate_compare.console).
. "$(dirname "$0")/common.sh"
BIN="$BUILD/tests/qemu/xlate_compare/xlate_compare.bin"
need "$BIN"
exec "$EXPECT" -t 120 -l "$LOGS/qemu_xlate_compare.console" \
    -n 'unexpected trap|MISMATCH' \
    -e '^\[xlate-qemu\] sv39/sv39x4: [0-9]+ checks' \
    -e '^\[xlate-qemu\] sv39/sv48x4: [0-9]+ checks' \
    -e '^\[xlate-qemu\] sv48/sv39x4: [0-9]+ checks' \
    -e '^\[xlate-qemu\] sv48/sv48x4: [0-9]+ checks' \
    -e '^\[xlate-qemu\] sv39/sv57x4: [0-9]+ checks' \
    -e '^\[xlate-qemu\] sv48/sv57x4: [0-9]+ checks' \
    -e '^\[xlate-qemu\] sv57/sv39x4: [0-9]+ checks' \
    -e '^\[xlate-qemu\] sv57/sv48x4: [0-9]+ checks' \
    -e '^\[xlate-qemu\] sv57/sv57x4: [0-9]+ checks' \
    -e '^METRIC xlate_qemu_comparisons=[0-9]+' \
    -e '^\[xlate-qemu\] result: PASS \([0-9]+ checks, [0-9]+ with a tolerated deviation, 0 mismatches\)' \
    -x 0 \
    -- $QEMU -M virt -smp 1 -m 256M -nographic -icount shift=0 -bios $OPENSBI_FW -kernel $BIN
