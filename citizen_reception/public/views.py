"""Public pages of citizen reception: filing a petition online without an account, the filing
confirmation, and tracking a petition by its code.

Filing (``/nop-don/``): the citizen fills the form, asks for a one-time code (thads.notify,
by e-mail or SMS) and types it in with the final submit; the code proves the contact that
every later notification goes to. Limits (``throttle``): codes and submits per client address,
submits per identity number; the notify app adds its own per-recipient limit and locks a code
after 5 wrong tries. The hidden idempotency key makes a double click or a retried request
file one petition: a second request with the same key waits for the first and gets its result.

Tracking (``/tra-cuu/don/<code>``): the public timeline (no personal data). A known code and an
unknown one get the same page shape, and an unknown one is answered no faster than a known one
(the handling time of known codes is tracked per process); unknown codes count against the
address's budget, and an address over it, or over its per-minute lookups, gets 429 with
``Retry-After`` whatever it asks.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from django.core.cache import cache
from django.http import FileResponse
from django.http import Http404
from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import redirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.http import require_GET
from django.views.decorators.http import require_http_methods
from django.views.decorators.http import require_POST

from citizen_reception.exceptions import PetitionError
from citizen_reception.models import Petition
from citizen_reception.public import throttle
from citizen_reception.public.forms import CHANNEL_SMS
from citizen_reception.public.forms import OneTimeCodeRequestForm
from citizen_reception.public.forms import PetitionOnlineForm
from citizen_reception.public.forms import TrackFindForm
from citizen_reception.public.forms import attachment_limits
from citizen_reception.public.forms import normalize_tracking_code
from citizen_reception.public.queries import filed_petition
from citizen_reception.public.queries import province_choices
from citizen_reception.public.queries import receiving_office
from citizen_reception.selectors import petition_public_timeline
from citizen_reception.services import petition_receive
from citizen_reception.types import PetitionIntake
from thads.documents.exceptions import DocumentRejectedError
from thads.integrations.masking import mask_recipient
from thads.notify.exceptions import NotifyError
from thads.notify.exceptions import OneTimeCodeRateLimitedError
from thads.notify.services import one_time_code_check
from thads.notify.services import one_time_code_issue
from thads.notify.services import one_time_code_message
from thads.notify.types import OneTimeCodeCheck
from thads.permissions import public_view

logger = logging.getLogger(__name__)

FORM_TEMPLATE = "citizen_reception/public/petition_form.html"
FILED_TEMPLATE = "citizen_reception/public/petition_filed.html"
TRACK_TEMPLATE = "citizen_reception/public/petition_track.html"
OTP_PARTIAL = "citizen_reception/public/petition_form.html#otp-status"

#: The one-time code's purpose: a code asked for another form never files a petition.
OTP_PURPOSE = "citizen_reception.petition_online"
#: Session key: tracking codes filed from this browser (the confirmation and its PDF).
SESSION_FILED = "citizen_reception_filed"
#: How long a second request with the same idempotency key waits for the first one.
SINGLE_FLIGHT_WAIT_SECONDS = 20.0
#: Slack over the declared limits, for the multipart envelope and the text fields.
BODY_SLACK_BYTES = 1024 * 1024


def _protect(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "no-store"
    response["Referrer-Policy"] = "same-origin"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _wait_message(seconds: int) -> str:
    minutes = max(1, (seconds + 59) // 60)
    if seconds < 120:
        return _(
            "Bạn đã thao tác quá nhiều lần trong thời gian ngắn. Vui lòng thử lại sau "
            "%(seconds)s giây."
        ) % {"seconds": seconds}
    return _(
        "Bạn đã thao tác quá nhiều lần trong thời gian ngắn. Vui lòng thử lại sau %(minutes)s phút."
    ) % {"minutes": minutes}


# --- Filing -------------------------------------------------------------------------------------


def _form_context(form: PetitionOnlineForm, **extra: Any) -> dict[str, Any]:
    return {"form": form, "max_files": attachment_limits()[0], **extra}


def _render_form(
    request: HttpRequest, form: PetitionOnlineForm, *, status: int = 200, **extra: Any
) -> HttpResponse:
    return _protect(render(request, FORM_TEMPLATE, _form_context(form, **extra), status=status))


def _limited_form(request: HttpRequest, form: PetitionOnlineForm, wait: int) -> HttpResponse:
    response = _render_form(request, form, status=429, limit_message=_wait_message(wait))
    response["Retry-After"] = str(wait)
    return response


def _issue_code(channel: str, recipient: str) -> tuple[bool, str, int]:
    """Send a one-time code: (sent, the message to show, seconds to wait when limited)."""
    try:
        one_time_code_issue(channel=channel, recipient=recipient, purpose=OTP_PURPOSE)
    except OneTimeCodeRateLimitedError as exc:
        return False, exc.message, exc.retry_after_minutes * 60
    except NotifyError as exc:
        return False, exc.message, 0
    where = _("số điện thoại") if channel == CHANNEL_SMS else _("thư điện tử")
    return (
        True,
        _(
            "Đã gửi mã xác thực đến %(where)s %(masked)s. Mã có hiệu lực 10 phút; "
            "hãy nhập mã vào ô bên dưới."
        )
        % {"where": where, "masked": mask_recipient(recipient)},
        0,
    )


@public_view(note="citizens ask for the one-time code of the online petition; rate-limited")
@require_POST
def petition_code_send(request: HttpRequest) -> HttpResponse:
    """The "Gửi mã xác thực" button (htmx): answers the status fragment of the form."""
    form = OneTimeCodeRequestForm(request.POST)
    context: dict[str, Any] = {"otp_sent": False, "otp_message": ""}
    status = 200
    wait = 0
    if not form.is_valid():
        errors = [str(e) for field in form.errors.values() for e in field]
        context["otp_message"] = " ".join(errors)
        status = 422
    else:
        wait = throttle.otp_wait(request)
        if wait:
            context["otp_message"] = _wait_message(wait)
            status = 429
        else:
            sent, message, wait = _issue_code(form.cleaned_data["otp_channel"], form.recipient())
            context.update(otp_sent=sent, otp_message=message)
            status = 200 if sent else (429 if wait else 422)
    if request.htmx and status == 429:
        # htmx swaps 2xx and 422 only (base.html): the refusal is still a fragment to show.
        status = 422
    response = _protect(render(request, OTP_PARTIAL, context, status=status))
    if wait:
        response["Retry-After"] = str(wait)
    return response


def _intake(form: PetitionOnlineForm) -> PetitionIntake:
    data = form.cleaned_data
    by_sms = data["otp_channel"] == CHANNEL_SMS
    return PetitionIntake(
        kind=data["kind"],
        channel=Petition.Channel.ONLINE,
        subject=data["subject"].strip(),
        content=data["content"].strip(),
        petitioner_name=data["petitioner_name"].strip(),
        petitioner_id_number=data["petitioner_id_number"],
        petitioner_id_kind=data["petitioner_id_kind"],
        petitioner_birth_year=data.get("petitioner_birth_year"),
        petitioner_address=data["petitioner_address"].strip(),
        petitioner_phone=data.get("petitioner_phone", ""),
        petitioner_email=data.get("petitioner_email", ""),
        respondent=data.get("respondent", "").strip(),
        complaint_level=data.get("complaint_level"),
        judgment_reference=data.get("judgment_reference", "").strip(),
        province_code=data["province"],
        # Notifications go only to the contact the one-time code proved.
        notify_email="" if by_sms else data.get("petitioner_email", ""),
        notify_phone=data.get("petitioner_phone", "") if by_sms else "",
        attachments=list(data.get("attachments") or []),
    )


def _remember_filed(request: HttpRequest, code: str) -> None:
    filed = [c for c in request.session.get(SESSION_FILED, []) if c != code]
    request.session[SESSION_FILED] = [*filed[-9:], code]


def _single_flight_result(key: str) -> str | None:
    """The tracking code already filed under this idempotency key, waiting for a request
    with the same key still in flight; None when this request must do the work."""
    done_key, lock_key = f"petition-online:{key}:code", f"petition-online:{key}:lock"
    deadline = time.monotonic() + SINGLE_FLIGHT_WAIT_SECONDS
    while True:
        try:
            code = cache.get(done_key)
            if code:
                return str(code)
            if cache.add(lock_key, 1, timeout=int(SINGLE_FLIGHT_WAIT_SECONDS) + 10):
                return None
        except Exception:  # cache down: the service's idempotency key still holds
            return None
        if time.monotonic() > deadline:
            return None
        time.sleep(0.2)


def _single_flight_done(key: str, code: str | None) -> None:
    try:
        if code:
            cache.set(f"petition-online:{key}:code", code, timeout=86400)
        cache.delete(f"petition-online:{key}:lock")
    except Exception:
        logger.warning("Cache unavailable while finishing an online petition")


def _file(request: HttpRequest, form: PetitionOnlineForm) -> HttpResponse:
    """The final submit of a valid form: limits, the code, then the service."""
    data = form.cleaned_data
    key = data["idempotency_key"]
    code = _single_flight_result(key)
    if code is not None:  # a double submit: the first one filed it
        _remember_filed(request, code)
        return redirect("citizen_reception_public:petition-filed")
    filed_code = None
    try:
        wait = throttle.identity_wait(data["petitioner_id_number"])
        if wait:
            return _limited_form(request, form, wait)
        if not form.require_code():
            return _render_form(request, form, status=422)
        office = receiving_office(province_code=data["province"])
        if office is None:
            form.add_error(
                "province",
                _("Chưa có cơ quan thi hành án dân sự nhận đơn trực tuyến ở tỉnh, thành phố này."),
            )
            return _render_form(request, form, status=422)
        # Everything that can be refused without the code is checked above: the code is used
        # up by the check.
        outcome = one_time_code_check(
            recipient=form.recipient(), purpose=OTP_PURPOSE, code=data["otp_code"]
        )
        if outcome != OneTimeCodeCheck.OK:
            form.add_error("otp_code", one_time_code_message(outcome))
            return _render_form(request, form, status=422)
        try:
            petition = petition_receive(
                actor=None,
                receiving_office=office,
                data=_intake(form),
                idempotency_key=f"online-{key}",
            )
        except (PetitionError, DocumentRejectedError) as exc:
            form.add_error(None, exc.message)
            form.add_error(None, _("Mã xác thực đã được dùng; hãy yêu cầu mã mới rồi gửi lại đơn."))
            return _render_form(request, form, status=422)
        filed_code = petition.code
        throttle.identity_filed(data["petitioner_id_number"])
    finally:
        _single_flight_done(key, filed_code)
    _remember_filed(request, filed_code)
    return redirect("citizen_reception_public:petition-filed")


@public_view(note="citizens file a petition online without an account; one-time code; limited")
@require_http_methods(["GET", "POST"])
@csrf_exempt  # the body size is checked first; the CSRF check follows (Django's documented way)
def petition_file(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        total = attachment_limits()[2]
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > total + BODY_SLACK_BYTES:
            response = render(
                request,
                FORM_TEMPLATE,
                {
                    "too_large": _(
                        "Dữ liệu gửi lên quá lớn (tổng dung lượng tệp kèm theo tối đa "
                        "%(mb)s MB). Không có gì được lưu; hãy gửi lại với ít tệp hơn."
                    )
                    % {"mb": total // (1024 * 1024)},
                    "form": None,
                },
                status=413,
            )
            return _protect(response)
    return _petition_file(request)


@csrf_protect
def _petition_file(request: HttpRequest) -> HttpResponse:
    choices = province_choices()
    if request.method != "POST":
        return _render_form(request, PetitionOnlineForm(province_choices=choices))
    form = PetitionOnlineForm(request.POST, request.FILES, province_choices=choices)
    sending_code = request.POST.get("action") == "send_code"
    wait = throttle.otp_wait(request) if sending_code else throttle.submit_wait(request)
    if wait:
        form.is_valid()
        return _limited_form(request, form, wait)
    if sending_code:
        # Without JavaScript the code button submits the whole form: keep what was typed.
        code_form = OneTimeCodeRequestForm(request.POST)
        form.is_valid()
        if not code_form.is_valid():
            return _render_form(request, form, status=422)
        sent, message, wait = _issue_code(
            code_form.cleaned_data["otp_channel"], code_form.recipient()
        )
        response = _render_form(
            request,
            form,
            status=200 if sent else (429 if wait else 422),
            otp_sent=sent,
            otp_message=message,
            files_dropped=bool(request.FILES),
        )
        if wait:
            response["Retry-After"] = str(wait)
        return response
    if not form.is_valid():
        return _render_form(request, form, status=422)
    return _file(request, form)


@public_view(note="the filing confirmation, for the browser that filed; no personal data")
@require_GET
def petition_filed(request: HttpRequest) -> HttpResponse:
    codes = request.session.get(SESSION_FILED, [])
    if not codes:
        return redirect("citizen_reception_public:petition-file")
    petition = filed_petition(code=codes[-1])
    if petition is None:
        raise Http404
    track_url = request.build_absolute_uri(
        reverse("citizen_reception_public:petition-track", kwargs={"code": petition.code})
    )
    return _protect(render(request, FILED_TEMPLATE, {"petition": petition, "track_url": track_url}))


@public_view(note="the acknowledgement PDF, only for the browser that filed the petition")
@require_GET
def petition_filed_receipt(request: HttpRequest, code: str) -> HttpResponse:
    if code not in request.session.get(SESSION_FILED, []):
        raise Http404
    petition = filed_petition(code=code)
    if petition is None or petition.receipt_path is None or not petition.receipt_path.exists():
        raise Http404
    response = FileResponse(
        petition.receipt_path.open("rb"),
        content_type="application/pdf",
        filename=f"giay-bien-nhan-{petition.code}.pdf",
    )
    return _protect(response)


# --- Tracking -----------------------------------------------------------------------------------


class _KnownCodeTime:
    """A running average of how long a known code takes to answer, in this process."""

    def __init__(self, initial: float = 0.01, weight: float = 0.1) -> None:
        self.value = initial
        self.weight = weight

    def add(self, seconds: float) -> None:
        self.value += self.weight * (min(seconds, 0.5) - self.value)

    def pad(self, started: float) -> None:
        """Sleep until an unknown code took as long as a known one does (0.5 s at most)."""
        remaining = self.value - (time.perf_counter() - started)
        if remaining > 0:
            time.sleep(min(remaining, 0.5))


KNOWN_CODE_TIME = _KnownCodeTime()


def _track_limited(request: HttpRequest, wait: int) -> HttpResponse:
    response = render(
        request,
        TRACK_TEMPLATE,
        {"state": "limited", "limit_message": _wait_message(wait), "form": TrackFindForm()},
        status=429,
    )
    response["Retry-After"] = str(wait)
    return _protect(response)


@public_view(note="find a petition by its tracking code (the box); redirects to the timeline")
@require_GET
def petition_track_find(request: HttpRequest) -> HttpResponse:
    if "ma" not in request.GET:
        return _protect(render(request, TRACK_TEMPLATE, {"state": "", "form": TrackFindForm()}))
    form = TrackFindForm(request.GET)
    if not form.is_valid():
        return _protect(render(request, TRACK_TEMPLATE, {"state": "", "form": form}, status=422))
    return redirect("citizen_reception_public:petition-track", code=form.cleaned_data["ma"])


@public_view(note="a petition's public timeline by tracking code: no personal data; throttled")
@require_GET
def petition_track(request: HttpRequest, code: str) -> HttpResponse:
    started = time.perf_counter()
    wait = throttle.track_wait(request)
    if wait:
        return _track_limited(request, wait)
    # Malformed and unknown codes take the same path: one lookup, the same page, 404.
    timeline = petition_public_timeline(code=normalize_tracking_code(code))
    if timeline is None:
        throttle.track_miss(request)
        response = render(
            request,
            TRACK_TEMPLATE,
            {"state": "unknown", "form": TrackFindForm()},
            status=404,
        )
        KNOWN_CODE_TIME.pad(started)
        return _protect(response)
    response = render(
        request, TRACK_TEMPLATE, {"state": "found", "timeline": timeline, "form": TrackFindForm()}
    )
    KNOWN_CODE_TIME.add(time.perf_counter() - started)
    return _protect(response)


def track_floor_seconds() -> float:
    """The current answer time of a known code in this process (for tests and the bench)."""
    return KNOWN_CODE_TIME.value


__all__ = [
    "petition_code_send",
    "petition_file",
    "petition_filed",
    "petition_filed_receipt",
    "petition_track",
    "petition_track_find",
]
