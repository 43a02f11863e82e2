"""Read-only admin of the integration call log (the encrypted payload is never shown)."""

from typing import Any

from django.contrib import admin

from thads.integrations.models import IntegrationCall


@admin.register(IntegrationCall)
class IntegrationCallAdmin(admin.ModelAdmin):
    list_display = ("created_at", "system", "operation", "office", "status", "attempts")
    list_filter = ("system", "status")
    search_fields = ("idempotency_key", "object_id")
    exclude = ("payload_sealed",)

    def has_add_permission(self, request: Any) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False
