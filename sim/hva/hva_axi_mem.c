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
    p->m_r_last = a->r_left == 0;
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
    if ((p->m_ar_valid && p->m_ar_lock && p->m_ar_len != 0) ||
        (p->m_aw_valid && p->m_aw_lock && p->m_aw_len != 0))
        protocol_error(a, "exclusive burst");
    if (p->m_w_valid && p->m_w_ready && a->aw_have &&
        !p->m_w_last != (a->w_beat < a->aw_len))
        protocol_error(a, "WLAST not on the burst's last beat");
    a->prev = *p;
}

/* the read beat at r_addr into r_data / r_resp */
static void beat_read(struct hva_axi_mem *a, bool lock)
{
    a->reads++;
    if (!hva_mem_ok(a->mem, a->r_addr)) {
        a->r_resp = RESP_SLVERR;
        a->r_data = 0;
        return;
    }
    a->r_data = hva_mem_read(a->mem, a->r_addr);
    a->r_resp = RESP_OKAY;
    if (lock) {
        a->excl_valid = true;
        a->excl_addr = a->r_addr;
        a->r_resp = RESP_EXOKAY;
    }
}

void hva_axi_mem_update(struct hva_axi_mem *a, const struct hva_sim_pins *p)
{
    check_stable(a, p);

    /* read channel: a beat per cycle after the first */
    if (p->m_r_valid && p->m_r_ready) {
        if (a->r_left) {
            a->r_left--;
            a->r_addr += 8;
            beat_read(a, false);
        } else
            a->r_busy = false;
    } else if (a->r_busy && a->r_wait)
        a->r_wait--;
    if (p->m_ar_valid && p->m_ar_ready) {
        a->r_busy = true;
        a->r_wait = a->latency;
        a->r_id = p->m_ar_id;
        a->r_addr = p->m_ar_addr;
        a->r_left = p->m_ar_len;
        beat_read(a, p->m_ar_lock);
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
        a->aw_len = p->m_aw_len;
        a->w_beat = 0;
        a->b_resp = RESP_OKAY;
    }
    if (p->m_w_valid && p->m_w_ready) {
        a->w_have = true;
        a->w_data = p->m_w_data;
        a->w_strb = p->m_w_strb;
    }
    /* one W beat at a time; the burst's last one ends it with B */
    if (a->aw_have && a->w_have && !a->b_busy) {
        uint64_t addr = a->aw_addr + 8ull * a->w_beat;
        bool ok = hva_mem_ok(a->mem, addr), last = a->w_beat >= a->aw_len;
        a->w_have = false;
        a->w_beat++;
        a->writes++;
        if (last) {
            a->aw_have = false;
            a->b_busy = true;
            a->b_wait = a->latency;
            a->b_id = a->aw_id;
        }
        if (!ok) {
            a->b_resp = RESP_SLVERR;
            return;
        }
        if (a->b_resp == RESP_SLVERR)
            return;   /* an earlier beat failed: the burst answers SLVERR */
        bool do_write = true;
        a->b_resp = RESP_OKAY;
        if (a->aw_lock) {
            do_write = a->excl_valid && a->excl_addr == addr;
            a->b_resp = do_write ? RESP_EXOKAY : RESP_OKAY;
            a->excl_valid = false;
        } else if (a->excl_valid && a->excl_addr == addr) {
            a->excl_valid = false;
        }
        if (do_write) {
            uint64_t v = hva_mem_read(a->mem, addr);
            for (int b = 0; b < 8; b++)
                if (a->w_strb >> b & 1)
                    v = (v & ~(0xffull << 8 * b)) | (a->w_data & (0xffull << 8 * b));
            hva_mem_write(a->mem, addr, v);
        }
    }
}
