# chipvisor — top-level build.
#
#   make run [CONFIG=configs/demo]   install what is missing, build, boot in QEMU
#   make test                        install what is missing, build, run every test
#   make bench                       benchmarks: build/bench/results.json, a CSV per table (tests/bench/README.md)
#   make lint | synth | fpga | all | clean   (fpga: rtl/fpga/README.md)
#
# Each folder contributes a fragment (*.mk up to three folders deep) that adds its build rules and appends to:
#   ALL      things `make all` builds
#   TESTS    test executables (each exits 0 on success); `make check` runs them
#   BENCHES  benchmark executables; `make bench-run` runs them
#   LINTS    phony lint targets; `make lint` runs them
#   SYNTHS   phony Yosys targets; `make synth` runs them (resource reports)
# Fragments own their own variables, prefixed by their folder (HV_, FW_, RTL_, SIM_, ...).

.DEFAULT_GOAL := all
.SUFFIXES:
.DELETE_ON_ERROR:
.SECONDARY:          # keep intermediate objects and ELFs (no rebuilds, no rm at the end)
SHELL := /bin/bash

TOP   := $(abspath .)
BUILD := build
CONFIG ?= configs/demo

# --- toolchains ---------------------------------------------------------------
CROSS      ?= riscv64-unknown-elf-
RV_CC      := $(CROSS)gcc
RV_OBJCOPY := $(CROSS)objcopy
RV_OBJDUMP := $(CROSS)objdump
# No FP in the hypervisor; the linker flags pick the matching multilib libgcc.
RV_ARCH    := -march=rv64imac_zicsr_zifencei -mabi=lp64 -mcmodel=medany
RV_CFLAGS  := $(RV_ARCH) -std=gnu11 -O2 -g -Wall -Wextra -Werror -ffreestanding \
              -fno-common -fno-builtin -fno-stack-protector -fno-pic -nostdlib \
              -Wa,-march=rv64gch
RV_LDFLAGS := -march=rv64imac -mabi=lp64 -nostdlib -nostartfiles -static -Wl,--no-relax
RV_LIBS    := -lgcc

HOST_CC      ?= gcc
HOST_CFLAGS  := -std=gnu11 -O1 -g -Wall -Wextra -Werror -fno-omit-frame-pointer \
                -fsanitize=address,undefined -fno-sanitize-recover=all
HOST_LDFLAGS := -fsanitize=address,undefined

QEMU       ?= qemu-system-riscv64
OPENSBI_FW ?= /usr/lib/riscv64-linux-gnu/opensbi/generic/fw_jump.bin
UBOOT_BIN  ?= /usr/lib/u-boot/qemu-riscv64_smode/u-boot.bin
VERILATOR  ?= verilator
YOSYS      ?= yosys

ALL     :=
TESTS   :=
BENCHES :=
LINTS   :=
SYNTHS  :=

include $(sort $(wildcard */*.mk */*/*.mk */*/*/*.mk))

.PHONY: all deps run test check bench bench-run lint synth clean
all: $(ALL)

deps:
	@host-tools/install-deps.sh

# run/test/bench install first, then build in a second make so every tool exists.
run: deps
	@$(MAKE) --no-print-directory run-qemu CONFIG=$(CONFIG)

test: deps
	@$(MAKE) --no-print-directory check

check: $(TESTS)
	@tests/run-tests.sh $(TESTS)

bench: deps
	@$(MAKE) --no-print-directory bench-run

# each script's output is kept for bench-report (tests/bench/bench.mk)
bench-run: $(BENCHES)
	@set -eo pipefail; mkdir -p $(BENCH_OUT)/raw; for b in $(BENCHES); do echo "== $$b"; \
	    BUILD=$(BUILD) RUNS=$(BENCH_REPEATS) $$b | tee $(BENCH_OUT)/raw/$$(basename $$b .sh).log; done
	@$(MAKE) --no-print-directory bench-report

lint: $(LINTS)

synth: $(SYNTHS)

clean:
	rm -rf $(BUILD)
