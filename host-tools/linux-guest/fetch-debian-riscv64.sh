#!/bin/bash
# Fetches what a Debian Linux guest needs from Debian 13 (trixie) riscv64:
# the kernel (linux-image-riscv64 resolved to its versioned package) and
# busybox-static, with a PRIVATE apt configuration (the machine's apt state is
# never touched), and unpacks them into a cache outside the source tree:
#
#   ${CHIPVISOR_CACHE:-$HOME/.cache/chipvisor}/debian-riscv64/
#       apt/                 private sources, lists, apt cache
#       debs/                the downloaded .deb files
#       <kver>/              one unpacked set per kernel version:
#           Image            the kernel as a plain RISC-V Image (uncompressed)
#           config           the kernel's /boot/config-*
#           modules/         lib/modules/<kver> (.ko.xz as shipped, modules.dep, ...)
#           busybox          busybox-static's /bin/busybox
#           paths.mk         the same as make variables (DEB_RV_*)
#       current -> <kver>
#
# A second run finds current/.complete and does nothing else (no network).
# `fetch-debian-riscv64.sh --refresh` fetches again. Fails loudly on any error.
set -euo pipefail

die() { echo "fetch-debian-riscv64: ERROR: $*" >&2; exit 1; }
say() { echo "fetch-debian-riscv64: $*" >&2; }

ROOT="${CHIPVISOR_CACHE:-$HOME/.cache/chipvisor}/debian-riscv64"
SUITE=trixie
KEYRING=/usr/share/keyrings/debian-archive-keyring.gpg

print_paths() {
    local c="$ROOT/current"
    echo "$c/Image"
    echo "$c/config"
    echo "$c/modules"
    echo "$c/busybox"
    echo "$c/paths.mk"
}

if [ "${1:-}" != "--refresh" ] && [ -e "$ROOT/current/.complete" ]; then
    print_paths
    exit 0
fi

# One fetch at a time per cache (work trees and builds may share it); the
# second one waits and then finds the first one's result.
mkdir -p "$ROOT" || die "cannot create $ROOT"
exec 9>"$ROOT/.lock"
flock 9 || die "cannot lock $ROOT/.lock"
if [ "${1:-}" != "--refresh" ] && [ -e "$ROOT/current/.complete" ]; then
    print_paths
    exit 0
fi

for t in apt-get apt-cache apt-config dpkg-deb gpgv xz zstd gzip od strings; do
    command -v "$t" >/dev/null 2>&1 || die "'$t' not found (run host-tools/install-deps.sh)"
done
[ -r "$KEYRING" ] || die "$KEYRING missing (Debian package debian-archive-keyring)"

