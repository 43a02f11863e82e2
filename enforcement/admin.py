"""Read-only admin: cases, deadlines and legal rules change only through the audited services
(and the rules through ``enforcement/rules/deadlines.json`` + ``enforcement_rules_sync``)."""

from django.contrib import admin
from django.http import HttpRequest

from enforcement.models import Case
from enforcement.models import CaseTask
from enforcement.models import Deadline
from enforcement.models import LegalRule
from enforcement.models import OutboundSubmission


class _ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(LegalRule)
class LegalRuleAdmin(_ReadOnly):
    list_display = (
        "code",
        "law_version",
        "article",
        "unit",
        "length",
        "valid_from",
        "valid_to",
        "confidence",
    )
    list_filter = ("law_version", "confidence", "unit")
    search_fields = ("code", "article", "title")


@admin.register(Case)
class CaseAdmin(_ReadOnly):
    list_display = ("number", "office", "kind", "state", "assigned_officer", "opened_at")
    list_filter = ("state", "kind", "legal_regime")
    search_fields = ("number", "debtor_name", "creditor_name")
    list_select_related = ("office", "assigned_officer")


@admin.register(Deadline)
class DeadlineAdmin(_ReadOnly):
    list_display = ("case", "rule_code", "trigger_on", "due_on", "status", "recomputed")
    list_filter = ("status", "rule_code")
    list_select_related = ("case",)


@admin.register(CaseTask)
class CaseTaskAdmin(_ReadOnly):
    list_display = ("title", "office", "assignee", "due_on", "status", "source")
    list_filter = ("status", "source")


@admin.register(OutboundSubmission)
class OutboundSubmissionAdmin(_ReadOnly):
    list_display = ("kind", "key", "office", "status", "attempts", "sent_at")
    list_filter = ("kind", "status")
