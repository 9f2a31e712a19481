#!/bin/sh
# guest-init.sh - /init of the application-benchmark guest (busybox sh):
# mount the basics, load virtio-net (or Xen's netfront in a Xen domU) and
# configure QEMU user-mode networking (10.0.2.15, gateway 10.0.2.2; in a
# Xen test-bed the domU reaches it through dom0's bridge), then run the
# plan given on the kernel command line as appb.plan=... with
# /appb/session.sh, the same script the native baseline runs in its
# chroot.  Powers off at the end.
export PATH=/bin:/sbin:/usr/bin:/usr/sbin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs dev /dev 2>/dev/null
mount -t tmpfs tmpfs /tmp
mount -t tmpfs tmpfs /run
exec </dev/console >/dev/console 2>&1
MODS=$(cat /lib/modules/order)
# a Xen domU (the Xen test-beds) has netfront instead of virtio-net
[ "$(cat /sys/hypervisor/type 2>/dev/null)" = xen ] && MODS=$(cat /lib/modules/xen-order)
for m in $MODS; do
	insmod "/lib/modules/$m.ko" || echo "APPB error what=insmod-$m"
done
ip link set lo up
ip link set eth0 up && ip addr add 10.0.2.15/24 dev eth0 && ip route add default via 10.0.2.2 ||
	echo "APPB error what=network"
PLAN=$(sed -n 's/.*appb\.plan=\([^ ]*\).*/\1/p' /proc/cmdline)
echo "APPB info where=guest kernel=$(uname -r) cpus=$(nproc) mem_kb=$(sed -n 's/MemTotal: *\([0-9]*\).*/\1/p' /proc/meminfo)"
/appb/session.sh "$PLAN"
poweroff -f
