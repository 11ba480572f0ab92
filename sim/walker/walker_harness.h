/* Drives the Verilated walker: one translation or invalidation at a time,
 * an AXI4 slave over a mem_model with a fixed latency (or, after
 * wh_axi_random, random ready on AR/AW/W, each drawn on its own, and a
 * random latency per transaction, from a seed), and AXI protocol
 * checks on every cycle (valid held until ready, payload stable while
 * waiting, one transaction at a time, single 8-byte beats, an exclusive
 * write only after an exclusive read of the same word). */
#ifndef CHIPVISOR_WALKER_HARNESS_H
#define CHIPVISOR_WALKER_HARNESS_H

#include <stdbool.h>
#include <stdint.h>

#include "mem_model.h"
#include "walker_sim.h"
#include "xlate/xlate.h"

struct wh_req {
    struct xlate_ctx c;
    uint64_t addr;
    enum xlate_access acc;
};

struct wh_rsp {
    uint32_t exc;
    uint64_t hpa, gpa, tval, htval;
    bool implicit;
    uint8_t vs_perm, g_perm;       /* PTE bit positions, as xlate_result */
    uint64_t page_size;            /* bytes; 0 on a fault, as xlate_result */
    uint32_t pte_reads;
    bool tlb_hit, gtlb_hit, pwc_hit;
    uint64_t cycles;               /* request handshake to response */
};

struct wh_inv {
    bool gvma, all_vmid, use_asid, use_addr;
    uint16_t vmid, asid;
    uint64_t addr;
};

struct wh_counters {
    uint64_t requests, tlb_hits, gtlb_hits, pwc_hits, pte_reads, ad_updates, faults;
    uint64_t busy_cycles, cycles;
};

struct walker_h {
    struct wsim *dut;
    struct mem_model *mem;
    unsigned latency;              /* cycles from AR/W handshake to R/B valid, >= 1 */
    bool debug;                    /* WALKER_DEBUG set: print every AXI transaction */
    unsigned fail_exclusive;       /* the next N exclusive writes fail (BRESP OKAY) */
    bool axi_random;               /* random readies and latencies (wh_axi_random) */
    uint64_t axi_rng;              /* their xorshift64 state */
    uint64_t axi_stalls[4];        /* cycles AR, AW, W held off while valid; R/B delayed */
    struct wsim_in in;
    struct wsim_out out, prev_out;
    struct wsim_in prev_in;
    /* AXI slave */
    bool rd_busy, wr_busy, aw_have, w_have, mon_valid, last_ex_valid;
    unsigned rd_wait, wr_wait, rd_resp, b_resp;
    uint64_t rd_data, aw_addr, w_data, mon_addr, last_ex_addr;
    uint32_t aw_attr;
    /* protocol errors: the first is kept */
    unsigned n_errors;
    char error[256];
    struct wh_counters cnt;
};

void wh_init(struct walker_h *h, struct mem_model *mem, unsigned latency, const char *fst_path);
void wh_free(struct walker_h *h, const char *coverage_path);
/* 0, or -1 when the walker did not answer within the cycle budget */
int wh_translate(struct walker_h *h, const struct wh_req *r, struct wh_rsp *out);
int wh_invalidate(struct walker_h *h, const struct wh_inv *inv);
void wh_idle(struct walker_h *h, unsigned cycles);
/* From now on: AR/AW/W ready each low with probability 1/3 on their own, and
 * each response 1..2*latency cycles after its handshake (drawn from seed). */
void wh_axi_random(struct walker_h *h, uint64_t seed);

#endif
