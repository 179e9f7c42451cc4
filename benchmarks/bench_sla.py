"""Benchmark for the SLA core: prints ratios and figures; asserts identical results, not times.

    python benchmarks/bench_sla.py [--pairs 1000000] [--clocks 100000]

1. Arithmetic: ``WorkingCalendar.add_working_days`` against ``holidays``'
   ``get_nth_working_day`` over the same random (start, n) pairs (n in 0-65,
   starts 2015-2035, England plus council closures 27-31 December). Every
   result must be identical; the script exits non-zero if one differs.
2. Stage clocks: build clocks, each with one pause and one extension, and
   evaluate each at a date.
"""

from __future__ import annotations

import argparse
import platform
import random
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import holidays

from complaints_app.sla import Extension, Pause, StageClock, Target, WorkingCalendar

SEED = 20251219
FIRST, LAST = date(2015, 1, 1), date(2035, 12, 31)
CLOSURES = [date(y, 12, d) for y in range(FIRST.year, LAST.year + 1) for d in (27, 28, 29, 30, 31)]


def random_pairs(count: int) -> list[tuple[date, int]]:
	rng = random.Random(SEED)
	span = (LAST - FIRST).days
	return [(FIRST + timedelta(days=rng.randrange(span + 1)), rng.randrange(66)) for _ in range(count)]


def bench_arithmetic(pairs: list[tuple[date, int]]) -> float:
	reference = holidays.country_holidays("GB", subdiv="ENG", years=range(FIRST.year, LAST.year + 2))
	reference.update({d: "Council closure" for d in CLOSURES})
	calendar = WorkingCalendar("England", closures=CLOSURES)

	t0 = time.perf_counter()
	ours = [calendar.add_working_days(d, n) for d, n in pairs]
	t_ours = time.perf_counter() - t0

	t0 = time.perf_counter()
	theirs = [reference.get_nth_working_day(d, n) for d, n in pairs]
	t_theirs = time.perf_counter() - t0

	mismatches = sum(a != b for a, b in zip(ours, theirs, strict=True))
	n = len(pairs)
	print(f"arithmetic: {n:,} add_working_days calls, England + {len(CLOSURES)} closure days")
	print(f"  complaints_app.sla : {t_ours:8.3f} s  ({t_ours / n * 1e6:7.3f} us/call)")
	print(f"  holidays nth day   : {t_theirs:8.3f} s  ({t_theirs / n * 1e6:7.3f} us/call)")
	print(
		f"  speed-up           : {t_theirs / t_ours:8.1f}x   identical results: {mismatches == 0} ({mismatches} differ)"
	)
	if mismatches:
		raise SystemExit(f"{mismatches} results differ from holidays.get_nth_working_day")
	return t_theirs / t_ours


def bench_clocks(count: int) -> float:
	rng = random.Random(SEED + 1)
	calendar = WorkingCalendar("England", closures=CLOSURES)
	span = (LAST - FIRST).days - 200
	specs = []
	for _ in range(count):
		start = FIRST + timedelta(days=rng.randrange(span))
		pause_start = start + timedelta(days=rng.randrange(1, 20))
		specs.append(
			(
				start,
				Pause(
					pause_start, pause_start + timedelta(days=rng.randrange(1, 15)), "awaiting information"
				),
				Extension(rng.randrange(1, 21), "complex case", "Complaints Manager", start),
				start + timedelta(days=rng.randrange(0, 60)),
			)
		)
	target = Target(20)
	t0 = time.perf_counter()
	statuses = [
		StageClock(calendar, start, target, extensions=(ext,), pauses=(pause,), max_extension_days=20)
		.state(on)
		.status
		for start, pause, ext, on in specs
	]
	elapsed = time.perf_counter() - t0
	print(f"stage clocks: {count:,} clocks (one pause, one extension each), built and evaluated at a date")
	print(f"  total              : {elapsed:8.3f} s  ({elapsed / count * 1e6:7.2f} us/clock), target < 2 s")
	print(f"  statuses seen      : {sorted({s.value for s in statuses})}")
	return elapsed


def main() -> None:
	parser = argparse.ArgumentParser(
		description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
	)
	parser.add_argument("--pairs", type=int, default=1_000_000)
	parser.add_argument("--clocks", type=int, default=100_000)
	args = parser.parse_args()
	print(
		f"machine: {platform.machine()}, {platform.python_implementation()} {platform.python_version()}, one core"
	)
	ratio = bench_arithmetic(random_pairs(args.pairs))
	seconds = bench_clocks(args.clocks)
	print(
		f"summary: arithmetic {ratio:.0f}x faster than holidays (target >= 100x); clocks {seconds:.2f} s (target < 2 s)"
	)


if __name__ == "__main__":
	main()
