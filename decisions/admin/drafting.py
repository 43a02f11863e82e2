"""Admin: decisions, batches, templates, creditor requests (read-only; every change goes
through the services, and templates come from the registry files)."""

from typing import Any

from django.contrib import admin

from decisions.models import CreditorRequest
from decisions.models import Decision
from decisions.models import DecisionBatch
from decisions.models import DecisionTemplate


class _ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request: Any) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False


@admin.register(DecisionTemplate)
class DecisionTemplateAdmin(_ReadOnly):
    list_display = (
        "kind",
        "version",
        "title",
        "form_code",
        "issuing_level",
        "valid_from",
        "valid_to",
    )
    list_filter = ("kind", "issuing_level")


@admin.register(Decision)
class DecisionAdmin(_ReadOnly):
    list_display = ("number_symbol", "kind", "status", "office", "debtor_name", "issued_on")
    list_filter = ("status", "kind", "law_version")
    search_fields = ("number_symbol", "debtor_name", "source_key")


@admin.register(DecisionBatch)
class DecisionBatchAdmin(_ReadOnly):
    list_display = ("title", "office", "created_by", "created_at")


@admin.register(CreditorRequest)
class CreditorRequestAdmin(_ReadOnly):
    list_display = ("judgment", "creditor_name", "received_on", "recorded_by")
