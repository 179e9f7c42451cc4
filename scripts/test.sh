#!/usr/bin/env bash
# Run every check: lint, the pure-Python unit tests, the integration tests on a real site, and the
# browser tests of the public side (Playwright and axe-core, with the test site served meanwhile).
#
#   bash scripts/test.sh
#
# Sets up what is missing exactly as scripts/run.sh does (MariaDB, Redis, the bench,
# this checkout linked into it), on a site reserved for tests, and leaves no server
# running. Prints each runner's closing line and exits non-zero if anything failed.

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
set +e

TEST_SITE="${TEST_SITE:-complaints-test.localhost}"
failures=()

# -- lint and unit tests: a small venv of their own, without frappe ---------------------
test_venv() {
	local spec hash venv
	spec=$(python3 - "$APP_DIR/pyproject.toml" <<'PY'
import sys, tomllib
p = tomllib.load(open(sys.argv[1], "rb"))["project"]
print("\n".join(p["dependencies"] + p["optional-dependencies"]["test"]))
PY
	) || die "Could not read the dependencies from pyproject.toml."
	hash=$(printf '%s' "$spec" | sha256sum | cut -c1-12)
	venv="${XDG_CACHE_HOME:-$HOME/.cache}/complaints_app/test-venv-$hash"
	if [ ! -x "$venv/bin/python" ]; then
		step "Creating the unit-test venv $venv" >&2
		python3 -m venv "$venv" >&2 || die "python3 -m venv failed."
		# shellcheck disable=SC2086
		"$venv/bin/python" -m pip install --quiet $spec >&2 || { rm -rf "$venv"; die "pip could not install the test tools."; }
	fi
	printf '%s\n' "$venv"
}

VENV=$(test_venv) || exit 1

step "Lint: ruff check and ruff format --check"
if (cd "$APP_DIR" && "$VENV/bin/ruff" check . && "$VENV/bin/ruff" format --check .); then
	ok "clean"
else
	failures+=("lint")
fi

step "Unit tests: plain pytest on the pure core (frappe is not installed in this venv)"
unit_log=$(mktemp)
(cd "$APP_DIR" && "$VENV/bin/python" -m pytest tests --ignore=tests/browser -p no:cacheprovider) 2>&1 | tee "$unit_log"
[ "${PIPESTATUS[0]}" -eq 0 ] || failures+=("unit tests")
unit_summary=$(grep -E '^=* ?[0-9]+ (passed|failed)|no tests ran' "$unit_log" | tail -n 1)

# -- integration tests on the test site ---------------------------------------------
set -e
prepare_bench
ensure_test_dependencies
# CI starts from a new test site, so nothing a local run left behind can change its result.
if [ "${CI:-}" = "true" ] || [ "${FRESH_TEST_SITE:-0}" = "1" ]; then
	drop_site "$TEST_SITE"
fi
ensure_site "$TEST_SITE"
in_bench bench --site "$TEST_SITE" set-config allow_tests true >/dev/null
# Frappe refuses a 61st new user within an hour ("Throttled"); the suites make more than that.
in_bench bench --site "$TEST_SITE" set-config --parse throttle_user_limit 100000 >/dev/null
ensure_browser_tools
set +e

step "Integration tests: bench run-tests --app $APP_NAME on $TEST_SITE"
int_log=$(mktemp)
(cd "$BENCH_DIR" && bench --site "$TEST_SITE" run-tests --app "$APP_NAME") 2>&1 | tee "$int_log"
int_status=${PIPESTATUS[0]}
ran=$(grep -Eo '^Ran [0-9]+ tests?' "$int_log" | tail -n 1 | grep -Eo '[0-9]+')
ran=${ran:-0}
bad=0
for n in $(grep -E '^FAILED \(' "$int_log" | tail -n 1 | grep -Eo '(failures|errors)=[0-9]+' | cut -d= -f2); do
	bad=$((bad + n))
done
if [ "$int_status" -ne 0 ] || [ "$ran" -eq 0 ] || [ "$bad" -gt 0 ]; then
	failures+=("integration tests")
	[ "$bad" -eq 0 ] && bad=$((ran > 0 ? ran : 1))
