#!/usr/bin/env bash
# Runs Plenum's scaled-out shape on this machine with processes, not containers: N app processes
# on PostgreSQL and Redis behind HAProxy (deploy/haproxy.cfg). Ctrl-C or SIGTERM stops them all:
# the app processes drain (as in a rolling restart), then the balancer stops.
#
#   npm run build && scripts/scaled-out.sh      # then open http://localhost:8080
#
# Settings (environment), with their defaults:
#   PROCESSES      app processes                              2
#   BASE_PORT      port of the first process (then +1, …)     3001
#   LB_PORT        balancer port                              8080
#   STATS_PORT     HAProxy stats and /metrics on 127.0.0.1    8404
#   DATABASE_URL   PostgreSQL, created if missing             postgres://postgres@127.0.0.1:5432/plenum
#   REDIS_URL      Redis                                      redis://127.0.0.1:6379
#   PUBLIC_ORIGIN  the address people open                    http://localhost:$LB_PORT
# Everything else (SOCKET_TRANSPORTS, DB_POOL_SIZE, LOG_LEVEL, …) reaches every process unchanged.
# Each process logs JSON lines to the terminal, prefixed with its name; HAProxy logs one line
# per request (prefix lb).
set -u
cd "$(dirname "$0")/.."

say() { echo "scaled-out: $*" >&2; }
die() {
	say "$*"
	exit 1
}

[ -f build/handler.js ] || die "no build yet: run \`npm run build\` first"
processes=${PROCESSES:-2}
base_port=${BASE_PORT:-3001}
lb_port=${LB_PORT:-8080}
stats_port=${STATS_PORT:-8404}
for value in "$processes" "$base_port" "$lb_port" "$stats_port"; do
	case $value in '' | *[!0-9]* | 0) die "PROCESSES, BASE_PORT, LB_PORT and STATS_PORT must be positive whole numbers" ;; esac
