/* The host console: the hypervisor's log and every guest's output, one line
 * prefix per writer, on the platform UART. */
#ifndef CHIPVISOR_CONSOLE_H
#define CHIPVISOR_CONSOLE_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>

/* Guest output: prints "[<name>] " at the start of each of its lines; if
 * another writer was mid-line, that line is ended first. Each writer's
 * output is held until its line ends, so guests that print at once on
 * several harts still give whole lines; console_flush_partial() prints what
 * a writer left mid-line (a prompt) -- the scheduler calls it when a hart
 * goes idle and every CONSOLE_FLUSH_TICKS. */
void console_write_from(const char *name, uint8_t ch);
void console_flush_partial(uint64_t now);
#define CONSOLE_FLUSH_TICKS 200000    /* 20 ms at the 10 MHz timebase */

/* printf subset: %s %c %d %u %x %lx %lu %ld %p %%, with 0-padding and width. */
void hv_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void hv_vprintf(const char *fmt, va_list ap);
int hv_snprintf(char *buf, uint64_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
int hv_vsnprintf(char *buf, uint64_t size, const char *fmt, va_list ap);

/* Hypervisor log line: "[chipvisor] ..." */
#define hv_log(...) hv_printf("[chipvisor] " __VA_ARGS__)

/* For events a guest can repeat at will: log the n-th occurrence only for
 * n = 1, 2, 4, 8, ... (a line for the first few, then ever more rarely). */
static inline bool log_nth(uint64_t n)
{
    return n && (n & (n - 1)) == 0;
}

/* Host input (polled): -1 when none waiting. */
int console_getc(void);

#endif
