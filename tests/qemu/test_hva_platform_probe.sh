#!/bin/bash
# The HVA platform end to end, bare metal: QEMU -M virt,hva=on with the
# Verilated HVA behind the device (run-hva-platform.sh), and hva_probe
# (tests/hva-platform/hva_probe.c) in M-mode: the DTB node, ID/CAP read back
# from the RTL, translations through the registers against the golden model
# (A/D bits written into the machine's RAM by the walker), a VIC claim as a
# read with a side effect, the VIC guest line on hgeip, the VIC's hypervisor
# line on the PLIC, the UART's wire into the VIC, a bus error.
. "$(dirname "$0")/common.sh"
. "$(dirname "$0")/hva_platform.sh"
log="$LOGS/hva_platform_probe.console"
simlog="$LOGS/hva_platform_probe.sim"
rc=0
timeout -k 5 120 "$HVA_RUN" --mem 64M --sim-log "$simlog" -- \
    -smp 1 -nographic -bios none -kernel "$HVA_PROBE" > "$log" 2>&1 || rc=$?
cat "$log"
echo "--- simulator:"; cat "$simlog"
fail=0
[ "$rc" -eq 0 ] || { echo "FAIL: exit status $rc"; fail=1; }
grep -q '^hva-probe: PASS' "$log" || { echo "FAIL: no PASS line"; fail=1; }
! grep -q 'FAIL' "$log" || { echo "FAIL: a check failed"; fail=1; }
n=$(grep -c '^hva-probe: ok ' "$log" || true)
[ "$n" -ge 40 ] || { echo "FAIL: only $n checks passed (expected at least 40)"; fail=1; }
grep -q ' 0 AXI protocol errors' "$simlog" || { echo "FAIL: the simulator saw AXI protocol errors"; fail=1; }
grep -Eq 'AXI4 memory reads' "$simlog" || { echo "FAIL: no summary from the simulator"; fail=1; }
grep -q 'QEMU closed the connection' "$simlog" || { echo "FAIL: the simulator did not see QEMU end"; fail=1; }
hva_check_clean "$log" || fail=1
[ "$fail" -eq 0 ] && echo "PASS: test_hva_platform_probe"
exit "$fail"
