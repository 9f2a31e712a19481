/*
 * app_commands.c - the command lines of the application suite: the plan
 * handed to session.sh, the machine (native chroot, QEMU with user-mode
 * networking and host ports forwarded to the guest's servers, or the
 * xen-x86_64 test-bed running the guest as a domU on the same kind of
 * network), and the load generators on the host.
 */
#include <stdio.h>
#include <string.h>

#include "apps/app_internal.h"

/* Guest-side ports of the servers (QEMU forwards host ports to them). */
static const int app_guest_ports[APP_PORTS] = { 11211, 8080, 5201 };

void app_plan_text(const struct app_context *ctx, const int ports[APP_PORTS], char *out, size_t size)
{
	size_t used = 0;
	bool serve = false;
	out[0] = 0;
	for (size_t i = 0; i < ctx->count; i++) {
		const struct app_workload *w = ctx->selected[i];
		if (w->kind == APP_HOST_DRIVEN) {
			serve = true;
			continue;
		}
		char item[128];
		snprintf(item, sizeof(item), w->plan_item, ctx->req->reps);
		used += (size_t)snprintf(out + used, used < size ? size - used : 0, "%s%s",
					 used ? "," : "", item);
	}
	if (serve)
		snprintf(out + used, used < size ? size - used : 0, "%sserve:%d:%d:%d", used ? "," : "",
			 ports[APP_PORT_MEMCACHED], ports[APP_PORT_HTTP], ports[APP_PORT_NET]);
}

const int *app_server_ports(const struct app_target *t)
{
	return t->backend ? app_guest_ports : t->host_ports;
}

/* QEMU's user-mode network forwards: host port -> the guest's server port. */
static void add_hostfwd(struct backend_argv *args, const char *prefix, const struct app_target *t)
{
	backend_argv_addf(args, "%shostfwd=tcp:127.0.0.1:%d-:%d,hostfwd=tcp:127.0.0.1:%d-:%d,"
			  "hostfwd=tcp:127.0.0.1:%d-:%d", prefix,
			  t->host_ports[0], app_guest_ports[0], t->host_ports[1], app_guest_ports[1],
			  t->host_ports[2], app_guest_ports[2]);
}

unsigned app_target_vcpus(const struct app_context *ctx, const struct app_target *t)
{
	return app_target_in_testbed(t) ? APP_TESTBED_VCPUS : ctx->vcpus;
}

/* testbeds/run.sh xen-x86_64 --app PLAN ...: the guest as a domU, bridged. */
static void testbed_argv(const struct app_context *ctx, const struct app_target *t, const char *plan,
			 unsigned timeout_s, struct backend_argv *args)
{
	backend_argv_addf(args, "%s/run.sh", ctx->plan->paths.testbeds);
	backend_argv_add(args, t->backend->testbed_script);
	backend_argv_add(args, "--app");
	backend_argv_add(args, plan);
	backend_argv_add(args, "--hostfwd");
	add_hostfwd(args, "", t);
	backend_argv_add(args, "--timeout");
	backend_argv_addf(args, "%u", timeout_s);
	backend_argv_add(args, "--vcpus");
	backend_argv_addf(args, "%u", app_target_vcpus(ctx, t));
	backend_argv_add(args, "--mem");
	backend_argv_addf(args, "%u", APP_GUEST_MEM_MB);
	backend_argv_add(args, ctx->paths.kernel);
	backend_argv_add(args, ctx->paths.initrd);
}

static void qemu_argv(const struct app_context *ctx, const struct app_target *t, const char *plan,
		      struct backend_argv *args)
{
	char binary[64];
	bool kvm = strcmp(t->backend->hypervisor, "kvm") == 0;
	qemu_binary("x86_64", binary, sizeof(binary));
	backend_argv_add(args, binary);
	backend_argv_add(args, "-accel");
	backend_argv_add(args, kvm ? "kvm" : "tcg");
	backend_argv_add(args, "-M");
	backend_argv_add(args, "pc");
	backend_argv_add(args, "-cpu");
	backend_argv_add(args, kvm ? "host" : "max");
	backend_argv_add(args, "-smp");
	backend_argv_addf(args, "%u", ctx->vcpus);
	backend_argv_add(args, "-m");
	backend_argv_addf(args, "%u", APP_GUEST_MEM_MB);
	backend_argv_add(args, "-kernel");
	backend_argv_add(args, ctx->paths.kernel);
	backend_argv_add(args, "-initrd");
	backend_argv_add(args, ctx->paths.initrd);
	backend_argv_add(args, "-append");
	backend_argv_addf(args, "console=ttyS0 quiet loglevel=1 rdinit=/init panic=-1 appb.plan=%s", plan);
	backend_argv_add(args, "-netdev");
	add_hostfwd(args, "user,id=n0,", t);
	backend_argv_add(args, "-device");
	backend_argv_add(args, "virtio-net-pci,netdev=n0");
	backend_argv_add(args, "-nodefaults");
	backend_argv_add(args, "-display");
	backend_argv_add(args, "none");
	backend_argv_add(args, "-no-reboot");
	backend_argv_add(args, "-serial");
	backend_argv_add(args, "stdio");
}

void app_machine_argv(const struct app_context *ctx, const struct app_target *t, const char *plan,
		      unsigned timeout_s, struct backend_argv *args)
{
	backend_argv_init(args);
	if (app_target_in_testbed(t)) {
		testbed_argv(ctx, t, plan, timeout_s, args);
		return;
	}
	if (t->backend) {
		qemu_argv(ctx, t, plan, args);
		return;
	}
	backend_argv_addf(args, "%s/native.sh", ctx->paths.appbench);
	backend_argv_add(args, ctx->paths.root);
	backend_argv_add(args, "/appb/session.sh");
	backend_argv_add(args, plan);
}

void app_driver_argv(const struct app_context *ctx, const struct app_workload *w, int port,
		     struct backend_argv *args)
{
	backend_argv_init(args);
	if (strcmp(w->driver, "wrk") == 0) {
		if (ctx->wrk[0]) {
			backend_argv_add(args, ctx->wrk);
		} else {   /* the root's wrk, run natively like the baseline */
			backend_argv_addf(args, "%s/native.sh", ctx->paths.appbench);
			backend_argv_add(args, ctx->paths.root);
			backend_argv_add(args, "/usr/bin/wrk");
		}
		backend_argv_add(args, "-t1");
		backend_argv_add(args, "-c8");
		backend_argv_addf(args, "-d%us", w->seconds);
		backend_argv_addf(args, "http://127.0.0.1:%d/index.html", port);
		return;
	}
	backend_argv_add(args, ctx->paths.appb);
	backend_argv_add(args, w->driver);
	backend_argv_add(args, "127.0.0.1");
	backend_argv_addf(args, "%d", port);
	backend_argv_addf(args, "%u", w->seconds);
	if (strcmp(w->driver, "kvload") == 0)
		backend_argv_add(args, APP_KV_CONNECTIONS);
}

void app_driver_describe(const struct app_context *ctx, const struct app_workload *w,
			 char *out, size_t size)
{
	if (strcmp(w->driver, "wrk") != 0)
		snprintf(out, size, "appb %s (%s), on the host", w->driver, ctx->paths.appb);
	else if (ctx->wrk[0])
		snprintf(out, size, "wrk -t1 -c8 -d%us (host %s)", w->seconds, ctx->wrk);
	else
		snprintf(out, size, "wrk -t1 -c8 -d%us (Debian's, from the app root, on the host)", w->seconds);
}
