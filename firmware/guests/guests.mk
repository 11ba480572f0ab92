# Bare-metal VS-mode test guests: one C file each, plus the common runtime.
#   build/firmware/guests/<name>.bin   (referenced by configs/*)

FW_GUEST_NAMES  := $(basename $(notdir $(wildcard firmware/guests/*.c)))
FW_COMMON_SRCS  := $(wildcard firmware/guests/common/*.c firmware/guests/common/*.S)
FW_COMMON_OBJS  := $(patsubst %,$(BUILD)/obj-rv/%.o,$(FW_COMMON_SRCS))
FW_GUEST_CFLAGS := $(RV_CFLAGS) -Ifirmware/guests/common
FW_GUEST_LDS    := firmware/guests/common/guest.ld

$(BUILD)/obj-rv/firmware/guests/%.c.o: firmware/guests/%.c
	@mkdir -p $(@D)
	$(RV_CC) $(FW_GUEST_CFLAGS) -MMD -MP -c $< -o $@

$(BUILD)/obj-rv/firmware/guests/common/%.S.o: firmware/guests/common/%.S
	@mkdir -p $(@D)
	$(RV_CC) $(FW_GUEST_CFLAGS) -c $< -o $@

# a guest whose RAM is not at 0x80000000 (configs/passthrough_virtio: its RAM
# GPA = HPA, at a host address the firmware does not hold)
FW_GUEST_LDFLAGS_passthrough_virtio := -Wl,--defsym=GUEST_BASE=0x88000000

$(BUILD)/firmware/guests/%.elf: $(BUILD)/obj-rv/firmware/guests/%.c.o $(FW_COMMON_OBJS) $(FW_GUEST_LDS)
	@mkdir -p $(@D)
	$(RV_CC) $(RV_LDFLAGS) $(FW_GUEST_LDFLAGS_$*) -T $(FW_GUEST_LDS) -o $@ $< $(FW_COMMON_OBJS) $(RV_LIBS)

$(BUILD)/firmware/guests/%.bin: $(BUILD)/firmware/guests/%.elf
	$(RV_OBJCOPY) -O binary $< $@

-include $(wildcard $(BUILD)/obj-rv/firmware/guests/*.d $(BUILD)/obj-rv/firmware/guests/common/*.d)

FW_GUEST_BINS := $(FW_GUEST_NAMES:%=$(BUILD)/firmware/guests/%.bin)
ALL += $(FW_GUEST_BINS)

.PHONY: guests
guests: $(FW_GUEST_BINS)

# SMP test guests (smp_*.c) link their own runtime (common/smp/: per-hart
# stacks and traps, a console every hart can write to, the harts from the DTB)
# instead of the one-hart one: <name>.bin at 0x80000000 for chipvisor VMs, and
# <name>-native.elf at 0x80200000 (OpenSBI fw_jump's payload address) for
# QEMU -bios fw_jump.bin -kernel (tests/qemu/test_smp_native.sh).
FW_SMP_NAMES  := $(basename $(notdir $(wildcard firmware/guests/smp_*.c)))
FW_SMP_SRCS   := $(wildcard firmware/guests/common/smp/*.c firmware/guests/common/smp/*.S)
FW_SMP_OBJS   := $(patsubst %,$(BUILD)/obj-rv/%.o,$(FW_SMP_SRCS))
FW_SMP_LDS    := firmware/guests/common/smp/smp.ld
FW_SMP_NATIVE := $(FW_SMP_NAMES:%=$(BUILD)/firmware/guests/%-native.elf)

$(FW_SMP_NAMES:%=$(BUILD)/firmware/guests/%.elf): $(BUILD)/firmware/guests/%.elf: \
		$(BUILD)/obj-rv/firmware/guests/%.c.o $(FW_SMP_OBJS) $(FW_SMP_LDS)
	@mkdir -p $(@D)
	$(RV_CC) $(RV_LDFLAGS) -T $(FW_SMP_LDS) -o $@ $< $(FW_SMP_OBJS) $(RV_LIBS)

$(FW_SMP_NATIVE): $(BUILD)/firmware/guests/%-native.elf: \
		$(BUILD)/obj-rv/firmware/guests/%.c.o $(FW_SMP_OBJS) $(FW_SMP_LDS)
	@mkdir -p $(@D)
	$(RV_CC) $(RV_LDFLAGS) -Wl,--defsym=SMP_GUEST_BASE=0x80200000 -T $(FW_SMP_LDS) \
		-o $@ $< $(FW_SMP_OBJS) $(RV_LIBS)

-include $(wildcard $(BUILD)/obj-rv/firmware/guests/common/smp/*.d)

ALL += $(FW_SMP_NATIVE)
guests: $(FW_SMP_NATIVE)
check: $(FW_SMP_NATIVE)
