#!/bin/bash
# Design-space sweep of the HVA walker (make sweep): translation traces replayed
# through walkers Verilated with other cache sizes and ways, at several memory
# latencies, and Yosys LUT/FF of a subset of the configurations.
#
#   tests/bench/sweep.sh <out dir>
#
# A configuration is named t<E>w<W>-g<E>w<W>-p<E>: combined TLB entries and
# ways, G-TLB entries and ways, page-walk-cache entries; t0, g0 or p0 turns
# that cache off, "off" turns all three off. Environment (defaults: the full
# grid of make sweep):
#   SWEEP_CONFIGS      configurations replayed at SWEEP_LATENCY
#   SWEEP_LATENCY      memory latency of that grid (cycles, default 4)
#   SWEEP_LAT_CONFIGS  configurations also replayed at every SWEEP_LAT_SERIES latency
#   SWEEP_TRACES       trace-synth streams: g2m (chipvisor's 2 MiB G-stage leaves),
#                      g4k (4 KiB G-stage leaves); linux-boot (the first
#                      SWEEP_LINUX_REQUESTS translations of Debian's Linux booting
#                      on the HVA platform, recorded by hva-walk-check through
#                      record-linux-trace.sh once, kept in <out dir>/traces);
#                      linux-bench (500000 translations from the start of the
#                      guest benchmark program, $BUILD/bench/traces/linux-bench,
#                      recorded by bench_walkcheck.sh of make bench, or here
#                      when it is missing: about 10 minutes); or a path prefix
#                      of a recorded trace (<prefix>.mem, <prefix>.req)
#   SWEEP_LINUX_REQUESTS  translations of the linux-boot trace (default 500000)
#   SWEEP_REQUESTS     translations per synthetic trace
#   SWEEP_SYNTH        configurations synthesized (Yosys synth_xilinx; minutes each)
#   SWEEP_JOBS         replays at once (default 2)
#   SWEEP_PREBUILT     a folder of walkers already built, <folder>/sweep-<config>
#                      (make test's), used where present
#   SWEEP_TOOLS        a BUILD folder with host-tools/hva-trace-synth and bench-report
#   SWEEP_WALKER_SRC   the walker's sources in order (make sweep passes them)
#   tests/bench/sweep.sh --params <config> prints the -G parameters of one
# Verilated walkers are built once per configuration under <out dir>/build/
# and kept: the optimized replay tool (hva-trace-replay-opt.exe: no assertions,
# no sanitizers, quiet cycles skipped; test_walker_replay requires its output,
# cycles included, to be the checked build's); Yosys figures are kept in
# <out dir>/synth/. Writes <out dir>/results.json, sweep.csv (replays) and
# sweep_synth.csv (LUT/FF) through bench-report.
set -euo pipefail
cd "$(dirname "$0")/../.."
out=${1:?usage: tests/bench/sweep.sh <out dir>}
if [ "$out" = --params ]; then PARAMS_ONLY=${2:?}; fi
MAKE=${MAKE:-make}
BASE=t16w4-g16w4-p8
SWEEP_CONFIGS=${SWEEP_CONFIGS:-t4w4-g16w4-p8 t8w4-g16w4-p8 $BASE t32w4-g16w4-p8 t64w4-g16w4-p8 t128w4-g16w4-p8
    t16w1-g16w4-p8 t16w2-g16w4-p8 t16w16-g16w4-p8
    t16w4-g4w4-p8 t16w4-g8w4-p8 t16w4-g32w4-p8 t16w4-g64w4-p8 t16w4-g0w4-p8
    t16w4-g16w4-p0 t16w4-g16w4-p2 t16w4-g16w4-p4 t16w4-g16w4-p16 off}
SWEEP_LATENCY=${SWEEP_LATENCY:-4}
SWEEP_LAT_CONFIGS=${SWEEP_LAT_CONFIGS-$BASE off}
SWEEP_LAT_SERIES=${SWEEP_LAT_SERIES:-1 2 4 8 16 32 64}
SWEEP_TRACES=${SWEEP_TRACES:-g2m g4k linux-boot linux-bench}
SWEEP_LINUX_REQUESTS=${SWEEP_LINUX_REQUESTS:-500000}
SWEEP_REQUESTS=${SWEEP_REQUESTS:-20000}
SWEEP_SYNTH=${SWEEP_SYNTH-t4w4-g4w4-p2 $BASE t16w4-g0w4-p8 t64w4-g64w4-p16 off}
SWEEP_JOBS=${SWEEP_JOBS:-2}
OPT_FLAGS="-std=gnu11 -O2 -Wall -Wextra -Werror"

