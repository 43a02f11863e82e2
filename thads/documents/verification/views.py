"""The citizen's verification page behind every QR code: ``/verify/<token>/``.

Public (no login). Every request, GET or POST, counts against the client address's limit
(:mod:`thads.documents.verification.ratelimit`); over it the page answers 429 with
``Retry-After``. An unknown token gets 404 with the same page shape. The page is never cached
and sends its URL as referrer only to this site, so the token does not leak to other sites.
"""

from __future__ import annotations

from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from thads.documents.verification.forms import PdfCheckForm
from thads.documents.verification.ratelimit import verify_rate_limit
from thads.documents.verification.selectors import public_pdf_check
from thads.documents.verification.selectors import public_summary_rows
from thads.documents.verification.selectors import public_token_lookup
from thads.permissions import public_view

TEMPLATE = "documents/public/verify.html"


def _grouped(digest: str) -> str:
    """A SHA-256 hex digest in groups of eight, easier to compare by eye."""
    return " ".join(digest[i : i + 8] for i in range(0, len(digest), 8))


def _protect(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "no-store"
    # Never sent to other sites with the token in it. Not "no-referrer": browsers then send
    # "Origin: null" with the upload form, which Django's CSRF check rightly refuses.
    response["Referrer-Policy"] = "same-origin"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@public_view(note="citizens check a signed document by its QR token; rate-limited per address")
@require_http_methods(["GET", "POST"])
def document_verify(request: HttpRequest, token: str) -> HttpResponse:
    wait = verify_rate_limit(request)
    if wait:
        response = render(
            request,
            TEMPLATE,
            {
                "state": "limited",
                "limit_message": _(
                    "Bạn đã tra cứu quá nhiều lần trong thời gian ngắn. Vui lòng thử lại sau "
                    "%(seconds)s giây."
                )
                % {"seconds": wait},
            },
            status=429,
        )
        response["Retry-After"] = str(wait)
        return _protect(response)

    public_token = public_token_lookup(token=token)
    if public_token is None:
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
    uploaded_fingerprint = _grouped(check.sha256) if check is not None else ""
    signed_by = ""
    if check is not None and check.signature is not None:
        # A certificate's common name holds 64 bytes, too few for some office names: when the
        # certificate is the registered office's (its OU is the office code), show the full name.
        same_office = check.signature.office_code == public_token.office.code
        signed_by = public_token.office.name if same_office else check.signature.signer_cn
    context = {
        "state": "revoked" if public_token.is_revoked else "valid",
        "public_token": public_token,
        "summary_rows": public_summary_rows(public_token.summary),
        "fingerprint": _grouped(public_token.pdf_sha256),
        "form": form,
        "check": check,
        "uploaded_fingerprint": uploaded_fingerprint,
        "signed_by": signed_by,
    }
    status = 422 if request.method == "POST" and check is None else 200
    return _protect(render(request, TEMPLATE, context, status=status))
