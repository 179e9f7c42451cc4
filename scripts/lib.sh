# shellcheck shell=bash
# Shared setup steps for scripts/run.sh and scripts/test.sh.
#
# Every step checks before it acts, so a second run reuses what exists and
# finishes in seconds. Every step says what it is doing on one line.
#
# Environment (all optional):
#   BENCH_DIR          Frappe bench to use or create     (default: ~/frappe-bench)
#   FRAPPE_PATH        local clone of frappe to init from (default: the official repository)
#   FRAPPE_BRANCH      frappe branch                      (default: version-15)
#   DB_ROOT_PASSWORD   MariaDB root password over TCP     (default: frappe-dev-root)
#   ADMIN_PASSWORD     site Administrator password        (default: admin)

set -euo pipefail

APP_NAME=complaints_app
APP_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BENCH_DIR="${BENCH_DIR:-$HOME/frappe-bench}"
FRAPPE_PATH="${FRAPPE_PATH:-https://github.com/frappe/frappe}"
FRAPPE_BRANCH="${FRAPPE_BRANCH:-version-15}"
DB_ROOT_PASSWORD="${DB_ROOT_PASSWORD:-frappe-dev-root}"
ADMIN_PASSWORD="${ADMIN_PASSWORD:-admin}"
REDIS_URL="redis://127.0.0.1:6379"
MARIADB_CNF=/etc/mysql/conf.d/90-complaints-app-frappe.cnf

# pip --user puts the bench CLI here.
export PATH="$HOME/.local/bin:$PATH"

step() { printf '\033[1;34m==>\033[0m %s\n' "$*"; }
ok() { printf '    %s\n' "$*"; }
die() {
	printf '\033[1;31mERROR:\033[0m %s\n' "$*" >&2
	exit 1
}

as_root() {
	if [ "$(id -u)" -eq 0 ]; then
		"$@"
	elif command -v sudo >/dev/null 2>&1; then
		sudo "$@"
	else
		die "'$*' needs root; run this script as root or install sudo."
	fi
}

