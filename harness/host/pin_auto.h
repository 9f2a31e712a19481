/*
 * pin_auto.h - `--pin auto`: choose host CPUs for the vCPUs from the hwloc
 * topology, one per physical core (never two SMT siblings), last cores
 * first so that core 0, where interrupts and hvbench itself tend to run,
 * stays free when there is room.
 */
#ifndef HVB_PIN_AUTO_H
#define HVB_PIN_AUTO_H

#include <stddef.h>

/*
 * Fills cpus[0..vcpus) with OS CPU numbers and text with the list ("3,1").
 * Returns 0, or -1 with why filled (too few cores, hwloc failed).
 */
int pin_auto_choose(unsigned vcpus, int *cpus, size_t max, char *text, size_t text_size,
		    char *why, size_t why_size);

#endif
