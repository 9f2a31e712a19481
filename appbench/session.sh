#!/bin/sh
# session.sh PLAN - run an application-benchmark plan, identically in the
# guest (called by /init) and natively (in a chroot of the same root, see
# native.sh).  PLAN is one word: items separated by ',', fields by ':'
#   hackbench:REPS:GROUPS:FDS:LOOPS     in-machine, REPS result lines
#   kernbench:REPS:JOBS:ROUNDS          in-machine, REPS result lines
#   serve:MEMCACHED:HTTP:NET            start memcached, nginx and the appb
#                                       network server on these ports, print
#                                       "APPB ready" and wait (the host drives
#                                       the load, then stops the machine)
# Output: "APPB result ...", "APPB error what=...", "APPB ready", "APPB done".
export PATH=/appb/bin:/bin:/sbin:/usr/bin:/usr/sbin
CPUS=$(nproc)

repeat() {  # repeat N CMD...: run CMD N times, stop at the first failure
	n=$1; shift
	while [ "$n" -gt 0 ]; do
		"$@" || { echo "APPB error what=$1-$2"; return 1; }
		n=$((n - 1))
	done
}

listening() {  # listening PORT: true once something listens on it
	netstat -ltn 2>/dev/null | grep -q "[:.]$1 "
}

serve() {  # serve MEMCACHED HTTP NET
	memcached -u root -l 0.0.0.0 -p "$1" -U 0 -t "$CPUS" -m 64 &
	cat >/tmp/nginx.conf <<EON
daemon off;
user root;
worker_processes $CPUS;
pid /tmp/nginx.pid;
error_log stderr error;
events { worker_connections 512; }
http {
	access_log off;
	client_body_temp_path /tmp/nginx-body;
	proxy_temp_path /tmp/nginx-proxy;
	fastcgi_temp_path /tmp/nginx-fastcgi;
	uwsgi_temp_path /tmp/nginx-uwsgi;
	scgi_temp_path /tmp/nginx-scgi;
	server { listen $2; root /appb/www; }
}
EON
	nginx -e stderr -p /tmp -c /tmp/nginx.conf &
	appb net-serve "$3" &
	for i in $(seq 300); do
		listening "$1" && listening "$2" && listening "$3" && break
		sleep 0.1
	done
	for p in "$1" "$2" "$3"; do
		listening "$p" || echo "APPB error what=serve-port-$p"
	done
	echo "APPB ready"
	wait
}

for item in $(echo "$1" | tr ',' ' '); do
	set -- $(echo "$item" | tr ':' ' ')
	case $1 in
	hackbench) repeat "$2" appb hackbench "$3" "$4" "$5" ;;
	kernbench) rm -rf /tmp/kernbench && mkdir -p /tmp/kernbench &&
		repeat "$2" appb kernbench "$3" "$4" tcc /appb/src /tmp/kernbench ;;
	serve) serve "$2" "$3" "$4" ;;
	*) echo "APPB error what=unknown-item-$1" ;;
	esac
done
echo "APPB done"
