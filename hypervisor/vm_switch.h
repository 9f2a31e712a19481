/*
 * vm_switch.h - `refhv --vm-switch`: two VMs of one guest image on one host
 * CPU, handing it to each other (the vm-switch benchmark; hvb-abi.h has the
 * contract with the guest, docs/vm-switch.md the method).
 *
 * refhv forks before it creates anything: the parent runs the main VM (its
 * console is refhv's stdout), the child the partner VM (command line plus
 * "vmswitch=partner", stdout discarded, stderr kept).  Both share one page
 * (a memfd, mapped into each VM) and run every vCPU thread on one CPU.
 */
#ifndef REFHV_VM_SWITCH_H
#define REFHV_VM_SWITCH_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "hvb-abi.h"
#include "options.h"

struct vm;
struct vcpu;

enum vm_switch_role { VMSWITCH_MAIN = 0, VMSWITCH_PARTNER = 1 };

#define VMSWITCH_PARTNER_OPTION " vmswitch=partner"
#define VMSWITCH_WAIT_MS 50   /* one doorbell gives the CPU away at most this long */

struct vm_switch {
	struct hvb_vmswitch_page *page;   /* MAP_SHARED between the two processes */
	enum vm_switch_role role;
	pid_t partner;                    /* main: the child's pid; partner: 0 */
	int cpu;                          /* the one host CPU of both VMs */
	bool offset_fresh;                /* re-read on the vCPU's own thread, in the guest */
	char cmdline[REFHV_MAX_CMDLINE + sizeof(VMSWITCH_PARTNER_OPTION)];
};

/*
 * Before the VM exists, with opts->vm_switch set: make the page, choose the
 * CPU (the first of --pin, else the last this process may use) and pin
 * every vCPU there, then fork.  Returns 0 in both processes (sw->role says
 * which; opts->cmdline then points into sw for the partner), -1 after
 * printing why.
 */
int vm_switch_begin(struct vm_switch *sw, struct refhv_options *opts);

/* After the vCPUs exist: map the page into the VM and publish this VM's
 * clock offset.  A failure is fatal (the benchmark would mean nothing). */
int vm_switch_attach(struct vm_switch *sw, struct vm *vm);

/* The doorbell: give the CPU away until `turn` moves (bounded).  The
 * first one also re-reads this VM's clock offset (see vm_switch.c). */
void vm_switch_doorbell(struct vcpu *vcpu);

/* After the VM ended: the main process stops and reaps the partner. */
void vm_switch_end(struct vm_switch *sw);

#endif
