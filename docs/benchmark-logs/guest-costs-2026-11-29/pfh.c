/* First touch of 1 GiB of anonymous memory advised MADV_HUGEPAGE (the JVM's -XX:+UseTransparentHugePages). */
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <time.h>
static double now() { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec + t.tv_nsec / 1e9; }
int main() {
  size_t sz = 1UL << 30;
  for (int k = 0; k < 3; k++) {
    char *raw = mmap(0, sz + (2<<20), PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0);
    char *m = (char*)(((unsigned long)raw + (2<<20) - 1) & ~((2UL<<20) - 1));
    madvise(m, sz, MADV_HUGEPAGE);
    double t0 = now();
    for (size_t i = 0; i < sz; i += 4096) m[i] = 1;
    double t1 = now();
    printf("THP first touch: %.2f us a 4 KiB page (%.0f us a 2 MiB page)\n", (t1-t0)/(sz/4096)*1e6, (t1-t0)/(sz>>21)*1e6);
    munmap(raw, sz + (2<<20));
  }
  system("grep -i AnonHugePages /proc/meminfo");
}
