#!/bin/bash
# `make run CONFIG=<path>` with configs outside configs/: each runs with the VM
# table built from it, also an older config run after a newer one (each path
# gets its own build folder; once they shared one, rebuilt only when the
# config file was newer than it).
. "$(dirname "$0")/common.sh"
dir=$(mktemp -d "${TMPDIR:-/tmp}/chipvisor-run-config.XXXXXX")
trap 'rm -rf "$dir"' EXIT
for name in older newer; do
    mkdir -p "$dir/$name"
    printf 'vm %s\n  memory 16M\n  image %s/build/firmware/guests/sbi_test.bin\n' \
        "$name" "$PWD" > "$dir/$name/cfg"
done
touch -d '2020-01-01' "$dir/older/cfg"
for name in newer older; do
    other=$([ "$name" = older ] && echo newer || echo older)
    # QEMU=echo: make builds the image and prints the command it would boot
    kernel=$(make --no-print-directory -s run-qemu CONFIG="$dir/$name/cfg" QEMU=echo |
             sed -n 's/.* -kernel \([^ ]*\).*/\1/p')
    [ -f "$kernel" ] || { echo "no image built for $name (got '$kernel')"; exit 1; }
    "$EXPECT" -t 60 -l "$LOGS/qemu_run_config_$name.console" \
        -n "vm $other: |^\\[$other\\]" -a "^\[$name\] [0-9]+ checks, 0 failed: PASS" \
        -e '^\[chipvisor\] result: PASS \(0 of 1 VMs' -x 0 \
        -- $QEMU -M virt -smp 1 -m 256M -nographic -icount shift=0 -bios "$OPENSBI_FW" -kernel "$kernel" ||
        exit 1
done
echo "each config ran with its own VM table"
