/* Drives the Verilated walker: one translation or invalidation at a time
 * (wh_translate), or a batch back to back (wh_translate_batch); an AXI4
 * slave over a mem_model that takes up to WH_MAX_RD reads at once and
 * answers each after a fixed latency (or, after wh_axi_random, with random
 * ready on AR/AW/W, each drawn on its own, random latencies, and answers
 * reordered across IDs, in order per ID, all from a seed), with an exclusive
 * monitor per ID; and AXI protocol checks on every cycle (valid held until
 * ready, payload stable while waiting, one transaction per ID at a time,
 * single 8-byte beats, an exclusive write only after an exclusive read of the
 * same word on its ID). */
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

#define WH_MAX_RD 8    /* reads the slave holds at once */
#define WH_IDS    32   /* AXI IDs (5 bits) */

struct wh_rd {
    uint64_t data;
    unsigned id, resp, wait;
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
    /* AXI slave: reads in issue order, the one on R (-1: none) */
    struct wh_rd rd[WH_MAX_RD];
    unsigned n_rd;
    int r_cur;
    uint64_t r_reordered;          /* answers that overtook an older read */
    bool wr_busy, aw_have, w_have;
    unsigned wr_wait, b_resp, aw_id;
    uint64_t aw_addr, w_data;
    uint32_t aw_attr;
    /* per ID: exclusive monitor, the last read was exclusive, a transaction is open */
    bool mon_valid[WH_IDS], last_ex_valid[WH_IDS];
    uint64_t mon_addr[WH_IDS], last_ex_addr[WH_IDS];
    unsigned open[WH_IDS];
    /* protocol errors: the first is kept */
    unsigned n_errors;
    char error[256];
    struct wh_counters cnt;
    /* quiet cycles (the walker waits, the inputs repeat): WH_SKIP_OFF evaluates
     * every cycle; WH_SKIP_ON keeps the outputs without evaluating the model;
     * WH_SKIP_CHECK evaluates and fails unless the whole model is unchanged */
    enum { WH_SKIP_OFF, WH_SKIP_ON, WH_SKIP_CHECK } skip;
    uint64_t skipped;              /* cycles not evaluated (WH_SKIP_ON) or checked (CHECK) */
    void *state_buf;               /* WH_SKIP_CHECK: the model before the cycle */
    unsigned quiet_run;            /* quiet cycles in a row up to this one */
};

/* WH_SKIP_DEFAULT: the skip mode of a build (0 off: the checked builds; 1 on:
 * hva-trace-replay-opt; 2 check: test_walker_rtl and _inflight4, whose random
 * runs thus prove quiet_o); WALKER_SKIP=0/1/check at run time overrides it. A
 * check that fails ends the program (status 3). */
#ifndef WH_SKIP_DEFAULT
#define WH_SKIP_DEFAULT 0
#endif
/* WH_SKIP_CHECK compares the whole model from the WH_CHECK_STATE_AFTER-th
 * quiet cycle in a row on (the outputs on every one). 1 without SVA; the
 * --assert builds keep each assertion's sampled past (two edges deep), which
 * a skipped edge does not move on, so they compare from the third. */
#ifndef WH_CHECK_STATE_AFTER
#define WH_CHECK_STATE_AFTER 1
#endif

void wh_init(struct walker_h *h, struct mem_model *mem, unsigned latency, const char *fst_path);
void wh_free(struct walker_h *h, const char *coverage_path);
/* 0, or -1 when the walker did not answer within the cycle budget */
int wh_translate(struct walker_h *h, const struct wh_req *r, struct wh_rsp *out);
int wh_invalidate(struct walker_h *h, const struct wh_inv *inv);
/* n (<= 256) translations offered back to back (the next as soon as the
 * walker takes one), answers taken as they come; rsp[i] answers q[i] (its
 * cycles: its handshake to its answer), *cycles: the first handshake to the
 * last answer, *overtaken: answers that came before an older request's.
 * 0, or -1 when an answer is missing or doubled. */
int wh_translate_batch(struct walker_h *h, const struct wh_req *q, unsigned n,
                       struct wh_rsp *rsp, uint64_t *cycles, unsigned *overtaken);
void wh_idle(struct walker_h *h, unsigned cycles);
/* From now on: AR/AW/W ready each low with probability 1/3 on their own, and
 * each response 1..2*latency cycles after its handshake (drawn from seed). */
void wh_axi_random(struct walker_h *h, uint64_t seed);

#endif