# -G parameters of a configuration name
params() {
    local cfg=$1 p=""
    [ "$cfg" = off ] && cfg=t0-g0-p0
    [[ $cfg =~ ^t([0-9]+)(w([0-9]+))?-g([0-9]+)(w([0-9]+))?-p([0-9]+)$ ]] ||
        { echo "sweep: bad configuration name '$1'" >&2; exit 1; }
    local te=${BASH_REMATCH[1]} tw=${BASH_REMATCH[3]} ge=${BASH_REMATCH[4]} gw=${BASH_REMATCH[6]} pe=${BASH_REMATCH[7]}
    if [ "$te" = 0 ]; then p+=" -GTLB_EN=0"; else p+=" -GTLB_ENTRIES=$te -GTLB_WAYS=${tw:-4}"; fi
    if [ "$ge" = 0 ]; then p+=" -GGTLB_EN=0"; else p+=" -GGTLB_ENTRIES=$ge -GGTLB_WAYS=${gw:-4}"; fi
    if [ "$pe" = 0 ]; then p+=" -GPWC_EN=0"; else p+=" -GPWC_ENTRIES=$pe"; fi
    echo "${p# }"
}
if [ -n "${PARAMS_ONLY:-}" ]; then params "$PARAMS_ONLY"; exit; fi
mkdir -p "$out/build" "$out/traces" "$out/runs" "$out/synth" "$out/raw"
t_start=$(date +%s)

# tools, optimized, in their own folder
tools=${SWEEP_TOOLS:-$out/build/tools}
if [ -z "${SWEEP_TOOLS:-}" ]; then
    $MAKE --no-print-directory -s BUILD="$tools" HOST_CFLAGS="$OPT_FLAGS" HOST_LDFLAGS= \
        "$tools/host-tools/hva-trace-synth" "$tools/host-tools/bench-report" >"$out/build/tools.log" 2>&1 ||
        { tail -20 "$out/build/tools.log"; exit 1; }
fi

# one Verilated walker per configuration (make keeps what is up to date)
all_cfgs=$(printf '%s\n' $SWEEP_CONFIGS $SWEEP_LAT_CONFIGS | awk '!seen[$0]++')
walker() {
    if [ -n "${SWEEP_PREBUILT:-}" ] && [ -x "$SWEEP_PREBUILT/sweep-$1" ]; then echo "$SWEEP_PREBUILT/sweep-$1"
    else echo "$out/build/$1/sim/walker/hva-trace-replay-opt.exe"; fi
}
for cfg in $all_cfgs; do
    [ "$(walker "$cfg")" = "$out/build/$cfg/sim/walker/hva-trace-replay-opt.exe" ] || continue
    t0=$(date +%s)
    $MAKE --no-print-directory -s BUILD="$out/build/$cfg" HOST_CFLAGS="$OPT_FLAGS" HOST_LDFLAGS= WALKER_OPT_PGO=0 \
        WALKER_REPLAY_PARAMS="$(params "$cfg")" "$out/build/$cfg/sim/walker/hva-trace-replay-opt.exe" \
        >"$out/build/$cfg.log" 2>&1 || { echo "sweep: the build of $cfg failed:"; tail -20 "$out/build/$cfg.log"; exit 1; }
    t=$(( $(date +%s) - t0 ))
    [ "$t" -gt 2 ] && echo "sweep: built $cfg ($(params "$cfg")) in ${t}s"
done
t_built=$(date +%s)

# traces
trace_paths=()
for tr in $SWEEP_TRACES; do
    case $tr in
    g2m|g4k)
        p=$out/traces/linuxlike-$tr-$SWEEP_REQUESTS
        [ -s "$p.req" ] || "$tools/host-tools/hva-trace-synth" --seed 1 --requests "$SWEEP_REQUESTS" \
            --gpage "${tr#g}" "$p" >/dev/null
        trace_paths+=("$p") ;;
    linux-boot)
        # the first SWEEP_LINUX_REQUESTS two-stage translations of a Linux boot,
        # recorded on the HVA platform (hva-walk-check) once and kept
        p=$out/traces/linux-boot-$SWEEP_LINUX_REQUESTS
        [ -s "$p.req" ] && [ -s "$p.mem" ] ||
            tests/bench/record-linux-trace.sh "$p" "$SWEEP_LINUX_REQUESTS" || exit 1
        trace_paths+=("$p") ;;
    linux-bench)
        # the guest benchmark's window, as make bench records it
        p=${BUILD:-build}/bench/traces/linux-bench
        if ! [ -s "$p.req" ] || ! [ -s "$p.mem" ]; then
            echo "sweep: recording $p (bench_walkcheck.sh)"
            BUILD=${BUILD:-build} tests/bench/bench_walkcheck.sh >"$out/traces/linux-bench.log" 2>&1 ||
                { echo "sweep: the recording of $p failed:" >&2; tail -20 "$out/traces/linux-bench.log" >&2; exit 1; }
        fi
        trace_paths+=("$p") ;;
    *)
        [ -s "$tr.mem" ] && [ -s "$tr.req" ] || { echo "sweep: no trace $tr.{mem,req}" >&2; exit 1; }
        trace_paths+=("$tr") ;;
    esac
done

# the replays, SWEEP_JOBS at a time: one file of METRIC lines each, kept while
# it is newer than its walker and its trace (a rerun replays what changed)
jobs=$out/jobs
: >"$jobs"
for tp in "${trace_paths[@]}"; do
    for cfg in $SWEEP_CONFIGS; do echo "$cfg $SWEEP_LATENCY $tp" >>"$jobs"; done
    for cfg in $SWEEP_LAT_CONFIGS; do
        for lat in $SWEEP_LAT_SERIES; do echo "$cfg $lat $tp" >>"$jobs"; done
    done
