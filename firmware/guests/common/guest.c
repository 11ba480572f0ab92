/* Test guest runtime: SBI calls, console output through SBI DBCN, checks. */
#include "guest.h"

unsigned checks_run, checks_failed;
trap_handler_t guest_handler;

struct sbiret sbi_call(uint64_t ext, uint64_t fid, uint64_t a0, uint64_t a1, uint64_t a2,
                       uint64_t a3, uint64_t a4)
{
    register uint64_t r0 __asm__("a0") = a0;
    register uint64_t r1 __asm__("a1") = a1;
    register uint64_t r2 __asm__("a2") = a2;
    register uint64_t r3 __asm__("a3") = a3;
    register uint64_t r4 __asm__("a4") = a4;
    register uint64_t r6 __asm__("a6") = fid;
    register uint64_t r7 __asm__("a7") = ext;
    __asm__ volatile("ecall" : "+r"(r0), "+r"(r1) : "r"(r2), "r"(r3), "r"(r4), "r"(r6), "r"(r7)
                     : "memory");
    return (struct sbiret){ (long)r0, (long)r1 };
}

long sbi_legacy(uint64_t ext, uint64_t a0)
{
    return sbi_call(ext, 0, a0, 0, 0, 0, 0).error;
}

/* output is buffered per line and written with one DBCN call */
static char line[160];
static unsigned line_len;

static void flush_line(void)
{
    if (line_len)
        sbi_call(SBI_EXT_DBCN, SBI_DBCN_WRITE, line_len, (uintptr_t)line, 0, 0, 0);
    line_len = 0;
}

void guest_putc(char c)
{
    line[line_len++] = c;
    if (c == '\n' || line_len == sizeof(line))
        flush_line();
}

static void put_num(uint64_t v, unsigned base, int width, char pad)
{
    char tmp[24];
    int n = 0;
    do {
        tmp[n++] = "0123456789abcdef"[v % base];
        v /= base;
    } while (v);
    for (; n < width; width--)
        guest_putc(pad);
    while (n)
        guest_putc(tmp[--n]);
}

static void vformat(const char *fmt, va_list ap)
{
    for (; *fmt; fmt++) {
        if (*fmt != '%') {
            guest_putc(*fmt);
            continue;
        }
        fmt++;
        char pad = ' ';
        int width = 0, lng = 0;
        if (*fmt == '0')
            pad = '0', fmt++;
        while (*fmt >= '0' && *fmt <= '9')
            width = width * 10 + *fmt++ - '0';
        while (*fmt == 'l')
            lng = 1, fmt++;
        switch (*fmt) {
        case 'd': {
            long v = lng ? va_arg(ap, long) : va_arg(ap, int);
            if (v < 0)
                guest_putc('-'), v = -v;
            put_num((uint64_t)v, 10, width, pad);
            break;
        }
        case 'u': put_num(lng ? va_arg(ap, unsigned long) : va_arg(ap, unsigned), 10, width, pad); break;
        case 'x': put_num(lng ? va_arg(ap, unsigned long) : va_arg(ap, unsigned), 16, width, pad); break;
        case 's': for (const char *s = va_arg(ap, const char *); *s; s++) guest_putc(*s); break;
        case 'c': guest_putc((char)va_arg(ap, int)); break;
        default: guest_putc(*fmt); break;
        }
    }
}

void guest_printf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vformat(fmt, ap);
    va_end(ap);
}

void check_result(bool ok, const char *fmt, ...)
{
    va_list ap;
    checks_run++;
    if (!ok)
        checks_failed++;
    guest_printf("%s - ", ok ? "ok" : "FAIL");
    va_start(ap, fmt);
    vformat(fmt, ap);
    va_end(ap);
    guest_putc('\n');
}

void delay_ticks(uint64_t ticks)
{
    uint64_t end = rdtime() + ticks;
    while (rdtime() < end)
        ;
}

void guest_exit(bool pass)
{
    flush_line();
    sbi_call(SBI_EXT_SRST, SBI_SRST_RESET, SBI_SRST_SHUTDOWN,
             pass ? SBI_SRST_REASON_NONE : SBI_SRST_REASON_FAILURE, 0, 0, 0);
    for (;;)
        ;
}

void guest_finish(void)
{
    guest_printf("%u checks, %u failed: %s\n", checks_run, checks_failed,
                 checks_failed ? "FAIL" : "PASS");
    guest_exit(checks_failed == 0 && checks_run > 0);
}

void guest_trap(struct trap_frame *f);
void guest_trap(struct trap_frame *f)
{
    if (guest_handler && guest_handler(f))
        return;
    guest_printf("unexpected trap: scause 0x%lx sepc 0x%lx stval 0x%lx\n", f->cause, f->epc, f->tval);
    checks_failed++;
    guest_finish();
}
