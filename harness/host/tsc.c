/*
 * tsc.c - host TSC frequency: sysfs when the kernel exports it, else a
 * short calibration against CLOCK_MONOTONIC_RAW.
 */
#include "host/tsc.h"

#include <stdio.h>
#include <time.h>

#define CALIBRATION_NS (50 * 1000 * 1000ull)
#define CALIBRATION_ROUNDS 3

#if defined(__x86_64__) || defined(__i386__)
static uint64_t read_tsc(void)
{
	uint32_t lo, hi;
	__asm__ volatile("lfence; rdtsc; lfence" : "=a"(lo), "=d"(hi) :: "memory");
	return (uint64_t)hi << 32 | lo;
}

static uint64_t monotonic_raw_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC_RAW, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

/* One calibration window: TSC ticks per second over ~50 ms. */
static double calibrate_once(void)
{
	uint64_t ns0 = monotonic_raw_ns(), tsc0 = read_tsc();
	struct timespec nap = { 0, (long)CALIBRATION_NS };
	nanosleep(&nap, NULL);
	uint64_t tsc1 = read_tsc(), ns1 = monotonic_raw_ns();
	if (ns1 <= ns0 || tsc1 <= tsc0)
		return 0;
	return (double)(tsc1 - tsc0) * 1e9 / (double)(ns1 - ns0);
}
#endif

static uint64_t sysfs_tsc_hz(void)
{
	FILE *file = fopen("/sys/devices/system/cpu/cpu0/tsc_freq_khz", "r");
	unsigned long long khz = 0;
	if (!file)
		return 0;
	if (fscanf(file, "%llu", &khz) != 1)
		khz = 0;
	fclose(file);
	return khz * 1000ull;
}

struct tsc_frequency tsc_host_frequency(void)
{
	uint64_t hz = sysfs_tsc_hz();
	if (hz)
		return (struct tsc_frequency){ hz, "sysfs-tsc_freq_khz" };
#if defined(__x86_64__) || defined(__i386__)
	/* Median of three windows: one preempted window does not skew it. */
	double estimates[CALIBRATION_ROUNDS];
	for (int round = 0; round < CALIBRATION_ROUNDS; round++)
		estimates[round] = calibrate_once();
	for (int i = 1; i < CALIBRATION_ROUNDS; i++)
		for (int j = i; j > 0 && estimates[j] < estimates[j - 1]; j--) {
			double swap = estimates[j];
			estimates[j] = estimates[j - 1];
			estimates[j - 1] = swap;
		}
	double best = estimates[CALIBRATION_ROUNDS / 2];
	if (best > 0) {
		/* Round to kHz: the calibration is not more precise than that. */
		uint64_t khz = (uint64_t)(best / 1000.0 + 0.5);
		return (struct tsc_frequency){ khz * 1000ull, "calibrated" };
	}
#endif
	return (struct tsc_frequency){ 0, "unavailable" };
}
