"""Benchmark for the daily scan: prints figures; asserts the set-based refresh writes what a save would.

    cd ~/frappe-bench/sites && ../env/bin/python /path/to/benchmarks/bench_alerts.py \\
        --site complaints-test.localhost [--stages 100000] [--sample 2000]

Seeds ``--stages`` running stage-1 stages received over the 21 days before the day it scans, nine
in ten acknowledged (benchmarks/seeding.py), then:

1. the per-document loop the scan replaced (``get_doc`` and ``save`` per running stage) on a
   sample of ``--sample`` stages, scaled to all of them;
2. the set-based scan on all of them (``clock_refresh.refresh_stage_clocks``): a first pass that
   writes every clock field (nothing computed yet), and the next day's pass, the daily case;
3. the alerts that day calls for (``scan.due_alerts``: rules, recipients, the log lookup), and
   sending a sample of them, each with its log row, desk notification and email.

It prints stages per second, queries issued, peak memory, and removes what it seeded.
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import frappe
from seeding import remove_seeded, seed_areas, seed_cases, seed_user, site

from complaints_app.alerts import scan, sender
from complaints_app.complaints import clock_refresh
from complaints_app.complaints.doctype.complaint_stage.complaint_stage import ComplaintStage

SCAN_DAY = date(2026, 11, 25)  # a Wednesday
HANDLERS = [f"bench.handler.{i}@example.com" for i in range(20)]
BENCH_ACCOUNT = "Complaints benchmark (queue only)"


class QueryCounter:
	def __init__(self) -> None:
		self.count = 0
		self._sql = frappe.db.sql

	def __enter__(self):
		def counted(*args, **kwargs):
			self.count += 1
			return self._sql(*args, **kwargs)

		frappe.db.sql = counted
		return self

	def __exit__(self, *exc) -> None:
		frappe.db.sql = self._sql


def peak_mb() -> float:
	return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def per_document_loop(names: list[str], today: date) -> int:
	"""What the daily job did before: load each stage, recompute, save the ones that changed."""
	saved = 0
	for name in names:
		stage: ComplaintStage = frappe.get_doc("Complaint Stage", name)
		stage.set_from_complaint()
		stage.set_clock_start()
		fields = stage.clock_fields()
		if any(str(stage.get(f) or "") != str(v or "") for f, v in fields.items()):
			stage.save(ignore_permissions=True)
			saved += 1
	return saved


def handlers() -> list[str]:
	return [seed_user(email, "Complaints Officer") for email in HANDLERS]


def main() -> None:
	parser = argparse.ArgumentParser()
	parser.add_argument("--site", default="complaints-test.localhost")
	parser.add_argument("--stages", type=int, default=100_000)
	parser.add_argument("--sample", type=int, default=2_000)
	parser.add_argument("--send", type=int, default=500)
	args = parser.parse_args()
	with site(args.site):
		frappe.flags.in_test = True  # email goes to the queue, never out; nothing else changes
		try:
			run(args.stages, args.sample, args.send)
		finally:
			cleanup()


def run(count: int, sample_size: int, send: int) -> None:
	if not frappe.db.exists("Email Account", BENCH_ACCOUNT):
		frappe.get_doc(
			{
				"doctype": "Email Account",
				"email_account_name": BENCH_ACCOUNT,
				"email_id": "bench-alerts@example.com",
				"enable_outgoing": 1,
				"default_outgoing": 1,
				"smtp_server": "127.0.0.1",
				"no_smtp_authentication": 1,
			}
		).insert(ignore_permissions=True)
	began = time.perf_counter()
	areas = seed_areas(8, managers=handlers()[:8])
	names = seed_cases(
		count,
		areas=areas,
		first_day=SCAN_DAY - timedelta(days=21),
		days=21,
		running_share=1.0,
		handlers=handlers(),
	)
	print(f"seeded {count:,} running stages in {time.perf_counter() - began:.1f} s")
	stages = [f"{n}-1" for n in names]
	sample = random.Random(7).sample(stages, min(sample_size, len(stages)))

	# 1. the old loop, on a sample (without the assignment hook, which that loop never had)
	settings = frappe.get_cached_doc("Complaints Settings")
	settings.alert_assignment = 0
	with QueryCounter() as q:
		start = time.perf_counter()
		per_document_loop(sample, SCAN_DAY)
		loop_seconds = time.perf_counter() - start
	frappe.db.rollback()  # the set-based pass starts from the same rows
	frappe.clear_document_cache("Complaints Settings", "Complaints Settings")
	loop_per_stage = loop_seconds / len(sample)
	loop_all = loop_per_stage * count
	print(
		f"per-document loop: {len(sample):,} stages in {loop_seconds:.1f} s "
		f"({len(sample) / loop_seconds:,.0f} stages/s, {q.count / len(sample):.0f} queries per stage); "
		f"scaled to {count:,}: {loop_all:,.0f} s"
	)

	# 2. the set-based scan
	rss_before = peak_mb()
	with QueryCounter() as q:
		start = time.perf_counter()
		first = clock_refresh.refresh_stage_clocks(today=SCAN_DAY - timedelta(days=1))
		first_seconds = time.perf_counter() - start
	first_queries = q.count
	with QueryCounter() as q:
		start = time.perf_counter()
		daily = clock_refresh.refresh_stage_clocks(today=SCAN_DAY)
		daily_seconds = time.perf_counter() - start
	daily_queries = q.count
	assert first.failed == daily.failed == 0, "a seeded stage failed"
	print(
		f"set-based scan, first pass (every field written): {first_seconds:.2f} s, "
		f"{count / first_seconds:,.0f} stages/s, {first_queries} queries, {first.updated:,} stages updated"
	)
	print(
		f"set-based scan, next day (the daily case):         {daily_seconds:.2f} s, "
		f"{count / daily_seconds:,.0f} stages/s, {daily_queries} queries, {daily.updated:,} stages updated"
	)
	print(
		f"speed-up against the per-document loop: {loop_all / daily_seconds:,.0f}x (next day), "
		f"{loop_all / first_seconds:,.0f}x (first pass); peak memory {peak_mb():,.0f} MB "
		f"(+{peak_mb() - rss_before:,.0f} MB during the scan)"
	)
	check_against_saves(sample[:200])

	# 3. alerts, every kind switched on for this run (in memory only; the site's settings stay)
	settings = frappe.get_cached_doc("Complaints Settings")
	for fieldname in scan.SETTING_OF_KIND.values():
		settings.set(fieldname, 1)
	with QueryCounter() as q:
		start = time.perf_counter()
		outgoing = scan.due_alerts(SCAN_DAY, daily.stages)
		sent = sender.already_sent([o.key for o in outgoing])
		pending = [o for o in outgoing if o.key not in sent]
		decide_seconds = time.perf_counter() - start
	by_kind: dict[str, int] = {}
	for o in outgoing:
		by_kind[o.kind.value] = by_kind.get(o.kind.value, 0) + 1
	print(
		f"alerts due on {SCAN_DAY.isoformat()}: {len(outgoing):,} ({', '.join(f'{k}: {n:,}' for k, n in sorted(by_kind.items()))}), "
		f"decided in {decide_seconds:.2f} s with {q.count} queries"
	)
	start = time.perf_counter()
	counts = sender.send_all(pending[:send], SCAN_DAY)
	send_seconds = time.perf_counter() - start
	print(
		f"sending {counts['sent']:,} of them (log row, desk notification, queued email each): {send_seconds:.2f} s, "
		f"{counts['sent'] / max(send_seconds, 1e-9):,.0f} alerts/s"
	)
	frappe.db.rollback()


def check_against_saves(names: list[str]) -> None:
	"""The bulk pass must leave each stage exactly as the controller's own save computes it."""
	for name in names:
		stage = frappe.get_doc("Complaint Stage", name)
		stage.set_clock_start()
		expected = stage.clock_fields()
		for fieldname, value in expected.items():
			stored = stage.get(fieldname)
			if fieldname in ("clock_status", "days_overdue"):
				continue  # computed for SCAN_DAY by the scan, for the real today by clock_fields
			assert str(stored or "") == str(value or ""), (name, fieldname, stored, value)
	print(f"checked {len(names)} stages: the bulk pass wrote what a save computes")


def cleanup() -> None:
	frappe.db.rollback()
	remove_seeded()
	log = frappe.qb.DocType("Complaint Alert")
	frappe.qb.from_(log).delete().where(log.reference_name.like("BENCH-%")).run()
	for email in HANDLERS:
		frappe.delete_doc("User", email, force=True, ignore_permissions=True)
	frappe.delete_doc(
		"Email Account", BENCH_ACCOUNT, force=True, ignore_permissions=True, ignore_missing=True
	)
	frappe.db.commit()


if __name__ == "__main__":
	main()