done
export DATABASE_URL=${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/plenum}
export REDIS_URL=${REDIS_URL:-redis://127.0.0.1:6379}
export PUBLIC_ORIGIN=${PUBLIC_ORIGIN:-http://localhost:$lb_port}
# HAProxy appends the phone's address to X-Forwarded-For; the per-IP login limit reads it there.
export ADDRESS_HEADER=${ADDRESS_HEADER:-x-forwarded-for}
export XFF_DEPTH=${XFF_DEPTH:-1}

node_dir=$(sh scripts/ensure-node.sh) || die "could not find or fetch Node 24"
PATH="$node_dir:$PATH"
export PATH

# --- the services the processes share --------------------------------------------------------

# Prints the database name and a URL of the maintenance database on the same server (for createdb).
db_parts() {
	node -e 'const u = new URL(process.argv[1]); console.log(decodeURIComponent(u.pathname.slice(1))); u.pathname = "/postgres"; console.log(u.href);' "$DATABASE_URL"
}
{
	read -r db_name
	read -r admin_url
} < <(db_parts) || die "DATABASE_URL is not a URL"
if command -v pg_isready > /dev/null; then
	pg_isready -q -d "$admin_url" || die "PostgreSQL does not answer at the address in DATABASE_URL (database $db_name)"
fi
if command -v psql > /dev/null && ! psql "$DATABASE_URL" -Atqc 'SELECT 1' > /dev/null 2>&1; then
	say "creating database $db_name"
	createdb --maintenance-db="$admin_url" "$db_name" || die "could not create database $db_name"
fi
if command -v redis-cli > /dev/null; then
	[ "$(redis-cli -u "$REDIS_URL" ping 2> /dev/null)" = PONG ] || die "Redis does not answer at REDIS_URL"
fi

port_taken() { (exec 3<> "/dev/tcp/127.0.0.1/$1") 2> /dev/null; }
for ((i = 0; i < processes; i++)); do
	port_taken $((base_port + i)) && die "port $((base_port + i)) is in use (set BASE_PORT)"
done
port_taken "$lb_port" && die "port $lb_port is in use (set LB_PORT)"
port_taken "$stats_port" && die "port $stats_port is in use (set STATS_PORT)"

# --- children and how they stop ---------------------------------------------------------------

app_pids=()
lb_pid=
work=$(mktemp -d)
stopping=0

# Each child runs in a session of its own (setsid), so Ctrl-C reaches only this script, which
# then stops the children in order. The prefixing sed ignores INT and TERM and ends when its
# process closes the pipe, so a draining process never writes into a closed pipe.
session=()
command -v setsid > /dev/null && session=(setsid)
prefix() {
	trap '' INT TERM
	exec sed -u "s/^/[$1] /"
}

stop_all() {
	[ "$stopping" = 1 ] && return
	stopping=1
	if [ ${#app_pids[@]} -gt 0 ]; then
		say "stopping: app processes drain first (up to SHUTDOWN_GRACE_MS + 2 s)"
		kill -TERM "${app_pids[@]}" 2> /dev/null
		# server.ts exits by itself at SHUTDOWN_GRACE_MS + 2 s; this only catches a process that hangs.
		(
			sleep $((${SHUTDOWN_GRACE_MS:-8000} / 1000 + 5))
			kill -KILL "${app_pids[@]}" 2> /dev/null
		) &
		local watchdog=$!
		wait "${app_pids[@]}" 2> /dev/null
		kill "$watchdog" 2> /dev/null
		wait "$watchdog" 2> /dev/null
	fi
	if [ -n "$lb_pid" ]; then
		kill -TERM "$lb_pid" 2> /dev/null
		wait "$lb_pid" 2> /dev/null
	fi
	rm -rf "$work"
	say "stopped"
}
trap 'stop_all; exit 130' INT
trap 'stop_all; exit 143' TERM
trap stop_all EXIT

# Waits until GET url answers 200, or the process pid (when given) has died.
wait_ready() {
	local url=$1 pid=${2:-} deadline=$((SECONDS + 60))
	until node -e 'fetch(process.argv[1]).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))' "$url"; do
		[ -n "$pid" ] && ! kill -0 "$pid" 2> /dev/null && return 1
		[ $SECONDS -ge $deadline ] && return 1
		sleep 0.3
	done
}

start_app() {
	local n=$1 port=$(($1 + base_port - 1))
	PORT=$port HOST=127.0.0.1 "${session[@]}" node server.ts > >(prefix "app$n") 2>&1 &
	app_pids+=($!)
}

# --- start ------------------------------------------------------------------------------------

# The first process alone: it runs the database migrations before its port opens (processes
# starting together would take turns, but one at a time keeps the log readable).
start_app 1
wait_ready "http://127.0.0.1:$base_port/readyz" "${app_pids[0]}" || die "app1 did not become ready (see its log above)"
for ((n = 2; n <= processes; n++)); do start_app "$n"; done
for ((n = 2; n <= processes; n++)); do
	wait_ready "http://127.0.0.1:$((base_port + n - 1))/readyz" "${app_pids[n - 1]}" || die "app$n did not become ready (see its log above)"
done

if command -v haproxy > /dev/null; then
	cfg=deploy/haproxy.cfg
	export PLENUM_BIND=${PLENUM_BIND:-:$lb_port}
	export PLENUM_STATS_BIND=127.0.0.1:$stats_port
	export PLENUM_APP1=127.0.0.1:$base_port PLENUM_APP2=127.0.0.1:$((base_port + 1))
	if [ "$processes" != 2 ]; then
		# The file names two servers; write a copy with one server line per process.
		cfg=$work/haproxy.cfg
		awk -v n="$processes" -v base="$base_port" '
			/^\tserver app[0-9]+ / { if (!done) for (i = 1; i <= n; i++) printf "\tserver app%d 127.0.0.1:%d cookie app%d\n", i, base + i - 1, i; done = 1; next }
			{ print }' deploy/haproxy.cfg > "$cfg"
	fi
	# HAProxy needs two descriptors per connection and stops if it cannot raise its limit that far
	# (without root, or in a container); ask for no more connections than the hard limit allows.
	if [ -z "${PLENUM_MAXCONN:-}" ]; then
		hard=$(ulimit -Hn)
		[ "$hard" != unlimited ] && [ $(((hard - 100) / 2)) -lt 50000 ] && export PLENUM_MAXCONN=$(((hard - 100) / 2))
	fi
	haproxy -c -q -f "$cfg" || die "HAProxy rejected $cfg"
	"${session[@]}" haproxy -db -f "$cfg" > >(prefix lb) 2>&1 &
	lb_pid=$!
	wait_ready "http://127.0.0.1:$lb_port/readyz" "$lb_pid" || die "HAProxy did not start on port $lb_port"
	balancer="HAProxy on port $lb_port (stats: http://127.0.0.1:$stats_port/)"
else
	say "HAProxy is not installed: sudo apt-get install -y haproxy (then run this again)."
	say "Or put another balancer on port $lb_port, e.g. nginx -c \$PWD/deploy/nginx.conf with SOCKET_TRANSPORTS=websocket."
	balancer="no balancer yet: port $lb_port is not served"
fi

{
	echo
	echo "Plenum, scaled out: $processes processes on PostgreSQL ($db_name) and Redis"
	echo "  open       $PUBLIC_ORIGIN"
	echo "  balancer   $balancer"
	for ((n = 1; n <= processes; n++)); do echo "  app$n       pid ${app_pids[n - 1]}, 127.0.0.1:$((base_port + n - 1))"; done
	echo "  try        kill -9 <pid> (a process dies), kill -TERM <pid> (a process drains)"
	echo "  stop       Ctrl-C"
	echo
} >&2

# Reports processes that end (a failover try) and returns when none is left.
alive=("${app_pids[@]}")
while [ ${#alive[@]} -gt 0 ]; do
	sleep 1 &
	wait $!
	still=()
	for pid in "${alive[@]}"; do
		if kill -0 "$pid" 2> /dev/null; then still+=("$pid"); else
			wait "$pid" 2> /dev/null
			say "process $pid ended (status $?); the others carry on"
		fi
	done
	alive=("${still[@]}")
done
say "no app process left"
