/* Sparse word memory: 4 KiB pages allocated on first write, found by an
 * open-addressing hash of the page number. */
#include "mem_model.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct mem_page {
    uint64_t pn;
    uint64_t w[512];
};

#define INITIAL_SLOTS 1024u

void mem_init(struct mem_model *m, uint64_t ram_base, uint64_t ram_size)
{
    memset(m, 0, sizeof(*m));
    m->ram_base = ram_base;
    m->ram_size = ram_size;
    m->n_slots = INITIAL_SLOTS;
    m->slot = calloc(m->n_slots, sizeof(*m->slot));
    if (!m->slot)
        abort();
}

void mem_clear(struct mem_model *m)
{
    for (unsigned i = 0; i < m->n_slots; i++) {
        free(m->slot[i]);
        m->slot[i] = NULL;
    }
    m->n_pages = 0;
    m->n_err = 0;
    m->n_log = 0;
}

void mem_free(struct mem_model *m)
{
    mem_clear(m);
    free(m->slot);
    m->slot = NULL;
}

static unsigned hash_pn(const struct mem_model *m, uint64_t pn)
{
    return (unsigned)((pn * 0x9e3779b97f4a7c15ull) >> 40) & (m->n_slots - 1);
}

static struct mem_page **find_slot(struct mem_model *m, uint64_t pn)
{
    unsigned i = hash_pn(m, pn);
    while (m->slot[i] && m->slot[i]->pn != pn)
        i = (i + 1) & (m->n_slots - 1);
    return &m->slot[i];
}

static void grow(struct mem_model *m)
{
    struct mem_page **old = m->slot;
    unsigned n_old = m->n_slots;

    m->n_slots *= 2;
    m->slot = calloc(m->n_slots, sizeof(*m->slot));
    if (!m->slot)
        abort();
    for (unsigned i = 0; i < n_old; i++)
        if (old[i])
            *find_slot(m, old[i]->pn) = old[i];
    free(old);
}

void mem_set_backing(struct mem_model *m, uint64_t *words)
{
    m->backing = words;
}

static uint64_t *word(struct mem_model *m, uint64_t addr, bool alloc)
{
    uint64_t pn = addr >> 12;
    struct mem_page **s;

    if (m->backing && addr - m->ram_base < m->ram_size)
        return &m->backing[(addr - m->ram_base) >> 3];
    s = find_slot(m, pn);

    if (!*s) {
        if (!alloc)
            return NULL;
        if (2 * (m->n_pages + 1) > m->n_slots) {
            grow(m);
            s = find_slot(m, pn);
        }
        *s = calloc(1, sizeof(**s));
        if (!*s)
            abort();
        (*s)->pn = pn;
        m->n_pages++;
    }
    return &(*s)->w[(addr & 0xfff) >> 3];
}

static enum mem_status check(const struct mem_model *m, uint64_t addr)
{
    for (unsigned i = 0; i < m->n_err; i++)
        if (m->err_addr[i] == (addr & ~7ull))
            return MEM_SLVERR;
    if (addr < m->ram_base || addr - m->ram_base >= m->ram_size || (addr & 7))
        return MEM_DECERR;
    return MEM_OK;
}

enum mem_status mem_read64(struct mem_model *m, uint64_t addr, uint64_t *val)
{
    enum mem_status st = check(m, addr);
    uint64_t *w;

    *val = 0;
    if (st != MEM_OK)
        return st;
    w = word(m, addr, false);
    /* a live RAM changes under us (QEMU's hart is stopped while we walk,
     * but the word is read once, as the bus would) */
    *val = w ? __atomic_load_n(w, __ATOMIC_RELAXED) : 0;
    if (m->observe)
        m->observe(m->observe_ctx, addr, *val, false);
    return MEM_OK;
}

enum mem_status mem_write64(struct mem_model *m, uint64_t addr, uint64_t val)
{
    enum mem_status st = check(m, addr);
    uint64_t *w;

    if (st != MEM_OK)
        return st;
    w = word(m, addr, true);
    if (m->n_log < MEM_LOG_MAX)
        m->log[m->n_log++] = (struct mem_write){ addr, *w, val };
    *w = val;
    if (m->observe)
        m->observe(m->observe_ctx, addr, val, true);
    return MEM_OK;
}

void mem_poke(struct mem_model *m, uint64_t addr, uint64_t val)
{
    *word(m, addr & ~7ull, true) = val;
}

bool mem_inject_error(struct mem_model *m, uint64_t addr)
{
    if (m->n_err == MEM_MAX_ERRORS)
        return false;
    m->err_addr[m->n_err++] = addr & ~7ull;
    return true;
}

void mem_log_clear(struct mem_model *m)
{
    m->n_log = 0;
}

void mem_log_undo(struct mem_model *m)
{
    while (m->n_log) {
        struct mem_write *w = &m->log[--m->n_log];
        *word(m, w->addr, true) = w->old;
    }
}

int mem_xlate_read64(void *ctx, uint64_t hpa, uint64_t *val)
{
    return mem_read64(ctx, hpa, val) == MEM_OK ? 0 : -1;
}

int mem_xlate_cas64(void *ctx, uint64_t hpa, uint64_t expect, uint64_t desired, uint64_t *old)
{
    struct mem_model *m = ctx;

    if (mem_read64(m, hpa, old) != MEM_OK)
        return -1;
    if (*old == expect && mem_write64(m, hpa, desired) != MEM_OK)
        return -1;
    return 0;
}

int mem_load_image(struct mem_model *m, const char *path, char *err, unsigned err_len)
{
    FILE *f = fopen(path, "r");
    char line[4096];
    unsigned lineno = 0;

    if (!f) {
        snprintf(err, err_len, "%s: cannot open", path);
        return -1;
    }
    while (fgets(line, sizeof(line), f)) {
        char *p = strchr(line, '#'), *end;
        unsigned long long a, b;

        lineno++;
        if (p)
            *p = '\0';
        p = line;
        while (*p == ' ' || *p == '\t')
            p++;
        if (*p == '\n' || *p == '\0')
            continue;
        if (sscanf(p, "ram %llx %llx", &a, &b) == 2) {
            m->ram_base = a;
            m->ram_size = b;
            continue;
        }
        if (sscanf(p, "error %llx", &a) == 1) {
            if (!mem_inject_error(m, a))
                goto bad;
            continue;
        }
        a = strtoull(p, &end, 16);
        if (end == p || *end != ':' || (a & 7))
            goto bad;
        p = end + 1;
        for (;;) {
            b = strtoull(p, &end, 16);
            if (end == p)
                break;
            mem_poke(m, a, b);
            a += 8;
            p = end;
        }
        while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
            p++;
        if (*p)
            goto bad;
    }
    fclose(f);
    return 0;
bad:
    snprintf(err, err_len, "%s:%u: cannot parse", path, lineno);
    fclose(f);
    return -1;
}
