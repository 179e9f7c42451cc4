"""Server-side record permissions for complaints and their records.

Role permissions (the doctype JSON) say *what* a role may do; this module says
*which* records. The rule exists once, as the SQL condition ``case_condition``
builds: list views, reports, counts and REST lists add it to their query, and
``has_permission`` asks the same query about one record. So the two can never
disagree.

* Complaints Manager, Complaints Auditor and System Manager see every case.
* Complaints Officer sees every case of the procedures open to them.
* A procedure with "Restricted to roles" (children's social care ships
  restricted to "Children's Complaints Access") is visible only to users
  with one of those roles, or to the roles above.
* Service Manager sees the cases of their service areas and of every area below
  them in the tree: the areas they manage, and those given to them as User
  Permissions on Complaint Service Area (a grant here, not a restriction).
* Investigating Officer and Independent Person see the investigations assigned to
  them, and read their complaints; Review Panel Member likewise for panels.
  Assignment reaches the case even under a restricted procedure.

The rows of their child tables get the parent's condition, and the Frappe routes that skip
record permissions (``frappe.client.get_count``, link search with ``ignore_user_permissions``,
the list sidebar's "assigned to" counts) are overridden for the app's doctypes.

Stages, investigations, review panels and Ombudsman enquiries carry copies of their
complaint's ``service_area`` and ``procedure`` so that this condition filters on
indexed columns of their own table. ``Complaint.sync_case_records`` updates the
copies in the same transaction as the complaint, with one UPDATE per doctype.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import frappe
from frappe import _
from frappe.query_builder import DocType
from frappe.utils import get_safe_filters
from frappe.utils.caching import site_cache

SEE_ALL = {"Administrator", "System Manager", "Complaints Manager", "Complaints Auditor"}
# Records that carry copies of their complaint's service area and procedure.
CASE_RECORD_DOCTYPES = (
	"Complaint Stage",
	"Complaint Investigation",
	"Complaint Review Panel",
	"Ombudsman Enquiry",
	"Complaint Escalation Request",
)
CASE_DOCTYPES = ("Complaint", *CASE_RECORD_DOCTYPES)
# Feedback that belongs to a service area rather than to a case: the area's Service Managers
# and every Complaints Officer reach it, and so does the person named in the given field
# (the enquiry's handler, the action's owner).
AREA_RECORD_DOCTYPES = {
	"Compliment": None,
	"Member Enquiry": "handler",
	"Learning Action": "action_owner",
}
RECORD_RULE_DOCTYPES = (*CASE_DOCTYPES, *AREA_RECORD_DOCTYPES)
# Area records that carry a copy of their complaint's procedure.
PROCEDURE_COPY_DOCTYPES = ("Learning Action",)
# Child tables of case records: Frappe lists their rows (``?parent=``) with only the parent
# doctype's role check, so they get the parent's record condition too.
CASE_CHILD_DOCTYPES = {
	"Complaint Stage Extension": "Complaint Stage",
	"Complaint Stage Pause": "Complaint Stage",
	"Complaint Theme Outcome": "Complaint Stage",
	"Complaint Investigation Point": "Complaint Investigation",
	"Complaint Panel Member": "Complaint Review Panel",
	"Ombudsman Recommendation": "Ombudsman Enquiry",
	"Member Enquiry Extension": "Member Enquiry",
	# A complaint's linked and merged complaints, with staff notes: only for those who reach it.
	"Complaint Link": "Complaint",
}
# Saving one of these can change what somebody may reach.
SCOPE_SOURCES = (
	"User",
	"User Permission",
	"Complaint Service Area",
	"Complaint Procedure",
	"Complaint Investigation",
	"Complaint Review Panel",
)


@dataclass(frozen=True)
class Scope:
	user: str = ""
	see_all: bool = False
	officer: bool = False
	service_areas: frozenset[str] = field(default_factory=frozenset)
	complaints: frozenset[str] = field(default_factory=frozenset)
	investigations: frozenset[str] = field(default_factory=frozenset)
	panels: frozenset[str] = field(default_factory=frozenset)
	blocked_procedures: frozenset[str] = field(default_factory=frozenset)


# -- who reaches what ------------------------------------------------------------------


def user_scope(user: str | None = None) -> Scope:
	"""What a user may reach, computed once per request (or until a source of it is saved)."""
	user = user or frappe.session.user
	cache = getattr(frappe.local, "complaints_scopes", None)
	if cache is None:
		cache = frappe.local.complaints_scopes = {}
	if user not in cache:
		cache[user] = _compute_scope(user)
	return cache[user]


def clear_scope_cache(doc=None, method: str | None = None) -> None:
	"""doc_events hook: a grant, an assignment or a procedure's access roles changed."""
	frappe.local.complaints_scopes = {}


