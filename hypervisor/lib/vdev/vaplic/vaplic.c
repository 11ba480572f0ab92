/* Virtual APLIC, one MSI-mode interrupt domain: see vaplic.h. Rules per the
 * RISC-V Advanced Interrupt Architecture 1.0, chapter 4 (APLIC). */
#include "vaplic/vaplic.h"

#define NR_REG_WORDS 32u /* setip[0..31] etc.: 1024 bits */

static uint32_t word(uint32_t i) { return i / 32; }
static uint32_t bit(uint32_t i) { return 1u << (i % 32); }

static bool test(const uint32_t *map, uint32_t i) { return (map[word(i)] & bit(i)) != 0; }
static void set(uint32_t *map, uint32_t i) { map[word(i)] |= bit(i); }
static void clr(uint32_t *map, uint32_t i) { map[word(i)] &= ~bit(i); }

static bool exists(const struct vaplic *a, uint32_t i) { return i >= 1 && i <= a->nr_sources; }

static bool active(const struct vaplic *a, uint32_t i)
{
    return exists(a, i) && a->sm[i] != VAPLIC_SM_INACTIVE;
}

static bool is_level(const struct vaplic *a, uint32_t i)
{
    return a->sm[i] == VAPLIC_SM_LEVEL1 || a->sm[i] == VAPLIC_SM_LEVEL0;
}

/* wire XOR inverted for edge and level sources; 0 when inactive or detached */
static bool rectified(const struct vaplic *a, uint32_t i)
{
    switch (a->sm[i]) {
    case VAPLIC_SM_EDGE1:
    case VAPLIC_SM_LEVEL1:
        return test(a->wire, i);
    case VAPLIC_SM_EDGE0:
    case VAPLIC_SM_LEVEL0:
        return !test(a->wire, i);
    default:
        return false;
    }
}

/* A write to setip/setipnum(_le/_be): level sources only while their
 * rectified input is high; edge and detached sources always. */
static void set_pending_sw(struct vaplic *a, uint32_t i)
{
    if (!active(a, i))
        return;
    if (is_level(a, i) && !rectified(a, i))
        return;
    set(a->pending, i);
}

/* A write to in_clrip/clripnum: allowed for every active mode in MSI mode. */
static void clr_pending_sw(struct vaplic *a, uint32_t i)
{
    if (active(a, i))
        clr(a->pending, i);
}

static void set_sourcecfg(struct vaplic *a, uint32_t i, uint32_t val)
{
    uint32_t sm;
    if (!exists(a, i))
        return;
    if (val & VAPLIC_SOURCECFG_D)
        sm = VAPLIC_SM_INACTIVE; /* leaf domain: the whole register becomes 0 */
    else
        sm = val & 7u;
    if (sm == 2 || sm == 3)
        return; /* reserved: WARL, keep the current mode */
    a->sm[i] = (uint8_t)sm;
    if (sm == VAPLIC_SM_INACTIVE) {
        clr(a->pending, i);
        clr(a->enable, i);
        a->target[i] = 0;
        return;
    }
    if (is_level(a, i)) {
        /* never pending while the rectified input is low; a high input
         * pends again (allowed on any sourcecfg write) */
        if (rectified(a, i))
            set(a->pending, i);
        else
            clr(a->pending, i);
    }
}

/* A 32-source slice of a bitmap register: word k of the 1024-bit space. */
static uint32_t implemented_mask(const struct vaplic *a, uint32_t k)
{
    uint32_t m = 0;
    for (uint32_t b = 0; b < 32; b++) {
        uint32_t i = k * 32 + b;
        if (exists(a, i))
            m |= 1u << b;
    }
    return m;
}

static uint32_t active_mask(const struct vaplic *a, uint32_t k)
{
    uint32_t m = 0;
    for (uint32_t b = 0; b < 32; b++)
        if (active(a, k * 32 + b))
            m |= 1u << b;
    return m;
}

static uint32_t map_word(const struct vaplic *a, const uint32_t *map, uint32_t k)
{
    if (k >= VAPLIC_WORDS)
        return 0;
    return map[k] & implemented_mask(a, k);
}

static uint32_t in_word(const struct vaplic *a, uint32_t k)
{
    uint32_t v = 0;
    for (uint32_t b = 0; b < 32; b++) {
        uint32_t i = k * 32 + b;
        if (active(a, i) && rectified(a, i))
            v |= 1u << b;
    }
    return v;
}

static uint32_t bswap32(uint32_t v)
{
    return (v >> 24) | ((v >> 8) & 0xff00u) | ((v << 8) & 0xff0000u) | (v << 24);
}

