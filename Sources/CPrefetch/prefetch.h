#ifndef CPREFETCH_PREFETCH_H
#define CPREFETCH_PREFETCH_H
/* Swift has no prefetch instruction; this inlines into the caller. */
static inline void cprefetch_read(const void *address) {
  __builtin_prefetch(address, 0, 3);
}
#endif
