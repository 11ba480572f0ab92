# host-tools/hvaboard: the host side of the HVA on an FPGA board (UART bridge).
#   $(BUILD)/host-tools/hvaboard [-d /dev/ttyUSB1] probe | rd | wr | mrd | mwr | load | xlate | selftest
# Links the HVA driver, the xlate model and sim/hva's memory / page-table
# helper as host objects (lib.mk's pattern rule; read after this file, so the
# object names are spelled out here).
HVABOARD_DIR := host-tools/hvaboard
HVABOARD_BIN := $(BUILD)/host-tools/hvaboard
HVABOARD_LIB := $(patsubst %,$(BUILD)/obj-host/%.o,$(wildcard hypervisor/lib/model/xlate/*.c) \
                  $(wildcard hypervisor/lib/driver/hva/*.c) sim/hva/hva_mem.c)
HVABOARD_OBJ := $(patsubst %,$(BUILD)/obj-host/%.o,$(wildcard $(HVABOARD_DIR)/*.c))

$(HVABOARD_OBJ): HV_LIB_TEST_INC := -Isim/hva
$(HVABOARD_OBJ): $(wildcard $(HVABOARD_DIR)/*.h)
$(HVABOARD_BIN): $(HVABOARD_OBJ) $(HVABOARD_LIB)
	@mkdir -p $(@D)
	$(HOST_CC) -o $@ $^ $(HOST_LDFLAGS)

ALL += $(HVABOARD_BIN)
-include $(HVABOARD_OBJ:.o=.d)
