"""Read-only admin: counters change only through thads.numbering.services.number_next."""

from django.contrib import admin
from django.http import HttpRequest

from thads.numbering.models import NumberSequence


@admin.register(NumberSequence)
class NumberSequenceAdmin(admin.ModelAdmin):
    list_display = ("office", "series", "year", "last_number", "updated_at")
    list_filter = ("year",)
    search_fields = ("series", "office__code", "office__name")
    list_select_related = ("office",)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
