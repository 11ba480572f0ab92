#!/bin/bash
# Runs QEMU's virt machine with the HVA (the patched QEMU of build-qemu-hva.sh)
# and the Verilated HVA behind it (hva-device-sim), as one command:
#
#   run-hva-platform.sh [--mem SIZE] [--machine OPTS] [--sim PATH] [--sim-log FILE] -- QEMU ARGS...
#
#   --mem SIZE      guest RAM (default 256M): a shared file both processes map
#   --machine OPTS  more -M virt options (e.g. aia=aplic-imsic,aia-guests=4)
#   --sim PATH      the simulator (default $BUILD/sim/hva-device/hva-device-sim, BUILD=build)
#   --sim-log FILE  the simulator's messages go there (default: stderr)
#   --walk-check FILE   also run hva-walk-check (the walker beside the hart: every
#                   two-stage translation of a TLB fill checked against the RTL,
#                   QEMU's CPU property hva-walk); its messages and figures go to FILE
#   --walk-record PREFIX  with --walk-check: record the stream (PREFIX.req, PREFIX.mem)
#   --walk-record-max N   record the first N translations only (the check goes on)
#   --walk-record-on-signal  start recording at the checker's SIGUSR1 (its pid is
#                   printed as "walker checker pid N"), with its caches emptied
#   --walk-label NAME     with --walk-check: the trace label of its METRIC lines
#   QEMU ARGS       everything else (-smp, -nographic, -bios, -kernel, -append, ...)
#
# The RAM file and the socket live in a private directory under /dev/shm;
# both processes and that directory are gone when this script ends, also on
# Ctrl-C, SIGTERM or hang-up. If the simulator dies, QEMU says so and exits
# (status 1); if QEMU ends, the simulator sees the socket close and ends.
# Exit status: QEMU's; 1 if the simulator could not start. Env: QEMU_HVA
# (the QEMU binary; default: build-qemu-hva.sh's, built when missing).
set -uo pipefail

die() { echo "run-hva-platform: ERROR: $*" >&2; exit 1; }
say() { echo "run-hva-platform: $*" >&2; }

