/*
 * bench-report: the METRIC lines of the benchmark scripts -> results.json and
 * one CSV per table (tests/bench/README.md describes both).
 *
 *   bench-report <out dir> <config file> <log>...
 *
 * <config file>: "key=value" lines (tests/bench/bench-config.sh), the
 * "config" object of the JSON. Each <log> is one bench script's output; its
 * table is the file name up to the first '.' (bench_trap.log -> bench_trap),
 * and several logs of one table add up (repeats).
 *
 * A METRIC line (text before "METRIC " other than "[vm] " is ignored):
 *   [<vm>] METRIC [<base>] <key>=<value> ... [unit=<unit>] [(comment)]
 *  - everything from a token starting with '(' on is a comment;
 *  - a key whose value is not a number is a label (backend=vplic), and so is
 *    every key:value (latency:4); the "[vm] " prefix is the label vm; labels
 *    tell figures of one name apart;
 *  - the first numeric key is the line's figure (named <base>.<key> with a
 *    base word, else <key>); each further numeric key is a figure named
 *    <figure>.<key> (ipi_descheduled_total.min) or <base>.<key>;
 *  - unit= is the unit of the line's figures; a figure without one takes it
 *    from the end of its name (_ms, ratio, traps, ...), else "count";
 *  - timing=wall marks figures that depend on host load (wall clock);
 *    timing=icount guest time under -icount shift=0 where host I/O timing
 *    still enters (a Linux guest's disk and timers); all others are
 *    deterministic (instructions under -icount, simulated cycles, traps).
 * One occurrence per run: the same figure seen n times is n repeats, summed
 * up as median, min, max and quartiles. For every figure X_chipvisor with an
 * X_native of the same labels a figure X_ratio (median over median) is added.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_LABELS 8
#define MAX_VALUES 256

struct figure {
    char table[64], name[256], labels[256], unit[48];
    int timing;                        /* 0 deterministic, 1 icount, 2 wall: the loosest seen */
    unsigned n;
    double v[MAX_VALUES];
};

static const char *const timing_name[] = { "deterministic", "icount", "wall" };
static struct figure *figs;
static unsigned n_figs, cap_figs;

static void *xrealloc(void *p, size_t n)
{
    p = realloc(p, n);
    if (!p) {
        fprintf(stderr, "bench-report: out of memory\n");
        exit(1);
    }
    return p;
}

/* bounded string copy (cut at len - 1) */
static void copy(char *dst, size_t len, const char *src)
{
    size_t n = strlen(src);
    if (n >= len)
        n = len - 1;
    memcpy(dst, src, n);
    dst[n] = '\0';
}

static struct figure *figure_get(const char *table, const char *name, const char *labels)
{
    for (unsigned i = 0; i < n_figs; i++)
        if (!strcmp(figs[i].table, table) && !strcmp(figs[i].name, name) &&
            !strcmp(figs[i].labels, labels))
            return &figs[i];
    if (n_figs == cap_figs) {
        cap_figs = cap_figs ? 2 * cap_figs : 64;
        figs = xrealloc(figs, cap_figs * sizeof(*figs));
    }
    struct figure *f = &figs[n_figs++];
    memset(f, 0, sizeof(*f));
    copy(f->table, sizeof(f->table), table);
    copy(f->name, sizeof(f->name), name);
    copy(f->labels, sizeof(f->labels), labels);
    return f;
}

static int ends_with(const char *s, const char *suffix)
{
    size_t a = strlen(s), b = strlen(suffix);
    return a >= b && !strcmp(s + a - b, suffix);
}

/* the unit a figure without unit= gets from its name */
static const char *unit_from_name(const char *name)
{
    static const struct { const char *suffix, *unit; } map[] = {
        { "traps_per_s", "traps/s" }, { "_ms", "ms" }, { "_s", "s" }, { "_ns", "ns" },
        { "ratio", "x" }, { "per_irq", "traps/interrupt" }, { ".traps", "traps" },
        { ".irqs", "interrupts" }, { "cycles", "cycles" }, { "_instret", "instructions" },
        { "rounds", "rounds" }, { "comparisons", "comparisons" },
    };
    for (unsigned i = 0; i < sizeof(map) / sizeof(map[0]); i++)
        if (ends_with(name, map[i].suffix))
            return map[i].unit;
    return "count";
}

