// Copyright (c) 2026, complaints_app contributors
// For license information, please see license.txt

const AREA_API = "complaints_app.complaints.doctype.complaint_service_area.complaint_service_area";

frappe.treeview_settings["Complaint Service Area"] = {
	breadcrumb: "Complaints",
	title: __("Service areas"),
	root_label: "Complaint Service Area",
	get_tree_nodes: `${AREA_API}.get_children`,
	add_tree_node: `${AREA_API}.add_node`,
	fields: [
		{ fieldtype: "Data", fieldname: "service_area_name", label: __("New service area"), reqd: 1 },
		{ fieldtype: "Link", fieldname: "manager", label: __("Manager"), options: "User" },
		{
			fieldtype: "Check",
			fieldname: "is_group",
			label: __("Has areas below it"),
			description: __("Areas can be added below this one."),
		},
	],
	ignore_fields: ["parent_service_area"],
};
