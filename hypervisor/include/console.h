/* The host console: the hypervisor's log and every guest's output, one line
 * prefix per writer, on the platform UART. */
#ifndef CHIPVISOR_CONSOLE_H
#define CHIPVISOR_CONSOLE_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>

/* Guest output: prints "[<name>] " at the start of each of its lines; if
 * another writer was mid-line, that line is ended first. */
void console_write_from(const char *name, uint8_t ch);

/* printf subset: %s %c %d %u %x %lx %lu %ld %p %%, with 0-padding and width. */
void hv_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void hv_vprintf(const char *fmt, va_list ap);
int hv_snprintf(char *buf, uint64_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

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
