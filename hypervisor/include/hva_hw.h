/* The HVA as the hypervisor's hardware path, found at boot where the board
 * description (platform.h) says it may be: a device in the host device tree
 * (QEMU -M virt,hva=on, an SoC), a device at the board's fixed address, or the
 * co-simulation mailbox (Debian's stock QEMU with the RTL in Verilator, boot
 * option chipvisor.hva=cosim). One driver (lib/driver/hva) over whichever
 * transport (hva_transport.h). When no HVA answers, every VM uses the
 * software paths. */
#ifndef CHIPVISOR_HVA_HW_H
#define CHIPVISOR_HVA_HW_H

#include <stdbool.h>
#include <stdint.h>

/* Looks for the HVA (device tree, the board's address, then the mailbox when
 * `mailbox_asked`) and says in one log line what it found and which paths
 * the VMs get. `walker`: 1 / 0 the walker serves the hypervisor's guest
 * translations or not, -1 the default (yes on a device, no through the
 * mailbox). Returns the bytes at the end of host RAM (`ram_end`) the
 * transport keeps for itself (guests stay out). */
uint64_t hva_hw_init(const void *dtb, bool mailbox_asked, int walker, uint64_t ram_end);
bool hva_hw_present(void);
/* Does the HVA have a VIC, and how many guest interrupt files? */
uint32_t hva_hw_vic_guests(void);
uint32_t hva_hw_vic_sources(void);
uint32_t hva_hw_vic_ids(void);

/* AXI4-Lite register access (offsets in the HVA map); false on a bus error
 * or when the HVA stopped answering. */
bool hva_hw_read(uint32_t off, uint32_t *val);
bool hva_hw_write(uint32_t off, uint32_t val);
/* Physical interrupt source levels into the VIC, where the transport lets
 * the hypervisor drive them (the mailbox: its emulated devices stand in for
 * real ones); elsewhere sources are the machine's wires. */
bool hva_hw_drives_sources(void);
void hva_hw_set_source(uint32_t src, bool level);
/* VIC guest file `file` (0-based) as four pages the harts can map into a
 * guest (PLIC layout, vic_layout.h); 0 when the transport cannot. */
uint64_t hva_hw_vic_guest_hpa(uint32_t file);
/* The hgeip bit guest file `file`'s output drives on every hart (0: none;
 * its output is then polled through hva_hw_guest_eip). */
uint32_t hva_hw_vic_hgei(uint32_t file);
/* Every hgeip bit a VIC output drives (bit n: line n). */
uint64_t hva_hw_vic_lines(void);
/* The VIC's guest interrupt outputs (bit per guest file). */
uint32_t hva_hw_guest_eip(void);

/* The walker serves the hypervisor's guest translations (guest_mem.c). */
bool hva_hw_walker_on(void);

/* One GVA/GPA translation by the HVA walker (single-request interface);
 * false when the HVA did not answer (r is then untouched). */
struct xlate_ctx;
struct xlate_result;
bool hva_hw_translate(const struct xlate_ctx *c, uint64_t addr, int access, struct xlate_result *r);
/* Drops the HVA's VS-stage translations of one VMID (HFENCE.VVMA semantics). */
void hva_hw_flush_vmid(uint16_t vmid);

/* Ask the simulator to finish (at the end of the run). */
void hva_hw_shutdown(void);

#endif
