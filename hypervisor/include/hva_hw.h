/* The HVA as the hypervisor's hardware path. Today it is reached through the
 * co-simulation mailbox (the RTL in Verilator, hypervisor/include/
 * cosim_mailbox.h; boot option chipvisor.hva=cosim); on an SoC the same
 * driver (lib/driver/hva) would use plain MMIO. When no HVA answers, every VM uses
 * the software paths. */
#ifndef CHIPVISOR_HVA_HW_H
#define CHIPVISOR_HVA_HW_H

#include <stdbool.h>
#include <stdint.h>

/* Connects to a co-simulated HVA whose mailbox is at `mailbox_hpa`; false
 * (with the reason logged) when none answers. */
bool hva_hw_connect_cosim(uint64_t mailbox_hpa);
/* Does the HVA have a VIC, and how many guest interrupt files? */
uint32_t hva_hw_vic_guests(void);
uint32_t hva_hw_vic_sources(void);
uint32_t hva_hw_vic_ids(void);

/* AXI4-Lite register access (offsets in the HVA map); false on a bus error
 * or when the HVA stopped answering. */
bool hva_hw_read(uint32_t off, uint32_t *val);
bool hva_hw_write(uint32_t off, uint32_t val);
/* Physical interrupt source levels into the VIC (the hypervisor's emulated
 * devices stand in for real ones in co-simulation). */
void hva_hw_set_source(uint32_t src, bool level);
/* MMIO instruction fetches go through the HVA walker too (beside the golden
 * model). Off by default: in co-simulation each walk is some twenty mailbox
 * round trips. */
void hva_hw_use_walker(bool on);
bool hva_hw_walker_on(void);

/* One GVA/GPA translation by the HVA walker (single-request interface);
 * false when the HVA did not answer (r is then untouched). */
struct xlate_ctx;
struct xlate_result;
bool hva_hw_translate(const struct xlate_ctx *c, uint64_t addr, int access, struct xlate_result *r);
/* Drops the HVA's VS-stage translations of one VMID (HFENCE.VVMA semantics). */
void hva_hw_flush_vmid(uint16_t vmid);

/* The VIC's guest interrupt outputs (bit per guest file), as wires. */
uint32_t hva_hw_guest_eip(void);
/* Ask the simulator to finish (at the end of the run). */
void hva_hw_shutdown(void);

#endif
