/* cvtest: the test and benchmark program inside chipvisor's Linux guest (a
 * static riscv64 Linux executable run by /init, see firmware/linux/init).
 *
 *   cvtest check              what the kernel was given, against the expectations
 *                             on its command line (cv.mem= cv.cpus= cv.devs=
 *                             cv.initrd= cv.root=): "CHECK <name> ok|FAIL <detail>"
 *                             lines and "CHECK-SUMMARY <n> ok <m> failed: PASS|FAIL";
 *                             with more than one CPU (online, or in cv.cpus) the
 *                             smp checks too, before the summary (which counts them)
 *   cvtest smp                the smp checks alone, with their own CHECK-SUMMARY:
 *                             every CPU of cv.cpus online, a CPU-bound job pinned to
 *                             each CPU in turn, and /proc/interrupts before and after
 *                             cross-CPU work (pipe ping-pong, membarrier): the timer
 *                             and the IPI rows must rise on every CPU column;
 *                             "SMP cpu=<i> timer+=<n> ipi+=<n> ..." lines
 *   cvtest irqs               /proc/interrupts before and after a short sleep and
 *                             some console (and disk) traffic: "IRQ <source> ..."
 *                             lines and "IRQ-SUMMARY PASS|FAIL"
 *   cvtest bench [scale] [--disk /dev/vdX] [--mem MiB]
 *                             microbenchmarks, "METRIC <name>=<value> unit=<unit>";
 *                             with more than one CPU online also cross-CPU ones:
 *                             pingpong_rtt, tlb_local, tlb_shootdown, membarrier
 *   cvtest disk-write <file> <token>   writes the token, fsync + sync
 *   cvtest disk-read  <file> <token>   reads it back: "DISK read ... ok|FAIL"
 *   cvtest stamp <label>      the machine's time CSR (ticks since the machine
 *                             started, hypervisor and firmware included, 10 MHz
 *                             on QEMU virt): "STAMP <label> ticks=<n>"
 *
 * Exit status 0 when everything passed. */
#define _GNU_SOURCE
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/membarrier.h>
#include <pthread.h>
#include <sched.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* --- helpers ------------------------------------------------------------------- */
static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static uint64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

/* Reads a whole (small) file into a static-lifetime malloc'd string; NULL if absent. */
static char *slurp(const char *path, size_t *len_out)
{
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        return NULL;
    size_t cap = 4096, len = 0;
    char *buf = malloc(cap);
    for (;;) {
        if (len + 1 >= cap) {
            cap *= 2;
            buf = realloc(buf, cap);
        }
        ssize_t n = read(fd, buf + len, cap - len - 1);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        len += (size_t)n;
    }
    close(fd);
    buf[len] = '\0';
    if (len_out)
        *len_out = len;
    return buf;
}

static bool exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

/* The value of "<key>=" on the kernel command line, in buf; false if absent. */
static bool cmdline_get(const char *key, char *buf, size_t size)
{
    static char *cmdline;
    if (!cmdline && !(cmdline = slurp("/proc/cmdline", NULL)))
        return false;
    size_t klen = strlen(key);
    for (const char *p = cmdline; *p;) {
        while (*p && isspace((unsigned char)*p))
            p++;
        const char *w = p;
        while (*p && !isspace((unsigned char)*p))
            p++;
        if ((size_t)(p - w) > klen && strncmp(w, key, klen) == 0 && w[klen] == '=') {
            size_t n = (size_t)(p - w) - klen - 1;
            if (n >= size)
                n = size - 1;
            memcpy(buf, w + klen + 1, n);
            buf[n] = '\0';
            return true;
        }
    }
    return false;
}

/* --- check ----------------------------------------------------------------------- */
static int n_ok, n_fail;

