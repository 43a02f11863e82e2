"""Read-only admin of the outbox (recipients masked, encrypted text never shown)."""

from typing import Any

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from thads.notify.models import Notification


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ("created_at", "channel", "masked_recipient", "template", "status", "attempts")
    list_filter = ("channel", "status")
    exclude = ("recipient", "sealed", "context")
    readonly_fields = ("masked_recipient",)

    @admin.display(description=_("người nhận"))
    def masked_recipient(self, obj: Notification) -> str:
        return obj.recipient_masked

    def has_add_permission(self, request: Any) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False
