#!/bin/sh
# Installs the Debian packages chipvisor needs, only those that are missing.
# Idempotent: does nothing (not even `apt-get update`) when all are present.
# yosys brings yosys-smtbmc; z3 is its solver for make formal (Debian 12's
# boolector 1.5 does not speak the SMT-LIB that yosys-smtbmc writes).
# gnuplot-nox draws make plots / make sweep (PNG through its cairo terminal, SVG);
# jq reads results.json for the plots and test_sweep.
# dpkg-dev .. libpixman-1-dev: the HVA platform QEMU, built from Debian's qemu source
# package (host-tools/qemu-hva/build-qemu-hva.sh; glib, pixman, meson, ninja).
# nextpnr-ice40, fpga-icestorm: the open iCE40 flow of make fpga (rtl/fpga).
# clang, llvm (llvm-profdata), libclang-rt-14-dev (the profile runtime, only a
# Recommends of clang): the optimized walker replay tool, compiled with
# profile-guided optimization (sim/walker/walker.mk).
set -eu
PKGS="make gcc verilator gcc-riscv64-unknown-elf picolibc-riscv64-unknown-elf opensbi
      qemu-system-misc device-tree-compiler yosys u-boot-qemu libfdt-dev libcmocka-dev
      gcc-riscv64-linux-gnu libc6-dev-riscv64-cross e2fsprogs xz-utils zstd cpio binutils
      z3 gnuplot-nox jq nextpnr-ice40 fpga-icestorm clang llvm libclang-rt-14-dev
      dpkg-dev git pkgconf ninja-build meson libglib2.0-dev libpixman-1-dev python3"
missing=""
for p in $PKGS; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" \
        || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "install-deps: installing:$missing"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
$SUDO apt-get update -q
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends $missing
