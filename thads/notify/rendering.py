"""Rendering of notification templates, always in Vietnamese, and the template registry.

A template is one file per key and channel, ``notify/<key>.<channel>.txt`` (``email``, ``sms``,
``vneid``), found in any app's ``templates/`` folder, holding two partials::

    {% partialdef subject %}{% autoescape off %}Mã xác thực THADS{% endautoescape %}
    {% endpartialdef %}
    {% partialdef body %}{% autoescape off %}...{% endautoescape %}{% endpartialdef %}

``subject`` is optional (an SMS has none) and is squeezed to one line; ``body`` is required.
One file per channel keeps each message's wording whole in one place. The text is written in
Vietnamese in the template itself, not through gettext: messages to citizens are Vietnamese
whatever the staff's interface language (the rendering also runs under ``vi``).
"""

from __future__ import annotations

import re
from typing import Any

from django.template import TemplateDoesNotExist
from django.template.loader import get_template
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

_TEMPLATE_LABELS: dict[str, str | Promise] = {
    "one_time_code": gettext_lazy("Mã xác thực"),
    "generic_status_change": gettext_lazy("Thay đổi trạng thái"),
}
_BLANK_LINES = re.compile(r"\n{3,}")


def register_notification_template(key: str, label: str | Promise) -> None:
    """Name a template for the staff pages; call from the owning app's ``AppConfig.ready()``."""
    _TEMPLATE_LABELS[key] = label


def template_label(key: str) -> str:
    """The registered label of a template key, else the key itself."""
    label = _TEMPLATE_LABELS.get(key)
    return str(label) if label is not None else key


def template_name(template: str, channel: str) -> str:
    return f"notify/{template}.{channel}.txt"


def render_message(*, template: str, channel: str, context: dict[str, Any]) -> tuple[str, str]:
    """``(subject, body)`` of ``template`` for ``channel`` with ``context``, in Vietnamese.

    Raises ``NotificationTemplateError`` when the template or its ``body`` partial is missing.
    """
    from thads.notify.exceptions import NotificationTemplateError

    name = template_name(template, channel)
    with translation.override("vi"):
        try:
            body_template = get_template(f"{name}#body")
        except TemplateDoesNotExist as exc:
            raise NotificationTemplateError(
                _("Không tìm thấy mẫu thông báo “%(name)s”.") % {"name": name}
            ) from exc
        try:
            subject_template = get_template(f"{name}#subject")
        except TemplateDoesNotExist:
            subject_template = None
        body = body_template.render(context)
        subject = subject_template.render(context) if subject_template is not None else ""
    lines = [line.rstrip() for line in body.strip().splitlines()]
    return " ".join(subject.split()), _BLANK_LINES.sub("\n\n", "\n".join(lines))