HERE=$(cd "$(dirname "$0")" && pwd)
TOPDIR=$(cd "$HERE/../.." && pwd)
MEM=256M
MOPTS=""
BDIR=${BUILD:-build}
case $BDIR in /*) ;; *) BDIR="$TOPDIR/$BDIR" ;; esac   # BUILD relative to the tree, or absolute
SIM="$BDIR/sim/hva-device/hva-device-sim"
SIMLOG=""
WALKLOG=""
WALKARGS=()
WALK="$BDIR/sim/walker/hva-walk-check"
while [ $# -gt 0 ]; do
    case "$1" in
        --mem) MEM=$2; shift 2 ;;
        --machine) MOPTS=",$2"; shift 2 ;;
        --sim) SIM=$2; shift 2 ;;
        --sim-log) SIMLOG=$2; shift 2 ;;
        --walk-check) WALKLOG=$2; shift 2 ;;
        --walk-record) WALKARGS+=(--record "$2"); shift 2 ;;
        --walk-record-max) WALKARGS+=(--record-max "$2"); shift 2 ;;
        --walk-record-on-signal) WALKARGS+=(--record-on-signal); shift ;;
        --walk-label) WALKARGS+=(--label "$2"); shift 2 ;;
        --) shift; break ;;
        *) break ;;
    esac
done

[ -z "$WALKLOG" ] || [ -x "$WALK" ] || die "no walker checker at $WALK (make ${BUILD:+BUILD=$BUILD }$(realpath --relative-to="$TOPDIR" "$WALK" 2>/dev/null || echo "$WALK"))"
[ -x "$SIM" ] || die "no simulator at $SIM (make ${BUILD:+BUILD=$BUILD }$(realpath --relative-to="$TOPDIR" "$SIM" 2>/dev/null || echo "$SIM"))"
if [ -z "${QEMU_HVA:-}" ]; then
    QEMU_HVA=$("$HERE/build-qemu-hva.sh") || die "no HVA platform QEMU (host-tools/qemu-hva/build-qemu-hva.sh failed)"
fi
[ -x "$QEMU_HVA" ] || die "no QEMU at $QEMU_HVA"

DIR=$(mktemp -d /dev/shm/chipvisor-hva.XXXXXX) || die "mktemp in /dev/shm failed"
SOCK="$DIR/hva.sock"
RAM="$DIR/ram"
SIM_PID=""
QEMU_PID=""
WALK_PID=""
WALK_QEMU=()

# stop a child: SIGTERM, then SIGKILL after 5 s; reap it
stop_pid() {
    local pid=$1 i
    [ -n "$pid" ] || return 0
    kill -TERM "$pid" 2>/dev/null || { wait "$pid" 2>/dev/null; return 0; }
    for i in $(seq 50); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    kill -KILL "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
}
cleanup() {
    trap - EXIT INT TERM HUP
    stop_pid "$QEMU_PID"
    stop_pid "$SIM_PID"
    stop_pid "$WALK_PID"
    rm -rf "$DIR"
}
on_signal() {
    say "stopped by signal $1: stopping QEMU and the simulator"
    cleanup
    exit $((128 + $1))
}
trap cleanup EXIT
trap 'on_signal 2' INT
trap 'on_signal 15' TERM
trap 'on_signal 1' HUP

# wait_listening <pid> <socket> <what>: until the child listens there (10 s at most)
wait_listening() {
    local i
    for i in $(seq 100); do
        [ -S "$2" ] && return 0
        kill -0 "$1" 2>/dev/null || { wait "$1"; die "the $3 ended before listening"; }
        sleep 0.1
    done
    die "the $3 did not listen on $2 in 10 s"
}

truncate -s "$MEM" "$RAM" || die "cannot create the RAM file ($MEM)"
if [ -n "$SIMLOG" ]; then
    "$SIM" --socket "$SOCK" --ram "$RAM" 2>"$SIMLOG" &
else
    "$SIM" --socket "$SOCK" --ram "$RAM" &
fi
SIM_PID=$!
say "simulator pid $SIM_PID, directory $DIR"
wait_listening "$SIM_PID" "$SOCK" simulator

if [ -n "$WALKLOG" ]; then
    "$WALK" --socket "$DIR/walk.sock" --ram "$RAM" "${WALKARGS[@]}" >"$WALKLOG" 2>&1 &
    WALK_PID=$!
    say "walker checker pid $WALK_PID"
    wait_listening "$WALK_PID" "$DIR/walk.sock" "walker checker ($WALKLOG)"
    WALK_QEMU=(-global "riscv-cpu.hva-walk=$DIR/walk.sock")
fi

# QEMU keeps the terminal (stdin given explicitly: a background job would get /dev/null)
"$QEMU_HVA" -object "memory-backend-file,id=hvaram,size=$MEM,mem-path=$RAM,share=on" \
    -M "virt,hva=on,memory-backend=hvaram$MOPTS" -m "$MEM" \
    -global "chipvisor-hva.socket=$SOCK" "${WALK_QEMU[@]}" "$@" <&0 &
QEMU_PID=$!
say "QEMU pid $QEMU_PID"
rc=0
wait "$QEMU_PID" || rc=$?
QEMU_PID=""

# QEMU is gone: the simulator sees its socket close and ends by itself
sim_rc=0
for i in $(seq 50); do
    kill -0 "$SIM_PID" 2>/dev/null || break
    sleep 0.1
done
if kill -0 "$SIM_PID" 2>/dev/null; then
    say "the simulator did not end after QEMU: stopping it"
    stop_pid "$SIM_PID"
    sim_rc=1
else
    wait "$SIM_PID" || sim_rc=$?
fi
SIM_PID=""
if [ "$sim_rc" -ne 0 ]; then
    if [ "$sim_rc" -gt 128 ]; then
        say "the simulator was killed by signal $((sim_rc - 128))"
    else
        say "the simulator ended with status $sim_rc"
    fi
    [ "$rc" -eq 0 ] && rc=1
fi

# the checker sees QEMU's socket close, prints its figures and ends; SIGTERM
# after 60 s (it then prints them too; writing a recorded trace takes a while)
if [ -n "$WALK_PID" ]; then
    for i in $(seq 600); do
        kill -0 "$WALK_PID" 2>/dev/null || break
        sleep 0.1
    done
    kill -0 "$WALK_PID" 2>/dev/null && kill -TERM "$WALK_PID"
    walk_rc=0
    wait "$WALK_PID" || walk_rc=$?
    WALK_PID=""
    if [ "$walk_rc" -ne 0 ]; then
        say "the walker checker ended with status $walk_rc ($WALKLOG)"
        [ "$rc" -eq 0 ] && rc=1
    fi
fi
exit "$rc"
