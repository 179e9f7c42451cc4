// The filters every complaint statistics report shares, pulled into each report's script
// by an include directive (frappe.desk.query_report.get_script). Defaults: the current financial
// year, 1 April to 31 March.
window.complaints_report = function (options) {
	options = options || {};
	const today = frappe.datetime.str_to_obj(frappe.datetime.get_today());
	const first_year = today.getMonth() >= 3 ? today.getFullYear() : today.getFullYear() - 1;
	const filters = [
		{
			fieldname: "from_date",
			label: __("From date"),
			fieldtype: "Date",
			default: `${first_year}-04-01`,
			reqd: 1,
		},
		{
			fieldname: "to_date",
			label: __("To date"),
			fieldtype: "Date",
			default: `${first_year + 1}-03-31`,
			reqd: 1,
		},
	];
	if (!options.no_procedure) {
		filters.push({
			fieldname: "procedure",
			label: __("Procedure"),
			fieldtype: "MultiSelectList",
			get_data: (txt) => frappe.db.get_link_options("Complaint Procedure", txt),
		});
	}
	if (options.stage_number) {
		filters.push({
			fieldname: "stage_number",
			label: __("Stage number"),
			fieldtype: "Int",
			default: options.stage_number,
		});
	}
	filters.push({
		fieldname: "service_area",
		label: __("Service area (and everything below it)"),
		fieldtype: "Link",
		options: "Complaint Service Area",
	});
	if (!options.no_root_cause) {
		filters.push({
			fieldname: "root_cause",
			label: __("Root cause"),
			fieldtype: "Link",
			options: "Complaint Root Cause",
		});
	}
	return {
		filters: filters.concat(options.extra || []),
		formatter(value, row, column, data, default_formatter) {
			value = default_formatter(value, row, column, data);
			if (data && data.is_total) {
				value = `<b>${value}</b>`;
			}
			return value;
		},
	};
};
