#!/bin/bash
# Debian's U-Boot as a guest on the HVA platform, beside the ticker guest
# (test_uboot.sh's steps): its PLIC window is a VIC guest file in its G-stage;
# it boots to its prompt, answers, and its `reset` restarts that VM alone. The
# instructions of its UART accesses are read with HLVX
# (chipvisor.hva.walker=off): U-Boot's console makes thousands of device
# accesses, and a walk by the simulated RTL costs some 10 ms of wall time
# (test_hva_demo covers the walker).
UBOOT_PLATFORM=hva exec "$(dirname "$0")/test_uboot.sh"
