/*
 * kernel.c - the common part of boot: command line, console, hello, guest.
 */
#include "kernel.h"
#include "arch.h"
#include "console.h"
#include "hvb-abi.h"
#include "report.h"

/* The environment lives here rather than on the small boot stack. */
static struct guest_env guest_env;

_Noreturn void kernel_main(const struct boot_info *boot)
{
	struct guest_env *env = &guest_env;
	enum console_kind kind;
	struct str name;
	bool bad_console = false;

	env->boot = boot->protocol;
	env->ram_end = boot->ram_end;
	cmdline_init(&env->cmdline, boot->cmdline);

	if (!cmdline_find(&env->cmdline, "console", &name)) {
		kind = arch_console_default();
	} else if (!console_kind_from_name(name, &kind)) {
		kind = arch_console_default();
		bad_console = true;   /* report it on the default console */
	}
	console_init(kind);

	arch_probe(&env->platform);
	enum opt_status tick = cmdline_u64(&env->cmdline, "tick_hz", 1, UINT64_MAX / 1000,
					   &env->platform.tick_hz);

	/* The hello first: the harness times start-up to the first record. */
	report_hello(&env->platform, env->boot);
	console_log("hvbench guest kernel");

	if (bad_console) {
		report_error("bad-console");
		arch_exit(HVB_GUEST_EXIT_FAIL);
	}
	if (tick == OPT_BAD) {
		report_error("bad-tick_hz");
		arch_exit(HVB_GUEST_EXIT_FAIL);
	}

	arch_exit(guest_main(env));
}
