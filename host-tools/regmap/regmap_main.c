/* regmap <map> <out.sv> <out.h>: writes the SV package and the C header of a
 * register map (format: regmap.h). Exit 1 with "file:line: message" on a bad map. */
#include "regmap.h"

#include <stdlib.h>
#include <string.h>

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    char *buf;
    long n;
    if (!f)
        return NULL;
    if (fseek(f, 0, SEEK_END) || (n = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) ||
        !(buf = malloc((size_t)n + 1))) {
        fclose(f);
        return NULL;
    }
    if (fread(buf, 1, (size_t)n, f) != (size_t)n) {
        free(buf);
        fclose(f);
        return NULL;
    }
    buf[n] = '\0';
    fclose(f);
    return buf;
}

static int write_file(const char *path, const struct regmap *m,
                      int (*emit)(const struct regmap *, FILE *))
{
    FILE *f = fopen(path, "w");
    if (!f)
        return -1;
    int rc = emit(m, f);
    if (fclose(f))
        rc = -1;
    if (rc)
        remove(path);
    return rc;
}

int main(int argc, char **argv)
{
    static struct regmap m;
    char err[256];
    char *text;

    if (argc != 4) {
        fprintf(stderr, "usage: regmap <map> <out.sv> <out.h>\n");
        return 2;
    }
    text = slurp(argv[1]);
    if (!text) {
        fprintf(stderr, "regmap: cannot read %s\n", argv[1]);
        return 1;
    }
    if (regmap_parse(argv[1], text, &m, err, sizeof err)) {
        fprintf(stderr, "%s\n", err);
        free(text);
        return 1;
    }
    free(text);
    if (write_file(argv[2], &m, regmap_emit_sv) || write_file(argv[3], &m, regmap_emit_c)) {
        fprintf(stderr, "regmap: cannot write the outputs\n");
        return 1;
    }
    return 0;
}
