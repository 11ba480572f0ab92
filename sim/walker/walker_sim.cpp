// Thin C++ shim around the Verilated walker: clocking, port copies,
// waveforms and coverage. All test logic is C (tests/rtl/walker, sim/walker).
#include "walker_sim.h"

#include "Vwalker_tb.h"
#include "Vwalker_tb___024root.h"
#include "verilated.h"

#include <cstdio>
#include <cstring>
#if VM_TRACE
#include "verilated_fst_c.h"
#endif

struct wsim {
    VerilatedContext ctx;
    Vwalker_tb *top;
    bool in_reg;     // walker_tb IN_REG: the ports are registered at the edge
    bool started;
#if VM_TRACE
    VerilatedFstC *fst;
#endif
};

static void half_cycle(wsim *s, int clk)
{
    s->top->clk_i = clk;
    s->top->eval();
#if VM_TRACE
    if (s->fst)
        s->fst->dump(s->ctx.time());
#endif
    s->ctx.timeInc(1);
}

extern "C" struct wsim *wsim_new(const char *fst_path)
{
    wsim *s = new wsim;
    s->top = new Vwalker_tb(&s->ctx, "walker_tb");
#if VM_TRACE
    s->fst = nullptr;
    if (fst_path) {
        s->ctx.traceEverOn(true);
        s->fst = new VerilatedFstC;
        s->top->trace(s->fst, 99);
        s->fst->open(fst_path);
    }
#else
    (void)fst_path;
#endif
    s->top->rst_ni = 0;
    for (int i = 0; i < 2; i++) {
        half_cycle(s, 0);
        half_cycle(s, 1);
    }
    s->in_reg = s->top->in_reg_o;
    s->started = false;
    // IN_REG: the first wsim_cycle's edge loads its inputs into the registers
    // (the walker's edge before the first cycle): reset is held over it
    if (!s->in_reg)
        s->top->rst_ni = 1;
    return s;
}

extern "C" void wsim_cycle(struct wsim *s, const struct wsim_in *in, struct wsim_out *out)
{
    Vwalker_tb *t = s->top;
    t->req_valid_i = in->req_valid;
    t->req_vsatp_i = in->vsatp;
    t->req_hgatp_i = in->hgatp;
    t->req_flags_i = in->flags;
    t->req_access_i = in->access;
    t->req_addr_i = in->addr;
    t->req_id_i = in->id;
    t->rsp_ready_i = in->rsp_ready;
    t->inv_valid_i = in->inv_valid;
    t->inv_flags_i = in->inv_flags;
    t->inv_vmid_i = in->inv_vmid;
    t->inv_asid_i = in->inv_asid;
    t->inv_addr_i = in->inv_addr;
    t->ar_ready_i = in->ar_ready;
    t->r_valid_i = in->r_valid;
    t->r_data_i = in->r_data;
    t->r_resp_i = in->r_resp;
    t->aw_ready_i = in->aw_ready;
    t->w_ready_i = in->w_ready;
    t->b_valid_i = in->b_valid;
    t->b_resp_i = in->b_resp;
    t->r_id_i = in->r_id;
    t->b_id_i = in->b_id;
    if (s->in_reg) {
        // the inputs reach the walker at the edge, which ends the cycle before
        half_cycle(s, 0);           // nothing depends on the ports combinationally
        half_cycle(s, 1);           // the edge, then the outputs of this cycle settle
        if (!s->started) {
            s->started = true;
            t->rst_ni = 1;
        }
    } else {
        half_cycle(s, 0);           // settle the outputs of this cycle
    }
    out->req_ready = t->req_ready_o;
    out->rsp_valid = t->rsp_valid_o;
    out->inv_ready = t->inv_ready_o;
    out->id = t->rsp_id_o;
    out->exc = t->rsp_exc_o;
    out->flags = t->rsp_flags_o;
    out->hpa = t->rsp_hpa_o;
    out->gpa = t->rsp_gpa_o;
    out->tval = t->rsp_tval_o;
    out->htval = t->rsp_htval_o;
    out->vs_perm = t->rsp_vs_perm_o;
    out->g_perm = t->rsp_g_perm_o;
    out->page_size_log2 = t->rsp_page_size_log2_o;
    out->pte_reads = t->rsp_pte_reads_o;
    out->ar_valid = t->ar_valid_o;
    out->ar_addr = t->ar_addr_o;
    out->ar_attr = t->ar_attr_o;
    out->ar_id = t->ar_id_o;
    out->aw_id = t->aw_id_o;
    out->r_ready = t->r_ready_o;
    out->aw_valid = t->aw_valid_o;
    out->aw_addr = t->aw_addr_o;
    out->aw_attr = t->aw_attr_o;
    out->w_valid = t->w_valid_o;
    out->w_data = t->w_data_o;
    out->w_strb_last = t->w_strb_last_o;
    out->b_ready = t->b_ready_o;
    out->perf = t->perf_o;
    out->quiet = t->quiet_o;
    if (!s->in_reg)
        half_cycle(s, 1);           // rising edge
}

// The whole Verilated model (every flip-flop, memory and settled signal of
// walker_tb), for WALKER_SKIP=check: a cycle the harness would skip must
// leave it unchanged.
extern "C" size_t wsim_state_size(void)
{
    return sizeof(Vwalker_tb___024root);
}

extern "C" void wsim_state_save(const struct wsim *s, void *buf)
{
    std::memcpy(buf, static_cast<const void *>(s->top->rootp), sizeof(Vwalker_tb___024root));
}

extern "C" int wsim_state_same(const struct wsim *s, const void *buf)
{
    const unsigned char *a = static_cast<const unsigned char *>(buf);
    const unsigned char *b = reinterpret_cast<const unsigned char *>(s->top->rootp);
    unsigned n = 0;

    if (std::memcmp(a, b, sizeof(Vwalker_tb___024root)) == 0)
        return 1;
    // where (byte offsets into Vwalker_tb___024root, for a debugger or offsetof)
    std::fprintf(stderr, "wsim: model state changed at byte offsets");
    for (size_t i = 0; i < sizeof(Vwalker_tb___024root) && n < 16; i++)
        if (a[i] != b[i]) {
            std::fprintf(stderr, " %zu", i);
            n++;
        }
    std::fprintf(stderr, "\n");
    return 0;
}

extern "C" void wsim_free(struct wsim *s, const char *coverage_path)
{
    s->top->final();
#if VM_TRACE
    if (s->fst) {
        s->fst->close();
        delete s->fst;
    }
#endif
#if VM_COVERAGE
    if (coverage_path)
        s->ctx.coveragep()->write(coverage_path);
#else
    (void)coverage_path;
#endif
    delete s->top;
    delete s;
}
