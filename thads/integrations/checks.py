"""System checks of the integrations: a system switched on must be configured.

``integrations.E001``: ``THADS_USE_<SYSTEM>=true`` without ``THADS_INTEGRATION_<SYSTEM>_URL``
or ``..._SECRET``. An error, so ``manage.py check``, ``migrate`` and the web process refuse to
start rather than discover it on the first notice (style.md 2.9: switches fail loudly).
"""

from __future__ import annotations

from typing import Any

from django.core.checks import Error
from django.core.checks import register
from django.utils.translation import gettext as _

from thads.integrations.conf import missing_settings
from thads.integrations.conf import not_configured_message
from thads.integrations.models import IntegrationCall


@register()
def check_enabled_integrations_are_configured(
    app_configs: Any = None, **kwargs: Any
) -> list[Error]:
    """One error per system switched on without its URL or secret."""
    errors = []
    for system in IntegrationCall.System:
        missing = missing_settings(system)
        if missing:
            errors.append(
                Error(
                    not_configured_message(system, missing),
                    hint=_(
                        "Khai báo các biến môi trường còn thiếu, hoặc đặt "
                        "THADS_USE_%(name)s=false để dùng bộ giả lập."
                    )
                    % {"name": system.name},
                    id="integrations.E001",
                )
            )
    return errors
