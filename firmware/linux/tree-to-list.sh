#!/bin/sh
# tree-to-list.sh <dir>: the mkinitramfs list (gen_init_cpio format) of a tree,
# every entry owned by root, plus /dev/console for the kernel's first output.
# Names may not contain white space (the list format splits on it).
set -eu
[ $# -eq 1 ] && [ -d "$1" ] || { echo "usage: $0 <dir>" >&2; exit 2; }
cd "$1"
if find . -name '*[[:space:]]*' | grep -q .; then
    echo "tree-to-list: names with white space under $1" >&2; exit 1
fi
find . -mindepth 1 -type d -printf 'dir /%P %m 0 0\n' | sort
echo "nod /dev/console 0600 0 0 c 5 1"
find . -type f -printf "file /%P $(pwd)/%P %m 0 0\n" | sort
find . -type l -printf 'slink /%P %l 777 0 0\n' | sort
other=$(find . ! -type d ! -type f ! -type l)
[ -z "$other" ] || { echo "tree-to-list: unsupported file types: $other" >&2; exit 1; }
