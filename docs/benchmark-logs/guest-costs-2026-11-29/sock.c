/* Ping-pong between two processes over loopback TCP (TCP_NODELAY) or a Unix socket pair: usage sock tcp|unix <round trips> <bytes>. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sched.h>
#include <time.h>
#include <sys/wait.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <arpa/inet.h>

static double now() { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec + t.tv_nsec / 1e9; }
static double cpu() {
  struct rusage s, c; getrusage(RUSAGE_SELF, &s); getrusage(RUSAGE_CHILDREN, &c);
  return s.ru_utime.tv_sec + s.ru_utime.tv_usec/1e6 + s.ru_stime.tv_sec + s.ru_stime.tv_usec/1e6
       + c.ru_utime.tv_sec + c.ru_utime.tv_usec/1e6 + c.ru_stime.tv_sec + c.ru_stime.tv_usec/1e6;
}
static double sys() { struct rusage s, c; getrusage(RUSAGE_SELF, &s); getrusage(RUSAGE_CHILDREN, &c);
  return s.ru_stime.tv_sec + s.ru_stime.tv_usec/1e6 + c.ru_stime.tv_sec + c.ru_stime.tv_usec/1e6; }
int main(int argc, char **argv) {
  const char *mode = argv[1]; long n = atol(argv[2]); int size = atoi(argv[3]);
  int ls, cs, ss; char *buf = malloc(size); memset(buf, 'x', size);
  if (!strcmp(mode, "tcp")) {
    struct sockaddr_in ad = { .sin_family = AF_INET, .sin_port = 0, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
    ls = socket(AF_INET, SOCK_STREAM, 0); bind(ls, (void*)&ad, sizeof ad); listen(ls, 1);
    socklen_t l = sizeof ad; getsockname(ls, (void*)&ad, &l);
    cs = socket(AF_INET, SOCK_STREAM, 0); connect(cs, (void*)&ad, sizeof ad); ss = accept(ls, 0, 0);
    int one = 1; setsockopt(cs, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one); setsockopt(ss, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  } else {
    int sv[2]; socketpair(AF_UNIX, SOCK_STREAM, 0, sv); cs = sv[0]; ss = sv[1];
  }
  double t0 = now(), c0 = cpu(), s0 = sys();
  pid_t pid = fork();
  if (pid == 0) { for (long i = 0; i < n; i++) { int got = 0; while (got < size) got += read(ss, buf, size - got); write(ss, buf, size); } _exit(0); }
  for (long i = 0; i < n; i++) { write(cs, buf, size); int got = 0; while (got < size) got += read(cs, buf, size - got); }
  waitpid(pid, 0, 0);
  double t1 = now(), c1 = cpu(), s1 = sys();
  printf("%-4s %6d bytes: %.1f us a round trip, %.1f us of CPU (%.1f in the kernel)\n", mode, size, (t1-t0)/n*1e6, (c1-c0)/n*1e6, (s1-s0)/n*1e6);
}
