/* hva-trace-replay: runs a file of translation requests through the
 * Verilated walker over a memory image and prints one line per request and
 * the performance counters. Formats: sim/walker/README.md. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "mem_model.h"
#include "walker_harness.h"

static const char *exc_name(unsigned exc)
{
    switch (exc) {
    case 1:  return "instruction access fault";
    case 5:  return "load access fault";
    case 7:  return "store access fault";
    case 12: return "instruction page fault";
    case 13: return "load page fault";
    case 15: return "store page fault";
    case 20: return "instruction guest-page fault";
    case 21: return "load guest-page fault";
    case 23: return "store guest-page fault";
    default: return "?";
    }
}

static void perm_str(uint8_t p, char *s)
{
    s[0] = p & XLATE_PTE_R ? 'r' : '-';
    s[1] = p & XLATE_PTE_W ? 'w' : '-';
    s[2] = p & XLATE_PTE_X ? 'x' : '-';
    s[3] = p & XLATE_PTE_U ? 'u' : '-';
    s[4] = '\0';
}

static int parse_access(const char *s, enum xlate_access *a)
{
    if (!strcmp(s, "r") || !strcmp(s, "read"))
        *a = XLATE_READ;
    else if (!strcmp(s, "w") || !strcmp(s, "write"))
        *a = XLATE_WRITE;
    else if (!strcmp(s, "x") || !strcmp(s, "exec"))
        *a = XLATE_EXEC;
    else
        return -1;
    return 0;
}

/* "hfence.vvma|hfence.gvma [vmid=N] [asid=N] [addr=A]" */
static int parse_fence(char *line, struct wh_inv *v)
{
    char *tok = strtok(line, " \t\n");

    memset(v, 0, sizeof(*v));
    v->gvma = !strcmp(tok, "hfence.gvma");
    v->all_vmid = true;
    while ((tok = strtok(NULL, " \t\n"))) {
        char *end;
        unsigned long long n;
        if (!strncmp(tok, "vmid=", 5)) {
            n = strtoull(tok + 5, &end, 0);
            v->vmid = (uint16_t)n;
            v->all_vmid = false;
        } else if (!strncmp(tok, "asid=", 5) && !v->gvma) {
            n = strtoull(tok + 5, &end, 0);
            v->asid = (uint16_t)n;
            v->use_asid = true;
        } else if (!strncmp(tok, "addr=", 5)) {
            n = strtoull(tok + 5, &end, 0);
            v->addr = n;
            v->use_addr = true;
        } else {
            return -1;
        }
        if (*end)
            return -1;
    }
    return 0;
}

/* "vsatp hgatp virt user sum mxr vmxr hlvx access addr [svade]" */
static int parse_request(char *line, struct wh_req *q)
{
    char *tok[12];
    unsigned n = 0;
    uint64_t v[10];

    for (char *t = strtok(line, " \t\r\n"); t && n < 12; t = strtok(NULL, " \t\r\n"))
        tok[n++] = t;
    if (n < 10 || n > 11 || (n == 11 && strcmp(tok[10], "svade")) || parse_access(tok[8], &q->acc))
        return -1;
    for (unsigned i = 0; i < 10; i++) {
        char *end;
        if (i == 8)
            continue;
        v[i] = strtoull(tok[i], &end, 0);
        if (*end || (i >= 2 && i <= 7 && v[i] > 1))
            return -1;
    }
    memset(&q->c, 0, sizeof(q->c));
    q->c.vsatp = v[0];
    q->c.hgatp = v[1];
    q->c.virt = v[2];
    q->c.user = v[3];
    q->c.sum = v[4];
    q->c.mxr = v[5];
    q->c.vmxr = v[6];
    q->c.hlvx = v[7];
    q->c.ad_mode = n == 11 ? XLATE_AD_FAULT : XLATE_AD_UPDATE;
    q->addr = v[9];
    return 0;
}

/* "mem ADDR VALUE" (hex): the guest stored VALUE to the 64-bit word at HPA
 * ADDR (a page-table update in a recorded stream; the fence after it in the
 * stream is what makes the walker's caches let go of the old entry) */
static int parse_mem(char *line, uint64_t *addr, uint64_t *val)
{
    char *a, *v, *end;

    strtok(line, " \t\r\n");
    a = strtok(NULL, " \t\r\n");
    v = strtok(NULL, " \t\r\n");
    if (!a || !v || strtok(NULL, " \t\r\n"))
        return -1;
    *addr = strtoull(a, &end, 16);
    if (*end || *addr % 8)
        return -1;
    *val = strtoull(v, &end, 16);
    return *end ? -1 : 0;
}

static void usage(void)
{
    fprintf(stderr, "usage: hva-trace-replay [--latency N] [--axi-random SEED] [--quiet] <memory image> <requests file>\n");
    exit(2);
}

