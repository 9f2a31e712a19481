/*
 * pointer_chase.h - a random pointer chase, the core of tlb-nested (in the
 * guest) and tlb-native (on the host, linked by the harness).
 *
 * The working set is cut into equal strides; each stride holds one node,
 * a cache line whose first word points to the next node.  The nodes form
 * ONE random cycle (Sattolo's algorithm), so following the pointers visits
 * every node before repeating, in an order the prefetchers cannot guess.
 * From 256 KiB up the stride is a page, so every access is a different page
 * (a TLB miss once the working set outgrows the TLB's reach); within its
 * stride a node sits at a rotating cache-line offset so the nodes spread
 * over all cache sets.
 *
 * No C library, no kernel: this file builds freestanding for the guest and
 * as ordinary C for the host.
 */
#ifndef POINTER_CHASE_H
#define POINTER_CHASE_H

#include <stddef.h>
#include <stdint.h>

#define CHASE_LINE       64u      /* node size and alignment */
#define CHASE_PAGE       4096u
#define CHASE_MIN_NODES  64u

/* The stride for a working set of bytes (a power of two, 64 .. 4096). */
size_t chase_stride(size_t bytes);

/*
 * Lay a random single cycle over [base, base + bytes): base 4 KiB-aligned,
 * bytes a multiple of chase_stride(bytes) and at least CHASE_LINE.  Writes
 * every node (so every page is touched).  seed picks the permutation (any
 * value; the same seed gives the same cycle).  Returns the first node.
 */
void *chase_build(void *base, size_t bytes, uint64_t seed);

/* Follow the chain steps times from node; returns the node reached. */
void *chase_run(void *node, uint64_t steps);

#endif
