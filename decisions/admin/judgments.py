"""Admin: judgments (read-only; every change goes through the review screen's services)."""

from typing import Any

from django.contrib import admin

from decisions.models import ExtractedField
from decisions.models import FieldCorrection
from decisions.models import Judgment


class _ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request: Any) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False


@admin.register(Judgment)
class JudgmentAdmin(_ReadOnly):
    list_display = ("number", "court", "issued_on", "case_type", "office", "status", "received_at")
    list_filter = ("status", "case_type", "source")
    search_fields = ("number", "court")
    exclude = ("extraction",)


@admin.register(ExtractedField)
class ExtractedFieldAdmin(_ReadOnly):
    list_display = ("judgment", "path", "confidence", "page", "source", "status")
    list_filter = ("status", "source")


@admin.register(FieldCorrection)
class FieldCorrectionAdmin(_ReadOnly):
    list_display = ("judgment", "path", "corrected_by", "corrected_at")
