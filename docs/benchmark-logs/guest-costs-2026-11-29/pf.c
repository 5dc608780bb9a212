/* First touch of 1 GiB of anonymous memory in 4 KiB pages, and again after MADV_DONTNEED (what a heap given back and taken again pays). */
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <sys/resource.h>
static double now() { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec + t.tv_nsec / 1e9; }
int main() {
  size_t sz = 1UL << 30;
  for (int k = 0; k < 3; k++) {
    char *m = mmap(0, sz, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0);
    madvise(m, sz, MADV_NOHUGEPAGE);
    double t0 = now();
    for (size_t i = 0; i < sz; i += 4096) m[i] = 1;
    double t1 = now();
    for (size_t i = 0; i < sz; i += 4096) m[i] = 2;
    double t2 = now();
    printf("first touch: %.2f us a 4 KiB page; second touch %.3f us\n", (t1-t0)/(sz/4096)*1e6, (t2-t1)/(sz/4096)*1e6);
    munmap(m, sz);
  }
  /* madvise(DONTNEED) then touch again: what a GC that gives memory back and takes it again pays */
  char *m = mmap(0, sz, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0);
  madvise(m, sz, MADV_NOHUGEPAGE);
  memset(m, 1, sz);
  for (int k = 0; k < 3; k++) {
    madvise(m, sz, MADV_DONTNEED);
    double t0 = now();
    for (size_t i = 0; i < sz; i += 4096) m[i] = 1;
    double t1 = now();
    printf("after MADV_DONTNEED: %.2f us a page\n", (t1-t0)/(sz/4096)*1e6);
  }
}
