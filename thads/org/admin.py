"""Admin for system administrators: offices read-mostly, users through the org services."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.db import transaction
from django.forms.models import model_to_dict
from django.utils.translation import gettext_lazy as _
from guardian.admin import GuardedModelAdminMixin

from thads.audit.services import audit_log
from thads.org.models import Office
from thads.org.models import Province
from thads.org.models import User


class AuditedAdminMixin:
    """Writes made in the admin are audited like service writes (who, before, after)."""

    audit_fields: tuple[str, ...] = ()

    def _snapshot(self, obj):
        return {k: str(v) for k, v in model_to_dict(obj, fields=self.audit_fields).items()}

    def save_model(self, request, obj, form, change):
        before = None
        if change and obj.pk:
            before = self._snapshot(type(obj).objects.get(pk=obj.pk))
        with transaction.atomic():
            super().save_model(request, obj, form, change)
            audit_log(
                actor=request.user,
                action=f"admin.{obj._meta.model_name}.{'changed' if change else 'created'}",
                target=obj,
                before=before,
                after=self._snapshot(obj),
            )


@admin.register(Province)
class ProvinceAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "division_type"]
    search_fields = ["name", "codename"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Office)
class OfficeAdmin(AuditedAdminMixin, GuardedModelAdminMixin, admin.ModelAdmin):
    audit_fields = ("code", "name", "short_name", "address", "is_active")
    list_display = ["code", "name", "level", "province", "is_active"]
    list_filter = ["level", "province", "is_active"]
    search_fields = ["code", "name"]
    readonly_fields = ["code", "level", "province", "parent"]

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(User)
class UserAdmin(AuditedAdminMixin, BaseUserAdmin):
    audit_fields = ("username", "full_name", "email", "office", "role", "is_active", "is_staff")
    list_display = ["username", "full_name", "office", "role", "is_active"]
    list_filter = ["role", "is_active", "office__level"]
    search_fields = ["username", "full_name", "office__code"]
    raw_id_fields = ["office"]
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Thông tin cán bộ"), {"fields": ("full_name", "email", "job_title", "office", "role")}),
        (_("Trạng thái"), {"fields": ("is_active", "is_staff", "last_login", "date_joined")}),
    )
    readonly_fields = ["last_login", "date_joined"]

    def has_delete_permission(self, request, obj=None):
        # Accounts are deactivated, never deleted: the audit trail points at them.
        return False
