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

$(BUILD)/firmware/guests/%.elf: $(BUILD)/obj-rv/firmware/guests/%.c.o $(FW_COMMON_OBJS) $(FW_GUEST_LDS)
	@mkdir -p $(@D)
	$(RV_CC) $(RV_LDFLAGS) -T $(FW_GUEST_LDS) -o $@ $< $(FW_COMMON_OBJS) $(RV_LIBS)

$(BUILD)/firmware/guests/%.bin: $(BUILD)/firmware/guests/%.elf
	$(RV_OBJCOPY) -O binary $< $@

-include $(wildcard $(BUILD)/obj-rv/firmware/guests/*.d $(BUILD)/obj-rv/firmware/guests/common/*.d)

FW_GUEST_BINS := $(FW_GUEST_NAMES:%=$(BUILD)/firmware/guests/%.bin)
ALL += $(FW_GUEST_BINS)

.PHONY: guests
guests: $(FW_GUEST_BINS)
