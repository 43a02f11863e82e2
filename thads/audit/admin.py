"""Read-only admin of the audit trail: nothing can be added, changed or deleted here."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from thads.audit.models import AuditChainHead
from thads.audit.models import AuditEvent


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def get_actions(self, request: HttpRequest) -> dict[str, Any]:
        return {}


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    list_display = ("occurred_at", "chain", "seq", "actor_username", "action", "object_repr")
    list_filter = ("action", "chain")
    search_fields = ("actor_username", "object_id", "object_repr", "request_id")
    date_hierarchy = "occurred_at"
    list_select_related = ("office",)
    show_full_result_count = False


@admin.register(AuditChainHead)
class AuditChainHeadAdmin(ReadOnlyAdmin):
    list_display = ("chain", "last_seq", "updated_at")
