// Thin C++ shim around the Verilated HVA: pins in and out, clocking,
// waveforms. All test logic is C (tests/rtl/hva).
#include "hva_sim.h"

#include "Vhva_sim_top.h"
#include "verilated.h"
#if VM_TRACE
#include "verilated_fst_c.h"
#endif

struct hva_sim {
    VerilatedContext ctx;
    Vhva_sim_top *top;
#if VM_TRACE
    VerilatedFstC *fst;
#endif
};

static void dump(hva_sim *s)
{
#if VM_TRACE
    if (s->fst)
        s->fst->dump(s->ctx.time());
#endif
    s->ctx.timeInc(1);
}

extern "C" struct hva_sim *hva_sim_new(const char *fst_path)
{
    hva_sim *s = new hva_sim;
    s->top = new Vhva_sim_top(&s->ctx, "hva");
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
        s->top->clk_i = 0;
        s->top->eval();
        dump(s);
        s->top->clk_i = 1;
        s->top->eval();
        dump(s);
    }
    s->top->clk_i = 0;
    s->top->rst_ni = 1;
    return s;
}

extern "C" void hva_sim_eval(struct hva_sim *s, struct hva_sim_pins *p)
{
    Vhva_sim_top *t = s->top;
    t->clk_i = 0;
    t->s_aw_addr = p->s_aw_addr;
    t->s_aw_valid = p->s_aw_valid;
    t->s_w_data = p->s_w_data;
    t->s_w_strb = p->s_w_strb;
    t->s_w_valid = p->s_w_valid;
    t->s_b_ready = p->s_b_ready;
    t->s_ar_addr = p->s_ar_addr;
    t->s_ar_valid = p->s_ar_valid;
    t->s_r_ready = p->s_r_ready;
    t->m_aw_ready = p->m_aw_ready;
    t->m_w_ready = p->m_w_ready;
    t->m_b_id = p->m_b_id;
    t->m_b_resp = p->m_b_resp;
    t->m_b_valid = p->m_b_valid;
    t->m_ar_ready = p->m_ar_ready;
    t->m_r_id = p->m_r_id;
    t->m_r_data = p->m_r_data;
    t->m_r_resp = p->m_r_resp;
    t->m_r_last = p->m_r_last;
    t->m_r_valid = p->m_r_valid;
    t->irq_src_i = p->irq_src;
    t->eval();
    p->s_aw_ready = t->s_aw_ready;
    p->s_w_ready = t->s_w_ready;
    p->s_b_resp = t->s_b_resp;
    p->s_b_valid = t->s_b_valid;
    p->s_ar_ready = t->s_ar_ready;
    p->s_r_data = t->s_r_data;
    p->s_r_resp = t->s_r_resp;
    p->s_r_valid = t->s_r_valid;
    p->m_aw_id = t->m_aw_id;
    p->m_aw_addr = t->m_aw_addr;
    p->m_aw_lock = t->m_aw_lock;
    p->m_aw_len = t->m_aw_len;
    p->m_aw_valid = t->m_aw_valid;
    p->m_w_data = t->m_w_data;
    p->m_w_strb = t->m_w_strb;
    p->m_w_last = t->m_w_last;
    p->m_w_valid = t->m_w_valid;
    p->m_b_ready = t->m_b_ready;
    p->m_ar_id = t->m_ar_id;
    p->m_ar_addr = t->m_ar_addr;
    p->m_ar_lock = t->m_ar_lock;
    p->m_ar_len = t->m_ar_len;
    p->m_ar_valid = t->m_ar_valid;
    p->m_r_ready = t->m_r_ready;
    p->irq = t->irq_o;
    p->guest_eip = t->guest_eip_o;
    p->hyp_irq = t->hyp_irq_o;
    dump(s);
}

extern "C" void hva_sim_tick(struct hva_sim *s)
{
    s->top->clk_i = 1;
    s->top->eval();
    dump(s);
}

extern "C" void hva_sim_free(struct hva_sim *s)
{
    s->top->final();
#if VM_TRACE
    if (s->fst)
        s->fst->close();
    delete s->fst;
#endif
    delete s->top;
    delete s;
}
