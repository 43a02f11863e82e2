"""Notification outbox (e-mail, SMS, VNeID) and one-time codes for the public forms.

Public API (``thads.notify.services``):

- ``notification_queue(*, channel, recipient, template, context, office=None, related=None,
  idempotency_key=None, secret_context=None) -> Notification``: in the caller's transaction;
  sends after commit (``notification_send_task``); templates ``notify/<key>.<channel>.txt``;
- ``notification_send(*, notification) -> Notification``: the task's service;
- ``one_time_code_issue(*, channel, recipient, purpose, office=None, now=None) -> None``;
- ``one_time_code_verify(*, recipient, purpose, code, now=None) -> bool``, with
  ``one_time_code_check`` / ``one_time_code_message`` for the reason of a refusal.

Reads: ``thads.notify.selectors``. Template labels: ``rendering.register_notification_template``.
"""
