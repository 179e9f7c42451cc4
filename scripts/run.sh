#!/usr/bin/env bash
# Bring up a working complaints_app site with demo data on http://localhost:8000.
#
#   bash scripts/run.sh          set up (first time: 10-20 minutes), then serve in the background
#   bash scripts/run.sh stop     stop the server this script started
#
# A second run reuses the bench, the site and the demo data and finishes in seconds.
# Environment: see scripts/lib.sh (BENCH_DIR, FRAPPE_PATH, ADMIN_PASSWORD, DB_ROOT_PASSWORD, SITE).

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

SITE="${SITE:-complaints.localhost}"
PORT=8000
PIDFILE="$BENCH_DIR/config/pids/complaints_app_run.pid"
LOG="$BENCH_DIR/logs/complaints_app_run.log"

serving() { curl -fsS --max-time 3 "http://127.0.0.1:$PORT/api/method/ping" 2>/dev/null | grep -q pong; }

# bench start (honcho) runs each process in a group of its own, so stop the whole tree.
descendants() {
	local child
	for child in $(pgrep -P "$1"); do
		descendants "$child"
		echo "$child"
	done
}

stop_server() {
	local pid pids
	pid=$(cat "$PIDFILE" 2>/dev/null || true)
	if [ -z "$pid" ] || ! kill -0 "$pid" 2>/dev/null; then
		ok "no server started by this script is running"
		rm -f "$PIDFILE"
		return 0
	fi
	pids="$(descendants "$pid") $pid"
	step "Stopping the server (processes $(echo $pids | tr '\n' ' '))"
	# shellcheck disable=SC2086
	kill $pids 2>/dev/null || true
	for _ in $(seq 1 10); do
		# shellcheck disable=SC2086
		kill -0 $pids 2>/dev/null || break
		sleep 1
	done
	# shellcheck disable=SC2086
	kill -9 $pids 2>/dev/null || true
	rm -f "$PIDFILE"
}

if [ "${1:-}" = "stop" ]; then
	stop_server
	exit 0
fi

prepare_bench
ensure_site "$SITE"

step "Making $SITE the site served on localhost, in developer mode"
in_bench bench use "$SITE" >/dev/null
grep -q '"developer_mode": 1' "$BENCH_DIR/sites/$SITE/site_config.json" ||
	in_bench bench --site "$SITE" set-config developer_mode 1 >/dev/null
# The demo's people have made-up addresses: alerts reach the desk bell, and no email leaves.
grep -q '"mute_emails": 1' "$BENCH_DIR/sites/$SITE/site_config.json" ||
	in_bench bench --site "$SITE" set-config --parse mute_emails 1 >/dev/null

step "Setup wizard (UK defaults), scheduler and demo data (a council year, seeded)"
in_bench bench --site "$SITE" execute complaints_app.demo.loader.prepare_demo_site

step "Serving on http://localhost:$PORT"
if serving; then
	ok "already serving: left as it is"
else
	mkdir -p "$(dirname "$PIDFILE")" "$(dirname "$LOG")"
	cat >"$BENCH_DIR/Procfile.complaints_app" <<PROCFILE
web: bench serve --port $PORT
socketio: node apps/frappe/socketio.js
schedule: bench schedule
worker: bench worker
PROCFILE
	(cd "$BENCH_DIR" && exec setsid nohup bench start --procfile Procfile.complaints_app) >"$LOG" 2>&1 </dev/null &
	echo $! >"$PIDFILE"
	for _ in $(seq 1 60); do
		serving && break
		sleep 1
	done
	serving || die "The server did not answer on port $PORT within 60 s; read $LOG."
	ok "started in the background (log: $LOG; stop it with: bash scripts/run.sh stop)"
fi
cat <<DONE

  complaints_app is running:  http://localhost:$PORT/app/complaints
  log in as Administrator with the password in ADMIN_PASSWORD (default: admin)

DONE
