/* Sparse 64-bit word memory for the walker tests: RAM in one window (reads
 * outside it -> DECERR), zero until written, error injection on chosen words
 * (-> SLVERR), and a log of the writes so a test can undo them. */
#ifndef CHIPVISOR_MEM_MODEL_H
#define CHIPVISOR_MEM_MODEL_H

#include <stdbool.h>
#include <stdint.h>

#define MEM_MAX_ERRORS 16
#define MEM_LOG_MAX    64

enum mem_status { MEM_OK = 0, MEM_SLVERR = 2, MEM_DECERR = 3 };   /* AXI RRESP/BRESP */

struct mem_write { uint64_t addr, old, val; };

struct mem_model {
    uint64_t ram_base, ram_size;
    uint64_t err_addr[MEM_MAX_ERRORS];   /* 8-byte words that answer SLVERR */
    unsigned n_err;
    struct mem_page **slot;              /* open hashing by page number */
    unsigned n_slots, n_pages;
    struct mem_write log[MEM_LOG_MAX];   /* writes since mem_log_clear */
    unsigned n_log;
    /* A live RAM instead of the sparse pages (hva-walk-check: QEMU's guest
     * RAM file mapped), and an observer of every read and write through
     * mem_read64/mem_write64 (the recorder of a real stream). */
    uint64_t *backing;
    void (*observe)(void *ctx, uint64_t addr, uint64_t val, bool write);
    void *observe_ctx;
};

void mem_init(struct mem_model *m, uint64_t ram_base, uint64_t ram_size);
void mem_clear(struct mem_model *m);          /* all zero, no errors, empty log */
void mem_free(struct mem_model *m);
/* RAM (ram_base .. + ram_size) is the 8-byte aligned mapping at words from now on */
void mem_set_backing(struct mem_model *m, uint64_t *words);
enum mem_status mem_read64(struct mem_model *m, uint64_t addr, uint64_t *val);
enum mem_status mem_write64(struct mem_model *m, uint64_t addr, uint64_t val);  /* logged */
void mem_poke(struct mem_model *m, uint64_t addr, uint64_t val);   /* setup: not logged */
bool mem_inject_error(struct mem_model *m, uint64_t addr);
void mem_log_clear(struct mem_model *m);
void mem_log_undo(struct mem_model *m);       /* restore the logged words, newest first */

/* struct xlate_mem hooks over this memory (ctx = struct mem_model *) */
int mem_xlate_read64(void *ctx, uint64_t hpa, uint64_t *val);
int mem_xlate_cas64(void *ctx, uint64_t hpa, uint64_t expect, uint64_t desired, uint64_t *old);

/* Memory images: text, one "ADDR: WORD [WORD ...]" line per run of 64-bit
 * words (hex, consecutive from ADDR), '#' comments, and the directives
 * "ram BASE SIZE" and "error ADDR". Returns 0, or -1 with a message in err. */
int mem_load_image(struct mem_model *m, const char *path, char *err, unsigned err_len);

#endif
