# The hypervisor's layering: no circle of calls between its files, no circle
# of includes between its headers (test_core_layers.sh reads the objects).
STRUCTURE_TESTS := tests/structure/test_core_layers.sh
TESTS += $(STRUCTURE_TESTS)
check: $(call hv_config_dir,demo)/chipvisor.bin
