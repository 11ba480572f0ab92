#!/bin/sh
# Prints LUT / FF / LUTRAM / BRAM / DSP totals from the last "stat" block of a
# Yosys synth_xilinx log (flattened: the whole design).
#   rtl/vic/synth-summary.sh <log> <label>
awk -v label="$2" '
/Printing statistics/             { lut = ff = lutram = bram = dsp = carry = mux = 0 }
$1 ~ /^LUT[1-6]$/                 { lut  += $2 }
$1 ~ /^FD[CPRS]E?$/               { ff   += $2 }
$1 ~ /^(RAM(32|64|128|256)|SRL)/  { lutram += $2 }
$1 ~ /^RAMB36/                    { bram += $2 }
$1 ~ /^RAMB18/                    { bram += 0.5 * $2 }
$1 ~ /^DSP48/                     { dsp  += $2 }
$1 ~ /^CARRY/                     { carry += $2 }
$1 ~ /^MUXF[78]$/                 { mux  += $2 }
END { printf "%s synth_xilinx: LUT %d  FF %d  LUTRAM %d  BRAM36 %g  DSP %d  (CARRY4 %d, MUXF7/8 %d)\n",
             label, lut, ff, lutram, bram, dsp, carry, mux }
' "$1"