static int is_number(const char *s, double *v)
{
    char *end;
    if (!*s)
        return 0;
    errno = 0;
    *v = strtod(s, &end);
    return !*end && !errno;
}

/* labels "k=v,k=v" in the order given */
static void parse_line(const char *table, char *line, unsigned lineno, const char *path)
{
    char *m = strstr(line, "METRIC ");
    char labels[256] = "", base[64] = "", unit[48] = "", first[128] = "";
    char *tok[64], *save;
    unsigned n_tok = 0;
    int timing = 0;
    struct { char name[256]; double v; } vals[32];
    unsigned n_vals = 0;

    if (!m)
        return;
    /* "[vm] METRIC": the VM's name as a label */
    char *lb = strchr(line, '[');
    if (lb && lb < m) {
        char *rb = strchr(lb, ']');
        if (rb && rb < m) {
            *rb = '\0';
            snprintf(labels, sizeof(labels), "vm=%s", lb + 1);
        }
    }
    for (char *t = strtok_r(m + 7, " \t\r\n", &save); t && n_tok < 64; t = strtok_r(NULL, " \t\r\n", &save)) {
        if (*t == '(')
            break;
        tok[n_tok++] = t;
    }
    for (unsigned i = 0; i < n_tok; i++) {
        char *eq = strchr(tok[i], '='), *colon = strchr(tok[i], ':');
        double v;
        if (colon && (!eq || colon < eq)) {     /* key:value, a label even when a number */
            size_t l = strlen(labels);
            *colon = '\0';
            snprintf(labels + l, sizeof(labels) - l, "%s%s=%s", l ? "," : "", tok[i], colon + 1);
            continue;
        }
        if (!eq) {
            if (n_vals || *base) {
                fprintf(stderr, "bench-report: %s:%u: a second word ('%s'); line left out\n",
                        path, lineno, tok[i]);
                return;
            }
            copy(base, sizeof(base), tok[i]);
            continue;
        }
        *eq = '\0';
        const char *k = tok[i], *val = eq + 1;
        if (!*val)
            continue;                       /* "min=" with nothing: no figure */
        if (!strcmp(k, "unit")) {
            copy(unit, sizeof(unit), val);
        } else if (!strcmp(k, "timing")) {
            timing = !strcmp(val, "wall") ? 2 : !strcmp(val, "icount") ? 1 : 0;
        } else if (is_number(val, &v)) {
            if (n_vals == 32)
                continue;
            if (*base)
                snprintf(vals[n_vals].name, sizeof(vals[n_vals].name), "%s.%s", base, k);
            else if (!n_vals)
                copy(vals[n_vals].name, sizeof(vals[n_vals].name), k);
            else
                snprintf(vals[n_vals].name, sizeof(vals[n_vals].name), "%s.%s", first, k);
            if (!n_vals)
                copy(first, sizeof(first), vals[0].name);
            vals[n_vals++].v = v;
        } else {
            size_t l = strlen(labels);
            snprintf(labels + l, sizeof(labels) - l, "%s%s=%s", l ? "," : "", k, val);
        }
    }
    if (!n_vals) {
        fprintf(stderr, "bench-report: %s:%u: a METRIC line without a number (%s%s); left out\n",
                path, lineno, base, n_tok ? "" : "empty");
        return;
    }
    for (unsigned i = 0; i < n_vals; i++) {
        struct figure *f = figure_get(table, vals[i].name, labels);
        /* unit= names the line's own figure and its min/max; the others keep their own */
        const char *u = *unit && (i == 0 || ends_with(vals[i].name, ".min") ||
                                  ends_with(vals[i].name, ".max") || *base)
                            ? unit : unit_from_name(vals[i].name);
        copy(f->unit, sizeof(f->unit), u);
        if (timing > f->timing)
            f->timing = timing;
        if (f->n < MAX_VALUES)
            f->v[f->n++] = vals[i].v;
    }
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* quantile by linear interpolation over sorted values */
static double quantile(const double *s, unsigned n, double q)
{
    double pos = q * (n - 1);
    unsigned i = (unsigned)pos;
    if (i + 1 >= n)
        return s[n - 1];
    return s[i] + (pos - i) * (s[i + 1] - s[i]);
}

struct stats { double median, min, max, q1, q3; };

static struct stats stats_of(const struct figure *f)
{
    double s[MAX_VALUES];
    memcpy(s, f->v, f->n * sizeof(double));
    qsort(s, f->n, sizeof(double), cmp_double);
    return (struct stats){ quantile(s, f->n, 0.5), s[0], s[f->n - 1], quantile(s, f->n, 0.25),
                           quantile(s, f->n, 0.75) };
}

static void add_ratios(void)
{
    unsigned n = n_figs;
    for (unsigned i = 0; i < n; i++) {
        char nat[128], name[128];
        size_t l = strlen(figs[i].name);
        if (!ends_with(figs[i].name, "_chipvisor") || l - 10 + 8 >= sizeof(nat))
            continue;
        snprintf(nat, sizeof(nat), "%.*s_native", (int)(l - 10), figs[i].name);
        snprintf(name, sizeof(name), "%.*s_ratio", (int)(l - 10), figs[i].name);
        for (unsigned j = 0; j < n; j++) {
            if (strcmp(figs[j].table, figs[i].table) || strcmp(figs[j].name, nat) ||
                strcmp(figs[j].labels, figs[i].labels))
                continue;
            struct stats g = stats_of(&figs[i]), a = stats_of(&figs[j]);
            if (a.median == 0)
                break;
            char table[64], labels[256];
            int timing = figs[i].timing > figs[j].timing ? figs[i].timing : figs[j].timing;
            copy(table, sizeof(table), figs[i].table);
            copy(labels, sizeof(labels), figs[i].labels);
            struct figure *r = figure_get(table, name, labels);   /* may move figs */
            copy(r->unit, sizeof(r->unit), "x");
            r->timing = timing;
            r->n = 1;
            r->v[0] = g.median / a.median;
            break;
        }
    }
}

static void json_string(FILE *f, const char *s)
{
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '"' || *s == '\\')
            fprintf(f, "\\%c", *s);
        else if ((unsigned char)*s < 0x20)
            fprintf(f, "\\u%04x", *s);
        else
            fputc(*s, f);
    }
    fputc('"', f);
}

