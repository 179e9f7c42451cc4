#!/usr/bin/env bash
# Run every check: lint, the pure-Python unit tests, and the integration tests on a real site.
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
(cd "$APP_DIR" && "$VENV/bin/python" -m pytest tests -p no:cacheprovider) 2>&1 | tee "$unit_log"
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

echo
step "Summary"
printf 'unit: %s\n' "${unit_summary:-no pytest summary (see above)}"
printf 'integration: %d passed, %d failed\n' "$((ran - bad < 0 ? 0 : ran - bad))" "$bad"
if [ "${#failures[@]}" -gt 0 ]; then
	die "Failed: ${failures[*]}."
fi
ok "all green"
