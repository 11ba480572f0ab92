/* hva: driver for the Hypervisor Assist's registers (rtl/hva, map:
 * rtl/hva/hva_regs.map, constants: the generated hva_regs.h).
 *
 * Freestanding, written against a register-access hook, so one driver serves
 * the Verilator tests (the hook drives the AXI4-Lite port), the hypervisor
 * (MMIO) and co-simulation (a mailbox). Translations use the golden model's
 * types (xlate/xlate.h): hva_translate() takes and returns what
 * xlate_translate() does, so callers switch paths without translating types.
 */
#ifndef HVA_HVA_H
#define HVA_HVA_H

#include <stdbool.h>
#include <stdint.h>

#include "xlate/xlate.h"

struct hva_io {
    uint32_t (*read32)(void *ctx, uint32_t off);
    void (*write32)(void *ctx, uint32_t off, uint32_t v);
    /* Optional (may be NULL): true if an access since the last call answered
     * with a bus error (AXI SLVERR/DECERR); the call clears the flag. */
    bool (*bus_error)(void *ctx);
    void *ctx;
};

/* errors (negative returns) */
#define HVA_OK           0
#define HVA_ERR_BUS     (-1)   /* a register access answered with a bus error */
#define HVA_ERR_ID      (-2)   /* ID register is not the HVA's */
#define HVA_ERR_TIMEOUT (-3)   /* the HVA stayed busy for the poll budget */
#define HVA_ERR_BUSY    (-4)   /* a request or command is already in flight */
#define HVA_ERR_RING    (-5)   /* the ring engine stopped on an AXI error */
#define HVA_ERR_ARG     (-6)

struct hva_caps {
    uint16_t version;
    uint16_t tlb_entries, gtlb_entries;   /* 0: no such cache */
    uint8_t tlb_ways, gtlb_ways, pwc_entries;
    uint8_t max_pte_reads, axi_id_w, ring_max_log2;
    bool vic;
    uint8_t ctx_slots;   /* translation context slots (0: none, an older HVA) */
    uint8_t vic_guests, vic_ids;
    uint16_t vic_sources;
};

struct hva {
    struct hva_io io;
    struct hva_caps caps;
    uint32_t poll_limit;   /* status polls before HVA_ERR_TIMEOUT */
    /* what each context slot's ADDR_HI holds (valid: bit per slot), so a
     * translation writes it only when the address's upper half changes */
    uint32_t ctx_addr_hi[4];
    uint8_t ctx_addr_hi_valid;
};

/* Which caches answered the last translation (for tests and statistics). */
struct hva_hits {
    bool tlb, gtlb, pwc;
};

struct hva_counters {
    uint32_t requests, tlb_hits, gtlb_hits, pwc_hits, pte_reads, busy_cycles;
};

/* Invalidation, HFENCE semantics: VVMA acts on VS-stage translations of one
 * VMID (optionally one ASID, one GVA); GVMA on G-stage translations
 * (optionally one VMID, one GPA) and everything built on them. */
struct hva_inval {
    bool gvma;
    bool by_vmid, by_asid, by_addr;
    uint16_t vmid, asid;
    uint64_t addr;
};

/* Reads ID and capabilities. Returns HVA_OK, HVA_ERR_ID or HVA_ERR_BUS. */
int hva_probe(struct hva *h, const struct hva_io *io);

/* One translation through the single-request interface (polls STATUS). r is
 * filled as xlate_translate() would (n_steps = 0: the walk path is not
 * visible); hits may be NULL. */
int hva_translate(struct hva *h, const struct xlate_ctx *c, uint64_t addr,
                  enum xlate_access acc, struct xlate_result *r, struct hva_hits *hits);

/* ---- context slots (caps.ctx_slots of them): a VM's translation context
 * loaded once, then a translation is one register write and one read. */
int hva_ctx_load(struct hva *h, unsigned slot, const struct xlate_ctx *c);
/* Translates addr in slot's context: writes the slot's XLATE_* register (and
 * its ADDR_HI first when addr's upper half is not the one it holds) and reads
 * XLATE_RESULT, which the HVA answers once the translation is done. Returns
 * the exception code (0: *hpa is the HPA; else hva_last_result() tells the
 * details) or a negative error. */
int hva_translate_fast(struct hva *h, unsigned slot, uint64_t addr, enum xlate_access acc,
                       uint64_t *hpa);
/* The whole result of the last translation (single or fast) of addr, read
 * from the RSP_* registers, as hva_translate() gives it. */
int hva_last_result(struct hva *h, uint64_t addr, struct xlate_result *r, struct hva_hits *hits);

int hva_invalidate(struct hva *h, const struct hva_inval *inv);
int hva_read_counters(struct hva *h, struct hva_counters *out);
int hva_clear_counters(struct hva *h);

/* ---- the request ring: 2^log2 slots of HVA_SLOT_BYTES in memory that both
 * the driver (through `slots`) and the HVA (at physical address `pa`, 64-byte
 * aligned) see. At most 2^log2 - 1 requests are outstanding. */
struct hva_ring_req {
    struct xlate_ctx ctx;
    uint64_t addr;
    enum xlate_access acc;
};

struct hva_ring {
    volatile uint64_t *slots;
    uint64_t pa;
    unsigned log2;
    uint32_t tail;   /* next slot to fill */
    uint32_t head;   /* next slot to collect */
};

int hva_ring_init(struct hva *h, struct hva_ring *ring, volatile uint64_t *slots, uint64_t pa,
                  unsigned log2);
/* Fills up to n slots and rings the doorbell; returns how many were queued
 * (fewer when the ring is full), or an error. */
int hva_ring_submit(struct hva *h, struct hva_ring *ring, const struct hva_ring_req *reqs,
                    unsigned n);
/* Takes up to max finished responses in submission order (waiting for at
 * least one while any is outstanding); returns how many, or an error. */
int hva_ring_collect(struct hva *h, struct hva_ring *ring, struct xlate_result *res, unsigned max);
/* After HVA_ERR_RING: reset the engine (HEAD := 0) and the ring (empty). */
int hva_ring_recover(struct hva *h, struct hva_ring *ring);

#endif