static void check(const char *name, bool ok, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void check(const char *name, bool ok, const char *fmt, ...)
{
    char detail[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(detail, sizeof detail, fmt, ap);
    va_end(ap);
    printf("CHECK %s %s %s\n", name, ok ? "ok" : "FAIL", detail);
    fflush(stdout);
    ok ? n_ok++ : n_fail++;
}

static long meminfo_kb(const char *field)
{
    char *m = slurp("/proc/meminfo", NULL);
    long v = -1;
    if (m) {
        char *p = strstr(m, field);
        if (p)
            v = strtol(p + strlen(field) + 1, NULL, 10);
        free(m);
    }
    return v;
}

/* The CPUs of a kernel cpu list ("0-3,5") below max into set[]; their count. */
#define MAX_CPUS 64
static int parse_cpulist(const char *s, bool *set, int max)
{
    int n = 0;
    for (const char *p = s; p && *p && *p != '\n';) {
        char *e;
        long a = strtol(p, &e, 10), b = a;
        if (e == p)
            break;
        p = e;
        if (*p == '-') {
            b = strtol(p + 1, &e, 10);
            p = e;
        }
        for (long c = a; c <= b; c++)
            if (c >= 0 && c < max && !set[c]) {
                set[c] = true;
                n++;
            }
        if (*p == ',')
            p++;
    }
    return n;
}

/* The online CPUs, ascending, into cpus[] (MAX_CPUS); their count. */
static int online_list(int *cpus)
{
    bool set[MAX_CPUS] = { false };
    char *s = slurp("/sys/devices/system/cpu/online", NULL);
    if (!s) {
        long n = sysconf(_SC_NPROCESSORS_ONLN);
        for (long c = 0; c < n && c < MAX_CPUS; c++)
            set[c] = true;
    } else {
        parse_cpulist(s, set, MAX_CPUS);
        free(s);
    }
    int n = 0;
    for (int c = 0; c < MAX_CPUS; c++)
        if (set[c])
            cpus[n++] = c;
    return n;
}

static int online_cpus(void)
{
    int cpus[MAX_CPUS];
    return online_list(cpus);
}

/* A virtio driver has a device bound: /sys/bus/virtio/drivers/<drv>/virtio<N>. */
static bool virtio_bound(const char *drv, char *which, size_t size)
{
    char path[128];
    snprintf(path, sizeof path, "/sys/bus/virtio/drivers/%s", drv);
    DIR *d = opendir(path);
    if (!d)
        return false;
    bool found = false;
    struct dirent *e;
    while ((e = readdir(d)))
        if (strncmp(e->d_name, "virtio", 6) == 0 && isdigit((unsigned char)e->d_name[6])) {
            snprintf(which, size, "%.31s", e->d_name);
            found = true;
            break;
        }
    closedir(d);
    return found;
}

/* An interrupt controller by the chip name in /proc/interrupts, or its DT node. */
static bool irqchip_seen(const char *needle)
{
    char *s = slurp("/proc/interrupts", NULL);
    bool ok = s && strstr(s, needle);
    free(s);
    return ok;
}

static void check_dev(const char *dev)
{
    char which[64] = "", name[80];
    snprintf(name, sizeof name, "dev-%s", dev);
    if (strcmp(dev, "virtio-blk") == 0) {
        bool ok = virtio_bound("virtio_blk", which, sizeof which);
        check(name, ok && exists("/sys/block/vda"), "%s%s", ok ? which : "no virtio_blk device",
              exists("/sys/block/vda") ? " /sys/block/vda" : " (no /sys/block/vda)");
    } else if (strcmp(dev, "virtio-console") == 0) {
        bool ok = virtio_bound("virtio_console", which, sizeof which);
        check(name, ok, "%s", ok ? which : "no virtio_console device");
    } else if (strcmp(dev, "virtio-net") == 0) {
        bool ok = virtio_bound("virtio_net", which, sizeof which);
        check(name, ok, "%s", ok ? which : "no virtio_net device");
    } else if (strcmp(dev, "uart") == 0) {
        /* /proc/tty/driver/serial: "0: uart:16550A mmio:0x10000000 irq:10 ..." */
        char *s = slurp("/proc/tty/driver/serial", NULL);
        char *p = s ? strstr(s, "\n0: uart:") : NULL;
        bool ok = p && strncmp(p + 9, "unknown", 7) != 0;
        if (ok) {
            char *end = strchr(p + 1, '\n');
            if (end)
                *end = '\0';
            snprintf(which, sizeof which, "ttyS0 %.40s", p + 4);
        }
        check(name, ok, "%s", ok ? which : "no ttyS0 port (/proc/tty/driver/serial)");
        free(s);
    } else if (strcmp(dev, "plic") == 0) {
        check(name, irqchip_seen("PLIC"), "%s", "PLIC in /proc/interrupts");
    } else if (strcmp(dev, "aplic") == 0) {
        check(name, irqchip_seen("APLIC"), "%s", "APLIC in /proc/interrupts");
    } else if (strcmp(dev, "imsic") == 0) {
        check(name, exists("/sys/firmware/devicetree/base/soc/interrupt-controller@24000000")
                        || irqchip_seen("IMSIC") || irqchip_seen("MSI"),
              "%s", "IMSIC (MSI domain)");
    } else if (strcmp(dev, "rtc") == 0) {
        check(name, exists("/sys/class/rtc/rtc0"), "%s", "/sys/class/rtc/rtc0");
    } else {
        check(name, false, "unknown device name '%s' in cv.devs", dev);
    }
}

static void smp_checks(void);

static int cmd_check(void)
{
    char v[256];
    struct utsname u;
    uname(&u);
    check("kernel", true, "%s %s %s", u.sysname, u.release, u.machine);

    if (cmdline_get("cv.mem", v, sizeof v)) {
        long want_kb = strtol(v, NULL, 10) * 1024;
        long total = meminfo_kb("MemTotal:");
        /* MemTotal is RAM less what the firmware reserves and the kernel image
         * (~40 MiB for Debian's kernel, ~70 MiB with its initramfs and page
         * structures on a 256 MiB VM): accept [want - max(96 MiB, want/4), want]. */
        long slack = want_kb / 4 > 98304 ? want_kb / 4 : 98304;
        check("mem", total > 0 && total <= want_kb && total >= want_kb - slack,
              "MemTotal=%ld kB expected %ld MiB", total, want_kb / 1024);
    }
    if (cmdline_get("cv.cpus", v, sizeof v)) {
        int want = atoi(v), got = online_cpus();
        check("cpus", got == want, "online=%d expected %d", got, want);
    }
    bool smp = online_cpus() > 1 || (cmdline_get("cv.cpus", v, sizeof v) && atoi(v) > 1);
    if (cmdline_get("cv.devs", v, sizeof v)) {
        char *save;
        for (char *d = strtok_r(v, ",", &save); d; d = strtok_r(NULL, ",", &save))
            check_dev(d);
    }
    if (cmdline_get("cv.initrd", v, sizeof v)) {
        bool want = atoi(v) != 0;
        bool got = exists("/sys/firmware/devicetree/base/chosen/linux,initrd-start");
        check("initrd", got == want, "linux,initrd-start %s in /chosen", got ? "present" : "absent");
    }
    if (cmdline_get("cv.root", v, sizeof v)) {
        /* the line of /proc/mounts whose mount point is "/" (the last one wins) */
        char *m = slurp("/proc/mounts", NULL);
        char dev[128] = "?", type[32] = "?";
        for (char *save, *l = m ? strtok_r(m, "\n", &save) : NULL; l; l = strtok_r(NULL, "\n", &save)) {
            char d[128], mp[128], t[32];
            if (sscanf(l, "%127s %127s %31s", d, mp, t) == 3 && strcmp(mp, "/") == 0) {
                snprintf(dev, sizeof dev, "%s", d);
                snprintf(type, sizeof type, "%s", t);
            }
        }
        free(m);
        check("root", strcmp(type, v) == 0, "/ is %s on %s, expected %s", type, dev, v);
    }
    if (smp)
        smp_checks();
    printf("CHECK-SUMMARY %d ok %d failed: %s\n", n_ok, n_fail, n_fail ? "FAIL" : "PASS");
    fflush(stdout);
    return n_fail ? 1 : 0;
}

/* --- irqs ------------------------------------------------------------------------ */
/* The total count (all CPUs) of the first /proc/interrupts line containing one
 * of the needles; -1 if none. */
static long irq_count(const char *text, const char *const *needles, char *label, size_t size)
{
    char *copy = strdup(text);
    long total = -1;
    char *save;
    char *l = strtok_r(copy, "\n", &save);          /* header: CPU0 CPU1 ... */
    int ncpu = 0;
    for (char *p = l; p && (p = strstr(p, "CPU")); p += 3)
        ncpu++;
    for (l = strtok_r(NULL, "\n", &save); l && total < 0; l = strtok_r(NULL, "\n", &save)) {
        bool hit = false;
        for (const char *const *n = needles; *n && !hit; n++)
            hit = strstr(l, *n) != NULL;
        if (!hit)
            continue;
        char *p = strchr(l, ':');
        if (!p)
            continue;
        snprintf(label, size, "%.*s", (int)(p - l), l);
        for (char *q = label; *q == ' ';)           /* trim the irq number */
            memmove(q, q + 1, strlen(q));
        p++;
        total = 0;
        for (int c = 0; c < ncpu; c++)
            total += strtol(p, &p, 10);
    }
    free(copy);
    return total;
}

static int cmd_irqs(void)
{
    static const char *const timer[] = { "riscv-timer", NULL };
    static const char *const uart[] = { "ttyS", "serial", NULL };
    static const char *const vblk[] = { "virtio0", "virtio1", "virtio2", "virtio3", NULL };
    struct { const char *name; const char *const *needles; long a, b; char label[32]; } src[] = {
        { "timer", timer, 0, 0, "" }, { "uart", uart, 0, 0, "" }, { "virtio", vblk, 0, 0, "" },
    };
    const int n = (int)(sizeof src / sizeof src[0]);

    char *before = slurp("/proc/interrupts", NULL);
    if (!before) {
        printf("IRQ-SUMMARY FAIL no /proc/interrupts\n");
        return 1;
    }
    /* activity: console output (UART THR-empty interrupts), a disk read, 100 ms of sleep */
    for (int i = 0; i < 4; i++) {
        printf("IRQ activity line %d: ................................................\n", i);
        fflush(stdout);
        usleep(20000);
    }
    int fd = open("/dev/vda", O_RDONLY | O_DIRECT);
    if (fd >= 0) {
        void *buf;
        if (posix_memalign(&buf, 4096, 65536) == 0) {
            for (int i = 0; i < 4; i++)
                if (pread(fd, buf, 65536, (off_t)i * 65536 * 7) < 0)
                    break;
            free(buf);
        }
        close(fd);
    }
    usleep(20000);
    char *after = slurp("/proc/interrupts", NULL);
    for (int i = 0; i < n; i++) {
        src[i].a = irq_count(before, src[i].needles, src[i].label, sizeof src[i].label);
        src[i].b = irq_count(after, src[i].needles, src[i].label, sizeof src[i].label);
        if (src[i].a < 0)
            printf("IRQ %s absent\n", src[i].name);
        else
            printf("IRQ %s irq=%s before=%ld after=%ld %s\n", src[i].name, src[i].label,
                   src[i].a, src[i].b, src[i].b > src[i].a ? "rose" : "SAME");
    }
    bool timer_ok = src[0].a >= 0 && src[0].b > src[0].a;
    bool dev_ok = (src[1].a >= 0 && src[1].b > src[1].a) || (src[2].a >= 0 && src[2].b > src[2].a);
    printf("IRQ-SUMMARY %s timer %s, device %s\n", timer_ok && dev_ok ? "PASS" : "FAIL",
           timer_ok ? "rose" : "did not rise", dev_ok ? "rose" : "did not rise");
    fflush(stdout);
    free(before);
    free(after);
    return timer_ok && dev_ok ? 0 : 1;
}

/* --- smp: pinning, helper processes and threads, the checks ------------------------------- */
static cpu_set_t saved_affinity;
static bool saved_affinity_ok;

static bool pin_to(int cpu)
{
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET(cpu, &set);
    return sched_setaffinity(0, sizeof set, &set) == 0;
}

static void save_affinity(void)
{
    if (!saved_affinity_ok)
        saved_affinity_ok = sched_getaffinity(0, sizeof saved_affinity, &saved_affinity) == 0;
}

static void restore_affinity(void)
{
    if (saved_affinity_ok)
        sched_setaffinity(0, sizeof saved_affinity, &saved_affinity);
}

/* Ping-pong of a counter over two pipes between this process, pinned to cpu a,
 * and a child pinned to cpu b that sends back each value plus one: `rounds`
 * round trips (after 16 not timed) or until `cap` seconds. The round trips done
 * and their time; -1 on an error (a wrong value, a child not on cpu b), in err. */
static long pingpong(int a, int b, long rounds, double cap, double *secs, char *err, size_t errsz)
{
    int to[2], from[2];
    *secs = 0;
    if (pipe(to) || pipe(from)) {
        snprintf(err, errsz, "pipe: %s", strerror(errno));
        return -1;
    }
    save_affinity();
    pid_t pid = fork();
    if (pid < 0) {
        snprintf(err, errsz, "fork: %s", strerror(errno));
        return -1;
    }
    if (pid == 0) {
        close(to[1]);
        close(from[0]);
        bool bad = !pin_to(b) || sched_getcpu() != b;
        uint32_t v;
        while (read(to[0], &v, sizeof v) == (ssize_t)sizeof v) {
            v++;
            if (write(from[1], &v, sizeof v) != (ssize_t)sizeof v)
                break;
        }
        if (sched_getcpu() != b)
            bad = true;
        _exit(bad ? 3 : 0);
    }
    close(to[0]);
    close(from[1]);
    long n = 0, result = -1;
    if (!pin_to(a) || sched_getcpu() != a) {
        snprintf(err, errsz, "could not pin to cpu%d", a);
    } else {
        uint32_t v = 1, w = 0;
        double t0 = 0, t;
        for (long i = 0; i < rounds + 16; i++) {
            if (i == 16)
                t0 = now_s();
            if (write(to[1], &v, sizeof v) != (ssize_t)sizeof v || read(from[0], &w, sizeof w) != (ssize_t)sizeof w) {
                snprintf(err, errsz, "pipe I/O failed after %ld round trips: %s", i, strerror(errno));
                break;
            }
            if (w != v + 1) {
                snprintf(err, errsz, "round trip %ld: sent %u, got back %u", i, v, w);
                break;
            }
            v = w + 1;
            if (i >= 16 && ((++n & 15) == 0) && (t = now_s()) - t0 >= cap) {
                result = n;
                break;
            }
            if (i + 1 == rounds + 16)
                result = n;
        }
        *secs = now_s() - t0;
    }
    close(to[1]);                              /* the child sees EOF and exits */
    int status = 0;
    waitpid(pid, &status, 0);
    close(from[0]);
    restore_affinity();
    if (result >= 0 && !(WIFEXITED(status) && WEXITSTATUS(status) == 0)) {
        snprintf(err, errsz, "the echo process %s", WIFEXITED(status) && WEXITSTATUS(status) == 3
                 ? "did not stay on its cpu" : "failed");
        result = -1;
    }
    return result;
}

/* Threads that spin in user mode on given CPUs, so that the kernel must reach
 * those CPUs for this process (TLB shootdowns, membarrier). */
struct spinner {
    pthread_t th;
    int cpu, ran_on, started;
    const int *stop;
};

static void *spin_main(void *arg)
{
    struct spinner *s = arg;
    s->ran_on = sched_getcpu();
    __atomic_store_n(&s->started, 1, __ATOMIC_RELEASE);
    volatile uint64_t n = 0;
    while (!__atomic_load_n(s->stop, __ATOMIC_ACQUIRE))
        n++;
    if (sched_getcpu() != s->cpu)
        s->ran_on = sched_getcpu();
    return NULL;
}

/* Starts one spinner per CPU and waits until each runs there; false (all
 * stopped again, why in err) if one cannot. */
static bool spinners_start(struct spinner *sp, const int *cpus, int n, const int *stop, char *err, size_t errsz)
{
    int started = 0;
    bool ok = true;
    for (int i = 0; i < n && ok; i++) {
        pthread_attr_t attr;
        cpu_set_t set;
        CPU_ZERO(&set);
        CPU_SET(cpus[i], &set);
        pthread_attr_init(&attr);
        pthread_attr_setaffinity_np(&attr, sizeof set, &set);
        sp[i] = (struct spinner){ .cpu = cpus[i], .ran_on = -1, .stop = stop };
        int e = pthread_create(&sp[i].th, &attr, spin_main, &sp[i]);
        pthread_attr_destroy(&attr);
        if (e) {
            snprintf(err, errsz, "pthread_create for cpu%d: %s", cpus[i], strerror(e));
            ok = false;
            break;
        }
        started++;
        double t0 = now_s();
        while (!__atomic_load_n(&sp[i].started, __ATOMIC_ACQUIRE) && now_s() - t0 < 5)
            sched_yield();
        if (sp[i].ran_on != cpus[i]) {
            snprintf(err, errsz, "the thread for cpu%d %s %d", cpus[i],
                     sp[i].started ? "ran on cpu" : "did not start in 5 s:", sp[i].ran_on);
            ok = false;
        }
    }
    if (!ok) {
        __atomic_store_n((int *)stop, 1, __ATOMIC_RELEASE);
        for (int i = 0; i < started; i++)
            pthread_join(sp[i].th, NULL);
    }
    return ok;
}

/* Stops and joins them; false if one left its CPU. */
static bool spinners_stop(struct spinner *sp, int n, const int *stop, char *err, size_t errsz)
{
    __atomic_store_n((int *)stop, 1, __ATOMIC_RELEASE);
    bool ok = true;
    for (int i = 0; i < n; i++) {
        pthread_join(sp[i].th, NULL);
        if (sp[i].ran_on != sp[i].cpu && ok) {
            snprintf(err, errsz, "the thread for cpu%d ended on cpu%d", sp[i].cpu, sp[i].ran_on);
            ok = false;
        }
    }
    return ok;
}

enum spin_work { WORK_TLB, WORK_MEMBARRIER };

struct spin_result {
    long ops;
    double secs;
    char err[120];
};

/* In a child process pinned to cpu a, with spinner threads on the CPUs
 * others[0..n): `iters` operations (or `cap` seconds) of
 *   WORK_TLB         mmap of one page, a write to it, munmap (with spinners on
 *                    other CPUs the unmap is a TLB shootdown: IPIs or SBI
 *                    remote fences to them);
 *   WORK_MEMBARRIER  membarrier(PRIVATE_EXPEDITED): an IPI to every CPU that
 *                    runs a thread of the process, and a wait for each.
 * A fresh process, born on cpu a, so no other CPU has run its address space
 * before the spinners. ops < 0: err. */
static struct spin_result spin_work(enum spin_work work, int a, const int *others, int n, long iters, double cap)
{
    struct spin_result r = { -1, 0, "" };
    int fds[2];
    if (pipe(fds)) {
        snprintf(r.err, sizeof r.err, "pipe: %s", strerror(errno));
        return r;
    }
    /* forked while pinned: the child starts on cpu a, and its address space
     * (riscv keeps a CPU in mm_cpumask once it ran the mm) is on no other CPU */
    save_affinity();
    pin_to(a);
    pid_t pid = fork();
    if (pid != 0)
        restore_affinity();
    if (pid < 0) {
        snprintf(r.err, sizeof r.err, "fork: %s", strerror(errno));
        close(fds[0]);
        close(fds[1]);
        return r;
    }
    if (pid == 0) {
        close(fds[0]);
        struct spinner sp[MAX_CPUS];
        int stop = 0;
        const long page = sysconf(_SC_PAGESIZE);
        if (!pin_to(a) || sched_getcpu() != a) {
            snprintf(r.err, sizeof r.err, "could not pin to cpu%d", a);
        } else if (work == WORK_MEMBARRIER
                   && syscall(SYS_membarrier, MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED, 0, 0) != 0) {
            snprintf(r.err, sizeof r.err, "membarrier register: %s", strerror(errno));
        } else if (spinners_start(sp, others, n, &stop, r.err, sizeof r.err)) {
            long ops = 0;
            double t0 = now_s(), t = t0;
            while (ops < iters) {
                if (work == WORK_TLB) {
                    volatile char *p = mmap(NULL, (size_t)page, PROT_READ | PROT_WRITE,
                                            MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
                    if (p == MAP_FAILED) {
                        snprintf(r.err, sizeof r.err, "mmap: %s", strerror(errno));
                        break;
                    }
                    p[0] = 1;
                    if (munmap((void *)p, (size_t)page)) {
                        snprintf(r.err, sizeof r.err, "munmap: %s", strerror(errno));
                        break;
                    }
                } else if (syscall(SYS_membarrier, MEMBARRIER_CMD_PRIVATE_EXPEDITED, 0, 0) != 0) {
                    snprintf(r.err, sizeof r.err, "membarrier: %s", strerror(errno));
                    break;
                }
                if ((++ops & 15) == 0 && (t = now_s()) - t0 >= cap)
                    break;
            }
            r.secs = now_s() - t0;
            if (sched_getcpu() != a)
                snprintf(r.err, sizeof r.err, "the worker left cpu%d for cpu%d", a, sched_getcpu());
            if (spinners_stop(sp, n, &stop, r.err, sizeof r.err) && !r.err[0])
                r.ops = ops;
        }
        ssize_t w = write(fds[1], &r, sizeof r);
        _exit(w == (ssize_t)sizeof r ? 0 : 1);
    }
    close(fds[1]);
    if (read(fds[0], &r, sizeof r) != (ssize_t)sizeof r) {
        r.ops = -1;
        snprintf(r.err, sizeof r.err, "the worker process died");
    }
    close(fds[0]);
    int status;
    waitpid(pid, &status, 0);
    return r;
}

/* A CPU-bound job of `chunks` equal pieces (a xorshift64 sum each); false if
 * a piece's sum differs from *ref (set by the first piece when *ref is 0) or
 * a look at the CPU number finds another CPU than cpu. */
static bool cpu_job(int cpu, double min_s, uint64_t *ref, int *chunks, int *samples, int *elsewhere)
{
    bool ok = true;
    double t0 = now_s();
    *chunks = *samples = *elsewhere = 0;
    do {
        uint64_t x = 0x243f6a8885a308d3ull, sum = 0;
        for (int i = 0; i < 200000; i++) {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            sum += x ^ (sum >> 3);
            if ((i & 16383) == 0) {
                (*samples)++;
                if (sched_getcpu() != cpu)
                    (*elsewhere)++;
            }
        }
        if (!*ref)
            *ref = sum;
        if (sum != *ref)
            ok = false;
        (*chunks)++;
    } while (now_s() - t0 < min_s);
    return ok && *elsewhere == 0;
}

/* Per-CPU counts of /proc/interrupts: the timer row (riscv-timer), the sum of
 * the IPI rows, and the Rescheduling and Function call rows, by CPU number. */
struct irq_cols {
    int ncols;
    int cpu[MAX_CPUS];
    long timer[MAX_CPUS], ipi[MAX_CPUS], resched[MAX_CPUS], call[MAX_CPUS];
    bool has_timer, has_ipi;
};

static bool irq_columns(struct irq_cols *c)
{
    memset(c, 0, sizeof *c);
    char *text = slurp("/proc/interrupts", NULL);
    if (!text)
        return false;
    char *save, *l = strtok_r(text, "\n", &save);
    for (char *p = l; p && (p = strstr(p, "CPU")) && c->ncols < MAX_CPUS; p += 3)
        c->cpu[c->ncols++] = atoi(p + 3);
    while ((l = strtok_r(NULL, "\n", &save))) {
        char *p = strchr(l, ':');
        if (!p)
            continue;
        while (*l == ' ')
            l++;
        bool ipi = strncmp(l, "IPI", 3) == 0, timer = strstr(p, "riscv-timer") != NULL;
        if (!ipi && !timer)
            continue;
        p++;
        long v[MAX_CPUS];
        for (int i = 0; i < c->ncols; i++)
            v[i] = strtol(p, &p, 10);
        for (int i = 0; i < c->ncols; i++) {
            if (timer) {
                c->timer[i] += v[i];
                c->has_timer = true;
            } else {
                c->ipi[i] += v[i];
                c->has_ipi = true;
                if (strstr(p, "Rescheduling"))
                    c->resched[i] += v[i];
                if (strstr(p, "Function call"))
                    c->call[i] += v[i];
            }
        }
    }
    free(text);
    return c->ncols > 0;
}

static void smp_checks(void)
{
    char v[64], err[160] = "";
    int cpus[MAX_CPUS];
    int n = online_list(cpus);
    save_affinity();

    /* every CPU the command line names (else every present CPU) is online */
    int want = 0;
    const char *from = "cv.cpus";
    if (cmdline_get("cv.cpus", v, sizeof v)) {
        want = atoi(v);
    } else {
        bool set[MAX_CPUS] = { false };
        char *s = slurp("/sys/devices/system/cpu/present", NULL);
        want = parse_cpulist(s, set, MAX_CPUS);
        free(s);
        from = "present";
    }
    char *online_s = slurp("/sys/devices/system/cpu/online", NULL);
    if (online_s)
        online_s[strcspn(online_s, "\n")] = '\0';
    int missing = -1;
    for (int c = 0; c < want && missing < 0; c++) {
        bool on = false;
        for (int i = 0; i < n; i++)
            on |= cpus[i] == c;
        if (!on)
            missing = c;
    }
    check("smp-online", want > 1 && missing < 0 && n == want, "online %s, expected cpu0-cpu%d (%s=%d)%s",
          online_s ? online_s : "?", want - 1, from, want,
          missing >= 0 ? ", one missing" : want < 2 ? ", not an SMP expectation" : "");
    free(online_s);

    struct irq_cols before, after;
    bool have_before = irq_columns(&before);

    /* a CPU-bound job pinned to each online CPU in turn */
    uint64_t ref = 0;
    for (int i = 0; i < n; i++) {
        char name[32];
        int chunks = 0, samples = 0, elsewhere = 0;
        snprintf(name, sizeof name, "smp-pin-cpu%d", cpus[i]);
        if (!pin_to(cpus[i])) {
            check(name, false, "sched_setaffinity(cpu%d): %s", cpus[i], strerror(errno));
            continue;
        }
        double t0 = now_s();
        bool ok = cpu_job(cpus[i], 0.05, &ref, &chunks, &samples, &elsewhere);
        check(name, ok, "%d of %d looks on cpu%d, %d pieces in %.1f ms, sums %s 0x%016llx", samples - elsewhere,
              samples, cpus[i], chunks, (now_s() - t0) * 1e3, ok ? "all" : "NOT all", (unsigned long long)ref);
    }
    restore_affinity();

    /* cross-CPU work: each CPU ping-pongs with another and gets membarrier IPIs */
    long trips = 0;
    long mb_ops = 0;
    bool pp_ok = n > 1, mb_ok = n > 1;
    char pp_err[160] = "", mb_err[160] = "";
    for (int i = 0; i < n && n > 1; i++) {
        int c = cpus[i], partner = cpus[i == 0 ? 1 : 0];
        double secs;
        long r = pingpong(partner, c, 100, 60.0, &secs, err, sizeof err);
        if (r < 0 && pp_ok) {
            pp_ok = false;
            snprintf(pp_err, sizeof pp_err, "cpu%d<->cpu%d: %s", partner, c, err);
        }
        trips += r > 0 ? r : 0;
        struct spin_result m = spin_work(WORK_MEMBARRIER, partner, &c, 1, 100, 60.0);
        if (m.ops < 0 && mb_ok) {
            mb_ok = false;
            snprintf(mb_err, sizeof mb_err, "cpu%d->cpu%d: %s", partner, c, m.err);
        }
        mb_ops += m.ops > 0 ? m.ops : 0;
    }
    check("smp-pingpong", pp_ok, "%ld pipe round trips between each CPU and another%s%s", trips,
          pp_err[0] ? ": " : "", pp_err);
    check("smp-membarrier", mb_ok, "%ld membarrier(PRIVATE_EXPEDITED) calls at each CPU%s%s", mb_ops,
          mb_err[0] ? ": " : "", mb_err);

    /* the timer and the IPI rows rose on every CPU column */
    bool have_after = irq_columns(&after);
    bool timer_ok = have_before && have_after && before.has_timer && after.ncols == before.ncols;
    bool ipi_ok = timer_ok && before.has_ipi;
    char tdet[160] = "", idet[160] = "";
    size_t tl = 0, il = 0;
    for (int i = 0; have_after && i < after.ncols; i++) {
        int b = -1;
        for (int j = 0; j < before.ncols; j++)
            if (before.cpu[j] == after.cpu[i])
                b = j;
        long dt = b < 0 ? 0 : after.timer[i] - before.timer[b];
        long di = b < 0 ? 0 : after.ipi[i] - before.ipi[b];
        long dr = b < 0 ? 0 : after.resched[i] - before.resched[b];
        long dc = b < 0 ? 0 : after.call[i] - before.call[b];
        printf("SMP cpu=%d timer+=%ld ipi+=%ld resched+=%ld call+=%ld\n", after.cpu[i], dt, di, dr, dc);
        timer_ok &= dt > 0;
        ipi_ok &= di > 0;
        if (tl < sizeof tdet)
            tl += (size_t)snprintf(tdet + tl, sizeof tdet - tl, " cpu%d+%ld", after.cpu[i], dt);
        if (il < sizeof idet)
            il += (size_t)snprintf(idet + il, sizeof idet - il, " cpu%d+%ld", after.cpu[i], di);
    }
    fflush(stdout);
    timer_ok &= after.ncols == n && n > 1;
    ipi_ok &= after.ncols == n && n > 1;
    check("smp-timer", timer_ok, "riscv-timer rose on every CPU:%s", tdet[0] ? tdet : " (no row)");
    check("smp-ipi", ipi_ok, "IPI rows rose on every CPU:%s", idet[0] ? idet : " (no rows)");
}

static int cmd_smp(void)
{
    smp_checks();
    printf("CHECK-SUMMARY %d ok %d failed: %s\n", n_ok, n_fail, n_fail ? "FAIL" : "PASS");
    fflush(stdout);
    return n_fail ? 1 : 0;
}

/* --- bench ------------------------------------------------------------------------ */
static void metric(const char *name, double value, const char *unit)
{
    printf("METRIC %s=%.1f unit=%s\n", name, value, unit);
    fflush(stdout);
}

/* Each benchmark runs a fixed amount of work (times the scale), or stops at a
 * time cap on a slow machine: under -icount a time bound would mean a fixed
 * instruction budget that memory-heavy loops turn into minutes of wall time. */
static void bench_syscall(uint64_t iters, double cap)
{
    uint64_t calls = 0;
    double t0 = now_s(), t;
    do {
        for (int i = 0; i < 1000; i++)
            syscall(SYS_getppid);
        calls += 1000;
    } while (calls < iters && (t = now_s()) - t0 < cap);
    t = now_s();
    metric("syscall_getppid", (t - t0) * 1e9 / (double)calls, "ns/call");
}

static void bench_pagefault(uint64_t iters, double cap)
{
    const size_t len = 4u << 20;
    const long page = sysconf(_SC_PAGESIZE);
    uint64_t faults = 0;
    double t0 = now_s(), t;
    do {
        volatile char *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (p == MAP_FAILED) {
            printf("METRIC pagefault skipped (mmap: %s)\n", strerror(errno));
            return;
        }
        for (size_t off = 0; off < len; off += (size_t)page)
            p[off] = 1;
        munmap((void *)p, len);
        faults += len / (size_t)page;
    } while (faults < iters && (t = now_s()) - t0 < cap);
    t = now_s();
    metric("pagefault", (t - t0) * 1e9 / (double)faults, "ns/fault");
}

static void bench_nanosleep(int count)
{
    double sum = 0, max = 0;
    for (int i = 0; i < count; i++) {
        struct timespec req = { 0, 1000000 };
        uint64_t a = now_ns();
        nanosleep(&req, NULL);
        double over = (double)(now_ns() - a) - 1e6;
        sum += over;
        if (over > max)
            max = over;
    }
    metric("nanosleep_1ms_overshoot_mean", sum / count / 1e3, "us");
    metric("nanosleep_1ms_overshoot_max", max / 1e3, "us");
}

/* One access per 4 KiB page in a random cyclic order over `mib` MiB (each at a
 * different cache line of its page): every access a TLB miss, two-stage in a VM. */
static void bench_random(size_t mib, uint64_t iters, double cap)
{
    size_t len = mib << 20;
    const size_t page = 4096, npages = len / page;
    char *mem = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    uint32_t *perm = malloc(npages * sizeof *perm);
    if (mem == MAP_FAILED || !perm) {
        printf("METRIC random_access skipped (no %zu MiB)\n", mib);
        free(perm);
        return;
    }
    madvise(mem, len, MADV_NOHUGEPAGE);
    for (size_t i = 0; i < npages; i++)
        perm[i] = (uint32_t)i;
    uint64_t x = 0x9e3779b97f4a7c15ull;
    for (size_t i = npages - 1; i > 0; i--) {       /* Fisher-Yates, xorshift64 */
        x ^= x << 13; x ^= x >> 7; x ^= x << 17;
        size_t j = (size_t)(x % (i + 1));
        uint32_t tmp = perm[i]; perm[i] = perm[j]; perm[j] = tmp;
    }
    for (size_t i = 0; i < npages; i++) {
        size_t from = perm[i], to = perm[(i + 1) % npages];
        void **slot = (void **)(mem + from * page + (from % 64) * 64);
        *slot = mem + to * page + (to % 64) * 64;
    }
    free(perm);
    void **p = (void **)mem;                         /* page 0, line 0: in the cycle */
    uint64_t n = 0;
    double t0 = now_s(), t;
    do {
        for (int i = 0; i < 4096; i++)
            p = (void **)*p;
        n += 4096;
    } while (n < iters && (t = now_s()) - t0 < cap);
    t = now_s();
    if (!p)
        printf("unreachable\n");
    metric("random_access_mib", (double)mib, "MiB");
    metric("random_access_pages", (t - t0) * 1e9 / (double)n, "ns/access");
    munmap(mem, len);
}

/* rdtime from user mode (Linux allows it through scounteren.TM): its rate against
 * CLOCK_MONOTONIC, and its cost; skipped if it traps. */
static sigjmp_buf rdtime_jmp;
static void on_sigill(int sig)
{
    (void)sig;
    siglongjmp(rdtime_jmp, 1);
}

static inline uint64_t rdtime(void)
{
#if defined(__riscv)
    uint64_t t;
    __asm__ volatile("rdtime %0" : "=r"(t));
    return t;
#else
    return now_ns();
#endif
}

static void bench_rdtime(uint64_t iters, double cap)
{
    struct sigaction sa = { .sa_handler = on_sigill }, old;
    sigaction(SIGILL, &sa, &old);
    if (sigsetjmp(rdtime_jmp, 1)) {
        printf("METRIC rdtime skipped (SIGILL: the time CSR is not readable from user mode)\n");
        sigaction(SIGILL, &old, NULL);
        return;
    }
    uint64_t r0 = rdtime();
    double t0 = now_s(), t;
    uint64_t n = 0;
    do {
        for (int i = 0; i < 1000; i++)
            (void)rdtime();
        n += 1000;
    } while (n < iters && (t = now_s()) - t0 < cap);
    uint64_t r1 = rdtime();
    t = now_s();
    sigaction(SIGILL, &old, NULL);
    metric("rdtime_read", (t - t0) * 1e9 / (double)n, "ns/read");
    metric("rdtime_rate", (double)(r1 - r0) / (t - t0) / 1e6, "MHz");
}

/* The mount point of a block device, from /proc/mounts. */
static bool mount_point_of(const char *dev, char *mp, size_t size)
{
    char *m = slurp("/proc/mounts", NULL);
    bool found = false;
    for (char *save, *l = m ? strtok_r(m, "\n", &save) : NULL; l && !found; l = strtok_r(NULL, "\n", &save)) {
        char d[128], p[256];
        if (sscanf(l, "%127s %255s", d, p) == 2 && strcmp(d, dev) == 0) {
            snprintf(mp, size, "%s", p);
            found = true;
        }
    }
    free(m);
    return found;
}

static void bench_disk(const char *dev, size_t mib)
{
    const size_t chunk = 1u << 20;
    void *buf;
    if (posix_memalign(&buf, 4096, chunk)) {
        printf("METRIC disk skipped (no memory)\n");
        return;
    }
    memset(buf, 0xa5, chunk);
    /* sequential read of the raw device with O_DIRECT (bypasses the page cache) */
    int fd = open(dev, O_RDONLY | O_DIRECT);
    if (fd < 0) {
        printf("METRIC disk_read skipped (%s: %s)\n", dev, strerror(errno));
    } else {
        size_t done = 0;
        double t0 = now_s();
        while (done < (mib << 20)) {
            ssize_t n = pread(fd, buf, chunk, (off_t)done);
            if (n <= 0)
                break;
            done += (size_t)n;
        }
        double t = now_s() - t0;
        close(fd);
        metric("disk_seq_read", (double)done / t / 1e6, "MB/s");
        printf("METRIC disk_seq_read_bytes=%zu unit=bytes\n", done);
    }
    /* sequential write of a file on the filesystem mounted from it (never the raw
     * device: it may be the root), O_DIRECT + fsync, then removed */
    char mp[256], path[300];
    if (!mount_point_of(dev, mp, sizeof mp)) {
        printf("METRIC disk_seq_write skipped (%s is not mounted; raw writes would destroy it)\n", dev);
    } else {
        snprintf(path, sizeof path, "%s/.cvtest-bench.tmp", strcmp(mp, "/") ? mp : "");
        fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_DIRECT, 0600);
        if (fd < 0) {
            printf("METRIC disk_seq_write skipped (%s: %s)\n", path, strerror(errno));
        } else {
            size_t done = 0;
            double t0 = now_s();
            while (done < (mib << 20)) {
                ssize_t n = write(fd, buf, chunk);
                if (n <= 0)
                    break;
                done += (size_t)n;
            }
            fsync(fd);
            double t = now_s() - t0;
            close(fd);
            unlink(path);
            sync();
            metric("disk_seq_write", (double)done / t / 1e6, "MB/s");
            printf("METRIC disk_seq_write_bytes=%zu unit=bytes\n", done);
        }
    }
    free(buf);
}

/* Cross-CPU figures (more than one CPU online): a pipe round trip between
 * processes pinned to the first two CPUs; mmap + write + munmap of one page in
 * a process alone on the first CPU (tlb_local) and with threads spinning on
 * every other CPU (tlb_shootdown: each munmap reaches them, by IPI or SBI
 * remote fence); membarrier(PRIVATE_EXPEDITED) with those threads (an IPI to
 * each, waited for). */
static void spin_metric(const char *name, struct spin_result r, const char *unit)
{
    if (r.ops > 0)
        metric(name, r.secs * 1e9 / (double)r.ops, unit);
    else
        printf("METRIC %s skipped (%s)\n", name, r.err);
}

static void bench_smp(double scale)
{
    int cpus[MAX_CPUS];
    int n = online_list(cpus);
    if (n < 2)
        return;
    metric("bench_cpus", n, "cpus");
    char err[160] = "";
    double secs;
    long r = pingpong(cpus[0], cpus[1], (long)(2000 * scale) + 1, 1.0 * scale, &secs, err, sizeof err);
    if (r > 0)
        metric("pingpong_rtt", secs * 1e9 / (double)r, "ns/roundtrip");
    else
        printf("METRIC pingpong_rtt skipped (%s)\n", err);
    long iters = (long)(4000 * scale) + 1;
    spin_metric("tlb_local", spin_work(WORK_TLB, cpus[0], NULL, 0, iters, 1.0 * scale), "ns/munmap");
    spin_metric("tlb_shootdown", spin_work(WORK_TLB, cpus[0], cpus + 1, n - 1, iters, 1.0 * scale), "ns/munmap");
    spin_metric("membarrier", spin_work(WORK_MEMBARRIER, cpus[0], cpus + 1, n - 1, iters, 1.0 * scale), "ns/call");
}

static int cmd_bench(int argc, char **argv)
{
    double scale = 1.0;
    const char *disk = NULL;
    size_t mib = 64, disk_mib = 8;
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "--disk") == 0 && i + 1 < argc)
            disk = argv[++i];
        else if (strcmp(argv[i], "--mem") == 0 && i + 1 < argc)
            mib = (size_t)atol(argv[++i]);
        else if (strcmp(argv[i], "--disk-mib") == 0 && i + 1 < argc)
            disk_mib = (size_t)atol(argv[++i]);
        else if (isdigit((unsigned char)argv[i][0]) || argv[i][0] == '.')
            scale = atof(argv[i]);
        else {
            fprintf(stderr, "cvtest bench: unknown argument '%s'\n", argv[i]);
            return 2;
        }
    }
    if (scale <= 0)
        scale = 1.0;
    double t0 = now_s();
    printf("METRIC bench_scale=%.2f unit=x\n", scale);
    bench_syscall((uint64_t)(100000 * scale), 1.0 * scale);
    bench_pagefault((uint64_t)(8192 * scale), 1.0 * scale);
    bench_nanosleep((int)(100 * scale) + 1);
    bench_rdtime((uint64_t)(100000 * scale), 0.5 * scale);
    bench_random(mib, (uint64_t)(1000000 * scale), 1.0 * scale);
    bench_smp(scale);
    if (disk)
        bench_disk(disk, disk_mib);
    metric("bench_wall", (now_s() - t0) * 1e3, "ms");
    printf("BENCH-DONE\n");
    fflush(stdout);
    return 0;
}

