/* The runtime of chipvisor's bare-metal test guests (VS-mode, one hart).
 * A guest writes guest_main(); checks go through CHECK(), and guest_finish()
 * reports through SBI SRST: shutdown with reason "none" when every check
 * passed, "system failure" otherwise, so the hypervisor's exit tells. */
#ifndef GUEST_H
#define GUEST_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "../../../hypervisor/include/sbi_defs.h"

#define csr_read(csr) ({ uint64_t v_; __asm__ volatile("csrr %0, " #csr : "=r"(v_)); v_; })
#define csr_write(csr, val) __asm__ volatile("csrw " #csr ", %0" :: "rK"((uint64_t)(val)) : "memory")
#define csr_set(csr, val)   __asm__ volatile("csrs " #csr ", %0" :: "rK"((uint64_t)(val)) : "memory")
#define csr_clear(csr, val) __asm__ volatile("csrc " #csr ", %0" :: "rK"((uint64_t)(val)) : "memory")

#define SIE_SSIE (1UL << 1)
#define SIE_STIE (1UL << 5)
#define SIE_SEIE (1UL << 9)
#define SSTATUS_SIE (1UL << 1)
#define SSTATUS_SUM (1UL << 18)
#define SCAUSE_IRQ (1UL << 63)

#define TIMEBASE_HZ 10000000UL

struct sbiret {
    long error;
    long value;
};

struct sbiret sbi_call(uint64_t ext, uint64_t fid, uint64_t a0, uint64_t a1, uint64_t a2,
                       uint64_t a3, uint64_t a4);
long sbi_legacy(uint64_t ext, uint64_t a0);

/* trap frame built by start.S; a handler may move epc */
struct trap_frame {
    uint64_t ra, t0, t1, t2, a0, a1, a2, a3, a4, a5, a6, a7, t3, t4, t5, t6;
    uint64_t epc, cause, tval;
};
/* the guest's handler; returns false if it did not expect the trap */
typedef bool (*trap_handler_t)(struct trap_frame *f);
extern trap_handler_t guest_handler;

void guest_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void guest_putc(char c);

extern unsigned checks_run, checks_failed;
#define CHECK(cond, ...) check_result((cond), __VA_ARGS__)
void check_result(bool ok, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

void guest_main(void);
void guest_finish(void) __attribute__((noreturn));
void guest_exit(bool pass) __attribute__((noreturn));

static inline uint64_t rdtime(void) { uint64_t t; __asm__ volatile("rdtime %0" : "=r"(t)); return t; }
static inline uint64_t rdinstret(void) { uint64_t t; __asm__ volatile("rdinstret %0" : "=r"(t)); return t; }
static inline uint64_t rdcycle(void) { uint64_t t; __asm__ volatile("rdcycle %0" : "=r"(t)); return t; }
void delay_ticks(uint64_t ticks);
/* FP registers survive vCPU switches (common/fp_check.c) */
void fp_check(uint64_t seed, uint64_t busy_ticks);

#define mmio_w8(a, v)  (*(volatile uint8_t *)(uintptr_t)(a) = (v))
#define mmio_r8(a)     (*(volatile uint8_t *)(uintptr_t)(a))
#define mmio_w32(a, v) (*(volatile uint32_t *)(uintptr_t)(a) = (v))
#define mmio_r32(a)    (*(volatile uint32_t *)(uintptr_t)(a))

#endif
