/* Pipe ping-pong between two threads of one process or two processes: usage pp threads|processes <round trips> [cpu cpu]. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sched.h>
#include <pthread.h>
#include <time.h>
#include <sys/wait.h>
#include <sys/resource.h>
#include <sys/mman.h>

static int a[2], b[2];
static long n;
static int cpu_a = -1, cpu_b = -1;

static void pin(int cpu) {
  if (cpu < 0) return;
  cpu_set_t s; CPU_ZERO(&s); CPU_SET(cpu, &s);
  sched_setaffinity(0, sizeof s, &s);
}
static void *echo(void *x) {
  pin(cpu_b);
  char c;
  for (long i = 0; i < n; i++) { if (read(a[0], &c, 1) != 1) exit(2); if (write(b[1], &c, 1) != 1) exit(2); }
  return 0;
}
static double now() { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec + t.tv_nsec / 1e9; }
static double cpu_self_children() {
  struct rusage s, c; getrusage(RUSAGE_SELF, &s); getrusage(RUSAGE_CHILDREN, &c);
  return s.ru_utime.tv_sec + s.ru_utime.tv_usec/1e6 + s.ru_stime.tv_sec + s.ru_stime.tv_usec/1e6
       + c.ru_utime.tv_sec + c.ru_utime.tv_usec/1e6 + c.ru_stime.tv_sec + c.ru_stime.tv_usec/1e6;
}
int main(int argc, char **argv) {
  const char *mode = argv[1]; n = atol(argv[2]);
  if (argc > 3) { cpu_a = atoi(argv[3]); cpu_b = atoi(argv[4]); }
  /* touch some memory in each so the address space is not trivial */
  size_t sz = 256 << 20; char *m = mmap(0, sz, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0); memset(m, 1, sz);
  pipe(a); pipe(b);
  double t0 = now(), c0 = cpu_self_children();
  pthread_t th; pid_t pid = 0;
  if (!strcmp(mode, "threads")) pthread_create(&th, 0, echo, 0);
  else if ((pid = fork()) == 0) { memset(m, 2, sz); echo(0); _exit(0); }
  pin(cpu_a);
  char c = 'x';
  for (long i = 0; i < n; i++) { write(a[1], &c, 1); read(b[0], &c, 1); }
  if (pid) waitpid(pid, 0, 0); else pthread_join(th, 0);
  double t1 = now(), c1 = cpu_self_children();
  printf("%-9s pins %2d,%2d: %.2f us a round trip, %.2f us of CPU a round trip\n", mode, cpu_a, cpu_b, (t1-t0)/n*1e6, (c1-c0)/n*1e6);
  return 0;
}
