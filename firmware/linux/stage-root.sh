#!/bin/sh
# stage-root.sh <dir> <busybox> <cvtest> <init> <modules-dir> <applet>...
# Lays out the guest's root tree in <dir> (it is removed first): the same tree
# becomes the initramfs (tree-to-list.sh | mkinitramfs) and the ext4 root
# (mkfs.ext4 -d). Busybox applets are symlinks to /bin/busybox.
set -eu
[ $# -ge 5 ] || { echo "usage: $0 <dir> <busybox> <cvtest> <init> <modules-dir> <applet>..." >&2; exit 2; }
dir=$1 busybox=$2 cvtest=$3 init=$4 mods=$5
shift 5
rm -rf "$dir"
mkdir -p "$dir"
for d in bin sbin etc dev proc sys tmp run root newroot lib/modules; do
    mkdir -p "$dir/$d"
done
chmod 1777 "$dir/tmp"
chmod 0700 "$dir/root"
install -m 0755 "$busybox" "$dir/bin/busybox"
install -m 0755 "$cvtest" "$dir/bin/cvtest"
install -m 0755 "$init" "$dir/init"
[ -f "$mods/load.list" ] || { echo "stage-root: $mods/load.list missing" >&2; exit 1; }
install -m 0644 "$mods/load.list" "$dir/lib/modules/load.list"
while read -r m; do
    install -m 0644 "$mods/$m.ko" "$dir/lib/modules/$m.ko"
done < "$mods/load.list"
for a in "$@"; do
    [ "$a" = busybox ] || ln -s busybox "$dir/bin/$a"
done
echo "chipvisor Linux guest (Debian 13 riscv64 kernel, busybox-static, cvtest)" > "$dir/etc/issue"
echo "root:x:0:0:root:/root:/bin/sh" > "$dir/etc/passwd"
echo "root:x:0:" > "$dir/etc/group"
