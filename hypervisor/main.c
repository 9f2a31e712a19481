/*
 * main.c - refhv: run one guest on KVM.
 *
 *   parse options -> create the VM and its RAM -> load the guest ->
 *   create the vCPUs (then the arch's last set-up) -> run them until the guest exits, crashes or times
 *   out -> print --stats -> exit with a REFHV_EXIT_* status.
 * With --vm-switch it forks first and the child runs a partner VM
 * (vm_switch.h).
 */
#include <signal.h>
#include <stdbool.h>
#include <stdlib.h>
#include <unistd.h>

#include "arch.h"
#include "hvb-abi.h"
#include "io_latency.h"
#include "device_map.h"
#include "options.h"
#include "runner.h"
#include "stats.h"
#include "vcpu.h"
#include "vm.h"
#include "vm_switch.h"

static int create_vcpus(struct vm *vm)
{
	for (unsigned i = 0; i < vm->opts->vcpus; i++) {
		vm->nr_vcpus = i + 1;   /* so vm_destroy cleans up a half-made one */
		if (vcpu_create(vm, &vm->vcpus[i], i))
			return -1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	struct refhv_options opts;
	struct vm vm;
	struct vm_switch vm_switch;
	bool exit_now;
	int status;

	status = options_parse(argc, argv, &opts, &exit_now);
	if (status == 0 && opts.devices) {
		device_map_print(stdout);
		return 0;
	}
	if (status || exit_now)
		return status;

	/* A closed stdout must not kill us mid-run; console writes just fail. */
	signal(SIGPIPE, SIG_IGN);

	if (opts.vm_switch && vm_switch_begin(&vm_switch, &opts))
		return REFHV_EXIT_SETUP;
	if (vm_create(&vm, &opts) || arch_load_guest(&vm, opts.guest_path, opts.cmdline) ||
	    create_vcpus(&vm) || arch_vm_ready(&vm) || io_latency_start(&vm) ||
	    (opts.vm_switch && vm_switch_attach(&vm_switch, &vm))) {
		vm_destroy(&vm);
		if (opts.vm_switch)
			vm_switch_end(&vm_switch);
		return REFHV_EXIT_SETUP;
	}

	status = vm_run(&vm);
	if (opts.vm_switch)
		vm_switch_end(&vm_switch);
	if (status < 0)
		_exit(REFHV_EXIT_CRASH);   /* a vCPU thread would not stop */

	for (unsigned i = 0; i < vm.nr_vcpus; i++)
		console_flush(&vm.vcpus[i].console);
	if (opts.stats)
		stats_print(&vm);
	vm_destroy(&vm);
	return status;
}
