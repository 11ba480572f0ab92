/* Periodic interrupt source; see vtick.h. */
#include "vtick.h"

void vtick_init(struct vtick *t)
{
    t->enabled = false;
    t->period = 10000;       /* 1 ms at 10 MHz */
    t->next = 0;
    t->pending = t->fired = 0;
}

void vtick_advance(struct vtick *t, uint64_t now)
{
    if (!t->enabled || now < t->next)
        return;
    /* all the periods that ended since `next`, in one step */
    uint64_t n = (now - t->next) / t->period + 1;
    t->next += n * t->period;
    t->pending = n > UINT32_MAX - t->pending ? UINT32_MAX : t->pending + (uint32_t)n;
    t->fired += (uint32_t)n;
}

int vtick_read(struct vtick *t, uint32_t off, uint64_t now, uint32_t *val)
{
    vtick_advance(t, now);
    switch (off) {
    case VTICK_ID:      *val = VTICK_ID_VALUE; return 0;
    case VTICK_CTRL:    *val = t->enabled ? VTICK_CTRL_EN : 0; return 0;
    case VTICK_PERIOD:  *val = t->period; return 0;
    case VTICK_PENDING: *val = t->pending; return 0;
    case VTICK_ACK:     *val = 0; return 0;
    case VTICK_FIRED:   *val = t->fired; return 0;
    default:            return -1;
    }
}

int vtick_write(struct vtick *t, uint32_t off, uint32_t val, uint64_t now)
{
    vtick_advance(t, now);
    switch (off) {
    case VTICK_CTRL:
        if ((val & VTICK_CTRL_EN) && !t->enabled) {
            t->next = now + t->period;
            t->pending = t->fired = 0;
        }
        t->enabled = (val & VTICK_CTRL_EN) != 0;
        return 0;
    case VTICK_PERIOD:
        t->period = val ? val : 1;
        if (t->enabled)
            t->next = now + t->period;
        return 0;
    case VTICK_ACK:
        t->pending -= val < t->pending ? val : t->pending;
        return 0;
    case VTICK_ID:
    case VTICK_PENDING:
    case VTICK_FIRED:
        return 0;            /* read-only: writes ignored */
    default:
        return -1;
    }
}

bool vtick_irq(const struct vtick *t)
{
    return t->pending != 0;
}

uint64_t vtick_next_event(const struct vtick *t)
{
    return t->enabled ? t->next : ~0ULL;
}
