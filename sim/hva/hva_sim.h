/* C interface to the Verilated HVA (sim/hva/hva_sim_top.sv around
 * rtl/hva/hva_top.sv), so the tests are C. The pins are the flat ports of
 * hva_sim_top: the test sets the inputs, hva_sim_eval() settles the logic
 * and writes the outputs back (clock low), hva_sim_tick() is the rising edge. */
#ifndef HVA_SIM_H
#define HVA_SIM_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

struct hva_sim_pins {
    /* AXI4-Lite, test = master */
    uint32_t s_aw_addr, s_aw_valid, s_aw_ready;
    uint32_t s_w_data, s_w_strb, s_w_valid, s_w_ready;
    uint32_t s_b_resp, s_b_valid, s_b_ready;
    uint32_t s_ar_addr, s_ar_valid, s_ar_ready;
    uint32_t s_r_data, s_r_resp, s_r_valid, s_r_ready;
    /* AXI4, test = memory */
    uint32_t m_aw_id, m_aw_lock, m_aw_len, m_aw_valid, m_aw_ready;
    uint64_t m_aw_addr;
    uint64_t m_w_data;
    uint32_t m_w_strb, m_w_last, m_w_valid, m_w_ready;
    uint32_t m_b_id, m_b_resp, m_b_valid, m_b_ready;
    uint32_t m_ar_id, m_ar_lock, m_ar_len, m_ar_valid, m_ar_ready;
    uint64_t m_ar_addr;
    uint64_t m_r_data;
    uint32_t m_r_id, m_r_resp, m_r_last, m_r_valid, m_r_ready;
    /* interrupts */
    uint32_t irq_src, irq, guest_eip, hyp_irq;
};

struct hva_sim;

/* fst_path: write an FST waveform there, or NULL. Holds reset for two cycles. */
struct hva_sim *hva_sim_new(const char *fst_path);
void hva_sim_eval(struct hva_sim *s, struct hva_sim_pins *p);
void hva_sim_tick(struct hva_sim *s);
void hva_sim_free(struct hva_sim *s);

#ifdef __cplusplus
}
#endif

#endif
