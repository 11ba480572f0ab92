/* An AXI4 slave on struct hva_mem for the HVA harness: INCR bursts (64-bit
 * beats), one read and one write in flight, `latency` cycles from the address
 * to the first beat / the response, then a beat per cycle, SLVERR outside the
 * memory or in its error range (per beat for reads, for the burst on writes),
 * an exclusive monitor for AxLOCK pairs (EXOKAY), and protocol checks on the
 * master (valid held until ready, payload stable meanwhile, WLAST on the
 * burst's last beat and only there). */
#ifndef HVA_AXI_MEM_H
#define HVA_AXI_MEM_H

#include <stdbool.h>
#include <stdint.h>

#include "hva_mem.h"
#include "hva_sim.h"

struct hva_axi_mem {
    struct hva_mem *mem;
    unsigned latency;
    /* read */
    bool r_busy;
    unsigned r_wait;
    uint32_t r_id, r_resp, r_left;   /* r_left: beats after this one */
    uint64_t r_data, r_addr;
    /* write */
    bool aw_have, w_have, b_busy;
    unsigned b_wait;
    uint32_t aw_id, aw_lock, aw_len, w_beat, b_id, b_resp;
    uint64_t aw_addr, w_data;
    uint32_t w_strb;
    /* exclusive monitor (one reservation) */
    bool excl_valid;
    uint64_t excl_addr;
    /* last cycle's master outputs, for the stability checks */
    struct hva_sim_pins prev;
    /* statistics */
    uint64_t reads, writes, protocol_errors;
};

void hva_axi_mem_init(struct hva_axi_mem *a, struct hva_mem *mem, unsigned latency);
/* Before hva_sim_eval: the slave's outputs into p. */
void hva_axi_mem_drive(struct hva_axi_mem *a, struct hva_sim_pins *p);
/* After hva_sim_eval: take this cycle's handshakes. */
void hva_axi_mem_update(struct hva_axi_mem *a, const struct hva_sim_pins *p);

#endif
