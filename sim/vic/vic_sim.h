/* C interface to the Verilated VIC (rtl/vic/vic.sv), so the tests are C.
 *
 * One vic_sim_cycle() call is one clock, with the same meaning as
 * vic_model_cycle(): the inputs are applied, the outputs of the current state
 * (the registered interrupt lines and the combinational bus response) are
 * sampled, then the rising edge moves the state on.
 *
 * The RTL's parameters are fixed when it is Verilated (VIC_SIM_* below, given
 * as -D and -G by sim/vic/vic.mk); vic_sim_params() reports them. */
#ifndef CHIPVISOR_VIC_SIM_H
#define CHIPVISOR_VIC_SIM_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

struct vic_sim;

struct vic_sim_in {
    const uint32_t *src;   /* source levels, bit s of word s/32 */
    int req, we;
    uint32_t addr, wdata, wstrb;
};

struct vic_sim_out {
    uint32_t rdata;
    int err;
    uint32_t guest_eip;    /* bit g: guest g's line */
    int hyp_irq;
};

/* fst_path: write an FST waveform there, or NULL. Holds reset for two cycles. */
struct vic_sim *vic_sim_new(const char *fst_path);
void vic_sim_cycle(struct vic_sim *s, const struct vic_sim_in *in, struct vic_sim_out *out);
/* writes the coverage file if the model was built with coverage */
void vic_sim_free(struct vic_sim *s);

#ifdef __cplusplus
}
#endif

#endif
