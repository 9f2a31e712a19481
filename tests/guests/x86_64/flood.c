/*
 * flood.c - a test guest that floods its report channel and never stops,
 * so a test can check that refhv and hvbench keep their memory bounded and
 * that hvbench ends the boot as a console flood.
 *
 * bench= (what hvbench asks for) picks what is sent, as fast as the
 * report port takes it (one exit per line of HVB_REPORT_MAX bytes):
 *   cpuid       the begin record of cpuid, then endless console noise
 *   anything    the begin record, then endless valid sample records
 *               (hvbench's session refuses them past its sample limit)
 */
#include "hvb-abi.h"
#include "kernel.h"
#include "kstring.h"
#include "x86_64/io.h"

static struct hvb_report_line line __attribute__((aligned(8)));

static void send(const char *text, size_t len)
{
	memcpy(line.text, text, len);
	line.len = (uint32_t)len;
	outl(HVB_PORT_REPORT, (uint32_t)(uintptr_t)&line);
}

static void send_text(const char *text)
{
	send(text, strlen(text));
}

int guest_main(const struct guest_env *env)
{
	struct str bench = { "cpuid", 5 };
	cmdline_find(&env->cmdline, "bench", &bench);
	bool noise = str_eq(bench, "cpuid");
	if (noise) {
		send_text("HVB begin bench=cpuid variant=- unit=cycles");
		char text[HVB_REPORT_MAX];
		memset(text, 'x', sizeof(text));
		memcpy(text, "flood: ", 7);
		for (;;)
			send(text, sizeof(text));
	}
	send_text("HVB begin bench=pio-out-user variant=- unit=cycles");
	for (;;)
		send_text("HVB sample bench=pio-out-user variant=- unit=cycles kind=op batch=0 "
			  "iters=1 value=1");
	return HVB_GUEST_EXIT_FAIL;
}