# --- the Debian mirror named by the machine's own apt sources ------------------
mirror_uri() {
    local f uri
    # deb822 files: the URIs of the first stanza that is not debian-security.
    for f in /etc/apt/sources.list.d/*.sources; do
        [ -r "$f" ] || continue
        uri=$(awk 'BEGIN{IGNORECASE=1} /^URIs:/ {for (i=2;i<=NF;i++) if ($i !~ /security/) {print $i; exit}}' "$f")
        [ -n "$uri" ] && { echo "$uri"; return; }
    done
    # one-line format: deb [options] URI suite components
    for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
        [ -r "$f" ] || continue
        uri=$(awk '$1=="deb" { i=2; if ($2 ~ /^\[/) { while (i<=NF && $i !~ /\]$/) i++; i++ }
                   if ($i !~ /security/) { print $i; exit } }' "$f")
        [ -n "$uri" ] && { echo "$uri"; return; }
    done
}
URI=$(mirror_uri)
[ -n "$URI" ] || die "no Debian mirror found in /etc/apt/sources.list.d/*.sources or /etc/apt/sources.list"

# The keyring must hold trixie's archive key (debian-archive-keyring >= 2023.3+deb12u2).
if command -v gpg >/dev/null 2>&1; then
    gpg --show-keys "$KEYRING" 2>/dev/null | grep -q '(13/trixie)' \
        || die "$KEYRING has no Debian 13/trixie key: upgrade debian-archive-keyring (bookworm's 2023.3+deb12u2 or later has it)"
fi

# --- private apt configuration -------------------------------------------------
APT="$ROOT/apt"
mkdir -p "$APT/lists/partial" "$APT/cache/archives/partial" "$APT/etc/preferences.d" \
         "$APT/etc/apt.conf.d" "$APT/etc/trusted.gpg.d" "$ROOT/debs"
cat > "$APT/etc/debian-$SUITE-riscv64.sources" <<EOF
Types: deb
URIs: $URI
Suites: $SUITE
Components: main
Architectures: riscv64
Signed-By: $KEYRING
EOF
: > "$APT/etc/status"
APT_OPTS=(
    -o APT::Architecture=riscv64
    -o APT::Architectures=riscv64
    -o Dir::Etc::sourcelist="$APT/etc/debian-$SUITE-riscv64.sources"
    -o Dir::Etc::sourceparts=-
    -o Dir::Etc::main=/dev/null
    -o Dir::Etc::parts="$APT/etc/apt.conf.d"
    -o Dir::Etc::preferences="$APT/etc/preferences"
    -o Dir::Etc::preferencesparts="$APT/etc/preferences.d"
    -o Dir::Etc::trustedparts="$APT/etc/trusted.gpg.d"
    -o Dir::State::Lists="$APT/lists"
    -o Dir::State::status="$APT/etc/status"
    -o Dir::Cache="$APT/cache"
    -o APT::Get::List-Cleanup=0
    -o Acquire::Languages=none
)
# The machine's proxy settings, if any, are kept (nothing else of its apt setup).
for k in Acquire::http::Proxy Acquire::https::Proxy; do
    v=$(apt-config dump "$k" 2>/dev/null | sed -n "s/^$k \"\(.*\)\";$/\1/p" | head -n1)
    [ -n "$v" ] && APT_OPTS+=(-o "$k=$v")
done
# As root apt drops to _apt for downloads, which cannot enter a private cache
# under root's home: download as root instead (the files stay in the cache).
[ "$(id -u)" -eq 0 ] && APT_OPTS+=(-o APT::Sandbox::User=root)

say "apt-get update ($URI $SUITE main riscv64, private state in $APT)"
apt-get "${APT_OPTS[@]}" -q update >"$APT/update.log" 2>&1 \
    || { cat "$APT/update.log" >&2; die "apt-get update failed"; }
grep -qE '^(W|E):' "$APT/update.log" && { cat "$APT/update.log" >&2; die "apt-get update reported problems"; }

# linux-image-riscv64 is a metapackage: its Depends names the versioned kernel.
KPKG=$(apt-cache "${APT_OPTS[@]}" depends linux-image-riscv64 \
       | awk '/Depends: linux-image-[0-9]/ {print $2; exit}')
[ -n "$KPKG" ] || die "cannot resolve linux-image-riscv64 to a versioned linux-image-6.* package"
case "$KPKG" in linux-image-6.12.*-riscv64*) ;; *) say "note: kernel package is $KPKG (expected 6.12.*)";; esac
say "kernel package: $KPKG"

cd "$ROOT/debs"
apt-get "${APT_OPTS[@]}" -q download "$KPKG" busybox-static >"$APT/download.log" 2>&1 \
    || { cat "$APT/download.log" >&2; die "apt-get download $KPKG busybox-static failed"; }
KDEB=$(ls -t "$ROOT"/debs/"${KPKG}"_*_riscv64.deb 2>/dev/null | head -n1 || true)
BDEB=$(ls -t "$ROOT"/debs/busybox-static_*_riscv64.deb 2>/dev/null | head -n1 || true)
[ -n "$KDEB" ] && [ -n "$BDEB" ] || die "downloaded .deb files not found in $ROOT/debs"

# --- unpack ------------------------------------------------------------------------
X="$ROOT/extract"
rm -rf "$X"; mkdir -p "$X/kernel" "$X/busybox"
dpkg-deb -x "$KDEB" "$X/kernel" || die "dpkg-deb -x $KDEB failed"
dpkg-deb -x "$BDEB" "$X/busybox" || die "dpkg-deb -x $BDEB failed"

KIMG=$(ls "$X"/kernel/boot/vmlinu[xz]-* 2>/dev/null | head -n1 || true)
[ -n "$KIMG" ] || die "no /boot/vmlinux-* or /boot/vmlinuz-* in $KDEB"
KVER=${KIMG##*/vmlinu[xz]-}
[ -d "$X/kernel/lib/modules/$KVER" ] || [ -d "$X/kernel/usr/lib/modules/$KVER" ] \
    || die "no lib/modules/$KVER in $KDEB"
MODDIR="$X/kernel/lib/modules/$KVER"
[ -d "$MODDIR" ] || MODDIR="$X/kernel/usr/lib/modules/$KVER"
KCONFIG="$X/kernel/boot/config-$KVER"
[ -f "$KCONFIG" ] || die "no /boot/config-$KVER in $KDEB"
BB="$X/busybox/bin/busybox"
[ -x "$BB" ] || BB="$X/busybox/usr/bin/busybox"
[ -x "$BB" ] || die "no bin/busybox in $BDEB"

OUT="$ROOT/$KVER"
rm -rf "$OUT"; mkdir -p "$OUT"
# The kernel: a RISC-V Image ("RISCV\0\0\0" at 0x30, "RSC\x05" at 0x38), possibly
# compressed as a whole (gzip / zstd / xz); decompress it.
magic=$(od -An -tx1 -N4 "$KIMG" | tr -d ' \n')
case "$magic" in
    1f8b*)     gzip -dc "$KIMG" > "$OUT/Image" ;;
    28b52ffd)  zstd -qdc "$KIMG" > "$OUT/Image" ;;
    fd377a58)  xz -dc "$KIMG" > "$OUT/Image" ;;
    *)         cp "$KIMG" "$OUT/Image" ;;
esac
[ "$(od -An -c -j 48 -N 5 "$OUT/Image" | tr -d ' \n')" = "RISCV" ] \
    || die "$KIMG is not a RISC-V Image (no RISCV magic at offset 0x30 after decompression)"
cp "$KCONFIG" "$OUT/config"
cp -a "$MODDIR" "$OUT/modules"
cp "$BB" "$OUT/busybox"
echo "$KVER" > "$OUT/version"
cat > "$OUT/paths.mk" <<EOF
# written by host-tools/linux-guest/fetch-debian-riscv64.sh
DEB_RV_KVER    := $KVER
DEB_RV_KPKG    := $(basename "$KDEB")
DEB_RV_BBPKG   := $(basename "$BDEB")
DEB_RV_IMAGE   := $OUT/Image
DEB_RV_CONFIG  := $OUT/config
DEB_RV_MODULES := $OUT/modules
DEB_RV_BUSYBOX := $OUT/busybox
EOF
rm -rf "$X"
touch "$OUT/.complete"
ln -sfn "$KVER" "$ROOT/current"
say "kernel $KVER ($(stat -c %s "$OUT/Image") bytes), $(basename "$BDEB")"
print_paths
