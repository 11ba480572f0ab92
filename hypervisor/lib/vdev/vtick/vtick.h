/* vtick: a periodic interrupt source for guests ("chipvisor,tick"), driven
 * by the hypervisor's timer. Every expiry is counted: PENDING holds those the
 * guest has not acknowledged, so a guest can check that none was lost even
 * when several expire before it runs. The line is high while PENDING > 0.
 *
 * Registers (32-bit, offsets in the 4 KiB window):
 *   0x00 ID       RO  0x7469636b ("tick")
 *   0x04 CTRL     RW  bit 0: enable (enabling starts a period from now)
 *   0x08 PERIOD   RW  timebase ticks between expiries (0 is taken as 1)
 *   0x0c PENDING  RO  expiries not yet acknowledged
 *   0x10 ACK      WO  acknowledges min(value, PENDING) expiries
 *   0x14 FIRED    RO  expiries since the last enable (low 32 bits)
 * Pure logic, freestanding; time is passed in by the caller. */
#ifndef VTICK_H
#define VTICK_H

#include <stdbool.h>
#include <stdint.h>

#define VTICK_ID       0x00
#define VTICK_CTRL     0x04
#define VTICK_PERIOD   0x08
#define VTICK_PENDING  0x0c
#define VTICK_ACK      0x10
#define VTICK_FIRED    0x14
#define VTICK_ID_VALUE 0x7469636bU
#define VTICK_CTRL_EN  1U

struct vtick {
    bool enabled;
    uint32_t period;
    uint64_t next;          /* time of the next expiry, when enabled */
    uint32_t pending, fired;
};

void vtick_init(struct vtick *t);
/* Counts the expiries up to `now`. */
void vtick_advance(struct vtick *t, uint64_t now);
int vtick_read(struct vtick *t, uint32_t off, uint64_t now, uint32_t *val);   /* 0, or -1 bad offset */
int vtick_write(struct vtick *t, uint32_t off, uint32_t val, uint64_t now);
bool vtick_irq(const struct vtick *t);
/* When the next expiry is due (~0 when disabled): the hypervisor's timer must fire by then. */
uint64_t vtick_next_event(const struct vtick *t);

#endif