void vaplic_init(struct vaplic *a, uint32_t nr_sources)
{
    uint8_t *raw = (uint8_t *)a; /* no memset needed in freestanding builds */
    for (uint32_t i = 0; i < sizeof(*a); i++)
        raw[i] = 0;
    if (nr_sources < 1)
        nr_sources = 1;
    if (nr_sources > VAPLIC_MAX_SOURCES)
        nr_sources = VAPLIC_MAX_SOURCES;
    a->nr_sources = nr_sources;
}

static bool in_array(uint32_t off, uint32_t base, uint32_t *k)
{
    if (off >= base && off < base + 4 * NR_REG_WORDS) {
        *k = (off - base) / 4;
        return true;
    }
    return false;
}

static bool good_access(uint32_t off, uint32_t size)
{
    return size == 4 && (off & 3) == 0 && off < VAPLIC_SIZE;
}

int vaplic_read(struct vaplic *a, uint32_t off, uint32_t size, uint32_t *val)
{
    uint32_t k;
    if (!good_access(off, size))
        return -1;
    *val = 0;
    if (off == VAPLIC_DOMAINCFG) {
        *val = VAPLIC_DOMAINCFG_RO80 | VAPLIC_DOMAINCFG_DM | (a->ie ? VAPLIC_DOMAINCFG_IE : 0);
    } else if (off >= VAPLIC_SOURCECFG && off < VAPLIC_SOURCECFG + 4 * 1023) {
        uint32_t i = (off - VAPLIC_SOURCECFG) / 4 + 1;
        if (exists(a, i))
            *val = a->sm[i];
    } else if (off == VAPLIC_MMSIADDRCFG) {
        *val = a->mmsiaddrcfg;
    } else if (off == VAPLIC_MMSIADDRCFGH) {
        *val = a->mmsiaddrcfgh;
    } else if (off == VAPLIC_SMSIADDRCFG) {
        *val = a->smsiaddrcfg;
    } else if (off == VAPLIC_SMSIADDRCFGH) {
        *val = a->smsiaddrcfgh;
    } else if (in_array(off, VAPLIC_SETIP, &k)) {
        *val = map_word(a, a->pending, k);
    } else if (in_array(off, VAPLIC_IN_CLRIP, &k)) {
        *val = in_word(a, k);
    } else if (in_array(off, VAPLIC_SETIE, &k)) {
        *val = map_word(a, a->enable, k);
    } else if (off == VAPLIC_GENMSI) {
        *val = a->genmsi;
    } else if (off >= VAPLIC_TARGET && off < VAPLIC_TARGET + 4 * 1023) {
        uint32_t i = (off - VAPLIC_TARGET) / 4 + 1;
        if (active(a, i))
            *val = a->target[i];
    }
    /* setipnum, clripnum, setienum, clrienum, setipnum_le/_be, clrie[k] and
     * every reserved word read 0 */
    return 0;
}