int main(int argc, char **argv)
{
    static const char *acc_name[] = { "r", "w", "x" };
    struct mem_model mem;
    struct walker_h h;
    unsigned latency = 4, lineno = 0, n_req = 0;
    bool quiet = false, axi_random = false;
    unsigned long long axi_seed = 0;
    char line[1024], err[256];
    const char *image, *reqs;
    FILE *f;

    for (;;) {
        if (argc >= 3 && !strcmp(argv[1], "--latency")) {
            latency = (unsigned)strtoul(argv[2], NULL, 0);
            argv += 2;
            argc -= 2;
        } else if (argc >= 3 && !strcmp(argv[1], "--axi-random")) {   /* the random slave */
            axi_seed = strtoull(argv[2], NULL, 0);
            axi_random = true;
            argv += 2;
            argc -= 2;
        } else if (argc >= 2 && !strcmp(argv[1], "--quiet")) {   /* the counters line alone */
            quiet = true;
            argv++;
            argc--;
        } else {
            break;
        }
    }
    if (argc != 3 || latency < 1)
        usage();
    image = argv[1];
    reqs = argv[2];
    mem_init(&mem, 0x80000000ull, 0x80000000ull);
    if (mem_load_image(&mem, image, err, sizeof(err))) {
        fprintf(stderr, "hva-trace-replay: %s\n", err);
        return 1;
    }
    f = fopen(reqs, "r");
    if (!f) {
        fprintf(stderr, "hva-trace-replay: %s: cannot open\n", reqs);
        return 1;
    }
    wh_init(&h, &mem, latency, getenv("WALKER_TRACE") ? "hva-trace-replay.fst" : NULL);
    if (axi_random)
        wh_axi_random(&h, axi_seed);
    while (fgets(line, sizeof(line), f)) {
        char *p = strchr(line, '#');
        struct wh_req q;
        struct wh_rsp r;
        struct wh_inv v;

        lineno++;
        if (p)
            *p = '\0';
        p = line + strspn(line, " \t\r\n");
        if (!*p)
            continue;
        if (!strncmp(p, "hfence.", 7)) {
            if (parse_fence(p, &v) || wh_invalidate(&h, &v)) {
                fprintf(stderr, "hva-trace-replay: %s:%u: bad fence\n", reqs, lineno);
                return 1;
            }
            continue;
        }
        if (!strncmp(p, "mem ", 4)) {
            uint64_t addr, val;
            if (parse_mem(p, &addr, &val)) {
                fprintf(stderr, "hva-trace-replay: %s:%u: bad mem line\n", reqs, lineno);
                return 1;
            }
            mem_poke(&mem, addr, val);
            continue;
        }
        if (parse_request(p, &q)) {
            fprintf(stderr, "hva-trace-replay: %s:%u: cannot parse\n", reqs, lineno);
            return 1;
        }
        if (wh_translate(&h, &q, &r)) {
            fprintf(stderr, "hva-trace-replay: %s:%u: no response\n", reqs, lineno);
            return 1;
        }
        n_req++;
        if (quiet)
            continue;
        if (r.exc == 0) {
            char vs[5], g[5];
            perm_str(r.vs_perm, vs);
            perm_str(r.g_perm, g);
            printf("%u %s 0x%llx ok hpa=0x%llx gpa=0x%llx page=0x%llx vs=%s g=%s", n_req,
                   acc_name[q.acc], (unsigned long long)q.addr, (unsigned long long)r.hpa,
                   (unsigned long long)r.gpa, (unsigned long long)r.page_size, vs, g);
        } else {
            printf("%u %s 0x%llx exc=%u (%s) tval=0x%llx htval=0x%llx gpa=0x%llx implicit=%d",
                   n_req, acc_name[q.acc], (unsigned long long)q.addr, r.exc, exc_name(r.exc),
                   (unsigned long long)r.tval, (unsigned long long)r.htval,
                   (unsigned long long)r.gpa, r.implicit);
        }
        printf(" | reads=%u hit=%s%s%s cycles=%llu\n", r.pte_reads, r.tlb_hit ? "tlb" : "",
               r.gtlb_hit ? (r.tlb_hit ? ",gtlb" : "gtlb") : "",
               r.pwc_hit ? (r.tlb_hit || r.gtlb_hit ? ",pwc" : "pwc") : "",
               (unsigned long long)r.cycles);
    }
    fclose(f);
    printf("counters: requests %llu tlb_hits %llu gtlb_hits %llu pwc_hits %llu pte_reads %llu "
           "ad_updates %llu faults %llu busy_cycles %llu cycles_per_request %.2f "
           "(memory latency %u)\n",
           (unsigned long long)h.cnt.requests, (unsigned long long)h.cnt.tlb_hits,
           (unsigned long long)h.cnt.gtlb_hits, (unsigned long long)h.cnt.pwc_hits,
           (unsigned long long)h.cnt.pte_reads, (unsigned long long)h.cnt.ad_updates,
           (unsigned long long)h.cnt.faults, (unsigned long long)h.cnt.busy_cycles,
           h.cnt.requests ? (double)h.cnt.busy_cycles / (double)h.cnt.requests : 0.0, latency);
    if (h.n_errors) {
        fprintf(stderr, "hva-trace-replay: AXI protocol error: %s\n", h.error);
        return 1;
    }
    if (getenv("HVA_REPLAY_SPEED")) {   /* simulated cycles per second of CPU time (all of the run) */
        double cpu = (double)clock() / CLOCKS_PER_SEC;
        fprintf(stderr, "speed: %llu cycles simulated in %.2f s of CPU time: %.2f M cycles/s "
                "(%llu quiet cycles %s)\n",
                (unsigned long long)h.cnt.cycles, cpu, cpu > 0 ? (double)h.cnt.cycles / cpu / 1e6 : 0.0,
                (unsigned long long)h.skipped,
                h.skip == WH_SKIP_ON ? "not evaluated" : h.skip == WH_SKIP_CHECK ? "checked" : "evaluated");
    }
    wh_free(&h, NULL);
    mem_free(&mem);
    return 0;
}
