#!/bin/bash
# make plots: PNG and SVG of the benchmark tables (gnuplot, data through jq)
#   tests/bench/plots.sh <bench dir>      (build/bench: results.json, sweep/results.json)
# into <bench dir>/plots/: what a table holds is drawn; a missing table is
# named and skipped, no table at all is an error.
#   irq_traps         traps per delivered interrupt, per backend and source (bench_irq)
#   path_instructions instructions per hypervisor path, probe guest (bench_paths)
#   walker_latency    walker cycles per translation against memory latency (bench_walker)
#   sweep_tlb, sweep_gtlb, sweep_pwc, sweep_ways, sweep_latency, sweep_area  (make sweep)
set -euo pipefail
dir=${1:?usage: tests/bench/plots.sh <bench dir>}
for t in gnuplot jq; do
    command -v $t >/dev/null || { echo "MISSING: $t (host-tools/install-deps.sh)" >&2; exit 1; }
done
out=$dir/plots
mkdir -p "$out"
main=$dir/results.json sweep=$dir/sweep/results.json
[ -f "$main" ] || [ -f "$sweep" ] || { echo "plots: neither $main nor $sweep: run make bench or make sweep" >&2; exit 1; }
drawn=0

# plot <name> <gnuplot body>: the body once for PNG, once for SVG
plot() {
    local name=$1 body=$2
    for term in "pngcairo size 900,560 font 'DejaVu Sans,11'" "svg size 900,560 dynamic font 'DejaVu Sans,11'"; do
        local ext=png
        [[ $term == svg* ]] && ext=svg
        gnuplot -e "set terminal $term noenhanced; set output '$out/$name.$ext'; set grid; set key outside right top;
                    set offsets graph 0, graph 0, graph 0.08, 0; set bmargin 5;
                    set label 99 '$foot' at screen 0.01, screen 0.02 font ',9'; $body" ||
            { echo "plots: gnuplot failed on $name" >&2; exit 1; }
    done
    echo "plots: $out/$name.png, .svg"
    drawn=$((drawn + 1))
}
has() { [ -f "$1" ] && jq -e --arg t "$2" '.tables[$t] | length > 0' "$1" >/dev/null 2>&1; }
# the footnote of every plot: where its figures come from
footnote() { jq -r '"chipvisor " + (.config.git_commit // "?")[0:10] + ", QEMU " + ((.config.qemu // "?") | capture("version (?<v>[^ ]+)").v // "?") + ", Verilator " + ((.config.verilator // "?") | split(" ")[1]) + ", " + (.config.date_utc // "")' "$1"; }
foot=""

[ -f "$main" ] && foot=$(footnote "$main")
if has "$main" bench_irq; then
    # rows "backend source traps/interrupt"
    jq -r '.tables.bench_irq[] | select(.figure == "irq_traps_per_interrupt.per_irq")
           | "\(.labels.backend) \(.labels.source) \(.median)"' "$main" >"$out/irq_traps.dat"
    awk '{ v[$1, $2] = $3; b[$1]; s[$2] }
         END { printf "backend"; for (j in s) printf " %s", j; print ""
               for (i in b) { printf "%s", i; for (j in s) printf " %s", ((i, j) in v) ? v[i, j] : "NaN"; print "" } }' \
        "$out/irq_traps.dat" >"$out/irq_traps.tab"
    cols=$(head -1 "$out/irq_traps.tab" | awk '{ print NF }')
    plot irq_traps "set title 'Traps into the hypervisor per delivered interrupt (-icount shift=0; hva-vic co-simulated)';
        set style data histograms; set style histogram clustered gap 1; set style fill solid 0.8 border -1;
        set ylabel 'traps / interrupt'; set yrange [0:*]; set key autotitle columnhead;
        plot for [c=2:$cols] '$out/irq_traps.tab' using c:xtic(1)"
else
    echo "plots: no bench_irq table (make bench-run BENCHES=tests/bench/bench_irq.sh)"
fi

if has "$main" bench_paths; then
    jq -r '.tables.bench_paths[] | select(.unit == "instructions" and (.figure | test("^(path_|ipi_descheduled_[a-z]+$)")))
           | "\(.figure | sub("^path_"; "") | sub("^ipi_descheduled_"; "ipi_")) \(.median)"' "$main" >"$out/path_instructions.dat"
    plot path_instructions "set title 'Instructions per hypervisor path (guest, hypervisor, firmware), -icount shift=0';
        set style data histograms; set style fill solid 0.8 border -1; set boxwidth 0.7; unset key;
        set ylabel 'retired instructions'; set yrange [0:*]; set xtics rotate by -25 offset -1,0; set bmargin 7;
        plot '$out/path_instructions.dat' using 2:xtic(1) lc rgb '#4477aa', '' using 0:2:(sprintf('%d', \$2)) with labels offset 0,0.7 notitle"
else
    echo "plots: no bench_paths table"
fi

