"""Benchmark for record permissions: prints figures, asserts that lists and has_permission agree.

    cd ~/frappe-bench/sites && ../env/bin/python /path/to/benchmarks/bench_permissions.py \\
        --site complaints-test.localhost [--cases 20000]

Seeds ``--cases`` complaints with their stages over eight service areas (benchmarks/seeding.py),
then, as the Service Manager of one area:

1. a list of stages (20 rows, and a count) with the app's condition, which filters on the
   stage's own indexed copy of ``service_area``, against the same list through a subquery on
   the complaint (the design that keeps no copy), and against Administrator (no condition);
2. ``has_permission`` on 1,000 stages, each one indexed primary-key lookup;
3. moving a complaint between areas, which updates the copies in one UPDATE per doctype.

It removes what it seeded before it exits.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import frappe
from seeding import remove_seeded, seed_areas, seed_cases, seed_user, site

from complaints_app.complaints.permissions import case_condition, user_scope

MANAGER = "bench.area.manager@example.com"


def timed(fn, repeat: int) -> float:
	start = time.perf_counter()
	for _ in range(repeat):
		fn()
	return (time.perf_counter() - start) / repeat


def manager() -> str:
	return seed_user(MANAGER, "Service Manager")


def main() -> None:
	parser = argparse.ArgumentParser()
	parser.add_argument("--site", default="complaints-test.localhost")
	parser.add_argument("--cases", type=int, default=20_000)
	args = parser.parse_args()
	with site(args.site):
		try:
			run(args.cases)
		finally:
			remove_seeded()
			frappe.delete_doc("User", MANAGER, force=True, ignore_permissions=True)


def run(cases: int) -> None:
	user = manager()
	areas = seed_areas(8, managers=[user, "Administrator"])
	began = time.perf_counter()
	names = seed_cases(cases, areas=areas)
	print(f"seeded {cases:,} complaints with their stages in {time.perf_counter() - began:.1f} s")
	frappe.db.commit()
	frappe.set_user(user)
	scope = user_scope(user)
	mine = frappe.db.count("Complaint Stage", {"service_area": ["in", list(scope.service_areas)]})

	copy_list = timed(
		lambda: frappe.get_list("Complaint Stage", limit_page_length=20, order_by="response_due"), 50
	)
	copy_count = timed(
		lambda: frappe.db.count("Complaint Stage", {"service_area": ["in", list(scope.service_areas)]}), 50
	)
	condition = case_condition("Complaint Stage", scope)
	subquery = (
		"`tabComplaint Stage`.`complaint` in (select `name` from `tabComplaint` where "
		+ case_condition("Complaint", scope).replace("`tabComplaint`.", "")
		+ ")"
	)
	listed = lambda cond: frappe.db.sql(  # noqa: E731
		f"select name from `tabComplaint Stage` where {cond} order by response_due limit 20"
	)
	counted = lambda cond: frappe.db.sql(f"select count(*) from `tabComplaint Stage` where {cond}")  # noqa: E731
	assert counted(condition)[0][0] == counted(subquery)[0][0] == mine, "the two designs disagree"
	copy_sql = timed(lambda: listed(condition), 50)
	sub_sql = timed(lambda: listed(subquery), 50)
	copy_cnt = timed(lambda: counted(condition), 20)
	sub_cnt = timed(lambda: counted(subquery), 20)
	frappe.set_user("Administrator")
	admin_list = timed(
		lambda: frappe.get_list("Complaint Stage", limit_page_length=20, order_by="response_due"), 50
	)

	sample = random.Random(1).sample(names, 1000)
	stages = [frappe.get_doc("Complaint Stage", f"{n}-1") for n in sample]
	start = time.perf_counter()
	answers = [frappe.has_permission("Complaint Stage", "read", doc=s, user=user) for s in stages]
	per_check = (time.perf_counter() - start) / len(stages)
	expected = [s.service_area in scope.service_areas for s in stages]
	assert answers == expected, "has_permission disagrees with the list rule"

	moved = frappe.get_doc("Complaint", sample[0])
	moved.service_area = areas[1] if moved.service_area == areas[0] else areas[0]
	move = timed(moved.save, 1)

	print(f"Service Manager of 4 of 8 areas; {mine:,} of {cases:,} stages reachable")
	print(
		f"list of 20 stages (frappe.get_list):      {copy_list * 1000:7.2f} ms   Administrator, no condition: {admin_list * 1000:.2f} ms"
	)
	print(
		f"list query, condition on the copy:        {copy_sql * 1000:7.2f} ms   through a subquery on Complaint: {sub_sql * 1000:.2f} ms ({sub_sql / copy_sql:.1f}x)"
	)
	print(
		f"count, condition on the copy:             {copy_cnt * 1000:7.2f} ms   through a subquery: {sub_cnt * 1000:.2f} ms ({sub_cnt / copy_cnt:.1f}x)"
	)
	print(f"count with frappe.db.count and the copy:  {copy_count * 1000:7.2f} ms")
	print(
		f"has_permission on one stage:              {per_check * 1000:7.3f} ms ({len(stages):,} checks, all equal to the list rule)"
	)
	print(f"moving a complaint (save + copies synced): {move * 1000:6.1f} ms")


if __name__ == "__main__":
	main()
