"""Views: public verification of a signed decision, ``/tra-cuu/quyet-dinh/<token>``.

Public (no login), rate-limited per client address exactly like the core page ``/verify/``
(the same counter, :func:`thads.documents.verification.ratelimit.verify_rate_limit`); over the
limit 429 with ``Retry-After``. Reuses the core verification reads: the token lookup, the
upload check (hash first; only the registered file is parsed) and the public summary rows, so
the page shows only what the decision itself shows publicly (number, date, office, status),
never a party's name or identification number.
"""

from __future__ import annotations

from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from decisions.selectors import decision_public_signature
from thads.documents.models import PublicToken
from thads.documents.verification.forms import PdfCheckForm
from thads.documents.verification.ratelimit import verify_rate_limit
from thads.documents.verification.selectors import public_pdf_check
from thads.documents.verification.selectors import public_summary_rows
from thads.documents.verification.selectors import public_token_lookup
from thads.permissions import public_view

TEMPLATE = "decisions/public/decision_verify.html"


def _grouped(digest: str) -> str:
    return " ".join(digest[i : i + 8] for i in range(0, len(digest), 8))


def _protect(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "no-store"
    response["Referrer-Policy"] = "same-origin"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@public_view(note="citizens check a signed decision by its QR token; rate-limited per address")
@require_http_methods(["GET", "POST"])
def decision_verify(request: HttpRequest, token: str) -> HttpResponse:
    wait = verify_rate_limit(request)
    if wait:
        message = _(
            "Bạn đã tra cứu quá nhiều lần trong thời gian ngắn. Vui lòng thử lại sau "
            "%(seconds)s giây."
        ) % {"seconds": wait}
        response = render(
            request, TEMPLATE, {"state": "limited", "limit_message": message}, status=429
        )
        response["Retry-After"] = str(wait)
        return _protect(response)
    public_token = public_token_lookup(token=token)
    if public_token is None or public_token.kind != PublicToken.Kind.DECISION:
        return _protect(render(request, TEMPLATE, {"state": "unknown"}, status=404))
    form = PdfCheckForm()
    check = None
    if request.method == "POST":
        form = PdfCheckForm(request.POST, request.FILES)
        if form.is_valid():
            check = public_pdf_check(
                public_token=public_token, chunks=form.cleaned_data["pdf"].chunks()
            )
            form = PdfCheckForm()
    signature = check.signature if check is not None else None
    context = {
        "state": "revoked" if public_token.is_revoked else "valid",
        "public_token": public_token,
        "summary_rows": public_summary_rows(public_token.summary),
        "fingerprint": _grouped(public_token.pdf_sha256),
        "registered_signature": decision_public_signature(public_token=public_token),
        "form": form,
        "check": check,
        "altered": check is not None and not check.matches,
        "uploaded_fingerprint": _grouped(check.sha256) if check is not None else "",
        "signed_by": public_token.office.name
        if signature is not None and signature.office_code == public_token.office.code
        else (signature.signer_cn if signature is not None else ""),
    }
    status = 422 if request.method == "POST" and check is None else 200
    return _protect(render(request, TEMPLATE, context, status=status))
