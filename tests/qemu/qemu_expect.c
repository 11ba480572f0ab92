/* qemu-expect: runs a command (QEMU) with its console on pipes and walks a
 * script of steps given on the command line, in order:
 *
 *   -e REGEX   wait until the output (after the previous match) matches REGEX
 *              (POSIX extended, matched line by line)
 *   -s TEXT    send TEXT to the command's input (\r \n \t \\ \xHH escapes)
 *   -n REGEX   REGEX must never match any output line (checked to the end)
 *   -a REGEX   REGEX must match some output line, in any order with the steps
 *              (checked at the end: for lines from VMs that run side by side)
 *   -x CODE    wait for the command to exit, and require exit status CODE
 *   -p MS      pause
 * Options: -t SECONDS (whole-run limit, default 120), -l FILE (console log).
 * Without -x the command is killed after the last step. Lines with "METRIC"
 * are echoed to stdout so a benchmark can collect them.
 * Exit status: 0 when every step passed, 1 otherwise (with the failing step
 * and the end of the console output on stderr).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <regex.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MAX_STEPS 128
#define MAX_FORBID 16

enum step_kind { STEP_EXPECT, STEP_SEND, STEP_EXIT, STEP_PAUSE };

struct step {
    enum step_kind kind;
    const char *arg;
    regex_t re;
};

static struct step steps[MAX_STEPS];
static int n_steps;
static regex_t forbid[MAX_FORBID];
static const char *forbid_src[MAX_FORBID];
static int n_forbid;
static regex_t anywhere[MAX_FORBID];
static const char *anywhere_src[MAX_FORBID];
static int n_anywhere;

static char *out;              /* the whole console output */
static size_t out_len, out_cap;
static size_t line_start;      /* start of the current (unfinished) line */
static size_t match_from;      /* expects look at lines starting here */
static FILE *log_file;
static pid_t child = -1;
static int child_in = -1, child_out = -1;
static bool child_exited;
static int child_status;
static double deadline;

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Ends the child: SIGTERM first, so a wrapper (run-hva-platform.sh, which
 * runs QEMU and a simulator) can stop its own children and remove its files;
 * SIGKILL if it has not ended within 10 s. Async-signal-safe (on_signal). */
static void stop_child(void)
{
    if (child <= 0 || child_exited)
        return;
    kill(child, SIGTERM);
    for (int i = 0; i < 200; i++) {
        if (waitpid(child, &child_status, WNOHANG) == child) {
            child_exited = true;
            return;
        }
        struct timespec ts = { 0, 50 * 1000 * 1000 };
        nanosleep(&ts, NULL);
    }
    kill(child, SIGKILL);
}

static void fail(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));
static void fail(const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "qemu-expect: FAIL: ");
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    size_t tail = out_len > 4000 ? out_len - 4000 : 0;
    fprintf(stderr, "\n--- last console output ---\n%.*s\n---\n", (int)(out_len - tail), out + tail);
    stop_child();
    exit(1);
}

/* A test runner's time limit (SIGTERM), Ctrl-C or a hang-up must not leave
 * QEMU running on its own: it goes with us. */
static void on_signal(int sig)
{
    stop_child();
    signal(sig, SIG_DFL);
    raise(sig);
}

static void check_forbidden(const char *line)
{
    for (int i = 0; i < n_forbid; i++)
        if (regexec(&forbid[i], line, 0, NULL, 0) == 0)
            fail("forbidden output /%s/ appeared: %s", forbid_src[i], line);
}

static void append(const char *buf, size_t n)
{
    if (out_len + n + 1 > out_cap) {
        out_cap = (out_len + n + 1) * 2;
        out = realloc(out, out_cap);
        if (!out)
            abort();
    }
    memcpy(out + out_len, buf, n);
    out_len += n;
    out[out_len] = '\0';
    if (log_file) {
        fwrite(buf, 1, n, log_file);
        fflush(log_file);
    }
    /* finished lines: forbidden patterns and METRIC echo */
    for (;;) {
        char *nl = memchr(out + line_start, '\n', out_len - line_start);
        if (!nl)
            break;
        *nl = '\0';
        check_forbidden(out + line_start);
        if (strstr(out + line_start, "METRIC"))
            printf("%s\n", out + line_start);
        *nl = '\n';
        line_start = (size_t)(nl - out) + 1;
    }
}

