/* The cost of clock_gettime (vDSO) and of a bare system call (getppid). */
#include <stdio.h>
#include <time.h>
#include <sys/resource.h>
#include <unistd.h>
#include <sys/syscall.h>
static double sys() { struct rusage s; getrusage(RUSAGE_SELF, &s); return s.ru_stime.tv_sec + s.ru_stime.tv_usec/1e6; }
int main() {
  struct timespec t, a, b; long n = 2000000;
  for (int k = 0; k < 2; k++) {
  double s0 = sys(); clock_gettime(CLOCK_MONOTONIC, &a);
  for (long i = 0; i < n; i++) clock_gettime(CLOCK_MONOTONIC, &t);
  clock_gettime(CLOCK_MONOTONIC, &b); double s1 = sys();
  printf("clock_gettime(MONOTONIC): %.1f ns a call, %.0f%% in the kernel\n", ((b.tv_sec-a.tv_sec)*1e9 + (b.tv_nsec-a.tv_nsec))/n, (s1-s0)*1e9/n / (((b.tv_sec-a.tv_sec)*1e9 + (b.tv_nsec-a.tv_nsec))/n) * 100);
  s0 = sys(); clock_gettime(CLOCK_MONOTONIC, &a);
  for (long i = 0; i < n; i++) syscall(SYS_getppid);
  clock_gettime(CLOCK_MONOTONIC, &b); s1 = sys();
  printf("getppid syscall: %.1f ns a call\n", ((b.tv_sec-a.tv_sec)*1e9 + (b.tv_nsec-a.tv_nsec))/n);
  }
}