fi

# -- browser tests: the test site served on 127.0.0.1 for their length only -------------------
BROWSER_PORT="${BROWSER_PORT:-8011}"
BROWSER_URL="http://127.0.0.1:$BROWSER_PORT"
browser_server_log="$BENCH_DIR/logs/complaints_app_browser_tests.log"

answers_ping() { curl -fsS --max-time 3 "$BROWSER_URL/api/method/ping" 2>/dev/null | grep -q pong; }

# `bench --site` makes the server answer every request for $TEST_SITE whatever the Host header,
# so 127.0.0.1 works without `bench use`. Without its reloader it is one process, and bench execs
# it, so $! is the server itself.
start_browser_server() {
	if curl -s -o /dev/null --max-time 3 "$BROWSER_URL/"; then
		printf 'Something already answers on %s: stop it, or set BROWSER_PORT.\n' "$BROWSER_URL" >&2
		return 1
	fi
	mkdir -p "$(dirname "$browser_server_log")"
	(cd "$BENCH_DIR" && exec bench --site "$TEST_SITE" serve --port "$BROWSER_PORT" --noreload) \
		>"$browser_server_log" 2>&1 </dev/null &
	browser_server_pid=$!
	# The acknowledgement and the new-case alerts are jobs run after the complaint commits: a
	# worker runs them, as in production (it serves every site of the bench).
	(cd "$BENCH_DIR" && exec bench worker) >>"$browser_server_log" 2>&1 </dev/null &
	browser_worker_pid=$!
	for _ in $(seq 1 60); do
		answers_ping && return 0
		kill -0 "$browser_server_pid" 2>/dev/null || break
		sleep 1
	done
	printf 'The test site did not answer on %s within 60 s; its log (%s) ends:\n' "$BROWSER_URL" "$browser_server_log" >&2
	tail -n 20 "$browser_server_log" >&2
	return 1
}

stop_browser_server() {
	[ -n "${browser_server_pid:-}" ] || return 0
	local pid
	for pid in "$browser_server_pid" "${browser_worker_pid:-}"; do
		[ -n "$pid" ] && kill "$pid" 2>/dev/null || true
	done
	for _ in $(seq 1 10); do
		kill -0 "$browser_server_pid" 2>/dev/null || kill -0 "${browser_worker_pid:-0}" 2>/dev/null || break
		sleep 1
	done
	for pid in "$browser_server_pid" "${browser_worker_pid:-}"; do
		[ -n "$pid" ] && { kill -9 "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null; }
	done
	browser_server_pid=""
	browser_worker_pid=""
	ok "stopped the test site's server on $BROWSER_URL and its worker"
}

run_browser_tests() {
	trap stop_browser_server EXIT
	trap 'exit 130' INT TERM
	start_browser_server || return 1
	ok "serving $TEST_SITE on $BROWSER_URL (log: $browser_server_log)"
	(cd "$APP_DIR" && BASE_URL="$BROWSER_URL" BENCH_DIR="$BENCH_DIR" TEST_SITE="$TEST_SITE" \
		ADMIN_PASSWORD="$ADMIN_PASSWORD" CHROMIUM="$CHROMIUM" \
		"$BROWSER_VENV/bin/python" -m pytest tests/browser)
}

step "Browser tests: Playwright on chromium and axe-core, $TEST_SITE served on $BROWSER_URL"
browser_log=$(mktemp)
(run_browser_tests) 2>&1 | tee "$browser_log"
[ "${PIPESTATUS[0]}" -eq 0 ] || failures+=("browser tests")
browser_summary=$(grep -E '^=* ?[0-9]+ (passed|failed|errors?)|no tests ran' "$browser_log" | tail -n 1)

echo
step "Summary"
printf 'unit: %s\n' "${unit_summary:-no pytest summary (see above)}"
printf 'integration: %d passed, %d failed\n' "$((ran - bad < 0 ? 0 : ran - bad))" "$bad"
printf 'browser: %s\n' "${browser_summary:-no pytest summary (see above)}"
if [ "${#failures[@]}" -gt 0 ]; then
	die "Failed: ${failures[*]}."
fi
ok "all green"
