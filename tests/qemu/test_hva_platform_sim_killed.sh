#!/bin/bash
# The HVA platform when one side goes away: the simulator killed (SIGTERM,
# then SIGKILL) under a running machine, QEMU killed under a running
# simulator, the simulator missing, QEMU given no socket. Every case must end
# in seconds with a clear message on each side that is still there, a
# non-zero status, and no process or file left behind.
. "$(dirname "$0")/common.sh"
. "$(dirname "$0")/hva_platform.sh"
fail=0
bad() { echo "FAIL: $*"; fail=1; }

# start the probe in its endless read loop; sets RUN_PID, LOG, SIMLOG
start_loop() {
    LOG="$LOGS/hva_platform_killed_$1.console"
    SIMLOG="$LOGS/hva_platform_killed_$1.sim"
    "$HVA_RUN" --mem 64M --sim-log "$SIMLOG" -- -smp 1 -nographic -bios none \
        -kernel "$HVA_PROBE" -append loop > "$LOG" 2>&1 &
    RUN_PID=$!
    for i in $(seq 600); do
        grep -q 'hva-probe: alive' "$LOG" 2>/dev/null && return 0
        kill -0 "$RUN_PID" 2>/dev/null || break
        sleep 0.1
    done
    cat "$LOG"; bad "$1: the probe did not reach its loop"; return 1
}

# waits for the runner (at most 15 s); its status in RUN_RC
wait_runner() {
    local i
    for i in $(seq 150); do
        kill -0 "$RUN_PID" 2>/dev/null || break
        sleep 0.1
    done
    if kill -0 "$RUN_PID" 2>/dev/null; then
        bad "$1: still running 15 s after the kill (a hang)"
        kill -TERM "$RUN_PID"
    fi
    RUN_RC=0
    wait "$RUN_PID" || RUN_RC=$?
    echo "--- $1: console and runner"; tail -n 6 "$LOG"; echo "--- $1: simulator"; cat "$SIMLOG"
    hva_check_clean "$LOG" || fail=1
}

for sig in TERM KILL; do
    start_loop "sim_$sig" || continue
    sim=$(pgrep -P "$RUN_PID" -x hva-device-sim) || { bad "no simulator under the runner"; continue; }
    kill -"$sig" "$sim"
    wait_runner "sim_$sig"
    [ "$RUN_RC" -ne 0 ] || bad "sim_$sig: exit status 0 after the simulator died"
    grep -q 'chipvisor-hva: the HVA simulator closed the connection' "$LOG" \
        || bad "sim_$sig: QEMU did not say the simulator went away"
    if [ "$sig" = TERM ]; then
        grep -q 'hva-device-sim: stopped by signal 15' "$SIMLOG" || bad "sim_TERM: the simulator did not say it was stopped"
        grep -q 'the simulator ended with status 1' "$LOG" || bad "sim_TERM: the runner did not report the simulator's status"
    else
        grep -q 'the simulator was killed by signal 9' "$LOG" || bad "sim_KILL: the runner did not report the kill"
    fi
done

# QEMU killed: the simulator sees its socket close and ends by itself
if start_loop qemu_KILL; then
    q=$(pgrep -P "$RUN_PID" -f qemu-system-riscv64) || bad "no QEMU under the runner"
    kill -KILL "$q"
    wait_runner qemu_KILL
    [ "$RUN_RC" -ne 0 ] || bad "qemu_KILL: exit status 0 after QEMU was killed"
    grep -q 'hva-device-sim: QEMU closed the connection' "$SIMLOG" || bad "qemu_KILL: the simulator did not say QEMU went away"
fi

# no simulator: the runner says so at once
out=$(timeout 20 "$HVA_RUN" --sim /nonexistent/hva-device-sim -- -nographic -bios none -kernel "$HVA_PROBE" 2>&1) && bad "missing simulator: status 0"
echo "$out"
echo "$out" | grep -q 'no simulator at /nonexistent/hva-device-sim' || bad "missing simulator: no clear message"

# QEMU with the HVA but nothing listening: a clear error, no hang
out=$(timeout 30 "$QEMU_HVA" -M virt,hva=on -global chipvisor-hva.socket=/nonexistent/hva.sock \
      -nographic -bios none -kernel "$HVA_PROBE" 2>&1) && bad "no simulator socket: QEMU exited 0"
echo "$out"
echo "$out" | grep -q 'chipvisor-hva: cannot reach the HVA simulator at /nonexistent/hva.sock' \
    || bad "no simulator socket: no clear message from QEMU"
out=$(timeout 30 "$QEMU_HVA" -M virt,hva=on -nographic -bios none -kernel "$HVA_PROBE" 2>&1) && bad "no socket given: QEMU exited 0"
echo "$out"
echo "$out" | grep -q 'chipvisor-hva: no simulator socket' || bad "no socket given: no clear message from QEMU"

[ "$fail" -eq 0 ] && echo "PASS: test_hva_platform_sim_killed"
exit "$fail"
