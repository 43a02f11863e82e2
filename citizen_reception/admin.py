"""Read-only admin: petitions, their steps and the reception log change only through the
services (audited); the deadline rules are data loaded from ``rules/deadlines.json``."""

from django.contrib import admin
from django.http import HttpRequest

from citizen_reception.models import Petition
from citizen_reception.models import PetitionDeadline
from citizen_reception.models import PetitionEvent
from citizen_reception.models import PetitionRule
from citizen_reception.models import ReceptionLogEntry
from citizen_reception.models import ReceptionSchedule


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


class PetitionEventInline(admin.TabularInline):
    model = PetitionEvent
    extra = 0
    can_delete = False
    fields = ("at", "action", "from_state", "to_state", "actor", "public_text")
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


class PetitionDeadlineInline(admin.TabularInline):
    model = PetitionDeadline
    extra = 0
    can_delete = False
    fields = ("code", "title", "starts_on", "due_on", "met_at", "cancelled")
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(Petition)
class PetitionAdmin(ReadOnlyAdmin):
    list_display = ("code", "kind", "state", "office", "received_office", "received_on")
    list_filter = ("kind", "state", "channel")
    search_fields = ("code", "subject")
    list_select_related = ("office", "received_office")
    exclude = ("idempotency_key",)
    inlines = (PetitionDeadlineInline, PetitionEventInline)


@admin.register(PetitionRule)
class PetitionRuleAdmin(ReadOnlyAdmin):
    list_display = ("code", "law_version", "unit", "length", "valid_from", "valid_to", "confidence")
    list_filter = ("law_version", "confidence", "unit")
    search_fields = ("code", "article", "title")


@admin.register(ReceptionLogEntry)
class ReceptionLogEntryAdmin(ReadOnlyAdmin):
    list_display = ("received_at", "office", "person_name", "result", "receiver")
    list_filter = ("result",)
    list_select_related = ("office", "receiver")


@admin.register(ReceptionSchedule)
class ReceptionScheduleAdmin(ReadOnlyAdmin):
    list_display = ("day", "starts_at", "office", "host", "online", "cancelled")
    list_filter = ("online", "cancelled")
    list_select_related = ("office", "host")
