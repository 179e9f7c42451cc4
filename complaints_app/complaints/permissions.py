"""Server-side record permissions for complaints and their records.

Role permissions (the doctype JSON) say *what* a role may do; these hooks say
*which* records. They are enforced for desk, list views, reports and REST alike.

* Complaints Manager, Complaints Auditor and System Manager see every case.
* Complaints Officer sees every case of the procedures open to them.
* A procedure with "Restricted to roles" (children's social care ships
  restricted to "Children's Complaints Access") is visible only to users
  with one of those roles, or to the roles above.
* Service Manager sees the cases of their service areas: the areas they
  manage, and those given to them as User Permissions on Complaint Service Area.
* Investigating Officer and Independent Person see the investigations assigned to
  them, and read their complaints; Review Panel Member likewise for panels.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import frappe
from frappe.query_builder import DocType

SEE_ALL = {"Administrator", "System Manager", "Complaints Manager", "Complaints Auditor"}


@dataclass
class Scope:
	see_all: bool = False
	officer: bool = False
	service_areas: set[str] = field(default_factory=set)
	complaints: set[str] = field(default_factory=set)
	investigations: set[str] = field(default_factory=set)
	panels: set[str] = field(default_factory=set)
	blocked_procedures: set[str] = field(default_factory=set)


def user_scope(user: str | None = None) -> Scope:
	"""What a user may reach; a handful of indexed queries, computed afresh so grants apply at once."""
	user = user or frappe.session.user
	roles = set(frappe.get_roles(user))
	if user == "Administrator" or roles & SEE_ALL:
		return Scope(see_all=True)
	scope = Scope(officer="Complaints Officer" in roles, blocked_procedures=_blocked_procedures(roles))
	if "Service Manager" in roles:
		scope.service_areas = _service_areas(user)
	if roles & {"Investigating Officer", "Independent Person"}:
		inv = DocType("Complaint Investigation")
		rows = (
			frappe.qb.from_(inv)
			.select(inv.name, inv.complaint)
			.where((inv.investigating_officer == user) | (inv.independent_person == user))
			.run()
		)
		scope.investigations = {r[0] for r in rows}
		scope.complaints |= {r[1] for r in rows}
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
		scope.panels = {r[0] for r in rows}
		scope.complaints |= {r[1] for r in rows}
	return scope


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
	area, perm = DocType("Complaint Service Area"), DocType("User Permission")
	managed = frappe.qb.from_(area).select(area.name).where(area.manager == user).run(pluck=True)
	granted = (
		frappe.qb.from_(perm)
		.select(perm.for_value)
		.where((perm.user == user) & (perm.allow == "Complaint Service Area"))
		.run(pluck=True)
	)
	areas = set(managed) | set(granted)
	children = (
		frappe.qb.from_(area).select(area.name).where(area.parent_service_area.isin(list(areas) or [""]))
	)
	return areas | set(children.run(pluck=True))


# -- pure decisions on one record ------------------------------------------------


def can_see_case(
	scope: Scope, complaint: str | None, procedure: str | None, service_area: str | None
) -> bool:
	"""Assignment to an investigation or panel reaches the case even under a restricted procedure."""
	if scope.see_all or (complaint and complaint in scope.complaints):
		return True
	if procedure in scope.blocked_procedures:
		return False
	return bool(scope.officer and complaint) or bool(service_area and service_area in scope.service_areas)


# -- SQL conditions for lists and reports --------------------------------------------


def _in(column: str, values: set[str]) -> str:
	if not values:
		return "1=0"
	return f"{column} in ({', '.join(frappe.db.escape(v) for v in sorted(values))})"


def _case_condition(table: str, scope: Scope, complaint_column: str) -> str:
	if scope.see_all:
		return ""
	t = f"`tab{table}`"
	reach = [_in(f"{t}.`service_area`", scope.service_areas)]
	if scope.officer:
		reach.append(f"ifnull({t}.`{complaint_column}`, '') != ''")
	condition = "(" + " or ".join(reach) + ")"
	if scope.blocked_procedures:
		blocked = ", ".join(frappe.db.escape(p) for p in sorted(scope.blocked_procedures))
		condition = f"({condition} and ifnull({t}.`procedure`, '') not in ({blocked}))"
	return f"({condition} or {_in(f'{t}.`{complaint_column}`', scope.complaints)})"


def complaint_query(user: str | None = None) -> str:
	return _case_condition("Complaint", user_scope(user), "name")


def case_record_query(user: str | None = None, doctype: str | None = None) -> str:
	return _case_condition(doctype or "Complaint Stage", user_scope(user), "complaint")


def _assigned_query(table: str, scope: Scope, assigned: set[str]) -> str:
	"""Officers see these records as cases; everyone else only the ones assigned to them."""
	if scope.see_all:
		return ""
	if scope.officer:
		return _case_condition(table, scope, "complaint")
	return _in(f"`tab{table}`.`name`", assigned)


def investigation_query(user: str | None = None) -> str:
	scope = user_scope(user)
	return _assigned_query("Complaint Investigation", scope, scope.investigations)


def review_panel_query(user: str | None = None) -> str:
	scope = user_scope(user)
	return _assigned_query("Complaint Review Panel", scope, scope.panels)


# -- has_permission hooks ------------------------------------------------------------


def _is_new(doc) -> bool:
	return bool(getattr(doc, "is_new", None) and doc.is_new())


def has_complaint_permission(doc, ptype: str | None = None, user: str | None = None) -> bool:
	if _is_new(doc):
		return True
	return can_see_case(user_scope(user), doc.name, doc.procedure, doc.service_area)


def has_case_record_permission(doc, ptype: str | None = None, user: str | None = None) -> bool:
	if _is_new(doc):
		return True
	return can_see_case(user_scope(user), doc.complaint, doc.procedure, doc.service_area)


def has_investigation_permission(doc, ptype: str | None = None, user: str | None = None) -> bool:
	scope = user_scope(user)
	if scope.see_all or scope.officer:
		return has_case_record_permission(doc, ptype, user)
	return doc.name in scope.investigations


def has_review_panel_permission(doc, ptype: str | None = None, user: str | None = None) -> bool:
	scope = user_scope(user)
	if scope.see_all or scope.officer:
		return has_case_record_permission(doc, ptype, user)
	return doc.name in scope.panels
