#!/bin/sh
# Yosys 0.23 synthesis report of one top for a Xilinx 7-series-like target:
#   rtl/walker/synth-report.sh <top> <out dir> <sources...>   (env RST: the top's reset, default rst_ni)
# Runs synth_xilinx (flattened; mapping options SYNTH_XILINX_OPTS, default -abc9:
# Yosys' delay-aware LUT mapper, 10-20 % fewer LUTs and a shorter critical path
# than the default ABC here; SYNTH_XILINX_OPTS= gives the older figures),
# prints LUT / FF / BRAM / LUTRAM / DSP, and a depth
# estimate: the critical register-to-register path of Yosys' sta (the cell
# delays of +/xilinx/cells_sim.v; no routing, reset arcs dropped) with the
# LUTs, LUTRAM reads and MUXF7/8 on it, and ltp's longest chain of LUTs
# on any combinational path (the top's inputs included, which sta does not
# time; a LUTRAM ends a chain).
# Fails if the Verilog front end misread the SystemVerilog (struct members it
# could not resolve show up as implicitly declared, undriven wires).
set -eu
top=$1 out=$2
shift 2
mkdir -p "$out"
yosys=${YOSYS:-yosys}
opts=${SYNTH_XILINX_OPTS--abc9}

run() {   # yosys quietly; its log in $out/$1.log, shown when it fails
    log=$1
    shift
    $yosys -q -l "$out/$log.log" -p "$*" >/dev/null 2>&1 || { tail -20 "$out/$log.log"; exit 1; }
}
pre=   # Yosys commands before synth_xilinx
synth() { $yosys -q -l "$out/synth.log" -p "read_verilog -sv -DSYNTHESIS $*; $pre synth_xilinx -flatten -noiopad $opts -top $top; stat; write_rtlil $out/$top.il" >/dev/null 2>&1; }
# Debian's berkeley-abc can fail in ABC9's &if after its choice computation
# (&dch: "Boxes are not in a topological order", no mapping written; seen on
# hva_axi_top, on and off as the RTL changes). Then ABC9 runs again with its
# default script less &dch, and if that fails too the netlist is mapped with
# the default ABC; the figures and the note say which.
if ! synth "$@"; then
    if [ "$opts" = -abc9 ] && grep -q "Boxes are not in a topological order" "$out/synth.log"; then
        mv "$out/synth.log" "$out/synth-abc9.log"
        # (the script inline, "+" and commas for blanks: so Yosys writes the
        # mapping before &mfs, which Debian's ABC may abort on)
        pre='scratchpad -set abc9.script +&scorr;&sweep;&dc2;&ps;&if,-W,300,-v;&mfs;'
        if synth "$@"; then
            echo "$top: Debian's ABC9 failed on this netlist after &dch (boxes are not in a" \
                 "topological order: $out/synth-abc9.log); mapped by ABC9 without &dch" >&2
        else
            echo "$top: Debian's ABC9 failed on this netlist (boxes are not in a topological order:" \
                 "$out/synth-abc9.log); the figures below are the default ABC mapping's" >&2
            pre= opts=
            synth "$@" || { tail -20 "$out/synth.log"; exit 1; }
        fi
    else
        tail -20 "$out/synth.log"
        exit 1
    fi
fi
if grep -E "is implicitly declared|used but has no driver" "$out/synth.log"; then
    echo "$top: Yosys misread the RTL (see $out/synth.log)" >&2
    exit 1
fi

awk -v top="$top" -v opts="${opts:+ $opts}" '
/Printing statistics/            { lut = ff = bram = lutram = dsp = carry = muxf = 0 }
$1 ~ /^LUT[1-6]$/                { lut += $2 }
$1 ~ /^FD[CPRS]E?$/              { ff += $2 }
$1 ~ /^RAMB36/                   { bram += $2 }
$1 ~ /^RAMB18/                   { bram += 0.5 * $2 }
$1 ~ /^(RAM(32|64|128|256)|SRL)/ { lutram += $2 }
$1 ~ /^DSP48/                    { dsp += $2 }
$1 ~ /^CARRY/                    { carry += $2 }
$1 ~ /^MUXF[78]$/                { muxf += $2 }
END { printf "%s synth_xilinx%s: LUT %d  FF %d  BRAM36 %g  LUTRAM %d  DSP %d  (CARRY4 %d, MUXF7/8 %d)\n",
             top, opts, lut, ff, bram, lutram, dsp, carry, muxf }
' "$out/synth.log"

# depth: sta from the clock (the asynchronous reset is not a timing path),
# ltp over the LUTs only (ltp counts cells: a carry chain would be many, and
# it would follow a LUTRAM's write port as if it were combinational)
# The netlist carries ABC9's blackbox copies of the parametrized cells it
# boxed (\$paramod\FDCE\INIT=1'x, \$paramod...\RAM32M): without arcs,
# and sta would take them over cells_sim.v's, so it timed no path from or to
# an asynchronously reset flip-flop and none through a LUTRAM's read address
# (issue 9: every depth figure before 2026-12-02). Deleted, the cells are
# derived again from cells_sim.v.
run sta "read_rtlil $out/$top.il; delete =\$paramod*; cd $top; connect -set ${RST:-rst_ni} 1'1; cd; read_verilog -lib -specify +/xilinx/cells_sim.v; sta"
if grep "has no timing arcs" "$out/sta.log"; then
    echo "$top: sta left the cells above untimed (see $out/sta.log)" >&2
    exit 1
fi
run ltp "read_rtlil $out/$top.il; delete t:FD* t:CARRY4 t:MUXF7 t:MUXF8 t:RAM* t:INV t:BUFG; ltp -noff"
cat "$out/sta.log" "$out/ltp.log" >"$out/depth.log"
awk -v top="$top" '
/Latest arrival time/  { ps = $NF; sub(":", "", ps); on = 1; next }
on && /\(LUT[1-6]\./   { luts++ }
on && /\(RAM32M\.ADDR/ { rams++ }
on && /\(MUXF[78]\./   { muxf++ }
on && /\(CARRY4\./     { carry++ }
on && /primary input|FD.*->Q/ { on = 0 }
/Longest topological path/ { n = $0; sub(/.*length=/, "", n); sub(/\).*/, "", n) }
END { printf "%s depth: critical path %.1f ns of cell delay (%d LUT, %d LUTRAM reads, %d MUXF7/8, %d CARRY4 on it; no routing), longest LUT chain %s\n",
             top, ps / 1000, luts, rams, muxf, carry, n }
' "$out/depth.log"