def _compute_scope(user: str) -> Scope:
	roles = set(frappe.get_roles(user))
	if user == "Administrator" or roles & SEE_ALL:
		return Scope(user=user, see_all=True)
	investigations, panels, assigned = _assignments(user, roles)
	return Scope(
		user=user,
		officer="Complaints Officer" in roles,
		service_areas=frozenset(_service_areas(user) if "Service Manager" in roles else ()),
		complaints=frozenset(assigned),
		investigations=frozenset(investigations),
		panels=frozenset(panels),
		blocked_procedures=frozenset(_blocked_procedures(roles)),
	)


def _assignments(user: str, roles: set[str]) -> tuple[set[str], set[str], set[str]]:
	investigations, panels, complaints = set(), set(), set()
	if roles & {"Investigating Officer", "Independent Person"}:
		inv = DocType("Complaint Investigation")
		rows = (
			frappe.qb.from_(inv)
			.select(inv.name, inv.complaint)
			.where((inv.investigating_officer == user) | (inv.independent_person == user))
			.run()
		)
		investigations = {r[0] for r in rows}
		complaints |= {r[1] for r in rows}
	if "Review Panel Member" in roles:
		panel, member = DocType("Complaint Review Panel"), DocType("Complaint Panel Member")
		rows = (
			frappe.qb.from_(panel)
			.join(member)
			.on(member.parent == panel.name)
			.select(panel.name, panel.complaint)
			.where((member.parenttype == "Complaint Review Panel") & (member.user == user))
			.run()
		)
		panels = {r[0] for r in rows}
		complaints |= {r[1] for r in rows}
	return investigations, panels, complaints


def _blocked_procedures(roles: set[str]) -> set[str]:
	access = DocType("Complaint Procedure Role")
	rows = (
		frappe.qb.from_(access)
		.select(access.parent, access.role)
		.where(access.parenttype == "Complaint Procedure")
		.run()
	)
	allowed: dict[str, bool] = {}
	for procedure, role in rows:
		allowed[procedure] = allowed.get(procedure, False) or role in roles
	return {p for p, ok in allowed.items() if not ok}


def _service_areas(user: str) -> set[str]:
	"""The areas a user manages or was granted, and every area below them at any depth (nested set)."""
	area, perm = DocType("Complaint Service Area"), DocType("User Permission")
	managed = frappe.qb.from_(area).select(area.name).where(area.manager == user).run(pluck=True)
	granted = (
		frappe.qb.from_(perm)
		.select(perm.for_value)
		.where((perm.user == user) & (perm.allow == "Complaint Service Area"))
		.run(pluck=True)
	)
	roots = set(managed) | set(granted)
	if not roots:
		return set()
	top, below = area.as_("top"), area.as_("below")
	return set(
		frappe.qb.from_(below)
		.join(top)
		.on((below.lft >= top.lft) & (below.rgt <= top.rgt) & (top.lft > 0))
		.select(below.name)
		.where(top.name.isin(sorted(roots)))
		.run(pluck=True)
	)


# -- the rule, once ---------------------------------------------------------------------


def _in(column: str, values: frozenset[str]) -> str:
	if not values:
		return "1=0"
	return f"{column} in ({', '.join(frappe.db.escape(v) for v in sorted(values))})"