done
sort -u -o "$jobs" "$jobs"
for cfg in $all_cfgs; do echo "$cfg $(walker "$cfg")"; done >"$out/walkers"
export out
xargs -P "$SWEEP_JOBS" -L 1 sh -c '
    cfg=$0 lat=$1 tp=$2
    walker=$(awk -v c="$cfg" "\$1 == c { print \$2 }" "$out/walkers")
    m=$out/runs/$cfg.$lat.$(basename "$tp").metrics
    [ -s "$m" ] && [ "$m" -nt "$walker" ] && [ "$m" -nt "$tp.req" ] && exit 0
    tests/bench/replay-metrics.sh "$walker" "$tp" "$lat" "$cfg" >"$m.tmp" && mv "$m.tmp" "$m"' <"$jobs"
# the runs of this grid only (others may be kept from earlier grids)
while read -r cfg lat tp; do cat "$out/runs/$cfg.$lat.$(basename "$tp").metrics"; done <"$jobs" >"$out/raw/sweep.log"
t_replayed=$(date +%s)

# Yosys LUT/FF (synth_xilinx as make synth-walker, without its timing passes)
src=${SWEEP_WALKER_SRC:?SWEEP_WALKER_SRC: the walker sources in order (make sweep sets it)}
: >"$out/raw/sweep_synth.log"
synth_opts=${SYNTH_XILINX_OPTS--abc9}   # the mapping of make synth-walker (synth-report.sh)
for cfg in $SWEEP_SYNTH; do
    f=$out/synth/$cfg$(echo "$synth_opts" | tr -d ' ').metrics
    if [ ! -s "$f" ] || [ -n "$(find $src -newer "$f" | head -1)" ]; then
        t0=$(date +%s)
        chp=$(params "$cfg" | sed 's/-G\([A-Z_]*\)=\([0-9]*\)/-set \1 \2/g')
        ${YOSYS:-yosys} -q -l "$out/synth/$cfg.log" -p "read_verilog -sv -DSYNTHESIS $src; \
            chparam $chp hva_walker; synth_xilinx -flatten -noiopad $synth_opts -top hva_walker; stat" >/dev/null 2>&1 ||
            { echo "sweep: Yosys failed on $cfg:"; tail -20 "$out/synth/$cfg.log"; exit 1; }
        awk -v c="config:$cfg" -v secs=$(( $(date +%s) - t0 )) '
            /Printing statistics/            { lut = ff = lutram = 0 }
            $1 ~ /^LUT[1-6]$/                { lut += $2 }
            $1 ~ /^FD[CPRS]E?$/              { ff += $2 }
            $1 ~ /^(RAM(32|64|128|256)|SRL)/ { lutram += $2 }
            END { printf "METRIC lut=%d unit=LUT %s\nMETRIC ff=%d unit=FF %s\nMETRIC lutram=%d unit=cells %s\n", lut, c, ff, c, lutram, c
                  printf "METRIC synth_time=%d unit=s timing=wall %s\n", secs, c }' "$out/synth/$cfg.log" >"$f"
        echo "sweep: synthesized $cfg in $(( $(date +%s) - t0 ))s: $(grep -o 'lut=[0-9]*\|ff=[0-9]*' "$f" | tr '\n' ' ')"
    fi
    cat "$f" >>"$out/raw/sweep_synth.log"
done
t_synth=$(date +%s)

BUILD=${BUILD:-build} tests/bench/bench-config.sh >"$out/config.txt"
{
    # one line each (the lists as words)
    echo "sweep_configs="$SWEEP_CONFIGS
    echo "sweep_latency=$SWEEP_LATENCY"
    echo "sweep_lat_configs="$SWEEP_LAT_CONFIGS
    echo "sweep_lat_series="$SWEEP_LAT_SERIES
    echo "sweep_traces="$SWEEP_TRACES
    echo "sweep_requests=$SWEEP_REQUESTS"
    echo "sweep_linux_requests=$SWEEP_LINUX_REQUESTS"
    echo "sweep_synth="$SWEEP_SYNTH
    echo "sweep_synth_opts=synth_xilinx -flatten -noiopad $synth_opts"
    for tp in "${trace_paths[@]}"; do echo "trace_$(basename "$tp")=$(sed -n '1s/^# source //p' "$tp.req")"; done
    echo "sweep_seconds=build $((t_built - t_start)), replay $((t_replayed - t_built)), synth $((t_synth - t_replayed))"
} >>"$out/config.txt"
"$tools/host-tools/bench-report" "$out" "$out/config.txt" "$out/raw/sweep.log" "$out/raw/sweep_synth.log"
echo "sweep: $(wc -l <"$jobs") replays; build $((t_built - t_start))s, replay $((t_replayed - t_built))s, synth $((t_synth - t_replayed))s"
