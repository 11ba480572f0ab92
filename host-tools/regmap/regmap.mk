# host-tools/regmap: register-map source -> SV package + C header.
#   $(BUILD)/host-tools/regmap <map> <out.sv> <out.h>
#   $(BUILD)/tests/unit/test_regmap   (cmocka)
REGMAP_DIR    := host-tools/regmap
REGMAP_BIN    := $(BUILD)/host-tools/regmap
REGMAP_OBJDIR := $(BUILD)/host-tools/regmap.obj
REGMAP_LIBSRC := $(REGMAP_DIR)/regmap_parse.c $(REGMAP_DIR)/regmap_emit.c
REGMAP_LIBOBJ := $(patsubst $(REGMAP_DIR)/%.c,$(REGMAP_OBJDIR)/%.o,$(REGMAP_LIBSRC))
REGMAP_TEST   := $(BUILD)/tests/unit/test_regmap

$(REGMAP_OBJDIR)/%.o: $(REGMAP_DIR)/%.c $(REGMAP_DIR)/regmap.h
	@mkdir -p $(@D)
	$(HOST_CC) $(HOST_CFLAGS) -I$(REGMAP_DIR) -c $< -o $@

$(REGMAP_BIN): $(REGMAP_OBJDIR)/regmap_main.o $(REGMAP_LIBOBJ)
	@mkdir -p $(@D)
	$(HOST_CC) $(HOST_LDFLAGS) $^ -o $@

# The test also runs the command on the real map and compiles the header it writes.
$(REGMAP_TEST): tests/unit/test_regmap.c $(REGMAP_LIBOBJ) $(REGMAP_DIR)/regmap.h | $(REGMAP_BIN)
	@mkdir -p $(@D)
	$(HOST_CC) $(HOST_CFLAGS) -I$(REGMAP_DIR) -DREGMAP_TEST_BIN='"$(TOP)/$(REGMAP_BIN)"' \
	    -DREGMAP_TEST_MAP='"$(TOP)/rtl/hva/hva_regs.map"' \
	    $< $(REGMAP_LIBOBJ) $(HOST_LDFLAGS) -lcmocka -o $@

ALL   += $(REGMAP_BIN)
TESTS += $(REGMAP_TEST)
