"""The operations centre's entries in the left menu (called from ``IocDashboardConfig.ready()``)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from thads.navigation import register_nav_item
from thads.permissions import Role

__all__ = ["register_navigation"]

LEADERS = {Role.MINISTRY_LEADER, Role.PROVINCIAL_HEAD, Role.OFFICE_HEAD}


def register_navigation() -> None:
    """Dashboard, alerts and statistical reports, for leaders only."""
    register_nav_item(
        "ioc-dashboard",
        _("Trung tâm điều hành"),
        "ioc_dashboard:home",
        roles=LEADERS,
        order=10,
        section="oversight",
        description=_("Số liệu toàn ngành theo kỳ, so với cùng kỳ năm trước; bản đồ và xu hướng."),
    )
    register_nav_item(
        "ioc-alerts",
        _("Cảnh báo"),
        "ioc_dashboard:alert-list",
        roles=LEADERS,
        order=11,
        section="oversight",
        description=_("Bước quá hạn, điểm nghẽn, bất thường về tiền và biên lai; giao việc."),
    )
    register_nav_item(
        "ioc-reports",
        _("Báo cáo thống kê"),
        "ioc_dashboard:report",
        roles=LEADERS,
        order=12,
        section="oversight",
        description=_("Báo cáo thống kê định kỳ 3, 6, 10, 12 tháng; tải về XLSX."),
    )
