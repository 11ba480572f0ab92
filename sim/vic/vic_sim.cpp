// Thin C++ shim around the Verilated VIC: clocking, the source vector's
// width, waveforms and coverage. All test logic is C (tests/rtl/vic).
#include "vic_sim.h"

#include <cstdio>
#include <cstdlib>

#include "Vvic.h"
#include "verilated.h"
#if VM_TRACE
#include "verilated_fst_c.h"
#endif

struct vic_sim {
    VerilatedContext ctx;
    Vvic *top;
#if VM_TRACE
    VerilatedFstC *fst;
#endif
};

static void set_sources(Vvic *top, const uint32_t *src)
{
    // Verilator's type for src_i depends on its width (VIC_SIM_SOURCES)
#if VIC_SIM_SOURCES <= 32
    top->src_i = src[0] & (VIC_SIM_SOURCES == 32 ? ~0u : (1u << VIC_SIM_SOURCES) - 1);
#elif VIC_SIM_SOURCES <= 64
    uint64_t v = (uint64_t)src[1] << 32 | src[0];
    top->src_i = v & (VIC_SIM_SOURCES == 64 ? ~0ull : (1ull << VIC_SIM_SOURCES) - 1);
#else
    for (int w = 0; w < (VIC_SIM_SOURCES + 31) / 32; w++) {
        uint32_t m = (w + 1) * 32 <= VIC_SIM_SOURCES ? ~0u : (1u << VIC_SIM_SOURCES % 32) - 1;
        top->src_i[w] = src[w] & m;
    }
#endif
}

static void half_cycle(vic_sim *s, int clk)
{
    s->top->clk_i = clk;
    s->top->eval();
#if VM_TRACE
    if (s->fst)
        s->fst->dump(s->ctx.time());
#endif
    s->ctx.timeInc(1);
}

extern "C" struct vic_sim *vic_sim_new(const char *fst_path)
{
    vic_sim *s = new vic_sim;
    s->top = new Vvic(&s->ctx, "vic");
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
    uint32_t zero[(VIC_SIM_SOURCES + 31) / 32] = {};
    set_sources(s->top, zero);
    s->top->req_i = 0;
    s->top->rst_ni = 0;
    for (int i = 0; i < 2; i++) {
        half_cycle(s, 0);
        half_cycle(s, 1);
    }
    s->top->rst_ni = 1;
    return s;
}

extern "C" void vic_sim_cycle(struct vic_sim *s, const struct vic_sim_in *in, struct vic_sim_out *out)
{
    Vvic *t = s->top;
    set_sources(t, in->src);
    t->req_i = in->req;
    t->we_i = in->we;
    t->addr_i = in->addr;
    t->wdata_i = in->wdata;
    t->wstrb_i = in->wstrb;
    half_cycle(s, 0);               // settle the combinational response
    out->rdata = t->rdata_o;
    out->err = t->err_o;
    out->guest_eip = t->guest_eip_o;
    out->hyp_irq = t->hyp_irq_o;
    half_cycle(s, 1);               // rising edge
}

extern "C" void vic_sim_free(struct vic_sim *s)
{
    s->top->final();
#if VM_TRACE
    if (s->fst) {
        s->fst->close();
        delete s->fst;
    }
#endif
#if VM_COVERAGE
    // one file per simulation (each test has its own), in $VIC_COVERAGE_DIR
    // (default build/vic); merge them with
    // verilator_coverage --write merged.dat <dir>/coverage_*.dat
    static int seq;
    char name[512];
    const char *dir = getenv("VIC_COVERAGE_DIR");
    snprintf(name, sizeof(name), "%s/coverage_%d.dat", dir ? dir : "build/vic", seq++);
    s->ctx.coveragep()->write(name);
#endif
    delete s->top;
    delete s;
}
