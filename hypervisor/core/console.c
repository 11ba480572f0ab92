/* Host console: a small printf, and line prefixes so that the hypervisor's log
 * and each guest's output stay readable when they interleave. */
#include "console.h"
#include "csr.h"
#include "platform.h"
#include "util.h"

/* who owns the current output line; NULL when at the start of a line */
static const char *line_owner;

static void put_prefixed(const char *name, uint8_t ch)
{
    if (line_owner != name) {
        if (line_owner)
            platform_putc('\n');
        line_owner = NULL;
    }
    if (!line_owner) {
        if (ch == '\n' || ch == '\r') {
            if (ch == '\n')
                platform_putc('\n');
            return;  /* no empty prefixed lines; a lone CR is dropped */
        }
        platform_putc('[');
        for (const char *p = name; *p; p++)
            platform_putc((uint8_t)*p);
        platform_putc(']');
        platform_putc(' ');
        line_owner = name;
    }
    if (ch == '\r')
        return;      /* lines end with '\n' on the host; CR would erase the prefix */
    platform_putc(ch);
    if (ch == '\n')
        line_owner = NULL;
}

/* one line being assembled per writer (the VMs' names; a few spare) */
#define LINE_MAX 160
#define LINE_WRITERS 16

struct pending_line {
    const char *owner;
    uint32_t len;
    uint64_t last_at;       /* time of its last character */
    char text[LINE_MAX];
};

static struct pending_line lines[LINE_WRITERS];

static void flush_line(struct pending_line *l)
{
    for (uint32_t i = 0; i < l->len; i++)
        put_prefixed(l->owner, (uint8_t)l->text[i]);
    l->len = 0;
}

static struct pending_line *line_of(const char *name)
{
    struct pending_line *free_slot = NULL;
    for (unsigned i = 0; i < LINE_WRITERS; i++) {
        if (lines[i].owner == name)
            return &lines[i];
        if (!lines[i].owner && !free_slot)
            free_slot = &lines[i];
    }
    if (free_slot)
        free_slot->owner = name;
    return free_slot;
}

void console_write_from(const char *name, uint8_t ch)
{
    struct pending_line *l = line_of(name);
    if (!l) {
        put_prefixed(name, ch);     /* more writers than slots: unbuffered */
        return;
    }
    l->text[l->len++] = (char)ch;
    l->last_at = read_time();
    if (ch == '\n' || l->len == LINE_MAX)
        flush_line(l);
}

void console_flush_partial(uint64_t now)
{
    /* only lines that have been quiet a while: a guest printing slowly (a
     * loaded host) still gives whole lines, a prompt shows within 20 ms */
    for (unsigned i = 0; i < LINE_WRITERS; i++)
        if (lines[i].len && now - lines[i].last_at >= CONSOLE_FLUSH_TICKS)
            flush_line(&lines[i]);
}

/* hypervisor log lines carry their own "[chipvisor] " prefix in the format */
static const char hv_owner[] = "chipvisor";

struct sink {
    char *buf;        /* NULL: console */
    uint64_t size, len;
};

static void sink_put(struct sink *s, char c)
{
    if (!s->buf) {
        /* the log writes its own prefix, so pass characters through, but keep
         * the line bookkeeping so that a guest line interleaves cleanly */
        if (line_owner && line_owner != hv_owner) {
            platform_putc('\n');
            line_owner = NULL;
        }
        platform_putc((uint8_t)c);
        line_owner = c == '\n' ? NULL : hv_owner;
        return;
    }
    if (s->len + 1 < s->size)
        s->buf[s->len] = c;
    s->len++;
}

static void put_num(struct sink *s, uint64_t v, unsigned base, int neg, int width, char pad)
{
    char tmp[24];
    int n = 0;
    do {
        unsigned d = v % base;
        tmp[n++] = (char)(d < 10 ? '0' + d : 'a' + d - 10);
        v /= base;
    } while (v);
    if (neg)
        tmp[n++] = '-';
    for (int i = n; i < width; i++)
        sink_put(s, pad);
    while (n)
        sink_put(s, tmp[--n]);
}

static void format(struct sink *s, const char *fmt, va_list ap)
{
    for (; *fmt; fmt++) {
        if (*fmt != '%') {
            sink_put(s, *fmt);
            continue;
        }
        fmt++;
        char pad = ' ';
        int width = 0, longs = 0;
        if (*fmt == '-')
            fmt++;      /* strings are always padded on the right */
        if (*fmt == '0')
            pad = '0', fmt++;
        while (*fmt >= '0' && *fmt <= '9')
            width = width * 10 + (*fmt++ - '0');
        while (*fmt == 'l')
            longs++, fmt++;
        switch (*fmt) {
        case 'd': {
            int64_t v = longs ? va_arg(ap, long) : va_arg(ap, int);
            put_num(s, v < 0 ? -(uint64_t)v : (uint64_t)v, 10, v < 0, width, pad);
            break;
        }
        case 'u':
            put_num(s, longs ? va_arg(ap, unsigned long) : va_arg(ap, unsigned), 10, 0, width, pad);
            break;
        case 'x':
            put_num(s, longs ? va_arg(ap, unsigned long) : va_arg(ap, unsigned), 16, 0, width, pad);
            break;
        case 'p':
            sink_put(s, '0'), sink_put(s, 'x');
            put_num(s, (uintptr_t)va_arg(ap, void *), 16, 0, 0, pad);
            break;
        case 'c':
            sink_put(s, (char)va_arg(ap, int));
            break;
        case 's': {
            const char *str = va_arg(ap, const char *);
            int n = 0;
            for (const char *p = str ? str : "(null)"; *p; p++, n++)
                sink_put(s, *p);
            for (; n < width; n++)
                sink_put(s, ' ');
            break;
        }
        case '%':
            sink_put(s, '%');
            break;
        default:
            sink_put(s, '?');
            break;
        }
    }
}

void hv_vprintf(const char *fmt, va_list ap)
{
    struct sink s = { 0 };
    format(&s, fmt, ap);
}

void hv_printf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    hv_vprintf(fmt, ap);
    va_end(ap);
}

int hv_vsnprintf(char *buf, uint64_t size, const char *fmt, va_list ap)
{
    struct sink s = { .buf = buf, .size = size };
    format(&s, fmt, ap);
    if (size)
        buf[s.len < size ? s.len : size - 1] = '\0';
    return (int)s.len;
}

int hv_snprintf(char *buf, uint64_t size, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = hv_vsnprintf(buf, size, fmt, ap);
    va_end(ap);
    return n;
}

int console_getc(void)
{
    return platform_getc();
}
