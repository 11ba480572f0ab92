#!/bin/bash
# Builds the HVA platform's QEMU: Debian's own qemu source package (Debian's
# patches applied by dpkg-source -x) plus the project's patch
# (host-tools/qemu-hva/*.patch, in name order), riscv64-softmmu only, into
#
#   ${CHIPVISOR_CACHE:-$HOME/.cache/chipvisor}/qemu-hva/
#       apt/                     private apt state (deb-src of $SUITE), never the machine's
#       dl/                      the downloaded .dsc / .orig / .debian files
#       work/<version>/src       the unpacked source, a git tree (pristine = commit "debian")
#       work/<version>/build     QEMU's build tree (kept: a new patch rebuilds incrementally)
#       <version>-<patch hash>/bin/qemu-system-riscv64     the result
#       current -> <version>-<patch hash>
#
# A result already present is reused (no network, no build). Prints the
# binary's path on stdout. Fails loudly on any error.
#
# Suite: bookworm (Debian 12, QEMU 7.2, the newest Debian release whose QEMU
# source builds with Debian 12's tools: trixie's 10.0 needs meson >= 1.5.0,
# which Debian 12 does not have and Debian's +ds tarball no longer bundles
# under python/wheels; see README.md). Its -updates and -security suites are
# searched too, so the source is the version Debian 12's qemu-system-misc has.
# QEMU_HVA_SUITE=trixie tries Debian 13's (fails at configure, as said).
set -euo pipefail

die() { echo "build-qemu-hva: ERROR: $*" >&2; exit 1; }
say() { echo "build-qemu-hva: $*" >&2; }

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT="${CHIPVISOR_CACHE:-$HOME/.cache/chipvisor}/qemu-hva"
SUITE=${QEMU_HVA_SUITE:-bookworm}
JOBS=${QEMU_HVA_JOBS:-2}
KEYRING=/usr/share/keyrings/debian-archive-keyring.gpg

