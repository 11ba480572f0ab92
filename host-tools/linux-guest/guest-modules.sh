#!/bin/bash
# guest-modules.sh <modules-dir> <out-dir> <module>...
# Picks the named kernel modules and everything they depend on from an unpacked
# Debian kernel's lib/modules/<kver> (.ko.xz as shipped), decompresses them into
# <out-dir>/<name>.ko and writes <out-dir>/load.list: one name a line, each after
# the modules it needs, the order in which init loads them with busybox insmod.
#
# Debian's package ships no modules.dep (depmod runs at install time), so the
# dependencies come from each module's own .modinfo: "depends=" (hard) and
# "softdep=pre: <x>" (the module providing alias <x> must be among those named).
set -euo pipefail
die() { echo "guest-modules: ERROR: $*" >&2; exit 1; }
[ $# -ge 3 ] || die "usage: $0 <modules-dir> <out-dir> <module>..."
MODDIR=$1 OUT=$2; shift 2
[ -d "$MODDIR/kernel" ] || die "$MODDIR/kernel: not an unpacked lib/modules/<kver>"
rm -rf "$OUT"; mkdir -p "$OUT"

declare -A path=() info=() state=()
find_mod() {   # name (- and _ are the same) -> path of its .ko[.xz]
    local n=$1 alt=${1//_/-} p
    p=$(find "$MODDIR/kernel" \( -name "$n.ko" -o -name "$n.ko.xz" -o -name "$alt.ko" -o -name "$alt.ko.xz" \) -print -quit)
    [ -n "$p" ] || die "module '$n' not found under $MODDIR/kernel (built in? see /boot/config-*)"
    echo "$p"
}
load_info() {
    local n=$1
    [ -n "${path[$n]:-}" ] && return
    path[$n]=$(find_mod "$n")
    case "${path[$n]}" in
        *.xz) xz -dc "${path[$n]}" > "$OUT/$n.ko" || die "xz -d ${path[$n]} failed" ;;
        *)    cp "${path[$n]}" "$OUT/$n.ko" ;;
    esac
    info[$n]=$(strings -a "$OUT/$n.ko" | grep -E '^(depends|softdep|alias|name)=' || true)
}
order=()
visit() {      # depth-first: dependencies before the module
    local n=${1//-/_} d
    case "${state[$n]:-}" in done) return ;; active) die "dependency cycle at $n" ;; esac
    state[$n]=active
    load_info "$n"
    d=$(sed -n 's/^depends=//p' <<<"${info[$n]}" | head -n1)
    for d in ${d//,/ }; do visit "$d"; done
    state[$n]=done
    order+=("$n")
}
for m in "$@"; do visit "$m"; done

# softdep pre: <alias> must be provided by one of the chosen modules
for n in "${order[@]}"; do
    for s in $(sed -n 's/^softdep=pre: *//p' <<<"${info[$n]}"); do
        ok=""
        for p in "${order[@]}"; do
            grep -qx "alias=$s" <<<"${info[$p]}" && ok=$p
        done
        [ -n "$ok" ] || die "$n wants '$s' loaded first (softdep) and no chosen module provides it: add it to the list"
        # the provider must come first: move it before $n if needed
        ni=-1 pi=-1
        for i in "${!order[@]}"; do
            [ "${order[$i]}" = "$n" ] && ni=$i
            [ "${order[$i]}" = "$ok" ] && pi=$i
        done
        [ "$pi" -lt "$ni" ] || die "softdep $s: list '$ok' before '$n'"
    done
done
printf '%s\n' "${order[@]}" > "$OUT/load.list"
