"""Where each outside system is reached, read from the settings at call time.

``THADS_USE_<SYSTEM>=true``: the real partner at ``INTEGRATIONS[<SYSTEM>]["url"]`` with its
token and secret, both URL and secret required. Off: the local simulator at
``INTEGRATION_SIMULATOR_URL`` with ``INTEGRATION_SIMULATOR_SECRET``. README.md lists the
environment variables.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _

from thads.integrations.exceptions import IntegrationNotConfiguredError
from thads.integrations.models import IntegrationCall

DEFAULT_SIMULATOR_URL = "http://127.0.0.1:8790"


@dataclass(frozen=True)
class Target:
    """The endpoint and credentials one request is sent with."""

    system: str
    url: str
    token: str
    secret: str
    simulated: bool


def setting_name(system: str) -> str:
    """``"sms_gateway"`` -> ``"SMS_GATEWAY"``, the key of ``INTEGRATIONS`` and the env vars."""
    return IntegrationCall.System(system).name


def system_settings(system: str) -> dict[str, Any]:
    """The ``INTEGRATIONS`` entry of one system (empty when the settings lack it)."""
    return dict(getattr(settings, "INTEGRATIONS", {}).get(setting_name(system), {}))


def missing_settings(system: str) -> list[str]:
    """Environment variables an enabled system still needs (empty when off or complete)."""
    config = system_settings(system)
    if not config.get("enabled"):
        return []
    name = setting_name(system)
    missing = []
    if not str(config.get("url") or "").strip():
        missing.append(f"THADS_INTEGRATION_{name}_URL")
    if not str(config.get("secret") or "").strip():
        missing.append(f"THADS_INTEGRATION_{name}_SECRET")
    return missing


def not_configured_message(system: str, missing: list[str]) -> str:
    """The Vietnamese message of ``integrations.E001`` and ``IntegrationNotConfiguredError``."""
    return _(
        "Kết nối %(system)s đang bật (THADS_USE_%(name)s=true) nhưng chưa khai báo %(missing)s."
    ) % {
        "system": IntegrationCall.System(system).label,
        "name": setting_name(system),
        "missing": ", ".join(missing),
    }


def integration_target(system: str) -> Target:
    """The endpoint of ``system``; ``IntegrationNotConfiguredError`` when on but incomplete."""
    config = system_settings(system)
    if config.get("enabled"):
        missing = missing_settings(system)
        if missing:
            raise IntegrationNotConfiguredError(not_configured_message(system, missing))
        return Target(
            system=system,
            url=str(config["url"]).strip(),
            token=str(config.get("token") or ""),
            secret=str(config["secret"]),
            simulated=False,
        )
    return Target(
        system=system,
        url=getattr(settings, "INTEGRATION_SIMULATOR_URL", DEFAULT_SIMULATOR_URL),
        token="",
        secret=getattr(settings, "INTEGRATION_SIMULATOR_SECRET", ""),
        simulated=True,
    )


def timeouts() -> tuple[float, float]:
    """(connect, read) timeouts in seconds."""
    return (
        float(getattr(settings, "INTEGRATION_CONNECT_TIMEOUT", 3.0)),
        float(getattr(settings, "INTEGRATION_READ_TIMEOUT", 10.0)),
    )
