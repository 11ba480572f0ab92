/* hva-walk-check: the Verilated walker beside the HVA platform QEMU's hart.
 * Every two-stage translation of the hart's TLB fills (QEMU's hva-walk CPU
 * property, host-tools/qemu-hva/0002 patch) arrives here with QEMU's answer;
 * the walker translates it over the same guest RAM (QEMU's shared RAM file,
 * mapped), the answers are compared (what is compared: sim/walker/README.md)
 * and a disagreement stops QEMU. The hart's fences reach the walker too.
 * At the end: counters and METRIC lines. With --record PREFIX the stream is
 * written as a trace hva-trace-replay replays without QEMU: PREFIX.req (the
 * requests and fences, and a "mem" line before a request for each word its
 * walk read whose value changed since the trace last had it: the page-table
 * stores of the guest, the hypervisor and QEMU's own A/D updates) and
 * PREFIX.mem (every word the walks read, as first seen). Wire format:
 * hva_walk_proto.h. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "hva_walk_proto.h"
#include "mem_model.h"
#include "walker_harness.h"

/* ---- the recorder's view of memory: first value and the trace's value ---- */

struct word_ent { uint64_t addr, first, shadow; bool used; };

struct recorder {
    FILE *req;
    const char *prefix;
    struct word_ent *tab;
    size_t n_tab, n_used;
    struct { uint64_t addr, val; } pend[64];   /* changed words seen by this walk */
    unsigned n_pend;
    bool overflow;
    uint64_t mem_lines, fence_lines;
    uint64_t max;        /* requests to record (0: all) */
    uint64_t n_req;
    bool started;
    bool done;           /* max reached: the files are written, the check goes on */
    struct wh_counters base;   /* the walker's counters when the recording started */
};

static struct word_ent *rec_find(struct recorder *r, uint64_t addr)
{
    size_t i = (size_t)((addr >> 3) * 0x9e3779b97f4a7c15ull) & (r->n_tab - 1);

    while (r->tab[i].used && r->tab[i].addr != addr)
        i = (i + 1) & (r->n_tab - 1);
    return &r->tab[i];
}

static void rec_grow(struct recorder *r)
{
    struct word_ent *old = r->tab;
    size_t n_old = r->n_tab;

    r->n_tab = n_old ? 2 * n_old : 1u << 16;
    r->tab = calloc(r->n_tab, sizeof(*r->tab));
    if (!r->tab)
        abort();
    for (size_t i = 0; i < n_old; i++)
        if (old[i].used)
            *rec_find(r, old[i].addr) = old[i];
    free(old);
}

static void rec_observe(void *ctx, uint64_t addr, uint64_t val, bool write)
{
    struct recorder *r = ctx;
    struct word_ent *e;

    if (2 * (r->n_used + 1) > r->n_tab)
        rec_grow(r);
    e = rec_find(r, addr);
    if (!e->used) {
        *e = (struct word_ent){ addr, val, val, true };
        r->n_used++;
        return;
    }
    if (!write && e->shadow != val) {
        if (r->n_pend < sizeof(r->pend) / sizeof(r->pend[0])) {
            r->pend[r->n_pend].addr = addr;
            r->pend[r->n_pend].val = val;
            r->n_pend++;
        } else {
            r->overflow = true;
        }
    }
    e->shadow = val;    /* a walker write is replayed by the walker itself */
}

static int cmp_addr(const void *a, const void *b)
{
    uint64_t x = ((const struct word_ent *)a)->addr, y = ((const struct word_ent *)b)->addr;
    return x < y ? -1 : x > y;
}

