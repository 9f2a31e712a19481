/*
 * tsc.h - the host's TSC frequency, which converts the guest's cycle counts
 * to nanoseconds when the guest could not find its own tick_hz.
 */
#ifndef HVB_TSC_H
#define HVB_TSC_H

#include <stdint.h>

struct tsc_frequency {
	uint64_t hz;           /* 0 when unknown (not x86, calibration failed) */
	const char *source;    /* "sysfs-tsc_freq_khz", "calibrated", "unavailable" */
};

/* Reads /sys/devices/system/cpu/cpu0/tsc_freq_khz, else calibrates rdtsc
 * against CLOCK_MONOTONIC_RAW over about 50 ms (best of three). */
struct tsc_frequency tsc_host_frequency(void);

#endif
