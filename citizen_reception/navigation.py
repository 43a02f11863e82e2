"""Menu entries of citizen reception (registered from ``AppConfig.ready()``)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from citizen_reception import permissions as perms


def register_navigation() -> None:
    """Add the staff pages of citizen reception to the left menu (section "work")."""
    from thads.navigation import register_nav_item

    register_nav_item(
        "reception-intake",
        _("Tiếp nhận đơn"),
        "citizen_reception:intake",
        roles=perms.RECEIVE_ROLES,
        order=60,
        section="work",
        description=_("Quét đơn giấy, điền sẵn, in giấy biên nhận có mã tra cứu."),
    )
    register_nav_item(
        "reception-petitions",
        _("Đơn khiếu nại, tố cáo"),
        "citizen_reception:petition-list",
        roles=perms.VIEW_ROLES,
        order=61,
        section="work",
        description=_("Phân loại, thụ lý, giao xử lý, giải quyết đơn; đơn quá hạn được đánh dấu."),
    )
    register_nav_item(
        "reception-log",
        _("Sổ tiếp công dân"),
        "citizen_reception:reception-log",
        roles=perms.VIEW_ROLES,
        order=62,
        section="work",
        description=_("Ghi và in sổ tiếp công dân."),
    )
    register_nav_item(
        "reception-schedule",
        _("Lịch tiếp công dân"),
        "citizen_reception:schedule-list",
        roles=perms.VIEW_ROLES,
        order=63,
        section="work",
        description=_("Lịch Thủ trưởng tiếp công dân định kỳ và trực tuyến."),
    )
