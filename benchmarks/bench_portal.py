"""Benchmark for the public complaint form over HTTP: prints figures; asserts no complaint is lost.

    cd ~/frappe-bench/sites && ../env/bin/python /path/to/benchmarks/bench_portal.py \\
        --site complaints-test.localhost [--submissions 300] [--concurrency 10] [--workers 4]

The site is served for the run by the bench's own gunicorn, started by this script as Frappe's
production supervisor config starts it (``env/bin/gunicorn -w 4 --threads 1 -t 120
frappe.app:application --preload``, cwd ``sites/``), bound to 127.0.0.1 on a free port, and
stopped at the end whatever happens. Frappe picks the site of a request from its Host header
(``frappe.app.init_request``), so every request carries ``Host: <site>``. All traffic is
loopback; the clients are threads of this script (one ``requests.Session`` each), so they share
the machine's cores with gunicorn, MariaDB and Redis.

Timed in the same run, in alternating rounds, ``--submissions`` requests of each kind from
``--concurrency`` threads (a closed loop: each thread sends its next request when the last is
answered):

1. **portal submission**: POST /api/method/frappe.website.doctype.web_form.web_form.accept as
   Guest, the web form "complaint" with a topic, what happened, the outcome wanted, a name, an
   email address and "reply by email" (``portal.accept``: per-IP limit, honeypot, attachments,
   Frappe's web form insert, then a tracking token and the acknowledgement, queued as a
   Communication and an Email Queue row through an outgoing Email Account on 127.0.0.1);
2. **bare insert**: POST /api/resource/Complaint as Administrator (a session cookie) with the
   same field values the portal stores, the subject and channel included as the portal derives
   them: Frappe's ``frappe.new_doc("Complaint", **data).insert()``. The Complaint controller runs
   in both (stage 1 with its due dates, the new-case alerts to the work queue); the bare insert
   has no web form, no token and no acknowledgement, so the ratio is what the portal adds to the
   insert, both paying HTTP, the session and the commit.

Latency is from sending the request to reading the whole answer. The issue asks for a portal p95
under 250 ms at 10 concurrent submitters and at most 1.5x a bare insert (the ratio of the
medians decides; p95 and mean ratios are printed beside it). Then 50 submissions are released
at once: every one must be answered 200, every answered complaint must exist (with stage 1, one
tracking token and its acknowledgement queued), the new complaints must number 50 and their
references must be distinct. Before the timed rounds every worker is warmed on both paths, and
``--single`` requests of each kind are sent one at a time: the floor, printed beside.

The topic's service area is made for the run, with Administrator as its manager and nobody else
in its work queue, so each new complaint, on either path, makes one new-case alert (a Complaint
Alert, a desk notification and an email), whoever else is on the site. The acknowledgement and
the alerts are jobs run after the complaint commits: a worker runs beside gunicorn, and the
correctness check waits for it to finish them (the time it took is printed).

Every record is marked with the run id (the complainant's email address) and removed at the
end: complaints, stages, tokens, alerts, notifications, communications, queued mail, files,
versions, the topic and the Email Account made for the run; the site config and the rate-limit
counter are put back, the Administrator session is deleted, and any Error Log row about the
run's records is reported and removed.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import json
import math
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import frappe
import requests
from frappe.installer import update_site_config
from frappe.query_builder import DocType
from frappe.sessions import Session
from frappe.utils import now_datetime, set_request
from seeding import site

from complaints_app.complaint_portal import intake, portal
from complaints_app.setup.defaults import DEFAULT_PROCEDURE

ACCEPT = "/api/method/frappe.website.doctype.web_form.web_form.accept"
RESOURCE = "/api/resource/Complaint"
LIMIT_KEY = "complaints_portal_submissions_per_hour"
BURST = 50
P95_TARGET_MS = 250
RATIO_TARGET = 1.5
ROUNDS = 3
SINGLE_FROM = 100_000  # the numbers in the one-at-a-time submitters' email addresses
# Records that hang off a complaint or its stage by reference_doctype / reference_name.
REFERENCED = (
	("ToDo", "reference_type", "reference_name"),
	("Version", "ref_doctype", "docname"),
	("Comment", "reference_doctype", "reference_name"),
	("Notification Log", "document_type", "document_name"),
	("Workflow Action", "reference_doctype", "reference_name"),
	("DocShare", "share_doctype", "share_name"),
	("Document Follow", "ref_doctype", "ref_docname"),
	("View Log", "reference_doctype", "reference_name"),
	("Activity Log", "reference_doctype", "reference_name"),
	("Complaint Alert", "reference_doctype", "reference_name"),
)


@dataclass
class Run:
	site: str
	run_id: str = field(default_factory=lambda: frappe.generate_hash(length=6))
	started: object = field(default_factory=lambda: now_datetime() - timedelta(seconds=1))
	topic: str = ""
	area: str = ""
	account: str = ""
	sid: str = ""
	undone: list[Callable[[], None]] = field(default_factory=list)

	def email(self, kind: str, n: int) -> str:
		return f"bench-{self.run_id}-{kind}-{n}@example.com"


# -- serving the site ---------------------------------------------------------------------------


def free_port() -> int:
	with socket.socket() as s:
		s.bind(("127.0.0.1", 0))
		return s.getsockname()[1]


@contextmanager
def served(site_name: str, workers: int) -> Iterator[str]:
	"""The bench's gunicorn on 127.0.0.1:<free port> and one background worker, stopped on the way out.

	The acknowledgement and the new-case alerts are jobs queued after the complaint commits, so a
	worker runs beside gunicorn as in production (``bench worker``, every queue).
	"""
	bench = Path(frappe.utils.get_bench_path())
	port = free_port()
	command = [
		str(bench / "env" / "bin" / "gunicorn"),
		*("-b", f"127.0.0.1:{port}", "-w", str(workers), "--threads", "1", "-t", "120"),
		*("frappe.app:application", "--preload"),
	]
	log = tempfile.NamedTemporaryFile(prefix="bench_portal_gunicorn_", suffix=".log", delete=False)
	server = subprocess.Popen(
		command, cwd=bench / "sites", stdout=log, stderr=subprocess.STDOUT, start_new_session=True
	)
	worker = subprocess.Popen(  # what `bench worker` runs
		[str(bench / "env" / "bin" / "python"), "-m", "frappe.utils.bench_helper", "frappe", "worker"],
		cwd=bench / "sites",
		stdout=log,
		stderr=subprocess.STDOUT,
		start_new_session=True,
	)
	url = f"http://127.0.0.1:{port}"
	ok = False
	try:
		wait_until_up(url, site_name, server)
		yield url
		ok = True
	finally:
		stop(server)
		stop(worker)
		log.close()
		if ok:
			os.unlink(log.name)
		else:
			print(f"gunicorn's and the worker's log: {log.name}")


def wait_until_up(url: str, site_name: str, server: subprocess.Popen, seconds: int = 90) -> None:
	deadline = time.monotonic() + seconds
	while time.monotonic() < deadline:
		if server.poll() is not None:
			raise RuntimeError(f"gunicorn exited with {server.returncode}")
		with suppress(requests.ConnectionError):
			if requests.get(f"{url}/api/method/ping", headers={"Host": site_name}, timeout=5).ok:
				return
		time.sleep(0.3)
	raise RuntimeError(f"gunicorn did not answer within {seconds} s")


def stop(server: subprocess.Popen) -> None:
	"""SIGTERM to the master (a graceful stop of its workers), then SIGKILL to its own group."""
	if server.poll() is None:
		server.terminate()
		try:
			server.wait(timeout=30)
		except subprocess.TimeoutExpired:
			os.killpg(server.pid, signal.SIGKILL)
			server.wait(timeout=10)
	with suppress(ProcessLookupError):
		os.killpg(server.pid, signal.SIGKILL)  # a worker left behind by its master


# -- what the run needs on the site, and putting it back ----------------------------------------


def prepare(run: Run) -> None:
	"""A topic and its area, an outgoing Email Account, the hourly limit raised, an Administrator session."""
	run.topic = f"Bins {run.run_id}"
	area = run.area = f"Bench area {run.run_id}"
	# The area's work queue is its manager alone: one new-case alert per complaint, whoever else
	# is on the site.
	frappe.get_doc(
		{"doctype": "Complaint Service Area", "service_area_name": area, "manager": "Administrator"}
	).insert(ignore_permissions=True)
	run.undone.append(lambda: purge("Complaint Service Area", area))
	frappe.get_doc(
		{
			"doctype": "Complaint Public Topic",
			"topic": run.topic,
			"procedure": DEFAULT_PROCEDURE,
			"service_area": area,
			"hint": "Bins",
		}
	).insert(ignore_permissions=True)
	run.undone.append(lambda: purge("Complaint Public Topic", run.topic))
	make_email_account(run)
	raise_submission_limit(run)
	keep_rate_limit_counter(run)
	run.sid = admin_session(run)
	frappe.db.commit()


def make_email_account(run: Run) -> None:
	"""Mail is queued through it and never sent (the test site's scheduler does not flush the queue).

	It is made the default outgoing account with direct writes, and the previous default put back
	the same way, so no other account is saved (and versioned) on its account.
	"""
	account = frappe.get_doc(
		{
			"doctype": "Email Account",
			"email_account_name": f"Complaints portal bench {run.run_id}",
			"email_id": f"complaints-bench-{run.run_id}@example.com",
			"enable_outgoing": 1,
			"smtp_server": "127.0.0.1",
			"no_smtp_authentication": 1,
		}
	)
	account.flags.ignore_validate = True  # as the tests insert it: no SMTP connection is tried
	account.insert(ignore_permissions=True)
	run.account = account.name
	defaults = frappe.get_all("Email Account", {"default_outgoing": 1}, pluck="name")
	for name in defaults:
		frappe.db.set_value("Email Account", name, "default_outgoing", 0, update_modified=False)
	frappe.db.set_value("Email Account", run.account, "default_outgoing", 1, update_modified=False)

	def undo():
		purge("Email Account", run.account)
		# Unless a test running meanwhile has made its own account the default since.
		if not frappe.db.exists("Email Account", {"default_outgoing": 1}):
			for name in defaults:
				frappe.db.set_value("Email Account", name, "default_outgoing", 1, update_modified=False)

	run.undone.append(undo)


def raise_submission_limit(run: Run) -> None:
	path = Path(frappe.get_site_path("site_config.json"))
	before = json.loads(path.read_text()).get(LIMIT_KEY)
	update_site_config(LIMIT_KEY, 1_000_000)
	run.undone.append(lambda: update_site_config(LIMIT_KEY, "None" if before is None else before))


def keep_rate_limit_counter(run: Run) -> None:
	"""frappe.rate_limiter's hourly count of this IP's submissions, as it was before the run."""
	key = frappe.cache.make_key(f"rl:{ACCEPT.rpartition('/')[2]}:127.0.0.1:{portal.PORTAL_FORM}")
	value, ttl = frappe.cache.get(key), frappe.cache.ttl(key)

	def undo():
		if value is None or ttl is None or ttl <= 0:
			frappe.cache.delete(key)
		else:
			frappe.cache.setex(key, ttl, value)

	run.undone.append(undo)


def admin_session(run: Run) -> str:
	"""A desk session of Administrator (no login: no Activity Log); its traces are put back after."""
	user = DocType("User")
	seen = frappe.db.get_value("User", "Administrator", ["last_login", "last_ip", "last_active"])
	set_request(path="/")
	sid = Session("Administrator", resume=False, full_name="Administrator", user_type="System User").sid

	def undo():
		frappe.db.delete("Sessions", {"sid": sid})
		frappe.cache.hdel("session", sid)
		frappe.cache.hdel("last_db_session_update", sid)
		update = frappe.qb.update(user).where(user.name == "Administrator")
		for column, value in zip(("last_login", "last_ip", "last_active"), seen, strict=True):
			update = update.set(user[column], value)
		update.run()

	run.undone.append(undo)
	return sid


def purge(doctype: str, name: str) -> None:
	"""Delete for good: no Deleted Document copy, no "deleted" comment, no version left."""
	frappe.delete_doc(doctype, name, force=True, ignore_permissions=True, delete_permanently=True)
	frappe.db.delete(
		"Comment", {"comment_type": "Deleted", "reference_doctype": doctype, "subject": f"{doctype} {name}"}
	)
	frappe.db.delete("Version", {"ref_doctype": doctype, "docname": name})


def put_back(run: Run) -> None:
	"""Each undo in its own transaction, retried while another session (a test run) holds its rows;
	one that fails does not stop the others."""
	for undo in reversed(run.undone):
		for attempt in range(6):
			try:
				undo()
				frappe.db.commit()
				break
			except (frappe.QueryTimeoutError, frappe.QueryDeadlockError) as e:
				frappe.db.rollback()
				if attempt == 5:
					print(f"could not put something back: {e!r}")
				time.sleep(5)
			except Exception as e:
				frappe.db.rollback()
				print(f"could not put something back: {e!r}")
				break


# -- the requests --------------------------------------------------------------------------------


def form(run: Run, kind: str, n: int) -> dict:
	"""What the public types into the form (the test suite's submission)."""
	return {
		"public_topic": run.topic,
		"summary": f"My bins were missed three weeks running ({run.run_id}).",
		"desired_outcome": "Collect them and stop missing them.",
		"complainant_name": "Alex Resident",
		"complainant_email": run.email(kind, n),
		"preferred_contact": "Email",
	}


def stored(run: Run, kind: str, n: int) -> dict:
	"""The same complaint as the portal stores it: with the subject, channel and area it derives."""
	values = form(run, kind, n)
	subject = intake.subject_for(run.topic, values["summary"])
	return {**values, "subject": subject, "channel": "Web", "service_area": run.area}


_local = threading.local()


def client() -> requests.Session:
	"""One session per thread, keeping no cookies (Guest stays Guest; Administrator's is sent)."""
	if not hasattr(_local, "session"):
		_local.session = requests.Session()
		_local.session.cookies.set_policy(http.cookiejar.DefaultCookiePolicy(allowed_domains=[]))
	return _local.session


@dataclass
class Answer:
	kind: str
	seconds: float
	status: int
	name: str | None = None
	error: str | None = None


def submit(base: str, run: Run, kind: str, n: int) -> Answer:
	"""One request: a portal submission as Guest, or a bare REST insert as Administrator."""
	headers = {"Host": run.site, "Accept": "application/json"}
	if kind == "bare":
		headers["Cookie"] = f"sid={run.sid}"
		started = time.perf_counter()
		response = client().post(f"{base}{RESOURCE}", json=stored(run, kind, n), headers=headers, timeout=120)
	else:
		data = {**form(run, kind, n), "doctype": "Complaint", "web_form_name": portal.PORTAL_FORM}
		payload = {"web_form": portal.PORTAL_FORM, "data": json.dumps(data)}
		started = time.perf_counter()
		response = client().post(f"{base}{ACCEPT}", data=payload, headers=headers, timeout=120)
	seconds = time.perf_counter() - started
	if response.status_code != 200:
		return Answer(kind, seconds, response.status_code, error=failure(response))
	body = response.json()
	return Answer(kind, seconds, 200, (body.get("message") or body.get("data") or {}).get("name"))


def failure(response: requests.Response) -> str:
	"""The exception's last line, as Frappe sends it back."""
	try:
		return (response.json().get("exception") or "").strip().splitlines()[-1][:200]
	except (ValueError, IndexError, AttributeError):
		return response.text[-200:]


def load(base: str, run: Run, kind: str, numbers: range, concurrency: int) -> list[Answer]:
	with ThreadPoolExecutor(max_workers=concurrency) as pool:
		return list(pool.map(lambda n: submit(base, run, kind, n), numbers))


def burst(base: str, run: Run, count: int) -> list[Answer]:
	"""``count`` submissions released together (a barrier), each from its own thread."""
	gate = threading.Barrier(count)

	def one(n: int) -> Answer:
		gate.wait()
		return submit(base, run, "burst", n)

	with ThreadPoolExecutor(max_workers=count) as pool:
		return list(pool.map(one, range(count)))


def all_answered(answers: list[Answer], label: str) -> None:
	codes = Counter(a.status for a in answers)
	errors = Counter(a.error for a in answers if a.error)
	assert codes == {200: len(answers)}, f"{label}: answers by HTTP status {dict(codes)}; {dict(errors)}"


# -- figures --------------------------------------------------------------------------------------


def percentile(values: list[float], p: float) -> float:
	"""Nearest rank."""
	ordered = sorted(values)
	return ordered[max(0, math.ceil(len(ordered) * p / 100) - 1)]


def figures(answers: list[Answer], wall: float) -> dict[str, float]:
	ms = [a.seconds * 1000 for a in answers]
	return {
		"p50": percentile(ms, 50),
		"p95": percentile(ms, 95),
		"p99": percentile(ms, 99),
		"mean": statistics.fmean(ms),
		"max": max(ms),
		"per_s": len(ms) / wall,
	}


# -- correctness --------------------------------------------------------------------------------


def check_portal(run: Run, answers: list[Answer], stall_seconds: int = 120) -> float:
	"""Each answered complaint exists, with stage 1, one token and its acknowledgement queued.

	The acknowledgements and alerts are jobs: this waits for the worker to have done every one (as
	long as it keeps making progress), and returns how long after the last answer that took.
	"""
	names = [a.name for a in answers]
	started = last_progress = time.perf_counter()
	done_before, left_before = -1, -1
	while True:
		frappe.db.rollback()  # a fresh snapshot: the workers committed after this connection's last read
		done, left = len(acknowledged(names)), jobs_left()
		if done == len(names) and not left:
			break
		if (done, left) != (done_before, left_before):
			done_before, left_before, last_progress = done, left, time.perf_counter()
		elif time.perf_counter() - last_progress > stall_seconds:
			break
		time.sleep(1)
	waited = time.perf_counter() - started
	found = set(frappe.get_all("Complaint", {"name": ["in", names]}, pluck="name"))
	staged = set(frappe.get_all("Complaint Stage", {"complaint": ["in", names]}, pluck="complaint"))
	tokens = Counter(
		frappe.get_all("Complaint Access Token", {"complaint": ["in", names]}, pluck="complaint")
	)
	have = (("exist", found), ("have stage 1", staged), ("were acknowledged", acknowledged(names)))
	for label, these in have:
		missing = set(names) - these
		assert not missing, f"{len(missing)} answered portal complaints do not {label}: {sorted(missing)[:5]}"
	once = set(tokens) == set(names) and set(tokens.values()) == {1}
	assert once, f"complaints by number of tracking tokens: {Counter(tokens[n] for n in names)}"
	return waited


def jobs_left() -> int:
	"""Jobs waiting or running on the short queue, where the app's after-commit jobs go."""
	from frappe.utils.background_jobs import get_queue
	from rq.registry import StartedJobRegistry

	queue = get_queue("short")
	return len(queue) + len(StartedJobRegistry(queue=queue))


def acknowledged(names: list[str]) -> set[str]:
	"""The complaints whose acknowledgement is a sent Communication with its Email Queue row."""
	comm = DocType("Communication")
	sent = (
		frappe.qb.from_(comm)
		.select(comm.reference_name, comm.name)
		.where((comm.reference_doctype == "Complaint") & comm.reference_name.isin(names))
		.where(comm.sent_or_received == "Sent")
		.run()
	)
	queued = set(
		frappe.get_all("Email Queue", {"communication": ["in", [c for _n, c in sent]]}, pluck="communication")
	)
	return {n for n, c in sent if c in queued}


def check_burst(run: Run, answers: list[Answer]) -> dict[str, int]:
	frappe.db.rollback()
	ok = [a.name for a in answers if a.status == 200]
	made = frappe.get_all(
		"Complaint", {"complainant_email": ["like", f"bench-{run.run_id}-burst-%"]}, pluck="name"
	)
	existing = set(frappe.get_all("Complaint", {"name": ["in", ok or [""]]}, pluck="name"))
	return {
		"answered": len(ok),
		"made": len(made),
		"lost": len([n for n in ok if n not in existing]) + abs(len(made) - len(ok)),
		"duplicates": len(ok) - len(set(ok)) + len(made) - len(set(made)),
		"codes": dict(Counter(a.status for a in answers)),
	}


# -- removing what the run made ------------------------------------------------------------------


def remove_made(run: Run) -> dict[str, int]:
	"""Every record made by the run's requests, found from its complaints (the run id is in the
	complainant's email address); the Complaint series counted back when nothing came after."""
	frappe.db.rollback()
	complaints = frappe.get_all(
		"Complaint", {"complainant_email": ["like", f"bench-{run.run_id}-%"]}, pluck="name"
	)
	counts = {"deferred Error Log": remove_deferred_error_logs(run)}
	if not complaints:
		counts["Error Log"] = remove_error_logs(run, [""])
		frappe.db.commit()
		return counts
	stages = frappe.get_all("Complaint Stage", {"complaint": ["in", complaints]}, pluck="name")
	records = [*complaints, *stages]
	comm, link = DocType("Communication"), DocType("Communication Link")
	communications = set(
		frappe.qb.from_(comm)
		.select(comm.name)
		.where(
			comm.reference_doctype.isin(["Complaint", "Complaint Stage"]) & comm.reference_name.isin(records)
		)
		.run(pluck=True)
	) | set(
		frappe.qb.from_(link)
		.select(link.parent)
		.where(link.link_doctype.isin(["Complaint", "Complaint Stage"]) & link.link_name.isin(records))
		.run(pluck=True)
	)
	queue = DocType("Email Queue")
	about = queue.reference_doctype.isin(["Complaint", "Complaint Stage"]) & queue.reference_name.isin(
		records
	)
	if communications:
		about |= queue.communication.isin(list(communications))
	mails = set(frappe.qb.from_(queue).select(queue.name).where(about).run(pluck=True))
	counts.update({"Complaint": len(complaints), "Complaint Stage": len(stages)})
	counts["Communication"], counts["Email Queue"] = len(communications), len(mails)
	counts["File"] = remove_files(records, communications)
	counts["Error Log"] = remove_error_logs(run, [*records, *communications])
	for doctype, type_column, name_column in REFERENCED:
		table = DocType(doctype)
		where = table[type_column].isin(["Complaint", "Complaint Stage"]) & table[name_column].isin(records)
		rows = frappe.qb.from_(table).select(table.name).where(where).run(pluck=True)
		delete_rows(doctype, rows)
		counts[doctype] = len(rows)
	alert = DocType("Complaint Alert")
	delete_rows(
		"Complaint Alert",
		frappe.qb.from_(alert).select(alert.name).where(alert.complaint.isin(complaints)).run(pluck=True),
	)
	tokens = frappe.get_all("Complaint Access Token", {"complaint": ["in", complaints]}, pluck="name")
	counts["Complaint Access Token"] = len(tokens)
	delete_rows("Complaint Access Token", tokens)
	delete_rows("Email Queue", list(mails))
	delete_rows("Communication", list(communications))
	delete_rows("Complaint Stage", stages)
	delete_rows("Complaint", complaints)
	count_back_series(complaints)
	frappe.db.commit()
	left = still_linked(complaints)
	assert not left, f"records still naming the run's complaints: {left}"
	return counts


def delete_rows(doctype: str, names: list[str]) -> None:
	"""Rows and their child rows, in one statement per table (no controller, no Deleted Document)."""
	if not names:
		return
	for table_field in frappe.get_meta(doctype).get_table_fields():
		child = DocType(table_field.options)
		frappe.qb.from_(child).delete().where(child.parent.isin(names) & (child.parenttype == doctype)).run()
	table = DocType(doctype)
	frappe.qb.from_(table).delete().where(table.name.isin(names)).run()


def remove_files(records: list[str], communications: set[str]) -> int:
	"""Attachments go through File's controller, which removes them from disk too."""
	f = DocType("File")
	where = f.attached_to_doctype.isin(["Complaint", "Complaint Stage"]) & f.attached_to_name.isin(records)
	if communications:
		where |= (f.attached_to_doctype == "Communication") & f.attached_to_name.isin(list(communications))
	files = frappe.qb.from_(f).select(f.name).where(where).run(pluck=True)
	for name in files:
		frappe.delete_doc("File", name, force=True, ignore_permissions=True, delete_permanently=True)
	return len(files)


def remove_error_logs(run: Run, records: list[str]) -> int:
	"""Error Log rows about the run's records (a failed alert or acknowledgement); printed, then removed."""
	log = DocType("Error Log")
	about = log.reference_name.isin(records) | log.error.like(f"%{run.run_id}%")
	rows = (
		frappe.qb.from_(log)
		.select(log.name, log.method)
		.where((log.creation >= run.started) & about)
		.run(as_dict=True)
	)
	for row in rows:
		print(f"Error Log during the run: {row.method}")
	delete_rows("Error Log", [r.name for r in rows])
	return len(rows)


def remove_deferred_error_logs(run: Run) -> int:
	"""A request that failed with a server error queues its Error Log in Redis (Frappe's deferred
	insert, written by the scheduler): take out the run's, which name its complainants."""
	queue = "insert_queue_for_Error Log"
	mine = [item for item in frappe.cache.lrange(queue, 0, -1) if run.run_id.encode() in item]
	for item in mine:
		frappe.cache.lrem(frappe.cache.make_key(queue), 1, item)
	return len(mine)


def count_back_series(complaints: list[str]) -> None:
	"""Give the Complaint series back its numbers when no complaint came after the run's."""
	by_prefix: dict[str, list[int]] = {}
	for name in complaints:
		prefix, _sep, number = name.rpartition("-")
		if number.isdigit():
			by_prefix.setdefault(f"{prefix}-", []).append(int(number))
	series, c = DocType("Series"), DocType("Complaint")
	for prefix, numbers in by_prefix.items():
		kept = frappe.qb.from_(c).select(c.name).where(c.name.like(f"{prefix}%")).run(pluck=True)
		highest = max((int(n.rpartition("-")[2]) for n in kept if n.rpartition("-")[2].isdigit()), default=0)
		back_to = max(highest, min(numbers) - 1)
		frappe.qb.update(series).set(series.current, back_to).where(
			(series.name == prefix) & (series.current == max(numbers))
		).run()


def still_linked(complaints: list[str]) -> dict[str, int]:
	"""Any record (not a child row) whose Link field names one of the complaints."""
	left = {}
	links = frappe.get_all(
		"DocField",
		{"parenttype": "DocType", "fieldtype": "Link", "options": "Complaint"},
		["parent", "fieldname"],
	)
	for row in links:
		meta = frappe.get_meta(row.parent)
		if meta.istable or meta.issingle or meta.is_virtual:
			continue
		n = frappe.db.count(row.parent, {row.fieldname: ["in", complaints]})
		if n:
			left[row.parent] = n
	return left


# -- the run -----------------------------------------------------------------------------------


def main() -> None:
	parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
	parser.add_argument("--site", required=True)
	parser.add_argument("--submissions", type=int, default=300, help="per kind (portal, bare insert)")
	parser.add_argument("--concurrency", type=int, default=10)
	parser.add_argument("--workers", type=int, default=4, help="gunicorn workers")
	parser.add_argument("--single", type=int, default=20, help="per kind, one at a time (the floor)")
	args = parser.parse_args()
	signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # stop gunicorn and clean up on a kill too
	with site(args.site):
		run = Run(args.site)
		try:
			prepare(run)
			result = measure(run, args)
		finally:
			removed = remove_made(run)
			put_back(run)
		report(args, result, removed)


def measure(run: Run, args) -> dict:
	per_round = max(1, args.submissions // ROUNDS)
	answers: dict[str, list[Answer]] = {"portal": [], "bare": []}
	wall = {"portal": 0.0, "bare": 0.0}
	with served(run.site, args.workers) as base:
		# Warm every worker (imports, meta, caches) on both paths; not timed, removed like the rest.
		for kind in ("portal", "bare"):
			all_answered(load(base, run, kind, range(-4 * args.workers, 0), args.workers), f"warm-up {kind}")
		# The floor: one submitter at a time.
		alone = {}
		for kind in ("portal", "bare"):
			started = time.perf_counter()
			batch = load(base, run, kind, range(SINGLE_FROM, SINGLE_FROM + args.single), 1)
			all_answered(batch, f"{kind}, one at a time")
			alone[kind] = figures(batch, time.perf_counter() - started)
		for r in range(ROUNDS):
			for kind in ("portal", "bare") if r % 2 == 0 else ("bare", "portal"):
				started = time.perf_counter()
				batch = load(base, run, kind, range(r * per_round, (r + 1) * per_round), args.concurrency)
				wall[kind] += time.perf_counter() - started
				all_answered(batch, kind)
				answers[kind] += batch
		burst_answers = burst(base, run, BURST)
		drained = check_portal(run, [a for a in answers["portal"] + burst_answers if a.name])
	return {
		"drained": drained,
		"portal": figures(answers["portal"], wall["portal"]),
		"bare": figures(answers["bare"], wall["bare"]),
		"alone": alone,
		"count": len(answers["portal"]),
		"burst": check_burst(run, burst_answers),
	}


def report(args, result: dict, removed: dict[str, int]) -> None:
	portal_, bare = result["portal"], result["bare"]
	print(
		f"\n{result['count']} of each, {args.concurrency} concurrent clients, gunicorn {args.workers} workers"
		f" x 1 thread, loopback, {os.cpu_count()} cores"
	)
	print(f"{'':<34}{'p50':>8}{'p95':>8}{'p99':>8}{'mean':>8}{'max':>8}{'per s':>8}")
	for label, f in (("portal submission (Guest)", portal_), ("bare insert (REST, Administrator)", bare)):
		print(
			f"{label:<34}{f['p50']:>6.0f}ms{f['p95']:>6.0f}ms{f['p99']:>6.0f}ms{f['mean']:>6.0f}ms"
			f"{f['max']:>6.0f}ms{f['per_s']:>8.1f}"
		)
	ratios = {k: portal_[k] / bare[k] for k in ("p50", "p95", "p99", "mean")}
	print(
		f"{'portal / bare':<34}"
		+ "".join(f"{ratios[k]:>7.2f}x" for k in ("p50", "p95", "p99", "mean"))
		+ f"{'':>8}{portal_['per_s'] / bare['per_s']:>7.2f}x"
	)
	alone = result["alone"]
	print(
		f"one at a time ({args.single} each): portal p50 {alone['portal']['p50']:.0f} ms,"
		f" bare insert p50 {alone['bare']['p50']:.0f} ms"
	)
	if removed.get("Complaint"):
		alerts = removed.get("Complaint Alert", 0) / removed["Complaint"]
		print(f"new-case alerts per complaint (desk notification and email each): {alerts:.1f}")
	print(
		f"every acknowledgement and alert done by the worker {result['drained']:.1f} s after the last"
		" answer (jobs run after the complaint commits)"
	)
	b = result["burst"]
	print(
		f"\n{BURST} submissions at once: {b['answered']} answered 200 {b['codes']}, {b['made']} complaints made,"
		f" {b['lost']} lost, {b['duplicates']} duplicate references"
	)
	print("removed: " + ", ".join(f"{n} {doctype}" for doctype, n in removed.items() if n))
	print()
	verdict = "meets" if portal_["p95"] < P95_TARGET_MS else "MISSES"
	print(
		f"p95 {portal_['p95']:.0f} ms at {args.concurrency} concurrent: {verdict} the target"
		f" (under {P95_TARGET_MS} ms at 10 concurrent)"
	)
	verdict = "meets" if ratios["p50"] <= RATIO_TARGET else "MISSES"
	print(f"{ratios['p50']:.2f}x a bare insert (medians): {verdict} the target (at most {RATIO_TARGET}x)")
	sound = b["answered"] == b["made"] == BURST and b["lost"] == 0 and b["duplicates"] == 0
	verdict = "meets" if sound else "MISSES"
	print(f"{BURST} at once: {verdict} the target (all {BURST} made, 0 lost, 0 duplicate references)")


if __name__ == "__main__":
	main()
