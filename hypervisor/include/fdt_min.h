/* Just enough device tree for the hypervisor: where the host RAM is, its
 * options in /chosen/bootargs, and the few properties of a guest's tree that
 * depend on the hart (libfdt is a host library in Debian). */
#ifndef CHIPVISOR_FDT_MIN_H
#define CHIPVISOR_FDT_MIN_H

#include <stdbool.h>
#include <stdint.h>

/* A property of the first node whose name starts with `node` ("chosen";
 * "memory" matches "memory@...") and has it; NULL if absent. */
const void *fdt_find_property(const void *fdt, const char *node, const char *prop, uint32_t *len);

/* A property of the first node, at any depth, whose name starts with `node`
 * and that has the property `must_have`; NULL if there is none. */
const void *fdt_find_node_property(const void *fdt, const char *node, const char *must_have,
                                   const char *prop, uint32_t *len);

/* A property of the first node whose `compatible` list names `compatible`
 * (a device found as on real hardware); NULL if there is none. */
const void *fdt_find_compatible_property(const void *fdt, const char *compatible, const char *prop,
                                         uint32_t *len);

/* First region of the first /memory@... node (2-cell address and size). */
bool fdt_find_memory(const void *fdt, uint64_t *base, uint64_t *size);

/* The `reg` (hart id) of each /cpus/cpu@N node, in tree order; how many. */
uint32_t fdt_cpu_hartids(const void *fdt, uint64_t *ids, uint32_t max);

/* Sets property `prop` to val[0..len) in every node named `node` or
 * `node@...` that has it (a blob of at most `cap` bytes); returns how many
 * were set, or -1 (malformed blob, no room). */
int fdt_set_property(void *fdt, uint32_t cap, const char *node, const char *prop,
                     const void *val, uint32_t len);

#endif