/* reads what the command printed, waiting at most `ms`; false at EOF */
static bool pump(int ms)
{
    if (child_out < 0)
        return false;
    struct pollfd p = { .fd = child_out, .events = POLLIN };
    int r = poll(&p, 1, ms);
    if (r <= 0)
        return true;
    char buf[4096];
    ssize_t n = read(child_out, buf, sizeof(buf));
    if (n > 0) {
        append(buf, (size_t)n);
        return true;
    }
    close(child_out);
    child_out = -1;
    return false;
}

static void reap(bool block)
{
    if (child_exited)
        return;
    int st;
    pid_t r = waitpid(child, &st, block ? 0 : WNOHANG);
    if (r == child) {
        child_exited = true;
        child_status = st;
    }
}

/* does any line from match_from on match? the match moves match_from past it */
static bool try_match(regex_t *re)
{
    size_t pos = match_from;
    while (pos < out_len) {
        char *nl = memchr(out + pos, '\n', out_len - pos);
        size_t end = nl ? (size_t)(nl - out) : out_len;
        char saved = out[end];
        out[end] = '\0';
        bool hit = regexec(re, out + pos, 0, NULL, 0) == 0;
        out[end] = saved;
        if (hit) {
            match_from = nl ? end + 1 : end;
            return true;
        }
        if (!nl)
            break;
        pos = end + 1;
    }
    return false;
}

static size_t unescape(const char *s, char *dst)
{
    size_t n = 0;
    for (; *s; s++) {
        if (*s != '\\' || !s[1]) {
            dst[n++] = *s;
            continue;
        }
        s++;
        switch (*s) {
        case 'r': dst[n++] = '\r'; break;
        case 'n': dst[n++] = '\n'; break;
        case 't': dst[n++] = '\t'; break;
        case 'x': {
            char hex[3] = { s[1], s[1] ? s[2] : 0, 0 };
            dst[n++] = (char)strtol(hex, NULL, 16);
            s += 2;
            break;
        }
        default: dst[n++] = *s; break;
        }
    }
    return n;
}

static void send_text(const char *text)
{
    char buf[1024];
    size_t n = unescape(text, buf);
    /* one byte at a time, as a person types: the guest side polls */
    for (size_t i = 0; i < n; i++) {
        if (write(child_in, &buf[i], 1) != 1)
            fail("cannot write to the command: %s", strerror(errno));
        pump(20);
    }
}

static void usage(void)
{
    fprintf(stderr, "usage: qemu-expect [-t secs] [-l log] {-e regex|-s text|-n regex|-a regex|-x code|-p ms}... -- command args...\n");
    exit(2);
}

static void compile(regex_t *re, const char *src)
{
    int rc = regcomp(re, src, REG_EXTENDED | REG_NOSUB);
    if (rc) {
        char msg[200];
        regerror(rc, re, msg, sizeof(msg));
        fprintf(stderr, "qemu-expect: bad regex /%s/: %s\n", src, msg);
        exit(2);
    }
}