if has "$main" bench_walker; then
    for tr in $(jq -r '[.tables.bench_walker[].labels.trace | select(. != null)] | unique[]' "$main"); do
        jq -r --arg t "$tr" '.tables.bench_walker[] | select(.figure == "cycles_per_translation" and .labels.trace == $t)
               | "\(.labels.latency) \(.median)"' "$main" | sort -n >"$out/walker_latency.$tr.dat"
    done
    plot walker_latency "set title 'HVA walker, default caches: cycles per translation (synthetic Linux-like streams)'; set key inside left top;
        set xlabel 'memory latency (cycles, AR to R)'; set ylabel 'cycles / translation'; set logscale xy 2;
        plot $(for f in "$out"/walker_latency.*.dat; do t=${f#$out/walker_latency.}; printf "'%s' using 1:2 with linespoints lw 2 title '%s'," "$f" "${t%.dat}"; done)"
else
    echo "plots: no bench_walker table"
fi

if has "$sweep" sweep; then
    # translations per trace, as replayed (recorded traces have their own length)
    foot="$(footnote "$sweep"); $(jq -r '[.tables.sweep[] | select(.figure == "translations") | .median]
        | unique | if length == 1 then "\(.[0])" else "\(min)-\(max)" end' "$sweep") translations per trace"
    lat=$(jq -r '.config.sweep_latency' "$sweep")
    traces=$(jq -r '[.tables.sweep[].labels.trace] | unique[]' "$sweep")
    # series <figure> <config regex> <x from the config name (sed)> -> one .dat per trace
    series() {
        local fig=$1 re=$2 x=$3 name=$4
        for tr in $traces; do
            jq -r --arg f "$fig" --arg re "$re" --arg t "$tr" --arg l "$lat" '.tables.sweep[]
                   | select(.figure == $f and .labels.trace == $t and .labels.latency == $l and (.labels.config | test($re)))
                   | "\(.labels.config) \(.median)"' "$sweep" | sed -E "$x" | sort -n >"$out/$name.$tr.dat"
        done
    }
    lines() {   # gnuplot plot clauses, one per trace, for data set $1
        for tr in $traces; do printf "'%s' using 1:2 with linespoints lw 2 title '%s'," "$out/$1.$tr.dat" "$tr"; done
    }
    series walks_per_1k '^t[0-9]+w4-g16w4-p8$' 's/^t([0-9]+)w4-g16w4-p8/\1/' sweep_tlb
    plot sweep_tlb "set title 'Walks per 1000 translations against combined-TLB entries (4 ways; G-TLB 16, PWC 8; latency $lat)';
        set xlabel 'TLB entries'; set key inside right top; set ylabel 'walks / 1000 translations'; set logscale x 2; set yrange [0:*];
        plot $(lines sweep_tlb)"
    series pte_reads_per_walk '^t16w4-g[0-9]+w4-p8$' 's/^t16w4-g([0-9]+)w4-p8/\1/' sweep_gtlb
    plot sweep_gtlb "set title 'PTE reads per walk against G-TLB entries (4 ways; TLB 16, PWC 8; 0 = off)';
        set xlabel 'G-TLB entries'; set key inside right top; set ylabel 'PTE reads / walk'; set yrange [0:*];
        plot $(lines sweep_gtlb)"
    series pte_reads_per_walk '^t16w4-g16w4-p[0-9]+$' 's/^t16w4-g16w4-p([0-9]+)/\1/' sweep_pwc
    plot sweep_pwc "set title 'PTE reads per walk against page-walk-cache entries (TLB 16, G-TLB 16; 0 = off)';
        set xlabel 'PWC entries'; set key inside right top; set ylabel 'PTE reads / walk'; set yrange [0:*];
        plot $(lines sweep_pwc)"
    series walks_per_1k '^t16w[0-9]+-g16w4-p8$' 's/^t16w([0-9]+)-g16w4-p8/\1/' sweep_ways
    plot sweep_ways "set title 'Walks per 1000 translations against TLB ways (16 entries)';
        set xlabel 'TLB ways'; set key inside right top; set ylabel 'walks / 1000 translations'; set logscale x 2; set yrange [0:*];
        plot $(lines sweep_ways)"
    for cfg in $(jq -r '.config.sweep_lat_configs' "$sweep"); do
        for tr in $traces; do
            jq -r --arg c "$cfg" --arg t "$tr" '.tables.sweep[] | select(.figure == "cycles_per_translation"
                   and .labels.config == $c and .labels.trace == $t) | "\(.labels.latency) \(.median)"' "$sweep" |
                sort -n >"$out/sweep_latency.$cfg.$tr.dat"
        done
    done
    plot sweep_latency "set title 'Cycles per translation against memory latency';
        set xlabel 'memory latency (cycles)'; set key inside right top; set ylabel 'cycles / translation'; set logscale xy 2;
        plot $(for f in "$out"/sweep_latency.*.dat; do t=${f#$out/sweep_latency.}; printf "'%s' using 1:2 with linespoints lw 2 title '%s'," "$f" "${t%.dat}"; done)"
else
    echo "plots: no sweep table (make sweep)"
fi

if has "$sweep" sweep_synth; then
    jq -r '[.tables.sweep_synth[] | select(.figure == "lut" or .figure == "ff")] | group_by(.labels.config)[]
           | "\(.[0].labels.config) \(map(select(.figure == "lut"))[0].median) \(map(select(.figure == "ff"))[0].median)"' \
        "$sweep" | sort -k2 -n >"$out/sweep_area.dat"
    mapping=$(jq -r '.config.sweep_synth_opts // "synth_xilinx" | sub(" -flatten -noiopad"; "")' "$sweep")
    plot sweep_area "set title 'Walker LUT and FF per configuration (Yosys 0.23 $mapping)';
        set style data histograms; set style histogram clustered gap 1; set style fill solid 0.8 border -1;
        set ylabel 'cells'; set yrange [0:*]; set xtics rotate by -20;
        plot '$out/sweep_area.dat' using 2:xtic(1) title 'LUT', '' using 3 title 'FF'"
fi
[ "$drawn" -gt 0 ] || { echo "plots: nothing to draw" >&2; exit 1; }
