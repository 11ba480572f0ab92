/* The parts of a guest's device tree that depend on the hart it runs on. */
#ifndef CHIPVISOR_GUEST_DTB_H
#define CHIPVISOR_GUEST_DTB_H

#include <stdbool.h>
#include <stdint.h>

/* Completes the DTB host-tools/vmconfig wrote (a blob of at most `cap` bytes,
 * already in the guest's RAM): "sstc" in each cpu's ISA where the hart has
 * Sstc, and `mmu-type` = the widest vsatp mode the hart takes. */
bool guest_dtb_fixup(void *dtb, uint32_t cap);

#endif
