#!/bin/bash
# Debian's Linux as a VM on the HVA platform (test_linux.sh's steps): its PLIC
# driver runs unchanged on a VIC guest file mapped into its G-stage (claims and
# completes do not trap), its UART interrupt arrives on hgeip; the device
# instructions are read with HLVX and cross-checked by the software walker.
LINUX_PLATFORM=hva exec "$(dirname "$0")/test_linux.sh"