/* PREFIX.mem: the RAM window and the first value of every word read, by address */
static int rec_write_mem(struct recorder *r, const struct mem_model *m)
{
    char path[4096];
    struct word_ent *v = malloc((r->n_used + 1) * sizeof(*v));
    size_t n = 0;
    FILE *f;

    if (!v)
        abort();
    for (size_t i = 0; i < r->n_tab; i++)
        if (r->tab[i].used)
            v[n++] = r->tab[i];
    qsort(v, n, sizeof(*v), cmp_addr);
    snprintf(path, sizeof(path), "%s.mem", r->prefix);
    f = fopen(path, "w");
    if (!f) {
        fprintf(stderr, "hva-walk-check: cannot write %s\n", path);
        free(v);
        return -1;
    }
    fprintf(f, "# hva-walk-check: the page-table words the walks read, as first seen\n");
    fprintf(f, "ram %llx %llx\n", (unsigned long long)m->ram_base, (unsigned long long)m->ram_size);
    for (size_t i = 0; i < n; i++)
        fprintf(f, "%llx: %016llx\n", (unsigned long long)v[i].addr, (unsigned long long)v[i].first);
    free(v);
    return fclose(f) ? -1 : 0;
}

/* ---- comparison ---------------------------------------------------------- */

static const char *acc_name[] = { "r", "w", "x" };

static unsigned page_exc(enum xlate_access a)
{
    return a == XLATE_EXEC ? XLATE_EXC_INST_PAGE : a == XLATE_WRITE ? XLATE_EXC_STORE_PAGE
                                                                    : XLATE_EXC_LOAD_PAGE;
}

static unsigned guest_exc(enum xlate_access a)
{
    return a == XLATE_EXEC ? XLATE_EXC_INST_GUEST_PAGE
         : a == XLATE_WRITE ? XLATE_EXC_STORE_GUEST_PAGE : XLATE_EXC_LOAD_GUEST_PAGE;
}

static unsigned access_exc(enum xlate_access a)
{
    return a == XLATE_EXEC ? XLATE_EXC_INST_ACCESS : a == XLATE_WRITE ? XLATE_EXC_STORE_ACCESS
                                                                      : XLATE_EXC_LOAD_ACCESS;
}

/* what the leaves allow, privilege aside: QEMU's prot must be within it */
static unsigned leaf_prot(const struct wh_req *q, const struct wh_rsp *r)
{
    bool vs_r = (r->vs_perm & XLATE_PTE_R) || ((r->vs_perm & XLATE_PTE_X) && (q->c.mxr || q->c.vmxr));
    bool g_r = (r->g_perm & XLATE_PTE_R) || ((r->g_perm & XLATE_PTE_X) && q->c.mxr);
    unsigned p = 0;

    if (vs_r && g_r)
        p |= HVA_WALK_PROT_R;
    if ((r->vs_perm & XLATE_PTE_W) && (r->g_perm & XLATE_PTE_W))
        p |= HVA_WALK_PROT_W;
    if ((r->vs_perm & XLATE_PTE_X) && (r->g_perm & XLATE_PTE_X))
        p |= HVA_WALK_PROT_X;
    return p;
}

enum { CMP_AGREE, CMP_DISAGREE, CMP_SKIP, CMP_DEVIATION };

static int compare(const struct hva_walk_msg *m, const struct wh_req *q, const struct wh_rsp *r)
{
    switch (m->q_result) {
    case HVA_WALK_Q_OK:
        return r->exc == 0 && r->hpa == m->q_pa && !(m->q_prot & ~leaf_prot(q, r))
               ? CMP_AGREE : CMP_DISAGREE;
    case HVA_WALK_Q_PAGE:
        if (r->exc == page_exc(q->acc))
            return CMP_AGREE;
        /* QEMU 7.2 answers a PTE read outside RAM with a page fault */
        return r->exc == access_exc(q->acc) ? CMP_DEVIATION : CMP_DISAGREE;
    case HVA_WALK_Q_GUEST:
        return r->exc == guest_exc(q->acc) && !r->implicit && r->htval == m->q_htval
               ? CMP_AGREE : CMP_DISAGREE;
    case HVA_WALK_Q_GUEST_IMP:
        /* QEMU 7.2 raises a load guest-page fault for every implicit access;
         * the walker the access's own kind, as the privileged spec says */
        return r->exc == guest_exc(q->acc) && r->implicit && r->htval == m->q_htval
               ? CMP_AGREE : CMP_DISAGREE;
    case HVA_WALK_Q_PMP:
        return CMP_SKIP;
    default:
        return CMP_DISAGREE;
    }
}