# The key: Debian's source version (known only after apt-get update, so a
# reuse check first looks at current's recorded version) and the patch set.
patch_hash() {
    # the patches and the configure options below decide the binary
    { cat "$HERE"/*.patch 2>/dev/null; sed -n '/^CONFIGURE_OPTS=(/,/^)/p' "$0"; } \
        | sha256sum | cut -c1-12
}
CONFIGURE_OPTS=(
    --target-list=riscv64-softmmu
    --without-default-features
    --enable-tcg
    --enable-fdt=system
    --disable-docs
    --disable-tools
    --disable-user
    --disable-guest-agent
    --disable-werror
    --disable-debug-info
)
HASH=$(patch_hash)

mkdir -p "$ROOT" || die "cannot create $ROOT"
exec 9>"$ROOT/.lock"
flock 9 || die "cannot lock $ROOT/.lock"

if [ "${1:-}" != "--refresh" ]; then
    for d in "$ROOT"/*-"$HASH"; do
        if [ -x "$d/bin/qemu-system-riscv64" ] && [ -e "$d/.complete" ] && [ "$(cat "$d/suite")" = "$SUITE" ]; then
            ln -sfn "$(basename "$d")" "$ROOT/current"
            echo "$d/bin/qemu-system-riscv64"
            exit 0
        fi
    done
fi

for t in apt-get apt-config dpkg-source git ninja meson python3 gcc cc pkg-config flock sha256sum; do
    command -v "$t" >/dev/null 2>&1 || die "'$t' not found (run host-tools/install-deps.sh)"
done
pkg-config --exists glib-2.0 pixman-1 && [ -r /usr/include/libfdt.h ] || die "glib-2.0 / pixman-1 / libfdt development files missing (run host-tools/install-deps.sh)"
[ -r "$KEYRING" ] || die "$KEYRING missing (Debian package debian-archive-keyring)"

# --- the Debian mirror named by the machine's own apt sources -------------------
mirror_uri() {
    local f uri
    for f in /etc/apt/sources.list.d/*.sources; do
        [ -r "$f" ] || continue
        uri=$(awk 'BEGIN{IGNORECASE=1} /^URIs:/ {for (i=2;i<=NF;i++) if ($i !~ /security/) {print $i; exit}}' "$f")
        case "$uri" in *debian*) echo "$uri"; return;; esac
    done
    for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
        [ -r "$f" ] || continue
        uri=$(awk '$1=="deb" || $1=="deb-src" { i=2; if ($2 ~ /^\[/) { while (i<=NF && $i !~ /\]$/) i++; i++ }
                   if ($i !~ /security/ && $i ~ /debian/) { print $i; exit } }' "$f")
        [ -n "$uri" ] && { echo "$uri"; return; }
    done
}
security_uri() {
    local f
    for f in /etc/apt/sources.list.d/*.sources; do
        [ -r "$f" ] || continue
        awk 'BEGIN{IGNORECASE=1} /^URIs:/ {for (i=2;i<=NF;i++) if ($i ~ /security/) {print $i; exit}}' "$f"
    done | head -n1
    for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
        [ -r "$f" ] || continue
        awk '$1=="deb" || $1=="deb-src" { for (i=2;i<=NF;i++) if ($i ~ /security/ && $i ~ /^http/) { print $i; exit } }' "$f"
    done | head -n1
}
URI=$(mirror_uri)
[ -n "$URI" ] || die "no Debian mirror found in /etc/apt/sources.list.d/*.sources or /etc/apt/sources.list"
SEC_URI=$(security_uri | head -n1)

# --- private apt configuration: deb-src of $SUITE only ---------------------------
APT="$ROOT/apt"
mkdir -p "$APT/lists/partial" "$APT/cache/archives/partial" "$APT/etc/preferences.d" \
         "$APT/etc/apt.conf.d" "$APT/etc/trusted.gpg.d" "$ROOT/dl"
cat > "$APT/etc/debian-$SUITE-src.sources" <<EOT
Types: deb-src
URIs: $URI
Suites: $SUITE $SUITE-updates
Components: main
Signed-By: $KEYRING
EOT
if [ -n "$SEC_URI" ]; then
    cat >> "$APT/etc/debian-$SUITE-src.sources" <<EOT

Types: deb-src
URIs: $SEC_URI
Suites: $SUITE-security
Components: main
Signed-By: $KEYRING
EOT
fi
: > "$APT/etc/status"
APT_OPTS=(
    -o Dir::Etc::sourcelist="$APT/etc/debian-$SUITE-src.sources"
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
for k in Acquire::http::Proxy Acquire::https::Proxy; do
    v=$(apt-config dump "$k" 2>/dev/null | sed -n "s/^$k \"\(.*\)\";$/\1/p" | head -n1)
    [ -n "$v" ] && APT_OPTS+=(-o "$k=$v")
done
[ "$(id -u)" -eq 0 ] && APT_OPTS+=(-o APT::Sandbox::User=root)

say "apt-get update ($URI $SUITE{,-updates}${SEC_URI:+, $SEC_URI $SUITE-security} main, deb-src, private state in $APT)"
apt-get "${APT_OPTS[@]}" -q update >"$APT/update.log" 2>&1 \
    || { cat "$APT/update.log" >&2; die "apt-get update failed"; }
grep -qE '^(W|E):' "$APT/update.log" && { cat "$APT/update.log" >&2; die "apt-get update reported problems"; }

cd "$ROOT/dl"
# the newest qemu source of the suites above: its .dsc names the version
# (asked from an empty directory: apt lists nothing it finds already downloaded)
mkdir -p "$APT/empty"
DSCN=$(cd "$APT/empty" && apt-get "${APT_OPTS[@]}" -q source --print-uris qemu 2>"$APT/source.log" \
       | awk '{gsub("\047", "")} $2 ~ /^qemu_.*\.dsc$/ {print $2; exit}') || true
[ -n "$DSCN" ] || { cat "$APT/source.log" >&2; die "no qemu source package in $SUITE"; }
VER_NOEPOCH=${DSCN#qemu_}; VER_NOEPOCH=${VER_NOEPOCH%.dsc}
DSCF="$ROOT/dl/$DSCN"
if [ ! -r "$DSCF" ]; then
    say "apt-get source --download-only qemu ($DSCN)"
    apt-get "${APT_OPTS[@]}" -q source --download-only qemu >"$APT/source.log" 2>&1 \
        || { cat "$APT/source.log" >&2; die "apt-get source qemu failed"; }
fi
[ -r "$DSCF" ] || die "$DSCF not downloaded"
VER=$(awk '/^Version:/ {print $2; exit}' "$DSCF")
say "qemu source $VER"

OUT="$ROOT/$VER_NOEPOCH-$HASH"
if [ -x "$OUT/bin/qemu-system-riscv64" ] && [ -e "$OUT/.complete" ]; then
    ln -sfn "$(basename "$OUT")" "$ROOT/current"
    echo "$OUT/bin/qemu-system-riscv64"
    exit 0
fi

# --- unpack once per version (Debian's patches applied), a git tree to reset ----
WORK="$ROOT/work/$VER_NOEPOCH"
SRC="$WORK/src"
if [ ! -e "$WORK/.unpacked" ]; then
    rm -rf "$WORK"; mkdir -p "$WORK"
    say "dpkg-source -x (Debian's patches applied)"
    dpkg-source --no-check -x "$DSCF" "$SRC" >"$WORK/unpack.log" 2>&1 \
        || { cat "$WORK/unpack.log" >&2; die "dpkg-source -x failed"; }
    git -C "$SRC" init -q
    git -C "$SRC" -c user.name=build -c user.email=build@localhost add -A -f . >/dev/null
    git -C "$SRC" -c user.name=build -c user.email=build@localhost commit -q -m debian
    touch "$WORK/.unpacked"
fi

# back to Debian's tree (only files the previous patch touched change, so the
# build below is incremental), then the project's patches
git -C "$SRC" checkout -q -f HEAD -- .
git -C "$SRC" clean -fdq
for p in "$HERE"/*.patch; do
    [ -e "$p" ] || continue
    say "applying $(basename "$p")"
    git -C "$SRC" apply --whitespace=nowarn "$p" || die "patch $(basename "$p") does not apply to qemu $VER"
done

BLD="$WORK/build"
mkdir -p "$BLD"
start=$(date +%s)
if [ ! -e "$BLD/build.ninja" ] || [ "$(cat "$BLD/.opts" 2>/dev/null)" != "${CONFIGURE_OPTS[*]}" ]; then
    rm -rf "$BLD"; mkdir -p "$BLD"
    say "configure ${CONFIGURE_OPTS[*]}"
    (cd "$BLD" && "$SRC/configure" --prefix="$OUT" "${CONFIGURE_OPTS[@]}") >"$WORK/configure.log" 2>&1 \
        || { tail -40 "$WORK/configure.log" >&2; die "configure failed (log: $WORK/configure.log)"; }
    echo "${CONFIGURE_OPTS[*]}" > "$BLD/.opts"
fi
say "building qemu-system-riscv64 with -j$JOBS (log: $WORK/build.log)"
ninja -C "$BLD" -j"$JOBS" qemu-system-riscv64 >"$WORK/build.log" 2>&1 \
    || { grep -B2 -A12 -m3 'error' "$WORK/build.log" >&2 || tail -40 "$WORK/build.log" >&2; die "build failed (log: $WORK/build.log)"; }
secs=$(( $(date +%s) - start ))

rm -rf "$OUT"; mkdir -p "$OUT/bin"
cp "$BLD/qemu-system-riscv64" "$OUT/bin/"
strip "$OUT/bin/qemu-system-riscv64" 2>/dev/null || true
echo "$VER" > "$OUT/version"
echo "$SUITE" > "$OUT/suite"
echo "$secs" > "$OUT/build-seconds"
(cd "$SRC" && git diff --stat) > "$OUT/patch.stat"
touch "$OUT/.complete"
ln -sfn "$(basename "$OUT")" "$ROOT/current"
say "built in ${secs}s: $OUT/bin/qemu-system-riscv64"
echo "$OUT/bin/qemu-system-riscv64"