def case_condition(doctype: str, scope: Scope) -> str:
	"""The SQL condition on ``tab<doctype>`` that selects the records ``scope`` reaches; "" for all.

	A string because that is what Frappe's ``permission_query_conditions`` hook takes; every
	value in it goes through ``frappe.db.escape``.
	"""
	if scope.see_all:
		return ""
	t = f"`tab{doctype}`"
	if doctype in AREA_RECORD_DOCTYPES:
		return area_condition(doctype, scope)
	key = f"{t}.`name`" if doctype == "Complaint" else f"{t}.`complaint`"
	assigned = {"Complaint Investigation": scope.investigations, "Complaint Review Panel": scope.panels}
	if doctype in assigned and not scope.officer:
		# Investigations and panels are reached by assignment, not through the case.
		return _in(f"{t}.`name`", assigned[doctype])
	reach = [_in(f"{t}.`service_area`", scope.service_areas)]
	if scope.officer:
		# Every case of the procedures open to them, and enquiries with no council complaint.
		reach.append("1=1")
	condition = "(" + " or ".join(reach) + ")"
	if scope.blocked_procedures:
		blocked = _in(f"ifnull({t}.`procedure`, '')", scope.blocked_procedures)
		condition = f"({condition} and not {blocked})"
	return f"({condition} or {_in(key, scope.complaints)})"


def area_condition(doctype: str, scope: Scope) -> str:
	"""Compliments, member enquiries and learning actions: by service area, or by the person named on them."""
	t = f"`tab{doctype}`"
	condition = "1=1" if scope.officer else _in(f"{t}.`service_area`", scope.service_areas)
	if doctype in PROCEDURE_COPY_DOCTYPES and scope.blocked_procedures:
		# A learning action on a restricted procedure's case (children's) is as private as the case.
		blocked = _in(f"ifnull({t}.`procedure`, '')", scope.blocked_procedures)
		condition = f"({condition} and not {blocked})"
	person = AREA_RECORD_DOCTYPES[doctype]
	if person and scope.user:
		condition = f"{condition} or {t}.`{person}` = {frappe.db.escape(scope.user)}"
	return f"({condition})"


def query_condition(user: str | None = None, doctype: str | None = None) -> str:
	"""permission_query_conditions hook for every case doctype and their child tables."""
	doctype = doctype or "Complaint"
	scope = user_scope(user)
	parent = CASE_CHILD_DOCTYPES.get(doctype)
	if parent is None:
		return case_condition(doctype, scope)
	condition = case_condition(parent, scope)
	if not condition:
		return ""
	return (
		f"(`tab{doctype}`.`parenttype` = {frappe.db.escape(parent)} and `tab{doctype}`.`parent` in "
		f"(select `tab{parent}`.`name` from `tab{parent}` where {condition}))"
	)


def has_case_permission(doc, ptype: str | None = None, user: str | None = None) -> bool:
	"""has_permission hook for every case doctype: the list condition, asked about this one record.

	A new record of a case (a stage, an enquiry) needs its complaint to be one the user reaches;
	a new compliment, member enquiry or learning action must be one the user would then reach.
	"""
	if doc.is_new() or not doc.name:
		if doc.doctype in AREA_RECORD_DOCTYPES:
			return may_file_in_area(doc, user_scope(user))
		if doc.doctype == "Complaint" or not doc.get("complaint"):
			return True
		return _reaches(user, "Complaint", doc.complaint)
	return _reaches(user, doc.doctype, doc.name)


def may_file_in_area(doc, scope: Scope) -> bool:
	"""A Service Manager files feedback in their own areas (or names themselves on it); others anywhere."""
	if scope.see_all or scope.officer or not doc.get("service_area"):
		return True
	person = AREA_RECORD_DOCTYPES[doc.doctype]
	return doc.service_area in scope.service_areas or bool(person and doc.get(person) == scope.user)


def _reaches(user: str | None, doctype: str, name: str) -> bool:
	condition = case_condition(doctype, user_scope(user))
	if not condition:
		return True
	return bool(
		frappe.db.sql(f"select 1 from `tab{doctype}` where `name` = %s and {condition} limit 1", name)
	)


# -- counts -----------------------------------------------------------------------------


@frappe.whitelist()
def get_count(doctype: str, filters=None, debug: bool = False, cache: bool = False) -> int:
	"""``frappe.client.get_count``, with record permissions for the app's doctypes.

	Frappe v15's version calls ``frappe.db.count`` without a permission check, so anyone
	logged in could count (and, refining a filter a letter at a time, read) private cases.
	For this app's doctypes the count goes through ``frappe.get_list``, the same
	permission-aware query a list view uses; other doctypes keep Frappe's behaviour.
	"""
	from frappe.client import get_count as frappe_get_count

	if doctype not in app_doctypes():
		return frappe_get_count(doctype, filters=filters, debug=debug, cache=cache)
	require_read(doctype)
	rows = frappe.get_list(
		doctype, filters=get_safe_filters(filters), fields=["count(*) as total"], limit_page_length=0
	)
	return int(rows[0].total) if rows else 0