static const char *qemu_name[] = { "ok", "page fault", "guest-page fault", "implicit guest-page fault", "PMP" };

static void describe(char *s, size_t n, const struct hva_walk_msg *m, const struct wh_req *q,
                     const struct wh_rsp *r)
{
    int k = snprintf(s, n, "%s 0x%llx vsatp=0x%llx hgatp=0x%llx u=%d sum=%d mxr=%d vmxr=%d%s | qemu: %s",
                     acc_name[q->acc], (unsigned long long)q->addr,
                     (unsigned long long)q->c.vsatp, (unsigned long long)q->c.hgatp, q->c.user,
                     q->c.sum, q->c.mxr, q->c.vmxr, m->flags & HVA_WALK_F_HYP ? " hlv" : "",
                     m->q_result <= HVA_WALK_Q_PMP ? qemu_name[m->q_result] : "?");
    if (k < 0 || (size_t)k >= n)
        return;
    if (m->q_result == HVA_WALK_Q_OK)
        k += snprintf(s + k, n - (size_t)k, " pa=0x%llx prot=%u", (unsigned long long)m->q_pa,
                      m->q_prot);
    else if (m->q_result == HVA_WALK_Q_GUEST || m->q_result == HVA_WALK_Q_GUEST_IMP)
        k += snprintf(s + k, n - (size_t)k, " htval=0x%llx", (unsigned long long)m->q_htval);
    if ((size_t)k >= n)
        return;
    if (r->exc == 0)
        snprintf(s + k, n - (size_t)k, " | walker: ok hpa=0x%llx vs=%x g=%x",
                 (unsigned long long)r->hpa, r->vs_perm, r->g_perm);
    else
        snprintf(s + k, n - (size_t)k, " | walker: exc=%u htval=0x%llx implicit=%d",
                 r->exc, (unsigned long long)r->htval, r->implicit);
}

/* The recording starts: at the first request, or (--record-on-signal) at the
 * first one after SIGUSR1, then with the walker's caches emptied (both fences
 * for every VMID, also the trace's first lines) so that a replay, which starts
 * cold, makes the same walks. */
static int rec_start(struct recorder *r, struct mem_model *m, struct walker_h *h,
                     const char *label, uint64_t from)
{
    char path[4096];

    snprintf(path, sizeof(path), "%s.req", r->prefix);
    r->req = fopen(path, "w");
    if (!r->req) {
        fprintf(stderr, "hva-walk-check: cannot write %s\n", path);
        return -1;
    }
    fprintf(r->req, "# source hva-walk-check %s: the HVA platform QEMU hart's two-stage TLB fills"
                    " from the %lluth on (vsatp hgatp virt user sum mxr vmxr hlvx access addr)\n",
            label, (unsigned long long)from);
    if (from) {
        struct wh_inv g = { .gvma = true, .all_vmid = true }, v = { .all_vmid = true };
        if (wh_invalidate(h, &g) || wh_invalidate(h, &v))
            return -1;
        fprintf(r->req, "hfence.gvma\nhfence.vvma\n");
        r->fence_lines += 2;
        printf("hva-walk-check: recording from translation %llu on\n", (unsigned long long)from);
        fflush(stdout);
    }
    rec_grow(r);
    r->started = true;
    r->base = h->cnt;
    m->observe = rec_observe;
    m->observe_ctx = r;
    return 0;
}

/* ---- main loop ----------------------------------------------------------- */

static volatile sig_atomic_t stop, record_go = 1;

static void on_signal(int sig)
{
    if (sig == SIGUSR1)
        record_go = 1;
    else
        stop = 1;
}

