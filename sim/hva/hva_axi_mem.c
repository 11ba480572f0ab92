/* hva_axi_mem: see hva_axi_mem.h. */
#include "hva_axi_mem.h"

#include <stdio.h>
#include <string.h>

#define RESP_OKAY   0u
#define RESP_EXOKAY 1u
#define RESP_SLVERR 2u

void hva_axi_mem_init(struct hva_axi_mem *a, struct hva_mem *mem, unsigned latency)
{
    memset(a, 0, sizeof *a);
    a->mem = mem;
    a->latency = latency;
}

void hva_axi_mem_drive(struct hva_axi_mem *a, struct hva_sim_pins *p)
{
    p->m_ar_ready = !a->r_busy;
    p->m_r_valid = a->r_busy && a->r_wait == 0;
    p->m_r_id = a->r_id;
    p->m_r_data = a->r_data;
    p->m_r_resp = a->r_resp;
    p->m_r_last = 1;
    p->m_aw_ready = !a->aw_have && !a->b_busy;
    p->m_w_ready = !a->w_have && !a->b_busy;
    p->m_b_valid = a->b_busy && a->b_wait == 0;
    p->m_b_id = a->b_id;
    p->m_b_resp = a->b_resp;
}

static void protocol_error(struct hva_axi_mem *a, const char *what)
{
    if (a->protocol_errors++ < 10)
        fprintf(stderr, "axi protocol: %s\n", what);
}

static void check_stable(struct hva_axi_mem *a, const struct hva_sim_pins *p)
{
    const struct hva_sim_pins *q = &a->prev;
    if (q->m_ar_valid && !q->m_ar_ready &&
        (!p->m_ar_valid || p->m_ar_addr != q->m_ar_addr || p->m_ar_id != q->m_ar_id ||
         p->m_ar_lock != q->m_ar_lock))
        protocol_error(a, "AR dropped or changed before ready");
    if (q->m_aw_valid && !q->m_aw_ready &&
        (!p->m_aw_valid || p->m_aw_addr != q->m_aw_addr || p->m_aw_id != q->m_aw_id ||
         p->m_aw_lock != q->m_aw_lock))
        protocol_error(a, "AW dropped or changed before ready");
    if (q->m_w_valid && !q->m_w_ready &&
        (!p->m_w_valid || p->m_w_data != q->m_w_data || p->m_w_strb != q->m_w_strb))
        protocol_error(a, "W dropped or changed before ready");
    if (p->m_ar_valid && p->m_ar_len != 0)
        protocol_error(a, "AR burst (len != 0)");
    if (p->m_aw_valid && p->m_aw_len != 0)
        protocol_error(a, "AW burst (len != 0)");
    if (p->m_w_valid && !p->m_w_last)
        protocol_error(a, "W without last on a single beat");
    a->prev = *p;
}

void hva_axi_mem_update(struct hva_axi_mem *a, const struct hva_sim_pins *p)
{
    check_stable(a, p);

    /* read channel */
    if (p->m_r_valid && p->m_r_ready)
        a->r_busy = false;
    else if (a->r_busy && a->r_wait)
        a->r_wait--;
    if (p->m_ar_valid && p->m_ar_ready) {
        a->r_busy = true;
        a->r_wait = a->latency;
        a->r_id = p->m_ar_id;
        a->reads++;
        if (!hva_mem_ok(a->mem, p->m_ar_addr)) {
            a->r_resp = RESP_SLVERR;
            a->r_data = 0;
        } else {
            a->r_data = hva_mem_read(a->mem, p->m_ar_addr);
            a->r_resp = RESP_OKAY;
            if (p->m_ar_lock) {
                a->excl_valid = true;
                a->excl_addr = p->m_ar_addr;
                a->r_resp = RESP_EXOKAY;
            }
        }
    }

    /* write channels */
    if (p->m_b_valid && p->m_b_ready)
        a->b_busy = false;
    else if (a->b_busy && a->b_wait)
        a->b_wait--;
    if (p->m_aw_valid && p->m_aw_ready) {
        a->aw_have = true;
        a->aw_id = p->m_aw_id;
        a->aw_addr = p->m_aw_addr;
        a->aw_lock = p->m_aw_lock;
    }
    if (p->m_w_valid && p->m_w_ready) {
        a->w_have = true;
        a->w_data = p->m_w_data;
        a->w_strb = p->m_w_strb;
    }
    if (a->aw_have && a->w_have && !a->b_busy) {
        bool ok = hva_mem_ok(a->mem, a->aw_addr);
        a->aw_have = a->w_have = false;
        a->b_busy = true;
        a->b_wait = a->latency;
        a->b_id = a->aw_id;
        a->writes++;
        if (!ok) {
            a->b_resp = RESP_SLVERR;
            return;
        }
        bool do_write = true;
        a->b_resp = RESP_OKAY;
        if (a->aw_lock) {
            do_write = a->excl_valid && a->excl_addr == a->aw_addr;
            a->b_resp = do_write ? RESP_EXOKAY : RESP_OKAY;
            a->excl_valid = false;
        } else if (a->excl_valid && a->excl_addr == a->aw_addr) {
            a->excl_valid = false;
        }
        if (do_write) {
            uint64_t v = hva_mem_read(a->mem, a->aw_addr);
            for (int b = 0; b < 8; b++)
                if (a->w_strb >> b & 1)
                    v = (v & ~(0xffull << 8 * b)) | (a->w_data & (0xffull << 8 * b));
            hva_mem_write(a->mem, a->aw_addr, v);
        }
    }
}
