"""Audit logins, logouts and failed logins (django.contrib.auth signals).

Connected in ``AuditConfig.ready()``. The request passed with the signal supplies the client
address when the middleware has not bound a context (``authenticate()`` called directly).
A failed login records the attempted username only; Django has already masked the password
and no other credential is kept.
"""

from __future__ import annotations

from contextlib import nullcontext
from typing import Any

from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _

from thads.audit.context import audit_context
from thads.audit.context import context_from_request
from thads.audit.context import current_context
from thads.audit.services import audit_log

USERNAME_MAX = 150


def _bound(request: Any) -> Any:
    if current_context() is None and request is not None:
        return audit_context(context_from_request(request))
    return nullcontext()


def on_user_logged_in(sender: Any, request: Any = None, user: Any = None, **kwargs: Any) -> None:
    if user is None:
        return
    with _bound(request):
        audit_log(
            actor=user,
            action="auth.login",
            target=user,
            summary=_("Đăng nhập thành công."),
        )


def on_user_logged_out(sender: Any, request: Any = None, user: Any = None, **kwargs: Any) -> None:
    if user is None or not getattr(user, "is_authenticated", False):
        return
    with _bound(request):
        audit_log(actor=user, action="auth.logout", target=user, summary=_("Đăng xuất."))


def on_user_login_failed(
    sender: Any, credentials: dict[str, Any] | None = None, request: Any = None, **kwargs: Any
) -> None:
    user_model = get_user_model()
    attempted = str((credentials or {}).get(user_model.USERNAME_FIELD, "") or "")[:USERNAME_MAX]
    # Failed logins against a real account go to that account's office, so its head sees them.
    account = (
        user_model._default_manager.filter(**{user_model.USERNAME_FIELD: attempted})
        .select_related("office")
        .first()
        if attempted
        else None
    )
    office = getattr(account, "office", None) if account is not None else None
    with _bound(request):
        audit_log(
            actor=None,
            action="auth.login_failed",
            office=office,
            after={"username": attempted, "account_exists": account is not None},
            summary=_("Đăng nhập không thành công với tên đăng nhập “%(username)s”.")
            % {"username": attempted},
        )


def on_user_locked_out(
    sender: Any, request: Any = None, username: str | None = None, **kwargs: Any
) -> None:
    """An account locked after repeated failures (django-axes): audited in its office's chain."""
    user_model = get_user_model()
    attempted = str(username or "")[:USERNAME_MAX]
    account = (
        user_model._default_manager.filter(**{user_model.USERNAME_FIELD: attempted})
        .select_related("office")
        .first()
        if attempted
        else None
    )
    with _bound(request):
        audit_log(
            actor=None,
            action="auth.locked_out",
            office=getattr(account, "office", None),
            after={"username": attempted, "account_exists": account is not None},
            summary=_("Tạm khóa đăng nhập của “%(username)s” do nhập sai nhiều lần.")
            % {"username": attempted},
        )
