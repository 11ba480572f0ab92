#!/bin/bash
# hva-walk-check's stop, tested: the checker is told (HVA_WALK_CHECK_FAULT)
# to take the walker's answer to the 5000th translation of a Linux boot as a
# wrong HPA; QEMU must stop at once with the request and both answers printed,
# the run must end with status 1, the checker must report the disagreement,
# and nothing may be left behind. About 10 s.
. "$(dirname "$0")/common.sh"
need "$BUILD/linux/Image" "$BUILD/linux/initramfs.cpio" "$BUILD/sim/walker/hva-walk-check"
HVA_MEM=1G
. "$(dirname "$0")/hva_platform.sh"
HVA_WALK="$LOGS/hva_walkcheck_stop.walk"
rm -f "$HVA_WALK"
cmd=$(hva_cmd linux -append chipvisor.hva.walker=off)
out=$LOGS/qemu_hva_walkcheck_stop.console
"$EXPECT" -t 300 -l "$out" \
    -e 'hva-walk: the HVA walker disagrees with QEMU: [rwx] 0x[0-9a-f]+ vsatp=0x[0-9a-f]+ hgatp=0x[0-9a-f]+ .*\| qemu: .*\| walker: ok hpa=0x[0-9a-f]+' \
    -x 1 -- env HVA_WALK_CHECK_FAULT=5000 $cmd
rc=$?
for i in $(seq 50); do grep -q '^counters: ' "$HVA_WALK" 2>/dev/null && break; sleep 0.2; done
cat "$HVA_WALK"
ok=0
[ "$rc" -eq 0 ] || { echo "FAIL: QEMU did not stop with status 1 and the request printed"; ok=1; }
grep -q '^hva-walk-check: translation 5000: DISAGREE: ' "$HVA_WALK" || { echo "FAIL: the checker did not report translation 5000"; ok=1; }
grep -q '^hva-walk-check: 5000 translations checked.* 4999 agree, 1 disagree,' "$HVA_WALK" ||
    { echo "FAIL: the checker's tally is not 4999 agree, 1 disagree"; ok=1; }
grep -q '^METRIC walkcheck_mismatches=1 ' "$HVA_WALK" || { echo "FAIL: no METRIC walkcheck_mismatches=1"; ok=1; }
hva_check_clean "$out" || ok=1
[ "$ok" -eq 0 ] && echo "PASS"
exit "$ok"
