"""Staff alerts: which reminders are due (``rules``, pure Python) and how they are sent (``scan``,
``send``, ``digest`` and ``assignments``, on Frappe's Notification Log, Email Queue and ToDo)."""
