"""Provinces, offices (central department, provincial agencies, regional offices) and staff."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.contrib.auth.models import UserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from thads.permissions import Role


class Province(models.Model):
    """A province-level unit after the 2025 merger (34), loaded from ``vietnam-provinces``."""

    code = models.PositiveSmallIntegerField(_("mã tỉnh"), unique=True)
    codename = models.SlugField(_("mã viết tắt"), max_length=40, unique=True)
    name = models.CharField(_("tên"), max_length=100)
    division_type = models.CharField(_("loại đơn vị"), max_length=40)

    class Meta:
        ordering = ["code"]
        verbose_name = _("tỉnh, thành phố")
        verbose_name_plural = _("tỉnh, thành phố")

    def __str__(self) -> str:
        return self.name


class OfficeQuerySet(models.QuerySet["Office"]):
    def active(self) -> OfficeQuerySet:
        return self.filter(is_active=True)

    def in_province(self, province_id: int) -> OfficeQuerySet:
        return self.filter(province_id=province_id)


class Office(models.Model):
    """A unit of the THADS system; its ``code`` is stable and appears in document numbers."""

    class Level(models.TextChoices):
        CENTRAL = "central", _("Cục Quản lý THADS")
        PROVINCIAL = "provincial", _("Cơ quan THADS tỉnh, thành phố")
        REGIONAL = "regional", _("Phòng THADS khu vực")

    code = models.CharField(_("mã đơn vị"), max_length=20, unique=True)
    name = models.CharField(_("tên đơn vị"), max_length=200)
    short_name = models.CharField(_("tên viết tắt"), max_length=60, blank=True)
    level = models.CharField(_("cấp"), max_length=12, choices=Level.choices)
    province = models.ForeignKey(
        Province,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="offices",
        verbose_name=_("tỉnh, thành phố"),
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("đơn vị cấp trên"),
    )
    address = models.CharField(_("địa chỉ"), max_length=255, blank=True)
    is_active = models.BooleanField(_("đang hoạt động"), default=True)

    objects = OfficeQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("đơn vị")
        verbose_name_plural = _("đơn vị")
        constraints = [
            models.CheckConstraint(
                name="office_level_has_province",
                condition=models.Q(level="central", province__isnull=True)
                | (~models.Q(level="central") & models.Q(province__isnull=False)),
            ),
            models.CheckConstraint(
                name="office_regional_has_parent",
                condition=~models.Q(level="regional") | models.Q(parent__isnull=False),
            ),
        ]
        indexes = [models.Index(fields=["province", "level"], name="office_province_level_idx")]

    def __str__(self) -> str:
        return self.name


#: Office levels a role may belong to (a provincial head sits in a provincial agency); roles not
#: listed may work in an office of any level.
ROLE_OFFICE_LEVELS: dict[str, frozenset[str]] = {
    Role.MINISTRY_LEADER: frozenset({Office.Level.CENTRAL}),
    Role.SYSADMIN: frozenset({Office.Level.CENTRAL, Office.Level.PROVINCIAL}),
    Role.PROVINCIAL_HEAD: frozenset({Office.Level.PROVINCIAL}),
}


def role_allowed_in_office(*, role: str, office: Office) -> bool:
    """Whether ``role`` may be held by staff of ``office`` (by its level)."""
    allowed = ROLE_OFFICE_LEVELS.get(role)
    return allowed is None or office.level in allowed


class User(AbstractUser):
    """A staff account: one office and one role. Citizens never hold an account."""

    full_name = models.CharField(_("họ và tên"), max_length=150, blank=True)
    office = models.ForeignKey(
        Office,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="staff",
        verbose_name=_("đơn vị"),
    )
    role = models.CharField(_("vai trò"), max_length=32, choices=Role.choices, blank=True)
    job_title = models.CharField(_("chức danh"), max_length=100, blank=True)

    objects = UserManager()

    class Meta:
        ordering = ["username"]
        verbose_name = _("người dùng")
        verbose_name_plural = _("người dùng")
        indexes = [models.Index(fields=["office", "role"], name="user_office_role_idx")]

    def __str__(self) -> str:
        return self.full_name or self.username

    def clean(self) -> None:
        super().clean()
        if (
            self.role
            and self.office_id
            and not role_allowed_in_office(role=self.role, office=self.office)
        ):
            raise ValidationError(
                {"role": _("Vai trò không phù hợp với cấp của đơn vị.")}, code="role_office"
            )

    def get_full_name(self) -> str:
        return self.full_name or super().get_full_name() or self.username

    @property
    def role_label(self) -> str:
        return Role(self.role).label if self.role else ""
