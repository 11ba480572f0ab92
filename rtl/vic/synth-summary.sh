#!/bin/sh
# Prints LUT / FF / BRAM totals from the last "stat" block of a Yosys
# synth_xilinx log (the whole design; earlier blocks are per module).
awk '
/=== design hierarchy ===/ { top = 1; lut = ff = bram = carry = mux = 0 }
top && $1 ~ /^LUT[1-6]$/          { lut  += $2 }
top && $1 ~ /^FD[CPRS]E?$/        { ff   += $2 }
top && $1 ~ /^RAMB36/            { bram += $2 }
top && $1 ~ /^RAMB18/            { bram += 0.5 * $2 }
top && $1 ~ /^CARRY/              { carry += $2 }
top && $1 ~ /^MUXF[78]$/          { mux  += $2 }
END { printf "vic synth_xilinx: LUT %d  FF %d  BRAM36 %g  (CARRY4 %d, MUXF7/8 %d)\n", lut, ff, bram, carry, mux }
' "$1"