apt_install() {
	command -v apt-get >/dev/null 2>&1 || die "$* is missing and this is not a Debian/Ubuntu machine: install $* yourself, then run again."
	step "Installing $* with apt-get"
	as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
	as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

# --- MariaDB ---------------------------------------------------------------

mariadb_alive() { mysqladmin --protocol=tcp -h 127.0.0.1 -P 3306 --connect-timeout=2 ping >/dev/null 2>&1; }

mariadb_start() {
	if command -v service >/dev/null 2>&1 && service mariadb start >/dev/null 2>&1; then
		:
	else
		as_root mkdir -p /run/mysqld
		as_root chown mysql:mysql /run/mysqld 2>/dev/null || true
		as_root start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd >/dev/null
	fi
	for _ in $(seq 1 30); do
		mariadb_alive && return 0
		sleep 1
	done
	die "MariaDB did not start within 30 s: read /var/log/mysql/error.log, start it yourself, then run again."
}

mariadb_stop() {
	if command -v service >/dev/null 2>&1 && service mariadb stop >/dev/null 2>&1; then
		return 0
	fi
	local pid
	pid=$(pgrep -x mariadbd || true)
	[ -n "$pid" ] && as_root kill "$pid"
	for _ in $(seq 1 30); do
		mariadb_alive || return 0
		sleep 1
	done
	die "MariaDB did not stop within 30 s; stop it yourself, then run again."
}

root_sql_tcp() { MYSQL_PWD="$DB_ROOT_PASSWORD" mysql -h 127.0.0.1 -P 3306 -uroot -N -B -e "$1"; }

# A server on this machine is configured and restarted here; one elsewhere (a CI
# service container) only gets its running character set fixed.
local_mariadb() { [ -x /usr/sbin/mariadbd ] || command -v mariadbd >/dev/null 2>&1; }

ensure_mariadb() {
	step "MariaDB"
	if ! local_mariadb && ! mariadb_alive; then
		apt_install mariadb-server mariadb-client
	fi
	command -v mysql >/dev/null 2>&1 || apt_install mariadb-client
	local changed=0
	if local_mariadb; then
		write_mariadb_config && changed=1
	fi
	if ! mariadb_alive; then
		local_mariadb || die "No MariaDB answers on 127.0.0.1:3306: start it, then run again."
		ok "not running: starting it"
		mariadb_start
	elif [ "$changed" = 1 ]; then
		ok "restarting it to apply the character set"
		mariadb_stop
		mariadb_start
	fi
	ensure_mariadb_root_password
	local collation
	collation=$(root_sql_tcp "select @@collation_server")
	if [ "$collation" != "utf8mb4_unicode_ci" ]; then
		if local_mariadb; then
			ok "server collation is $collation: restarting to apply $MARIADB_CNF"
			mariadb_stop
			mariadb_start
		else
			ok "server collation is $collation: setting utf8mb4_unicode_ci for this server's uptime"
			root_sql_tcp "SET GLOBAL character_set_server = 'utf8mb4'; SET GLOBAL collation_server = 'utf8mb4_unicode_ci'"
		fi
		collation=$(root_sql_tcp "select @@collation_server")
		[ "$collation" = "utf8mb4_unicode_ci" ] || die "MariaDB still uses collation $collation: set collation-server = utf8mb4_unicode_ci in its configuration, restart it, then run again."
	fi
	ok "running, utf8mb4_unicode_ci, root reachable over TCP"
}

# Returns 0 when it changed the configuration.
write_mariadb_config() {
	local want changed=1
	want=$'[mysqld]\ncharacter-set-server = utf8mb4\ncollation-server = utf8mb4_unicode_ci\n\n[mysql]\ndefault-character-set = utf8mb4'
	if [ "$(cat "$MARIADB_CNF" 2>/dev/null || true)" != "$want" ]; then
		as_root mkdir -p "$(dirname "$MARIADB_CNF")"
		printf '%s' "$want" | as_root tee "$MARIADB_CNF" >/dev/null
		ok "wrote $MARIADB_CNF (utf8mb4, utf8mb4_unicode_ci)"
		changed=0
	fi
	if [ -f /etc/mysql/my.cnf ] && ! grep -Eq '^\s*!includedir\s+/etc/mysql/conf\.d/?\s*$' /etc/mysql/my.cnf; then
		printf '\n!includedir /etc/mysql/conf.d/\n' | as_root tee -a /etc/mysql/my.cnf >/dev/null
		ok "made /etc/mysql/my.cnf read /etc/mysql/conf.d/"
		changed=0
	fi
	return "$changed"
}

ensure_mariadb_root_password() {
	root_sql_tcp "select 1" >/dev/null 2>&1 && return 0
	ok "giving root@127.0.0.1 the password from DB_ROOT_PASSWORD"
	local pw=${DB_ROOT_PASSWORD//\'/\'\'}
	if ! as_root mysql -uroot -e "CREATE USER IF NOT EXISTS 'root'@'127.0.0.1' IDENTIFIED BY '$pw';
		ALTER USER 'root'@'127.0.0.1' IDENTIFIED BY '$pw';
		GRANT ALL PRIVILEGES ON *.* TO 'root'@'127.0.0.1' WITH GRANT OPTION; FLUSH PRIVILEGES;" 2>/dev/null; then
		die "Cannot log in to MariaDB as root: export DB_ROOT_PASSWORD with the root password that works over TCP (mysql -h 127.0.0.1 -uroot -p), then run again."
	fi
	root_sql_tcp "select 1" >/dev/null 2>&1 || die "MariaDB root still refuses the password over TCP: check 'mysql -h 127.0.0.1 -uroot -p', export DB_ROOT_PASSWORD, then run again."
}

# --- Redis -----------------------------------------------------------------

ensure_redis() {
	step "Redis"
	command -v redis-server >/dev/null 2>&1 || apt_install redis-server
	if ! redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null | grep -q PONG; then
		ok "not answering on 127.0.0.1:6379: starting it"
		redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no >/dev/null
		for _ in $(seq 1 10); do
			redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null | grep -q PONG && break
			sleep 1
		done
		redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null | grep -q PONG || die "Redis did not start on 127.0.0.1:6379: start it yourself, then run again."
	fi
	ok "answering on 127.0.0.1:6379"
}

# --- Bench -----------------------------------------------------------------

ensure_tools() {
	step "Tools: bench CLI, node, yarn"
	command -v git >/dev/null 2>&1 || apt_install git
	command -v node >/dev/null 2>&1 || die "Node.js 18 or 20 is missing: install it (https://nodejs.org or your package manager), then run again."
	if ! command -v yarn >/dev/null 2>&1; then
		step "Installing yarn with npm"
		as_root npm install -g yarn@1 >/dev/null
	fi
	if ! command -v bench >/dev/null 2>&1; then
		step "Installing the bench CLI (frappe-bench) with pip"
		python3 -m pip install --quiet "frappe-bench>=5.22" ||
			python3 -m pip install --quiet --user --break-system-packages "frappe-bench>=5.22" ||
			die "pip could not install frappe-bench: install it yourself (pip install frappe-bench), then run again."
		hash -r
	fi
	ok "bench $(bench --version 2>/dev/null), node $(node --version), yarn $(yarn --version)"
}

bench_exists() { [ -x "$BENCH_DIR/env/bin/python" ] && [ -d "$BENCH_DIR/apps/frappe" ]; }

ensure_bench() {
	step "Frappe bench at $BENCH_DIR"
	if bench_exists; then
		ok "exists: reusing it (frappe $(cd "$BENCH_DIR/apps/frappe" && git describe --tags --always 2>/dev/null || echo '?'))"
	else
		local parent
		parent=$(dirname "$BENCH_DIR")
		[ -e "$BENCH_DIR" ] && die "$BENCH_DIR exists but is not a complete bench (no env/ or apps/frappe): move it away, then run again."
		mkdir -p "$parent"
		# bench reads frappe_user from ./sites/common_site_config.json before it will
		# run as root; give it one in the directory init runs from, removed afterwards.
		local made_config=""
		if [ "$(id -u)" -eq 0 ] && [ ! -f "$parent/sites/common_site_config.json" ]; then
			mkdir -p "$parent/sites"
			printf '{"frappe_user": "root"}\n' >"$parent/sites/common_site_config.json"
			made_config="$parent/sites/common_site_config.json"
		fi
		# setuptools 81 dropped pkg_resources, which parts of frappe v15's dependency
		# tree still import while building; bench installs with uv or pip.
		local constraints status=0
		constraints=$(mktemp)
		printf 'setuptools<81\n' >"$constraints"
		step "bench init (frappe $FRAPPE_BRANCH from $FRAPPE_PATH); this takes 10-20 minutes once"
		(cd "$parent" && PIP_CONSTRAINT="$constraints" UV_CONSTRAINT="$constraints" UV_BUILD_CONSTRAINT="$constraints" \
			bench init "$(basename "$BENCH_DIR")" \
			--frappe-path "$FRAPPE_PATH" --frappe-branch "$FRAPPE_BRANCH" \
			--no-backups --skip-redis-config-generation --no-procfile) || status=$?
		rm -f "$constraints"
		if [ -n "$made_config" ]; then
			rm -f "$made_config"
			rmdir "$parent/sites" 2>/dev/null || true
		fi
		[ "$status" -eq 0 ] || die "bench init failed (see above); remove $BENCH_DIR, fix the cause, then run again."
	fi
	if ! "$BENCH_DIR/env/bin/python" -c 'import setuptools,sys; sys.exit(int(setuptools.__version__.split(".")[0]) >= 81)' 2>/dev/null; then
		ok "pinning setuptools<81 in the bench env"
		"$BENCH_DIR/env/bin/python" -m pip install --quiet "setuptools<81"
	fi
	ensure_common_config
}

ensure_common_config() {
	"$BENCH_DIR/env/bin/python" - "$BENCH_DIR/sites/common_site_config.json" "$REDIS_URL" <<'PY'
import json, os, sys
path, redis = sys.argv[1], sys.argv[2]
conf = json.load(open(path)) if os.path.exists(path) else {}
want = {"redis_cache": redis, "redis_queue": redis, "redis_socketio": redis, "webserver_port": 8000}
if os.geteuid() == 0:
	want["frappe_user"] = "root"
if any(conf.get(k) != v for k, v in want.items()):
	conf.update(want)
	with open(path, "w") as f:
		json.dump(conf, f, indent=1, sort_keys=True)
	print("    common_site_config: Redis at " + redis)
PY
}

# --- This app --------------------------------------------------------------

ensure_app_linked() {
	step "Linking this checkout into the bench as apps/$APP_NAME"
	local target="$BENCH_DIR/apps/$APP_NAME"
	if [ -L "$target" ]; then
		if [ "$(readlink -f "$target")" != "$APP_DIR" ]; then
			ln -sfn "$APP_DIR" "$target"
			ok "re-pointed to $APP_DIR"
		fi
	elif [ -e "$target" ]; then
		die "$target is a real directory (installed with bench get-app?): move it away so this checkout can be linked, then run again."
	else
		ln -s "$APP_DIR" "$target"
		ok "linked $APP_DIR"
	fi
	local where
	where=$(cd "$BENCH_DIR/sites" && "$BENCH_DIR/env/bin/python" -c 'import os, complaints_app; print(os.path.dirname(os.path.dirname(os.path.realpath(complaints_app.__file__))))' 2>/dev/null || true)
	if [ "$where" != "$APP_DIR" ] || ! "$BENCH_DIR/env/bin/python" -c 'import holidays' 2>/dev/null; then
		ok "pip install -e (with its dependencies) into the bench env"
		"$BENCH_DIR/env/bin/python" -m pip install --quiet -e "$APP_DIR" || die "pip could not install $APP_NAME into the bench env (see above)."
	fi
	local apps="$BENCH_DIR/sites/apps.txt"
	if ! grep -qx "$APP_NAME" "$apps"; then
		# bench writes apps.txt without a final newline; add one before appending.
		[ -z "$(tail -c1 "$apps")" ] || printf '\n' >>"$apps"
		printf '%s\n' "$APP_NAME" >>"$apps"
	fi
	ok "apps/$APP_NAME -> $APP_DIR"
}

in_bench() { (cd "$BENCH_DIR" && "$@"); }

# The apps installed on a site, one per line; fails when the site does not work.
site_apps() {
	[ -f "$BENCH_DIR/sites/$1/site_config.json" ] && in_bench bench --site "$1" list-apps 2>/dev/null
}

# A digest of everything that `bench migrate` reads from this app, so an
# unchanged app is not migrated again.
app_schema_digest() {
	(cd "$APP_DIR" && find complaints_app -type f \( -name '*.json' -o -name 'hooks.py' -o -name 'patches.txt' -o -name 'modules.txt' -o -path '*/setup/*.py' \) -print0 |
		sort -z | xargs -0 sha256sum | sha256sum | cut -d' ' -f1)
}

drop_site() {
	local site=$1
	[ -d "$BENCH_DIR/sites/$site" ] || return 0
	step "Dropping $site to start from a new one"
	in_bench bench drop-site "$site" --force --no-backup \
		--db-root-username root --db-root-password "$DB_ROOT_PASSWORD" >/dev/null ||
		die "bench drop-site $site failed (see above)."
	rm -rf "$BENCH_DIR/archived/sites/$site"* 2>/dev/null || true
}

ensure_site() {
	local site=$1
	step "Site $site"
	local apps
	if apps=$(site_apps "$site"); then
		ok "exists"
	else
		ok "creating it (a few minutes)"
		in_bench bench new-site "$site" --force \
			--db-root-username root --db-root-password "$DB_ROOT_PASSWORD" \
			--admin-password "$ADMIN_PASSWORD" >/dev/null ||
			die "bench new-site $site failed (see above)."
	fi
	if ! grep -q "^$APP_NAME" <<<"$apps"; then
		ok "installing $APP_NAME"
		in_bench bench --site "$site" install-app "$APP_NAME" || die "install-app $APP_NAME on $site failed (see above)."
		app_schema_digest >"$BENCH_DIR/sites/$site/.complaints_app_digest"
	fi
	local digest
	digest=$(app_schema_digest)
	if [ "$(cat "$BENCH_DIR/sites/$site/.complaints_app_digest" 2>/dev/null || true)" != "$digest" ]; then
		ok "app schema changed since the last migrate: bench migrate"
		in_bench bench --site "$site" migrate >/dev/null || die "bench --site $site migrate failed (see above)."
		printf '%s\n' "$digest" >"$BENCH_DIR/sites/$site/.complaints_app_digest"
	fi
	ok "$APP_NAME installed and migrated"
}

# The test tools Frappe's own tests and ours import (freezegun for FrappeTestCase.freeze_time,
# hypothesis, ...): what [tool.bench.dev-dependencies] of frappe and of this app name, as
# `bench setup requirements --dev` would install them, without reinstalling the apps themselves.
ensure_test_dependencies() {
	command -v wkhtmltopdf >/dev/null 2>&1 && command -v pdftotext >/dev/null 2>&1 || apt_install wkhtmltopdf poppler-utils
	step "Test dependencies in the bench env ([tool.bench.dev-dependencies])"
	local missing
	missing=$("$BENCH_DIR/env/bin/python" - "$BENCH_DIR/apps/frappe/pyproject.toml" "$APP_DIR/pyproject.toml" <<'PY'
import sys, tomllib
from importlib.metadata import PackageNotFoundError, version
from packaging.requirements import Requirement
wanted = {}
for path in sys.argv[1:]:
	deps = tomllib.load(open(path, "rb")).get("tool", {}).get("bench", {}).get("dev-dependencies", {})
	for name, spec in deps.items():
		wanted[name] = f"{name}{spec}"
for name, spec in sorted(wanted.items()):
	try:
		if Requirement(spec).specifier.contains(version(name), prereleases=True):
			continue
	except PackageNotFoundError:
		pass
	print(spec)
PY
	) || die "Could not read the dev dependencies from pyproject.toml."
	if [ -n "$missing" ]; then
		ok "installing: $(echo $missing | tr '\n' ' ')"
		# shellcheck disable=SC2086
		"$BENCH_DIR/env/bin/python" -m pip install --quiet $missing "setuptools<81" ||
			die "pip could not install the test dependencies (see above)."
	fi
	ok "installed"
}

prepare_bench() {
	ensure_tools
	ensure_mariadb
	ensure_redis
	ensure_bench
	ensure_app_linked
}

# --- Browser tests -----------------------------------------------------------

BROWSER_TESTS_DIR="$APP_DIR/tests/browser"
CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"

# What the browser tests need, each installed only when missing: Debian's chromium (Playwright
# cannot download a browser here, so it drives this one), a venv with Playwright for Python and
# pytest from tests/browser/requirements.txt (in the cache beside the unit-test venv, keyed by
# that file's hash), and axe-core from tests/browser/package-lock.json (npm ci, into
# tests/browser/node_modules). Sets BROWSER_VENV.
ensure_browser_tools() {
	step "Browser test tools: chromium, Playwright and pytest (venv), axe-core (npm)"
	[ -x "$CHROMIUM" ] || apt_install chromium
	[ -x "$CHROMIUM" ] || die "chromium is not at $CHROMIUM after installing it: set CHROMIUM to its path, then run again."
	local hash stamp want
	hash=$(cat "$BROWSER_TESTS_DIR/requirements.txt" <(python3 -c 'import sys; print(sys.version_info[:2])') | sha256sum | cut -c1-12)
	BROWSER_VENV="${XDG_CACHE_HOME:-$HOME/.cache}/complaints_app/browser-venv-$hash"
	if [ ! -x "$BROWSER_VENV/bin/pytest" ] || ! "$BROWSER_VENV/bin/python" -c 'import playwright.sync_api, requests' 2>/dev/null; then
		ok "creating the venv $BROWSER_VENV"
		rm -rf "$BROWSER_VENV"
		python3 -m venv "$BROWSER_VENV" || die "python3 -m venv failed."
		"$BROWSER_VENV/bin/python" -m pip install --quiet -r "$BROWSER_TESTS_DIR/requirements.txt" ||
			{ rm -rf "$BROWSER_VENV"; die "pip could not install the browser test tools (see above)."; }
	fi
	want=$(sha256sum "$BROWSER_TESTS_DIR/package-lock.json" | cut -d' ' -f1)
	stamp="$BROWSER_TESTS_DIR/node_modules/.complaints_app_lock"
	if [ "$(cat "$stamp" 2>/dev/null || true)" != "$want" ] || [ ! -f "$BROWSER_TESTS_DIR/node_modules/axe-core/axe.min.js" ]; then
		command -v npm >/dev/null 2>&1 || die "npm is missing: install Node.js 18 or 20 with npm, then run again."
		ok "npm ci (axe-core, as pinned in tests/browser/package-lock.json)"
		(cd "$BROWSER_TESTS_DIR" && npm ci --no-audit --no-fund --loglevel=error >/dev/null) ||
			die "npm ci in $BROWSER_TESTS_DIR failed (see above)."
		printf '%s\n' "$want" >"$stamp"
	fi
	ok "chromium $("$CHROMIUM" --version 2>/dev/null | grep -Eo '[0-9]+(\.[0-9]+)+' | head -n 1)," \
		"playwright $("$BROWSER_VENV/bin/python" -c 'from importlib.metadata import version; print(version("playwright"))')," \
		"axe-core $(node -p 'require(process.argv[1]).version' "$BROWSER_TESTS_DIR/node_modules/axe-core/package.json")"
}
