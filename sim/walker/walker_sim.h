/* C interface to the Verilated walker (sim/walker/walker_tb.sv around
 * rtl/walker/hva_walker.sv), so the tests and tools are C.
 *
 * wsim_cycle() is one clock: the inputs are applied, the outputs of the
 * current state are sampled, then the rising edge moves the state on. A
 * valid/ready pair high in the same call is a handshake at that edge.
 * (With walker_tb's IN_REG the edge is given at the start of the next call,
 * with that call's inputs: the same edges with the same inputs.) */
#ifndef CHIPVISOR_WALKER_SIM_H
#define CHIPVISOR_WALKER_SIM_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

struct wsim_in {
    int req_valid;
    uint64_t vsatp, hgatp, addr;
    uint32_t flags;        /* bit 0 virt, 1 user, 2 sum, 3 vmxr, 4 mxr, 5 hlvx, 6 ad_update */
    uint32_t access;       /* 0 read, 1 write, 2 exec */
    uint32_t id;
    int rsp_ready;
    int inv_valid;
    uint32_t inv_flags;    /* bit 0 kind (1 GVMA), 1 all_vmid, 2 use_asid, 3 use_addr */
    uint32_t inv_vmid, inv_asid;
    uint64_t inv_addr;
    /* AXI slave -> walker */
    int ar_ready, r_valid, aw_ready, w_ready, b_valid;
    uint64_t r_data;
    uint32_t r_resp, b_resp;
    uint32_t r_id, b_id;
};

struct wsim_out {
    int req_ready, rsp_valid, inv_ready;
    uint32_t id, exc, flags;       /* flags: bit 0 implicit, 1 tlb_hit, 2 gtlb_hit, 3 pwc_hit */
    uint64_t hpa, gpa, tval, htval;
    uint32_t vs_perm, g_perm, page_size_log2, pte_reads;
    /* walker -> AXI slave */
    int ar_valid, r_ready, aw_valid, w_valid, b_ready;
    uint64_t ar_addr, aw_addr, w_data;
    uint32_t ar_attr, aw_attr;     /* {lock, size[2:0], len[7:0], burst[1:0]} */
    uint32_t ar_id, aw_id;
    uint32_t w_strb_last;          /* {last, strb[7:0]} */
    uint32_t perf;                 /* bit 7 req .. bit 0 busy (walker_pkg::perf_evt_t) */
    int quiet;                     /* with these inputs held, the next edge changes nothing
                                      (walker_tb.sv quiet_o) */
};

#define WSIM_PERF_BUSY      (1u << 0)
#define WSIM_PERF_FAULT     (1u << 1)
#define WSIM_PERF_AD_UPDATE (1u << 2)
#define WSIM_PERF_PTE_READ  (1u << 3)
#define WSIM_PERF_PWC_HIT   (1u << 4)
#define WSIM_PERF_GTLB_HIT  (1u << 5)
#define WSIM_PERF_TLB_HIT   (1u << 6)
#define WSIM_PERF_REQ       (1u << 7)

struct wsim;

/* fst_path: write an FST waveform there (NULL: none). Holds reset for two cycles. */
struct wsim *wsim_new(const char *fst_path);
void wsim_cycle(struct wsim *s, const struct wsim_in *in, struct wsim_out *out);
/* The model's whole state, to check that a cycle changed nothing (WALKER_SKIP=check) */
size_t wsim_state_size(void);
void wsim_state_save(const struct wsim *s, void *buf);
int wsim_state_same(const struct wsim *s, const void *buf);
/* coverage_path: where a --coverage build writes its data (NULL: none) */
void wsim_free(struct wsim *s, const char *coverage_path);

#ifdef __cplusplus
}
#endif

#endif
