"""Read-mostly admin: receipts, payments and balances change only through the services; the
series symbols and the fee schedule (data with effective dates) are configuration."""

from django.contrib import admin
from django.http import HttpRequest

from receipts.models import BaseSalary
from receipts.models import CreditorBalance
from receipts.models import DailyStatement
from receipts.models import FeeBracket
from receipts.models import Payment
from receipts.models import Receipt
from receipts.models import ReceiptSeries


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(Receipt)
class ReceiptAdmin(ReadOnlyAdmin):
    list_display = ("series", "number", "office", "payer_name", "amount_vnd", "status")
    list_filter = ("status", "purpose", "method")
    search_fields = ("payer_name", "office__code")
    list_select_related = ("series", "office")
    exclude = ("lookup_code",)


@admin.register(Payment)
class PaymentAdmin(ReadOnlyAdmin):
    list_display = ("case", "creditor_name", "amount_vnd", "status", "approved_at")
    list_filter = ("status", "kind")


@admin.register(CreditorBalance)
class CreditorBalanceAdmin(ReadOnlyAdmin):
    list_display = ("case", "creditor_name", "collected_vnd", "paid_vnd")


@admin.register(DailyStatement)
class DailyStatementAdmin(ReadOnlyAdmin):
    list_display = ("office", "day", "issued", "valid", "voided", "chain_ok")


@admin.register(ReceiptSeries)
class ReceiptSeriesAdmin(admin.ModelAdmin):
    list_display = ("office", "kind", "symbol", "template_symbol", "year", "active")
    list_filter = ("kind", "year", "active")

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(FeeBracket)
class FeeBracketAdmin(admin.ModelAdmin):
    list_display = (
        "law_version",
        "lower_vnd",
        "upper_vnd",
        "base_fee_vnd",
        "rate_ppm",
        "valid_from",
        "valid_to",
    )


@admin.register(BaseSalary)
class BaseSalaryAdmin(admin.ModelAdmin):
    list_display = ("amount_vnd", "valid_from", "valid_to", "confidence")