static void json_number(FILE *f, double v)
{
    fprintf(f, "%.10g", v);
}

/* labels "a=b,c=d" as a JSON object */
static void json_labels(FILE *f, const char *labels)
{
    char buf[256], *save;
    int first = 1;
    copy(buf, sizeof(buf), labels);
    fputc('{', f);
    for (char *t = strtok_r(buf, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
        char *eq = strchr(t, '=');
        if (!eq)
            continue;
        *eq = '\0';
        fprintf(f, "%s", first ? "" : ", ");
        json_string(f, t);
        fputs(": ", f);
        json_string(f, eq + 1);
        first = 0;
    }
    fputc('}', f);
}

static void csv_field(FILE *f, const char *s)
{
    if (strpbrk(s, ",\"")) {
        fputc('"', f);
        for (; *s; s++) {
            if (*s == '"')
                fputc('"', f);
            fputc(*s, f);
        }
        fputc('"', f);
    } else {
        fputs(s, f);
    }
}

static FILE *open_out(const char *dir, const char *name)
{
    char path[4096];
    snprintf(path, sizeof(path), "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    if (!f) {
        fprintf(stderr, "bench-report: %s: %s\n", path, strerror(errno));
        exit(1);
    }
    return f;
}

static void write_config(FILE *out, const char *path)
{
    FILE *f = fopen(path, "r");
    char line[1024];
    int first = 1;
    if (!f) {
        fprintf(stderr, "bench-report: %s: %s\n", path, strerror(errno));
        exit(1);
    }
    fputs("  \"config\": {", out);
    while (fgets(line, sizeof(line), f)) {
        line[strcspn(line, "\r\n")] = '\0';
        char *eq = strchr(line, '=');
        if (!eq || line[0] == '#')
            continue;
        *eq = '\0';
        fputs(first ? "\n    " : ",\n    ", out);
        json_string(out, line);
        fputs(": ", out);
        json_string(out, eq + 1);
        first = 0;
    }
    fputs("\n  },\n", out);
    fclose(f);
}

int main(int argc, char **argv)
{
    char line[4096];

    if (argc < 4) {
        fprintf(stderr, "usage: bench-report <out dir> <config file> <log>...\n");
        return 2;
    }
    for (int i = 3; i < argc; i++) {
        const char *slash = strrchr(argv[i], '/');
        char table[64];
        copy(table, sizeof(table), slash ? slash + 1 : argv[i]);
        table[strcspn(table, ".")] = '\0';
        FILE *f = fopen(argv[i], "r");
        if (!f) {
            fprintf(stderr, "bench-report: %s: %s\n", argv[i], strerror(errno));
            return 1;
        }
        unsigned lineno = 0;
        while (fgets(line, sizeof(line), f))
            parse_line(table, line, ++lineno, argv[i]);
        fclose(f);
    }
    if (!n_figs) {
        fprintf(stderr, "bench-report: no METRIC lines in the logs\n");
        return 1;
    }
    add_ratios();

    FILE *js = open_out(argv[1], "results.json");
    fputs("{\n  \"schema\": \"chipvisor-bench/1\",\n", js);
    write_config(js, argv[2]);
    fputs("  \"tables\": {", js);
    int first_table = 1;
    for (unsigned i = 0; i < n_figs; i++) {
        int seen = 0;
        for (unsigned j = 0; j < i; j++)
            seen |= !strcmp(figs[j].table, figs[i].table);
        if (seen)
            continue;
        char csv_name[96];
        snprintf(csv_name, sizeof(csv_name), "%s.csv", figs[i].table);
        FILE *csv = open_out(argv[1], csv_name);
        fputs("figure,labels,unit,timing,repeats,median,min,max,q1,q3\n", csv);
        fprintf(js, "%s\n    ", first_table ? "" : ",");
        json_string(js, figs[i].table);
        fputs(": [", js);
        first_table = 0;
        int first = 1;
        for (unsigned j = i; j < n_figs; j++) {
            const struct figure *f = &figs[j];
            if (strcmp(f->table, figs[i].table))
                continue;
            struct stats s = stats_of(f);
            fprintf(js, "%s\n      {\"figure\": ", first ? "" : ",");
            json_string(js, f->name);
            fputs(", \"labels\": ", js);
            json_labels(js, f->labels);
            fputs(", \"unit\": ", js);
            json_string(js, f->unit);
            fprintf(js, ", \"timing\": \"%s\", \"repeats\": %u, \"median\": ", timing_name[f->timing],
                    f->n);
            json_number(js, s.median);
            fputs(", \"min\": ", js);
            json_number(js, s.min);
            fputs(", \"max\": ", js);
            json_number(js, s.max);
            fputs(", \"q1\": ", js);
            json_number(js, s.q1);
            fputs(", \"q3\": ", js);
            json_number(js, s.q3);
            fputs(", \"values\": [", js);
            for (unsigned k = 0; k < f->n; k++) {
                fputs(k ? ", " : "", js);
                json_number(js, f->v[k]);
            }
            fputs("]}", js);
            first = 0;
            csv_field(csv, f->name);
            fputc(',', csv);
            csv_field(csv, f->labels);
            fputc(',', csv);
            csv_field(csv, f->unit);
            fprintf(csv, ",%s,%u,%.10g,%.10g,%.10g,%.10g,%.10g\n", timing_name[f->timing], f->n,
                    s.median, s.min, s.max, s.q1, s.q3);
        }
        fputs("\n    ]", js);
        fclose(csv);
    }
    fputs("\n  }\n}\n", js);
    fclose(js);
    printf("bench-report: %u figures -> %s/results.json and a CSV per table\n", n_figs, argv[1]);
    return 0;
}
