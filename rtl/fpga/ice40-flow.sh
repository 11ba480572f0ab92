#!/bin/sh
# The open iCE40 flow of hva_ice40_top (Debian 12: yosys, nextpnr-ice40,
# fpga-icestorm):
#   rtl/fpga/ice40-flow.sh synth <out dir> <sources...>   synth_ice40, cells packed into
#                                                          logic cells (nextpnr --pack-only)
#   rtl/fpga/ice40-flow.sh full  <out dir> <sources...>   + nextpnr-ice40 (HX8K, ct256,
#                                                          12 MHz) + icepack: bitstream,
#                                                          utilisation and fmax
# Fails when a tool is missing, when Yosys misread the RTL, when the design
# does not fit or when nextpnr's fmax is below the board clock.
set -eu
mode=$1 out=$2
shift 2
top=hva_ice40_top
here=$(dirname "$0")
freq_mhz=${ICE40_FREQ_MHZ:-12}
seed=${ICE40_SEED:-1}
mkdir -p "$out"
for t in ${YOSYS:-yosys} nextpnr-ice40 icepack; do
    command -v "$t" >/dev/null || { echo "ice40-flow: $t not found (host-tools/install-deps.sh)" >&2; exit 1; }
done

# The walker's and the VIC's caches ask for distributed RAM (ram_style), which
# the iCE40 has not: the attribute goes, so Yosys builds them of flip-flops.
start=$(date +%s)
${YOSYS:-yosys} -q -l "$out/synth.log" -p "read_verilog -sv -DSYNTHESIS $*; hierarchy -top $top;
    setattr -unset ram_style m:*; synth_ice40 -top $top -json $out/$top.json; stat" >/dev/null 2>&1 \
    || { tail -20 "$out/synth.log"; exit 1; }
if grep -E "is implicitly declared|used but has no driver" "$out/synth.log"; then
    echo "$top: Yosys misread the RTL (see $out/synth.log)" >&2
    exit 1
fi
awk -v top="$top" -v s=$(( $(date +%s) - start )) '
/Printing statistics/ { lut = ff = ram = carry = 0 }
$1 == "SB_LUT4"       { lut += $2 }
$1 ~ /^SB_DFF/        { ff += $2 }
$1 ~ /^SB_RAM40_4K/   { ram += $2 }
$1 == "SB_CARRY"      { carry += $2 }
END { printf "%s synth_ice40: SB_LUT4 %d  SB_DFF* %d  SB_RAM40_4K %d  SB_CARRY %d  (%d s)\n", top, lut, ff, ram, carry, s
      # the HX8K: 7680 logic cells (a LUT4 and a flip-flop each), 32 RAM blocks
      if (lut > 7680 || ff > 7680 || ram > 32) { print top ": does not fit the HX8K"; exit 1 } }
' "$out/synth.log"
# utilisation (the last report: after packing, or after placement)
report_use() {
    awk '/Device utilisation/ { n = 0; delete u }
         /ICESTORM_LC:|ICESTORM_RAM:|SB_IO:|SB_GB:/ { u[++n] = $0 }
         END { for (i = 1; i <= n; i++) { l = u[i]; sub(/^Info: +/, "", l); print "  " l } }' "$1"
}

if [ "$mode" = synth ]; then
    # packed into logic cells (seconds): the exact utilisation, without placing
    nextpnr-ice40 --hx8k --package ct256 --pcf "$here/hva_ice40.pcf" --json "$out/$top.json" \
        --pack-only -l "$out/pack.log" >/dev/null 2>&1 || { tail -20 "$out/pack.log"; exit 1; }
    report_use "$out/pack.log"
    if grep -E "ICESTORM_(LC|RAM):" "$out/pack.log" | awk '{ split($3, a, "/"); if (a[1] + 0 > $4 + 0) bad = 1 } END { exit !bad }'; then
        echo "$top: does not fit the HX8K" >&2
        exit 1
    fi
    exit 0
fi

start=$(date +%s)
nextpnr-ice40 --hx8k --package ct256 --pcf "$here/hva_ice40.pcf" --json "$out/$top.json" \
    --asc "$out/$top.asc" --freq "$freq_mhz" --seed "$seed" -l "$out/pnr.log" >/dev/null 2>&1 \
    || { tail -30 "$out/pnr.log"; exit 1; }
icepack "$out/$top.asc" "$out/$top.bin"
report_use "$out/pnr.log"
fmax=$(grep "Max frequency for clock" "$out/pnr.log" | tail -1 | sed 's/.*: \([0-9.]*\) MHz.*/\1/')
echo "$top nextpnr-ice40 (hx8k ct256): fmax $fmax MHz (board clock $freq_mhz MHz), $(( $(date +%s) - start )) s; bitstream $out/$top.bin ($(wc -c <"$out/$top.bin") bytes)"
awk -v f="$fmax" -v c="$freq_mhz" 'BEGIN { exit !(f + 0 >= c + 0) }' || { echo "$top: fmax below $freq_mhz MHz" >&2; exit 1; }