static void usage(void)
{
    fprintf(stderr, "usage: hva-walk-check --socket PATH --ram FILE [--ram-base HEX] [--latency N]\n"
                    "                      [--record PREFIX [--record-max N] [--record-on-signal]] [--label NAME]\n");
    exit(2);
}

/* hva-trace-replay's counters line: a replay of the recorded trace must print it alike */
static void print_counters(const char *what, const struct wh_counters *c, unsigned latency)
{
    printf("%s: requests %llu tlb_hits %llu gtlb_hits %llu pwc_hits %llu pte_reads %llu "
           "ad_updates %llu faults %llu busy_cycles %llu cycles_per_request %.2f (memory latency %u)\n",
           what, (unsigned long long)c->requests, (unsigned long long)c->tlb_hits,
           (unsigned long long)c->gtlb_hits, (unsigned long long)c->pwc_hits,
           (unsigned long long)c->pte_reads, (unsigned long long)c->ad_updates,
           (unsigned long long)c->faults, (unsigned long long)c->busy_cycles,
           c->requests ? (double)c->busy_cycles / (double)c->requests : 0.0, latency);
}

/* the recording ends (--record-max reached, or QEMU ended): the files, and
 * the counters so far, which a replay of the files reproduces exactly */
static int rec_finish(struct recorder *r, struct mem_model *m, const struct walker_h *h, unsigned latency)
{
    int rc = 0;

    if (!r->req || r->done)
        return 0;
    r->done = true;
    m->observe = NULL;
    struct wh_counters c = h->cnt;
    c.requests -= r->base.requests;
    c.tlb_hits -= r->base.tlb_hits;
    c.gtlb_hits -= r->base.gtlb_hits;
    c.pwc_hits -= r->base.pwc_hits;
    c.pte_reads -= r->base.pte_reads;
    c.ad_updates -= r->base.ad_updates;
    c.faults -= r->base.faults;
    c.busy_cycles -= r->base.busy_cycles;
    if (fclose(r->req) || rec_write_mem(r, m))
        rc = -1;
    r->req = NULL;
    printf("hva-walk-check: recorded %s.req (%llu requests, %llu fences, %llu mem lines) and %s.mem"
           " (%zu words)\n", r->prefix, (unsigned long long)r->n_req,
           (unsigned long long)r->fence_lines, (unsigned long long)r->mem_lines, r->prefix, r->n_used);
    print_counters("recorded counters", &c, latency);
    fflush(stdout);
    return rc;
}

struct stats {
    uint64_t xlate, agree, disagree, skipped, deviations, fences_vvma, fences_gvma, hyp;
    uint64_t qemu[5];
    uint64_t walker_cycles;   /* sum of request-to-answer cycles */
};

