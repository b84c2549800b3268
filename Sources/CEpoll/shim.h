// Linux readiness and socket calls that Glibc's Swift overlay does not export.
// No _GNU_SOURCE here: it changes glibc's struct layouts and breaks the Glibc module (toolchain.md §3).
#ifndef CEPOLL_SHIM_H
#define CEPOLL_SHIM_H
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <sys/resource.h>
#include <netinet/in.h>
#include <netinet/tcp.h>

extern int accept4(int fd, struct sockaddr *addr, socklen_t *len, int flags);
#endif
