/* Just enough device-tree reading for boot: where the host RAM is. (libfdt
 * is a host library in Debian; the hypervisor needs only this one lookup.) */
#ifndef CHIPVISOR_FDT_MIN_H
#define CHIPVISOR_FDT_MIN_H

#include <stdbool.h>
#include <stdint.h>

/* First region of the first /memory@... node (2-cell address and size). */
bool fdt_find_memory(const void *fdt, uint64_t *base, uint64_t *size);

#endif
