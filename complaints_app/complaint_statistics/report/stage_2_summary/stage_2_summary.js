// Copyright (c) 2026, complaints_app contributors
// For license information, please see license.txt

{% include "complaints_app/complaint_statistics/report_filters.js" %}

frappe.query_reports["Stage 2 Summary"] = complaints_report({ stage_number: 2 });
