#ifndef CPREFETCH_PREFETCH_H
#define CPREFETCH_PREFETCH_H
/* Swift has no prefetch instruction; this inlines into the caller. */
static inline void cprefetch_read(const void *address) {
  __builtin_prefetch(address, 0, 3);
}

#include <stdint.h>
#include <string.h>
/* Swift's generic unaligned load stays a call inside the scanner's large loop; this inlines. */
static inline uint64_t cload_unaligned_u64(const void *address) {
  uint64_t value;
  memcpy(&value, address, sizeof value);
  return value;
}
#endif