int vaplic_write(struct vaplic *a, uint32_t off, uint32_t size, uint32_t val)
{
    uint32_t k;
    if (!good_access(off, size))
        return -1;
    if (off == VAPLIC_DOMAINCFG) {
        a->ie = (val & VAPLIC_DOMAINCFG_IE) != 0; /* DM, BE read-only */
    } else if (off >= VAPLIC_SOURCECFG && off < VAPLIC_SOURCECFG + 4 * 1023) {
        set_sourcecfg(a, (off - VAPLIC_SOURCECFG) / 4 + 1, val);
    } else if (off >= VAPLIC_MMSIADDRCFG && off <= VAPLIC_SMSIADDRCFGH) {
        if (a->mmsiaddrcfgh & VAPLIC_MMSIADDRCFGH_L)
            return 0; /* locked */
        if (off == VAPLIC_MMSIADDRCFG)
            a->mmsiaddrcfg = val;
        else if (off == VAPLIC_MMSIADDRCFGH)
            a->mmsiaddrcfgh = val & VAPLIC_MMSIADDRCFGH_MASK;
        else if (off == VAPLIC_SMSIADDRCFG)
            a->smsiaddrcfg = val;
        else
            a->smsiaddrcfgh = val & VAPLIC_SMSIADDRCFGH_MASK;
    } else if (in_array(off, VAPLIC_SETIP, &k)) {
        for (uint32_t b = 0; b < 32; b++)
            if (val & (1u << b))
                set_pending_sw(a, k * 32 + b);
    } else if (off == VAPLIC_SETIPNUM || off == VAPLIC_SETIPNUM_LE) {
        set_pending_sw(a, val);
    } else if (off == VAPLIC_SETIPNUM_BE) {
        set_pending_sw(a, bswap32(val));
    } else if (in_array(off, VAPLIC_IN_CLRIP, &k)) {
        for (uint32_t b = 0; b < 32; b++)
            if (val & (1u << b))
                clr_pending_sw(a, k * 32 + b);
    } else if (off == VAPLIC_CLRIPNUM) {
        clr_pending_sw(a, val);
    } else if (in_array(off, VAPLIC_SETIE, &k)) {
        if (k < VAPLIC_WORDS)
            a->enable[k] |= val & active_mask(a, k);
    } else if (off == VAPLIC_SETIENUM) {
        if (active(a, val))
            set(a->enable, val);
    } else if (in_array(off, VAPLIC_CLRIE, &k)) {
        if (k < VAPLIC_WORDS)
            a->enable[k] &= ~val;
    } else if (off == VAPLIC_CLRIENUM) {
        if (active(a, val))
            clr(a->enable, val);
    } else if (off == VAPLIC_GENMSI) {
        if (!(a->genmsi & VAPLIC_GENMSI_BUSY))
            a->genmsi = (val & (VAPLIC_TARGET_HART_MASK << VAPLIC_TARGET_HART_SHIFT |
                                VAPLIC_TARGET_EIID_MASK)) |
                        VAPLIC_GENMSI_BUSY;
    } else if (off >= VAPLIC_TARGET && off < VAPLIC_TARGET + 4 * 1023) {
        uint32_t i = (off - VAPLIC_TARGET) / 4 + 1;
        if (active(a, i))
            a->target[i] = val & (VAPLIC_TARGET_HART_MASK << VAPLIC_TARGET_HART_SHIFT |
                                  VAPLIC_TARGET_GUEST_MASK << VAPLIC_TARGET_GUEST_SHIFT |
                                  VAPLIC_TARGET_EIID_MASK);
    }
    /* everything else: read-only or reserved, write ignored */
    return 0;
}

void vaplic_set_level(struct vaplic *a, uint32_t source, bool level)
{
    if (!exists(a, source))
        return;
    bool was = rectified(a, source);
    if (level)
        set(a->wire, source);
    else
        clr(a->wire, source);
    bool now = rectified(a, source);
    if (!was && now)
        set(a->pending, source); /* rising rectified edge: edge and level */
    if (!now && is_level(a, source))
        clr(a->pending, source); /* a level source is never pending while low */
}

/* Lowest source that is pending and enabled (pending implies active), or 0. */
static uint32_t next_source(const struct vaplic *a)
{
    if (!a->ie)
        return 0;
    for (uint32_t k = 0; k < VAPLIC_WORDS; k++) {
        uint32_t m = a->pending[k] & a->enable[k];
        for (uint32_t b = 0; m && b < 32; b++) /* no ctz: libgcc's __ctzsi2 */
            if (m & (1u << b))
                return k * 32 + b;
    }
    return 0;
}

bool vaplic_next_msi(struct vaplic *a, struct vaplic_msi *msi)
{
    uint32_t i;
    while ((i = next_source(a)) != 0) {
        uint32_t t = a->target[i];
        clr(a->pending, i); /* forwarded */
        if ((t & VAPLIC_TARGET_EIID_MASK) == 0)
            continue; /* identity 0 reaches no interrupt file */
        msi->hart_index = (t >> VAPLIC_TARGET_HART_SHIFT) & VAPLIC_TARGET_HART_MASK;
        msi->guest_index = (t >> VAPLIC_TARGET_GUEST_SHIFT) & VAPLIC_TARGET_GUEST_MASK;
        msi->eiid = t & VAPLIC_TARGET_EIID_MASK;
        return true;
    }
    if (a->genmsi & VAPLIC_GENMSI_BUSY) {
        uint32_t g = a->genmsi;
        a->genmsi &= ~VAPLIC_GENMSI_BUSY; /* the extempore MSI has left */
        if ((g & VAPLIC_TARGET_EIID_MASK) == 0)
            return false;
        msi->hart_index = (g >> VAPLIC_TARGET_HART_SHIFT) & VAPLIC_TARGET_HART_MASK;
        msi->guest_index = 0;
        msi->eiid = g & VAPLIC_TARGET_EIID_MASK;
        return true;
    }
    return false;
}

bool vaplic_msi_vcpu(const struct vaplic_msi *msi, uint32_t n_vcpus, uint32_t *vcpu)
{
    if (msi->guest_index != 0 || msi->hart_index >= n_vcpus)
        return false;
    *vcpu = msi->hart_index;
    return true;
}
