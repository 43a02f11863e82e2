"""Public receipt lookup: by the QR code's token, and by series, number and amount.

Public (no login), rate-limited per client address with the core's verification limiter
(``thads.documents.verification.ratelimit``): over the limit the page answers 429 with
``Retry-After``. Personal data are masked. The page layout is the core verify page's.
"""

from __future__ import annotations

from typing import Any

from django.http import FileResponse
from django.http import Http404
from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from receipts.forms import PublicFindForm
from receipts.models import Receipt
from receipts.selectors import mask_id_number
from receipts.selectors import mask_name
from receipts.selectors import receipt_chain_position
from receipts.selectors import receipt_public_find
from receipts.selectors import receipt_public_lookup
from thads.documents.conf import media_root
from thads.documents.verification.ratelimit import verify_rate_limit
from thads.permissions import public_view

TEMPLATE = "receipts/public/receipt_verify.html"
FIND_TEMPLATE = "receipts/public/receipt_find.html"


def _protect(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "no-store"
    response["Referrer-Policy"] = "same-origin"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _limited(request: HttpRequest, template: str, wait: int) -> HttpResponse:
    response = render(
        request,
        template,
        {
            "state": "limited",
            "limit_message": _(
                "Bạn đã tra cứu quá nhiều lần trong thời gian ngắn. Vui lòng thử lại sau "
                "%(seconds)s giây."
            )
            % {"seconds": wait},
            "form": PublicFindForm(),
        },
        status=429,
    )
    response["Retry-After"] = str(wait)
    return _protect(response)


def receipt_public_context(receipt: Receipt) -> dict[str, Any]:
    """What the public page shows of a receipt: masked payer, status, signature, chain."""
    return {
        "state": "voided" if receipt.is_voided else "valid",
        "receipt": receipt,
        "payer_masked": mask_name(receipt.payer_name),
        "payer_id_masked": mask_id_number(receipt.payer_id_number),
        "chain": receipt_chain_position(receipt=receipt),
        "signed": receipt.signed_at is not None,
    }


@public_view(note="citizens check a receipt by the token in its QR code; rate-limited")
@require_GET
def receipt_verify(request: HttpRequest, token: str) -> HttpResponse:
    wait = verify_rate_limit(request)
    if wait:
        return _limited(request, TEMPLATE, wait)
    receipt = receipt_public_lookup(token=token)
    if receipt is None:
        return _protect(render(request, TEMPLATE, {"state": "unknown"}, status=404))
    context = receipt_public_context(receipt)
    context["token"] = token
    return _protect(render(request, TEMPLATE, context))


@public_view(note="the signed PDF of a receipt, for whoever holds its QR token; rate-limited")
@require_GET
def receipt_public_pdf(request: HttpRequest, token: str) -> HttpResponse:
    wait = verify_rate_limit(request)
    if wait:
        return _limited(request, TEMPLATE, wait)
    receipt = receipt_public_lookup(token=token)
    if receipt is None or not receipt.pdf_name:
        raise Http404
    response = FileResponse(
        (media_root() / receipt.pdf_name).open("rb"),
        content_type="application/pdf",
        filename=f"bien-lai-{receipt.number:07d}.pdf",
    )
    return _protect(response)


@public_view(note="find a receipt by series, number and amount; rate-limited")
@require_GET
def receipt_find(request: HttpRequest) -> HttpResponse:
    if not request.GET:
        return _protect(render(request, FIND_TEMPLATE, {"form": PublicFindForm(), "state": ""}))
    wait = verify_rate_limit(request)
    if wait:
        return _limited(request, FIND_TEMPLATE, wait)
    form = PublicFindForm(request.GET)
    if not form.is_valid():
        return _protect(render(request, FIND_TEMPLATE, {"form": form, "state": ""}, status=422))
    data = form.cleaned_data
    receipt = receipt_public_find(
        symbol=data["symbol"], number=data["number"], amount_vnd=data["amount"]
    )
    if receipt is None:
        return _protect(
            render(request, FIND_TEMPLATE, {"form": form, "state": "unknown"}, status=404)
        )
    context = receipt_public_context(receipt)
    context["form"] = form
    return _protect(render(request, FIND_TEMPLATE, context))