/* --- disk-write / disk-read ----------------------------------------------------------- */
static int cmd_disk_write(const char *file, const char *token)
{
    int fd = open(file, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    size_t len = strlen(token);
    bool ok = fd >= 0 && write(fd, token, len) == (ssize_t)len && write(fd, "\n", 1) == 1
              && fsync(fd) == 0;
    int err = errno;
    if (fd >= 0)
        close(fd);
    sync();
    printf("DISK write %s %s %s%s\n", file, token, ok ? "ok" : "FAIL ", ok ? "" : strerror(err));
    fflush(stdout);
    return ok ? 0 : 1;
}

static int cmd_disk_read(const char *file, const char *token)
{
    size_t len;
    char *s = slurp(file, &len);
    if (!s) {
        printf("DISK read %s %s FAIL %s\n", file, token, strerror(errno));
        return 1;
    }
    if (len && s[len - 1] == '\n')
        s[--len] = '\0';
    bool ok = strcmp(s, token) == 0;
    if (ok)
        printf("DISK read %s %s ok\n", file, token);
    else
        printf("DISK read %s %s FAIL got '%.64s'\n", file, token, s);
    fflush(stdout);
    free(s);
    return ok ? 0 : 1;
}

static int cmd_stamp(const char *label)
{
    if (sigsetjmp(rdtime_jmp, 1)) {
        printf("STAMP %s unavailable (the time CSR is not readable from user mode)\n", label);
        return 1;
    }
    signal(SIGILL, on_sigill);
    uint64_t t = rdtime();
    signal(SIGILL, SIG_DFL);
    printf("STAMP %s ticks=%llu\n", label, (unsigned long long)t);
    return 0;
}

static int usage(void)
{
    fprintf(stderr, "usage: cvtest check | irqs | smp | bench [scale] [--disk /dev/vdX] [--mem MiB] [--disk-mib N]\n"
                    "       cvtest disk-write <file> <token> | disk-read <file> <token>\n"
                    "       cvtest stamp <label>\n");
    return 2;
}

int main(int argc, char **argv)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    if (argc < 2)
        return usage();
    const char *cmd = argv[1];
    if (strcmp(cmd, "check") == 0 && argc == 2)
        return cmd_check();
    if (strcmp(cmd, "irqs") == 0 && argc == 2)
        return cmd_irqs();
    if (strcmp(cmd, "smp") == 0 && argc == 2)
        return cmd_smp();
    if (strcmp(cmd, "bench") == 0)
        return cmd_bench(argc - 2, argv + 2);
    if (strcmp(cmd, "disk-write") == 0 && argc == 4)
        return cmd_disk_write(argv[2], argv[3]);
    if (strcmp(cmd, "disk-read") == 0 && argc == 4)
        return cmd_disk_read(argv[2], argv[3]);
    if (strcmp(cmd, "stamp") == 0 && argc == 3)
        return cmd_stamp(argv[2]);
    return usage();
}