@frappe.whitelist()
def search_link(
	doctype: str,
	txt: str,
	query: str | None = None,
	filters: str | dict | list | None = None,
	page_length: int = 10,
	searchfield: str | None = None,
	reference_doctype: str | None = None,
	ignore_user_permissions: bool = False,
) -> list:
	"""``frappe.desk.search.search_link``, which with ``ignore_user_permissions`` lists with no permissions at all.

	For the case doctypes the flag is dropped, so link search goes through the record rule.
	"""
	from frappe.desk.search import search_link as frappe_search_link

	return frappe_search_link(
		doctype,
		txt,
		query=query,
		filters=filters,
		page_length=page_length,
		searchfield=searchfield,
		reference_doctype=reference_doctype,
		ignore_user_permissions=keeps_flag(doctype, ignore_user_permissions),
	)


@frappe.whitelist()
def search_widget(
	doctype: str,
	txt: str,
	query: str | None = None,
	searchfield: str | None = None,
	start: int = 0,
	page_length: int = 10,
	filters: str | dict | list | None = None,
	filter_fields: str | list | None = None,
	as_dict: bool = False,
	reference_doctype: str | None = None,
	ignore_user_permissions: bool = False,
) -> list:
	"""``frappe.desk.search.search_widget``, whitelisted on its own: the same flag, dropped the same way."""
	from frappe.desk.search import search_widget as frappe_search_widget

	return frappe_search_widget(
		doctype,
		txt,
		query=query,
		searchfield=searchfield,
		start=start,
		page_length=page_length,
		filters=filters,
		filter_fields=filter_fields,
		as_dict=as_dict,
		reference_doctype=reference_doctype,
		ignore_user_permissions=keeps_flag(doctype, ignore_user_permissions),
	)


@frappe.whitelist()
def get_group_by_count(doctype: str, current_filters: str, field: str) -> list[dict]:
	"""The list sidebar's counts; Frappe's "assigned to" count has no permission check at all.

	For the app's doctypes it counts assignments on the records the user may list.
	"""
	from frappe.desk.listview import get_group_by_count as frappe_group_by_count

	if doctype not in app_doctypes():
		return frappe_group_by_count(doctype, current_filters, field)
	require_read(doctype)
	if field != "assigned_to":
		return frappe_group_by_count(doctype, current_filters, field)
	listed = frappe.get_list(
		doctype, filters=frappe.parse_json(current_filters), fields=["name"], limit_page_length=0, run=0
	)
	# The user's own list query (built by Frappe, with this app's condition) as the subquery.
	return frappe.db.sql(
		f"""select todo.allocated_to as name, count(*) as count
		from `tabToDo` todo join `tabUser` usr on usr.name = todo.allocated_to
		where todo.status != 'Cancelled' and usr.user_type = 'System User'
			and todo.reference_type = %(doctype)s and todo.reference_name in ({listed.replace("%", "%%")})
		group by todo.allocated_to order by count desc limit 50""",
		{"doctype": doctype},
		as_dict=True,
	)


def keeps_flag(doctype: str, ignore_user_permissions: bool) -> bool:
	"""Frappe lists with no permissions at all under this flag: never for the case records."""
	if doctype in RECORD_RULE_DOCTYPES or doctype in CASE_CHILD_DOCTYPES:
		return False
	return ignore_user_permissions


def require_read(doctype: str) -> None:
	if not frappe.has_permission(doctype, "read"):
		frappe.throw(_("Not permitted to read {0}.").format(_(doctype)), frappe.PermissionError)


@site_cache()
def app_doctypes() -> frozenset[str]:
	"""Every doctype of the app's modules (modules.txt), parents and children."""
	modules = frappe.get_module_list("complaints_app")
	return frozenset(frappe.get_all("DocType", filters={"module": ["in", modules]}, pluck="name"))
