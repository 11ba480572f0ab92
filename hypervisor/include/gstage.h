/* G-stage (guest-physical -> host-physical) page tables, one set per VM. */
#ifndef CHIPVISOR_GSTAGE_H
#define CHIPVISOR_GSTAGE_H

#include <stdint.h>
#include <stdbool.h>

/* The G-stage mode of every VM, chosen at boot: by default Sv48x4 where the
 * hart has it, else Sv39x4; chipvisor.gstage=sv39x4|sv48x4|sv57x4 in
 * /chosen/bootargs asks for one (Sv48x4 / Sv57x4 only where the hart's
 * hgatp.MODE takes it, else the default). */
enum gstage_mode { GSTAGE_DEFAULT, GSTAGE_SV39X4, GSTAGE_SV48X4, GSTAGE_SV57X4 };
/* Returns false when `want` is not available on this hart (the default is used). */
bool gstage_init(enum gstage_mode want);
const char *gstage_mode_name(void);

/* A fresh, empty root table (16 KiB, 16 KiB aligned), or NULL when out of tables. */
uint64_t *gstage_new_root(void);
/* Maps [gpa, gpa+size) -> [hpa, ...) read/write/execute with 2 MiB leaves;
 * all three must be 2 MiB aligned. Returns false when out of tables. */
bool gstage_map(uint64_t *root, uint64_t gpa, uint64_t hpa, uint64_t size);
/* Maps one 4 KiB page of a device (read/write, no execute) into the guest:
 * how a guest reaches its IMSIC interrupt file without trapping. */
bool gstage_map_device_page(uint64_t *root, uint64_t gpa, uint64_t hpa);
uint64_t gstage_hgatp(const uint64_t *root, uint16_t vmid);
void gstage_flush_vmid(uint16_t vmid);
void gstage_flush_all(void);

#endif