int main(int argc, char **argv)
{
    const char *sock_path = NULL, *ram_path = NULL, *label = "live";
    uint64_t ram_base = 0x80000000ull;
    unsigned latency = 4;
    struct recorder rec = { 0 };
    struct stats st = { 0 };
    struct mem_model mem;
    struct walker_h h;
    struct sockaddr_un sa = { .sun_family = AF_UNIX };
    struct sigaction sig = { .sa_handler = on_signal };
    /* a self-test of the stop: the walker's answer to this translation (1 = the
     * first) is taken as a different HPA (tests/qemu/test_hva_walkcheck_stop.sh) */
    const char *fault_env = getenv("HVA_WALK_CHECK_FAULT");
    uint64_t fault_at = fault_env ? strtoull(fault_env, NULL, 0) : 0;
    struct stat sb;
    int lfd, cfd = -1, rfd, rc = 0;
    void *ram;

    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--record-on-signal")) {
            record_go = 0;
            continue;
        }
        if (i + 1 >= argc)
            usage();
        if (!strcmp(argv[i], "--socket"))
            sock_path = argv[++i];
        else if (!strcmp(argv[i], "--ram"))
            ram_path = argv[++i];
        else if (!strcmp(argv[i], "--ram-base"))
            ram_base = strtoull(argv[++i], NULL, 16);
        else if (!strcmp(argv[i], "--latency"))
            latency = (unsigned)strtoul(argv[++i], NULL, 0);
        else if (!strcmp(argv[i], "--record"))
            rec.prefix = argv[++i];
        else if (!strcmp(argv[i], "--record-max"))
            rec.max = strtoull(argv[++i], NULL, 0);
        else if (!strcmp(argv[i], "--label"))
            label = argv[++i];
        else
            usage();
    }
    if (!sock_path || !ram_path || latency < 1 || strlen(sock_path) >= sizeof(sa.sun_path))
        usage();

    rfd = open(ram_path, O_RDWR);
    if (rfd < 0 || fstat(rfd, &sb) || sb.st_size <= 0) {
        fprintf(stderr, "hva-walk-check: cannot open the RAM file %s\n", ram_path);
        return 1;
    }
    ram = mmap(NULL, (size_t)sb.st_size, PROT_READ | PROT_WRITE, MAP_SHARED, rfd, 0);
    if (ram == MAP_FAILED) {
        fprintf(stderr, "hva-walk-check: cannot map %s: %s\n", ram_path, strerror(errno));
        return 1;
    }
    mem_init(&mem, ram_base, (uint64_t)sb.st_size);
    mem_set_backing(&mem, ram);
    wh_init(&h, &mem, latency, NULL);
    if (rec.prefix && record_go && rec_start(&rec, &mem, &h, label, 0))
        return 1;

    sigaction(SIGTERM, &sig, NULL);   /* no SA_RESTART: accept/recv return EINTR */
    sigaction(SIGINT, &sig, NULL);
    sigaction(SIGUSR1, &sig, NULL);
    lfd = socket(AF_UNIX, SOCK_SEQPACKET, 0);
    strcpy(sa.sun_path, sock_path);
    unlink(sock_path);
    if (lfd < 0 || bind(lfd, (struct sockaddr *)&sa, sizeof(sa)) || listen(lfd, 1)) {
        fprintf(stderr, "hva-walk-check: cannot listen on %s: %s\n", sock_path, strerror(errno));
        return 1;
    }
    fprintf(stderr, "hva-walk-check: listening on %s (RAM %s at 0x%llx, %lld MiB, memory latency %u%s%s)\n",
            sock_path, ram_path, (unsigned long long)ram_base, (long long)(sb.st_size >> 20), latency,
            rec.prefix ? ", recording to " : "", rec.prefix ? rec.prefix : "");

    while (!stop && cfd < 0) {
        cfd = accept(lfd, NULL, NULL);
        if (cfd < 0 && errno != EINTR) {
            fprintf(stderr, "hva-walk-check: accept: %s\n", strerror(errno));
            return 1;
        }
    }
    while (!stop && cfd >= 0) {
        struct hva_walk_msg m;
        ssize_t n = recv(cfd, &m, sizeof(m), 0);

        if (n < 0 && errno == EINTR)
            continue;
        if (n == 0)
            break;      /* QEMU ended */
        if (n != (ssize_t)sizeof(m)) {
            fprintf(stderr, "hva-walk-check: bad message (%zd bytes)\n", n);
            rc = 1;
            break;
        }
        if (m.type == HVA_WALK_FENCE) {
            struct wh_inv v = { 0 };
            v.gvma = m.flags & HVA_WALK_F_GVMA;
            if (v.gvma) {
                v.all_vmid = !(m.flags & HVA_WALK_F_RS2);
                v.vmid = (uint16_t)(m.id & 0x3fff);
                v.use_addr = m.flags & HVA_WALK_F_RS1;
                v.addr = m.addr << 2;
                st.fences_gvma++;
            } else {
                v.vmid = (uint16_t)((m.hgatp >> 44) & 0x3fff);
                v.use_asid = m.flags & HVA_WALK_F_RS2;
                v.asid = (uint16_t)m.id;
                v.use_addr = m.flags & HVA_WALK_F_RS1;
                v.addr = m.addr;
                st.fences_vvma++;
            }
            if (wh_invalidate(&h, &v)) {
                fprintf(stderr, "hva-walk-check: the walker did not take a fence\n");
                rc = 1;
                break;
            }
            if (rec.req) {
                fprintf(rec.req, "hfence.%s", v.gvma ? "gvma" : "vvma");
                if (!v.all_vmid)
                    fprintf(rec.req, " vmid=%u", v.vmid);
                if (v.use_asid)
                    fprintf(rec.req, " asid=%u", v.asid);
                if (v.use_addr)
                    fprintf(rec.req, " addr=0x%llx", (unsigned long long)v.addr);
                fputc('\n', rec.req);
                rec.fence_lines++;
            }
            continue;
        }
        if (m.type != HVA_WALK_XLATE) {
            fprintf(stderr, "hva-walk-check: unknown message type %u\n", m.type);
            rc = 1;
            break;
        }

        struct wh_req q = { 0 };
        struct wh_rsp r;
        struct hva_walk_verdict v = { .type = HVA_WALK_VERDICT };
        unsigned a = (m.flags >> HVA_WALK_F_ACC_SHIFT) & 3;
        int c;

        q.c.vsatp = m.vsatp;
        q.c.hgatp = m.hgatp;
        q.c.virt = m.flags & HVA_WALK_F_VIRT;
        q.c.user = m.flags & HVA_WALK_F_USER;
        q.c.sum = m.flags & HVA_WALK_F_SUM;
        q.c.mxr = m.flags & HVA_WALK_F_MXR;
        q.c.vmxr = m.flags & HVA_WALK_F_VMXR;
        q.c.hlvx = m.flags & HVA_WALK_F_HLVX;
        q.c.ad_mode = XLATE_AD_UPDATE;
        q.addr = m.addr;
        q.acc = a == 2 ? XLATE_EXEC : a == 1 ? XLATE_WRITE : XLATE_READ;
        if (rec.prefix && !rec.started && record_go && rec_start(&rec, &mem, &h, label, st.xlate)) {
            rc = 1;
            break;
        }
        rec.n_pend = 0;
        if (wh_translate(&h, &q, &r)) {
            fprintf(stderr, "hva-walk-check: the walker did not answer\n");
            rc = 1;
            break;
        }
        st.xlate++;
        st.walker_cycles += r.cycles;
        if (st.xlate == fault_at) {
            fprintf(stderr, "hva-walk-check: HVA_WALK_CHECK_FAULT: translation %llu answered wrong on purpose\n",
                    (unsigned long long)fault_at);
            r.exc = 0;
            r.hpa = m.q_pa ^ 0x1000;
        }
        st.hyp += !!(m.flags & HVA_WALK_F_HYP);
        if (m.q_result <= HVA_WALK_Q_PMP)
            st.qemu[m.q_result]++;
        c = compare(&m, &q, &r);
        st.agree += c == CMP_AGREE;
        st.skipped += c == CMP_SKIP;
        st.deviations += c == CMP_DEVIATION;
        if (c == CMP_DISAGREE || c == CMP_DEVIATION) {
            describe(v.text, sizeof(v.text), &m, &q, &r);
            fprintf(stderr, "hva-walk-check: translation %llu: %s: %s\n", (unsigned long long)st.xlate,
                    c == CMP_DISAGREE ? "DISAGREE" : "known QEMU deviation", v.text);
        }
        if (c == CMP_DISAGREE) {
            st.disagree++;
            v.disagree = 1;
            rc = 1;
        }
        if (rec.req) {
            if (rec.overflow) {
                fprintf(stderr, "hva-walk-check: more than 64 changed words in one walk\n");
                rc = 1;
                break;
            }
            for (unsigned i = 0; i < rec.n_pend; i++)
                fprintf(rec.req, "mem %llx %016llx\n", (unsigned long long)rec.pend[i].addr,
                        (unsigned long long)rec.pend[i].val);
            rec.mem_lines += rec.n_pend;
            fprintf(rec.req, "0x%llx 0x%llx %d %d %d %d %d %d %s 0x%llx\n",
                    (unsigned long long)q.c.vsatp, (unsigned long long)q.c.hgatp, q.c.virt, q.c.user,
                    q.c.sum, q.c.mxr, q.c.vmxr, q.c.hlvx, acc_name[q.acc], (unsigned long long)q.addr);
            if (++rec.n_req == rec.max && rec_finish(&rec, &mem, &h, latency))
                rc = 1;
        }
        if (send(cfd, &v, sizeof(v), MSG_NOSIGNAL) != (ssize_t)sizeof(v)) {
            fprintf(stderr, "hva-walk-check: QEMU is gone\n");
            break;
        }
        if (v.disagree)
            break;
    }

    /* the figures: as hva-trace-replay's counters line, then METRIC lines */
    uint64_t walks = h.cnt.requests - h.cnt.tlb_hits;
    printf("hva-walk-check: %llu translations checked (QEMU: %llu ok, %llu page faults, %llu guest-page"
           " faults, %llu implicit; %llu by HLV/HSV), %llu agree, %llu disagree, %llu known QEMU"
           " deviations, %llu not compared (PMP); fences: %llu vvma/sfence.vma, %llu gvma\n",
           (unsigned long long)st.xlate, (unsigned long long)st.qemu[0], (unsigned long long)st.qemu[1],
           (unsigned long long)st.qemu[2], (unsigned long long)st.qemu[3], (unsigned long long)st.hyp,
           (unsigned long long)st.agree, (unsigned long long)st.disagree,
           (unsigned long long)st.deviations, (unsigned long long)st.skipped,
           (unsigned long long)st.fences_vvma, (unsigned long long)st.fences_gvma);
    print_counters("counters", &h.cnt, latency);
    {
        struct rusage ru;
        getrusage(RUSAGE_SELF, &ru);
        double cpu = (double)ru.ru_utime.tv_sec + (double)ru.ru_stime.tv_sec +
                     1e-6 * (double)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec);
        printf("hva-walk-check: %.1f s of CPU, %.1f us per translation\n", cpu,
               st.xlate ? 1e6 * cpu / (double)st.xlate : 0.0);
    }
    if (st.xlate) {
        double req = (double)h.cnt.requests;
        printf("METRIC walkcheck_translations=%llu unit=translations trace:%s\n",
               (unsigned long long)st.xlate, label);
        printf("METRIC walkcheck_mismatches=%llu unit=translations trace:%s\n",
               (unsigned long long)st.disagree, label);
        printf("METRIC walkcheck_cycles_per_translation=%.3f unit=cycles/translation trace:%s\n",
               (double)h.cnt.busy_cycles / req, label);
        printf("METRIC walkcheck_walks_per_1k=%.3f unit=walks/1000_translations trace:%s\n",
               1000.0 * (double)walks / req, label);
        printf("METRIC walkcheck_pte_reads_per_walk=%.4f unit=reads/walk trace:%s\n",
               walks ? (double)h.cnt.pte_reads / (double)walks : 0.0, label);
        printf("METRIC walkcheck_gtlb_hits=%llu unit=hits trace:%s\n",
               (unsigned long long)h.cnt.gtlb_hits, label);
        printf("METRIC walkcheck_pwc_hits=%llu unit=hits trace:%s\n",
               (unsigned long long)h.cnt.pwc_hits, label);
        printf("METRIC walkcheck_tlb_hits=%llu unit=hits trace:%s\n",
               (unsigned long long)h.cnt.tlb_hits, label);
        printf("METRIC walkcheck_pte_reads=%llu unit=reads trace:%s\n",
               (unsigned long long)h.cnt.pte_reads, label);
    }
    if (rec_finish(&rec, &mem, &h, latency))
        rc = 1;
    if (h.n_errors) {
        fprintf(stderr, "hva-walk-check: AXI protocol error: %s\n", h.error);
        rc = 1;
    }
    fflush(stdout);
    unlink(sock_path);
    return rc;
}