int main(int argc, char **argv)
{
    double limit = 120;
    signal(SIGTERM, on_signal);
    signal(SIGINT, on_signal);
    signal(SIGHUP, on_signal);
    int i = 1;
    for (; i < argc && strcmp(argv[i], "--") != 0; i++) {
        const char *opt = argv[i];
        if (i + 1 >= argc)
            usage();
        const char *arg = argv[++i];
        if (!strcmp(opt, "-t")) {
            limit = atof(arg);
        } else if (!strcmp(opt, "-l")) {
            log_file = fopen(arg, "w");
            if (!log_file) {
                fprintf(stderr, "qemu-expect: cannot write %s: %s\n", arg, strerror(errno));
                return 2;
            }
        } else if (!strcmp(opt, "-a")) {
            if (n_anywhere == MAX_FORBID)
                usage();
            anywhere_src[n_anywhere] = arg;
            compile(&anywhere[n_anywhere++], arg);
        } else if (!strcmp(opt, "-n")) {
            if (n_forbid == MAX_FORBID)
                usage();
            forbid_src[n_forbid] = arg;
            compile(&forbid[n_forbid++], arg);
        } else {
            if (n_steps == MAX_STEPS)
                usage();
            struct step *s = &steps[n_steps++];
            s->arg = arg;
            if (!strcmp(opt, "-e")) {
                s->kind = STEP_EXPECT;
                compile(&s->re, arg);
            } else if (!strcmp(opt, "-s")) {
                s->kind = STEP_SEND;
            } else if (!strcmp(opt, "-x")) {
                s->kind = STEP_EXIT;
            } else if (!strcmp(opt, "-p")) {
                s->kind = STEP_PAUSE;
            } else {
                usage();
            }
        }
    }
    if (i + 1 >= argc)
        usage();
    char **cmd = &argv[i + 1];

    int to_child[2], from_child[2];
    if (pipe(to_child) || pipe(from_child)) {
        perror("pipe");
        return 2;
    }
    child = fork();
    if (child == 0) {
        dup2(to_child[0], 0);
        dup2(from_child[1], 1);
        dup2(from_child[1], 2);
        close(to_child[1]);
        close(from_child[0]);
        execvp(cmd[0], cmd);
        fprintf(stderr, "qemu-expect: cannot run %s: %s\n", cmd[0], strerror(errno));
        _exit(127);
    }
    close(to_child[0]);
    close(from_child[1]);
    child_in = to_child[1];
    child_out = from_child[0];
    signal(SIGPIPE, SIG_IGN);
    double start = now();
    deadline = start + limit;

    bool waited_exit = false;
    for (int k = 0; k < n_steps; k++) {
        struct step *s = &steps[k];
        switch (s->kind) {
        case STEP_EXPECT:
            while (!try_match(&s->re)) {
                if (now() > deadline)
                    fail("step %d: /%s/ did not appear within %.0f s", k + 1, s->arg, limit);
                if (!pump(100)) {
                    reap(true);
                    if (!try_match(&s->re))
                        fail("step %d: the command ended before /%s/ appeared", k + 1, s->arg);
                    break;
                }
            }
            fprintf(stderr, "qemu-expect: step %d ok at %.3f s: /%s/\n", k + 1, now() - start, s->arg);
            break;
        case STEP_SEND:
            send_text(s->arg);
            break;
        case STEP_PAUSE: {
            double until = now() + atoi(s->arg) / 1000.0;
            while (now() < until)
                pump(20);
            break;
        }
        case STEP_EXIT: {
            int want = atoi(s->arg);
            while (pump(100)) {
                if (now() > deadline)
                    fail("step %d: the command did not exit within %.0f s", k + 1, limit);
            }
            reap(true);
            waited_exit = true;
            int code = WIFEXITED(child_status) ? WEXITSTATUS(child_status) : 128 + WTERMSIG(child_status);
            if (code != want)
                fail("step %d: exit status %d, expected %d", k + 1, code, want);
            fprintf(stderr, "qemu-expect: step %d ok at %.3f s: exit status %d\n", k + 1, now() - start, code);
            break;
        }
        }
    }
    if (!waited_exit) {
        pump(50);
        reap(false);
        stop_child();
        if (!child_exited)
            reap(true);
    }
    /* forbidden patterns on the last, unfinished line too */
    check_forbidden(out ? out + line_start : "");
    for (int k = 0; k < n_anywhere; k++) {
        match_from = 0;
        if (!out || !try_match(&anywhere[k]))
            fail("/%s/ never appeared", anywhere_src[k]);
    }
    fprintf(stderr, "qemu-expect: all %d steps passed\n", n_steps);
    return 0;
}
