/* Insertion sort of a few counts, for the medians the latency guests print. */
#ifndef SORT_U64_H
#define SORT_U64_H
#include <stdint.h>

static inline void sort_u64(uint64_t *v, unsigned n)
{
    for (unsigned i = 1; i < n; i++)
        for (unsigned j = i; j > 0 && v[j - 1] > v[j]; j--) {
            uint64_t t = v[j];
            v[j] = v[j - 1];
            v[j - 1] = t;
        }
}
#endif
