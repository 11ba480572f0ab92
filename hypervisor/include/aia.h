/* The platform's AIA, where it has one (QEMU -M virt,aia=aplic-imsic,aia-guests=N):
 * the harts' IMSIC guest interrupt files. A vCPU of a VM with an `imsic`
 * device gets a guest file of its (pinned) hart, mapped into it through the G-stage and selected by
 * hstatus.VGEIN while it runs, so it takes and claims its interrupts (through
 * its own vsiselect/vsireg/vstopei) without trapping; the hypervisor sends
 * its emulated devices' interrupts there as MSIs. */
#ifndef CHIPVISOR_AIA_H
#define CHIPVISOR_AIA_H

#include <stdbool.h>
#include <stdint.h>

void aia_probe(const void *dtb);
bool aia_present(void);
/* hgeip lines that are not IMSIC guest files (the HVA VIC's outputs, after
 * the files on QEMU -M virt,hva=on,aia=aplic-imsic): never handed out. */
void aia_reserve_lines(uint64_t lines);
/* A free guest file (1..GEILEN) of host hart `cpu` (index in cpus[]), or 0
 * when none is left. */
uint32_t aia_alloc_file(uint32_t cpu);
uint64_t aia_file_hpa(uint32_t cpu, uint32_t file);
/* An MSI with interrupt identity `eiid` into a guest file (from any hart). */
void aia_send(uint32_t cpu, uint32_t file, uint32_t eiid);
/* Back to reset state (delivery off, nothing enabled or pending); on the
 * file's own hart. */
void aia_reset_file(uint32_t file);
/* this hart's hgeip: the file has a pending and enabled interrupt. */
bool aia_file_pending(uint32_t file);


#endif
