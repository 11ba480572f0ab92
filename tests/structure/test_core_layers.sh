#!/bin/sh
# The hypervisor is built in layers, not circles: no file of hypervisor/core,
# arch or platform calls (or reads the data of) a file that calls it back,
# directly or round a longer circle, and no header of hypervisor/include
# includes one that includes it back. Checked on the objects the build made
# (their defined and undefined symbols) and on the headers' #include lines,
# with tsort, which names the files of any circle it finds. The entry code in
# assembly (start.S, trap.S) calls into C and is left out.
# Env: BUILD (default build).
set -eu
BUILD=${BUILD:-build}
NM=riscv64-unknown-elf-nm
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
command -v "$NM" >/dev/null || { echo "FAIL: $NM not found (Debian package binutils-riscv64-unknown-elf)"; exit 1; }
command -v tsort >/dev/null || { echo "FAIL: tsort not found (coreutils)"; exit 1; }

# objects of the C files that exist now (a deleted file's object may linger)
: > "$tmp/objs"
for o in $(find "$BUILD/obj-rv/hypervisor/core" "$BUILD/obj-rv/hypervisor/arch" \
                "$BUILD/obj-rv/hypervisor/platform" -name '*.c.o' 2>/dev/null | sort); do
    src=${o#"$BUILD/obj-rv/"}; src=${src%.o}
    [ -e "$src" ] && echo "$o $src" >> "$tmp/objs"
done
n_objs=$(wc -l < "$tmp/objs")
[ "$n_objs" -ge 20 ] || { echo "FAIL: only $n_objs hypervisor objects under $BUILD/obj-rv (build first: make all)"; exit 1; }

: > "$tmp/defs"; : > "$tmp/uses"
while read -r o src; do
    f=${src#hypervisor/}
    "$NM" --defined-only "$o" | awk -v f="$f" '$2 ~ /^[TDBRSG]$/ { print $3, f }' >> "$tmp/defs"
    "$NM" -u "$o" | awk -v f="$f" '{ print $2, f }' >> "$tmp/uses"
done < "$tmp/objs"
# caller -> callee, one line per pair of files
awk 'NR == FNR { def[$1] = $2; next }
     ($1 in def) && def[$1] != $2 { print $2, def[$1] }' "$tmp/defs" "$tmp/uses" | sort -u > "$tmp/calls"
n_calls=$(wc -l < "$tmp/calls")
[ "$n_calls" -ge 60 ] || { echo "FAIL: only $n_calls calls between files: the symbol tables were not read"; exit 1; }

status=0
if ! tsort "$tmp/calls" > /dev/null 2> "$tmp/loop"; then
    echo "FAIL: files of the hypervisor call each other in a circle:"
    sed 's/^/    /' "$tmp/loop"
    echo "    every call between two files (caller callee):"
    sed 's/^/    /' "$tmp/calls"
    status=1
fi

# headers: #include "x.h" of hypervisor/include among themselves
: > "$tmp/incl"
for h in hypervisor/include/*.h; do
    sed -n 's/^#include "\([^"]*\)".*/\1/p' "$h" | while read -r inc; do
        if [ -e "hypervisor/include/$inc" ]; then echo "$(basename "$h") $inc"; fi
    done >> "$tmp/incl"
done
n_incl=$(wc -l < "$tmp/incl")
[ "$n_incl" -ge 10 ] || { echo "FAIL: only $n_incl includes between headers: hypervisor/include was not read"; exit 1; }
if ! tsort "$tmp/incl" > /dev/null 2> "$tmp/hloop"; then
    echo "FAIL: headers of hypervisor/include include each other in a circle:"
    sed 's/^/    /' "$tmp/hloop"
    status=1
fi

if [ "$status" -eq 0 ]; then echo "PASS: $n_objs files, $n_calls calls between them and $n_incl includes between headers, no circle"; fi
exit "$status"
