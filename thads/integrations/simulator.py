"""Local simulator of every outside system, for the demo and the tests (no network, no new deps).

A threaded WSGI server (stdlib ``wsgiref``) that implements every operation of
:mod:`thads.integrations.operations` (OUR contract, not an official interface), checks each
request's HMAC signature, timestamp window and nonce (:mod:`thads.integrations.signing`), and
answers with deterministic fake data. Start it with::

    python manage.py integrations_simulator --port 8790

and leave ``THADS_USE_<SYSTEM>`` off: the client then talks to ``THADS_INTEGRATION_SIMULATOR_URL``
(``http://127.0.0.1:8790``) with ``THADS_INTEGRATION_SIMULATOR_SECRET``. Tests start it on a free
port (``tests/fixtures/integrations.py``).

Fake rules. The *key* of a request is its ``citizen_id`` (VNeID), ``phone`` (SMS),
``id_number`` (bank, land, vehicles, population) or ``decision_number`` (procuracy); what
matters is the key's last digit:

=====  ==========================================================================================
digit  answer
=====  ==========================================================================================
9      waits ``slow_seconds`` (12 s by default, beyond the client's 10 s read timeout), then
       answers normally: the client has already recorded a TIMEOUT
8      200 with an HTML body, not JSON: INVALID_RESPONSE
7      503 Service Unavailable: FAILED, retryable
6      422 request refused: FAILED, not retryable
0      nothing found (no bank account, parcel or vehicle; population: no such person);
       VNeID: 404, the citizen has no VNeID account (serve on paper)
other  found: fake accounts, parcels, vehicles, person data, derived from a hash of the key, so
       the same key always gets the same answer
=====  ==========================================================================================

A bad signature, a timestamp outside the 300-second window or a nonce seen before is 401; a
missing request field is 400. A repeated ``Idempotency-Key`` gets the first successful answer
again (same message id), as a careful partner does.

Inspection and control (no signature; the simulator listens on localhost only):

- ``GET /_sim/messages`` (``?system=sms_gateway``): every request received, in order, with its
  payload and the outcome (``ok``, ``not_found``, ``slow``, ``garbage``, ``unavailable``,
  ``refused``, ``unauthorized``, ``bad_request``, ``forced``);
- ``POST /_sim/control`` with JSON: ``{"failures": false}`` answers digits 6–9 normally (the
  partner "recovered"), ``{"slow_seconds": 1.5}``, ``{"force_status": 503}`` answers every
  request with that status (``null`` to stop), ``{"reset": true}`` forgets messages and answers
  and restores the start-up behaviour;
- ``GET /_sim/health``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import re
import threading
import time
from collections.abc import Callable
from collections.abc import Iterable
from decimal import Decimal
from socketserver import ThreadingMixIn
from typing import Any
from urllib.parse import parse_qs
from wsgiref.simple_server import WSGIRequestHandler
from wsgiref.simple_server import WSGIServer
from wsgiref.simple_server import make_server

from thads.integrations import signing
from thads.integrations.operations import OPERATIONS
from thads.integrations.operations import Operation

logger = logging.getLogger(__name__)

DEFAULT_SLOW_SECONDS = 12.0
MAX_BODY_BYTES = 1024 * 1024
GARBAGE_BODY = "<html><body><h1>Lỗi hệ thống</h1><p>Vui lòng thử lại sau</p></body></html>"
_MAX_NONCES = 10_000

StartResponse = Callable[[str, list[tuple[str, str]]], Any]

_SURNAMES = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi")
_MIDDLE = ("Văn", "Thị", "Minh", "Ngọc", "Đức", "Thu")
_GIVEN = ("An", "Bình", "Chi", "Dũng", "Hà", "Khánh", "Lan", "Nam", "Phương", "Tâm")
_PLACES = (
    "phường Ba Đình, thành phố Hà Nội",
    "phường Bến Thành, Thành phố Hồ Chí Minh",
    "phường Hải Châu, thành phố Đà Nẵng",
    "xã Tân Phú, tỉnh Đồng Nai",
    "phường Ninh Kiều, thành phố Cần Thơ",
)
_BRANCHES = ("Chi nhánh Hà Nội", "Chi nhánh Sài Gòn", "Chi nhánh Đà Nẵng", "Chi nhánh Cần Thơ")
_VEHICLES = (
    ("Ô tô con", "Toyota", "Vios"),
    ("Ô tô con", "VinFast", "VF 5"),
    ("Xe mô tô", "Honda", "Vision"),
    ("Xe mô tô", "Yamaha", "Exciter"),
)
_LAND_USES = ("ODT", "ONT", "CLN", "LUC")
_MARITAL = ("Chưa kết hôn", "Đã kết hôn", "Ly hôn")


def _digest(*parts: str) -> bytes:
    return hashlib.sha256("\x1f".join(parts).encode()).digest()


def _num(digest: bytes, index: int, modulo: int) -> int:
    start = (index * 4) % (len(digest) - 4)
    return int.from_bytes(digest[start : start + 4], "big") % modulo


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds")


def _last_digit(value: str) -> str:
    digits = re.findall(r"\d", value or "")
    return digits[-1] if digits else ""


def _request_id(op: Operation, idempotency_key: str) -> str:
    return "SIM-" + hashlib.sha256(f"{op.name}:{idempotency_key}".encode()).hexdigest()[:12].upper()


# --- Fake answers, one per operation --------------------------------------------------------


def _message_id(prefix: str, idempotency_key: str) -> str:
    return f"{prefix}-{hashlib.sha256(idempotency_key.encode()).hexdigest()[:16].upper()}"


def _bank(payload: dict[str, Any], found: bool) -> dict[str, Any]:
    d = _digest("bank", payload["id_number"], payload["bank_code"])
    accounts = []
    if found:
        for j in range(1 + d[0] % 2):
            accounts.append(
                {
                    "account_number": f"10{_num(d, 1 + j, 10**10):010d}",
                    "bank_code": payload["bank_code"],
                    "branch": _BRANCHES[_num(d, 3 + j, len(_BRANCHES))],
                    "balance_vnd": (_num(d, 5 + j, 9000) + 100) * 10_000,
                    "status": "active",
                }
            )
    return {"found": bool(accounts), "accounts": accounts}


def _land(payload: dict[str, Any], found: bool) -> dict[str, Any]:
    d = _digest("land", payload["id_number"], payload["province_code"])
    parcels = []
    if found:
        parcel, sheet = 1 + _num(d, 1, 800), 1 + _num(d, 2, 60)
        area = Decimal(40 + _num(d, 3, 460)) + Decimal(_num(d, 4, 10)) / 10
        parcels.append(
            {
                "certificate_number": f"CS{_num(d, 5, 10**6):06d}",
                "parcel_number": str(parcel),
                "map_sheet": str(sheet),
                "address": f"Thửa {parcel}, tờ bản đồ {sheet}, {_PLACES[_num(d, 6, len(_PLACES))]}",
                "area_m2": str(area),
                "land_use": _LAND_USES[_num(d, 7, len(_LAND_USES))],
                "encumbered": _num(d, 8, 4) == 0,
            }
        )
    return {"found": bool(parcels), "parcels": parcels}


def _vehicle(payload: dict[str, Any], found: bool) -> dict[str, Any]:
    d = _digest("vehicle", payload["id_number"])
    vehicles = []
    if found:
        kind, brand, model = _VEHICLES[_num(d, 1, len(_VEHICLES))]
        registered = dt.date(2015 + _num(d, 2, 10), 1 + _num(d, 3, 12), 1 + _num(d, 4, 28))
        plate = f"{29 + _num(d, 5, 70)}A-{_num(d, 6, 1000):03d}.{_num(d, 7, 100):02d}"
        vehicles.append(
            {
                "plate_number": plate,
                "kind": kind,
                "brand": brand,
                "model": model,
                "registered_on": registered.isoformat(),
            }
        )
    return {"found": bool(vehicles), "vehicles": vehicles}


def _population(payload: dict[str, Any], found: bool) -> dict[str, Any]:
    d = _digest("population", payload["id_number"])
    if not found:
        return {"found": False, "person": None}
    middle = _MIDDLE[_num(d, 2, len(_MIDDLE))]
    name = f"{_SURNAMES[_num(d, 1, len(_SURNAMES))]} {middle} {_GIVEN[_num(d, 3, len(_GIVEN))]}"
    born = dt.date(1950 + _num(d, 4, 55), 1 + _num(d, 5, 12), 1 + _num(d, 6, 28))
    home = _PLACES[_num(d, 7, len(_PLACES))]
    return {
        "found": True,
        "person": {
            "full_name": name,
            "birth_date": born.isoformat(),
            "gender": "Nữ" if middle == "Thị" else "Nam",
            "permanent_address": f"Số {1 + _num(d, 8, 200)}, {home}",
            "current_address": f"Số {1 + _num(d, 8, 200)}, {home}",
            "marital_status": _MARITAL[_num(d, 9, len(_MARITAL))],
            "deceased": False,
        },
    }


class Simulator:
    """The WSGI application and its in-memory state (thread-safe)."""

    def __init__(
        self, *, secret: str, token: str = "", slow_seconds: float = DEFAULT_SLOW_SECONDS
    ) -> None:
        self.secret = secret
        self.token = token
        self._defaults = {"slow_seconds": float(slow_seconds)}
        self._lock = threading.Lock()
        self.reset()

    # -- state -------------------------------------------------------------------------------

    def reset(self) -> None:
        """Forget messages and kept answers; restore the start-up behaviour."""
        with self._lock:
            # A slow answer still sleeping from before the reset must not write into the new
            # state (a test's leftovers would answer the next test): it checks the generation.
            self._generation = getattr(self, "_generation", 0) + 1
            self._messages: list[dict[str, Any]] = []
            self._answers: dict[tuple[str, str], tuple[int, dict[str, Any]]] = {}
            self._nonces: set[str] = set()
            self._procuracy_seq = 0
            self.failures = True
            self.slow_seconds = self._defaults["slow_seconds"]
            self.force_status: int | None = None

    def configure(
        self,
        *,
        failures: bool | None = None,
        slow_seconds: float | None = None,
        force_status: int | str | None = "keep",
    ) -> None:
        """Change the behaviour: rules 6–9 on or off, the slow delay, a forced status."""
        with self._lock:
            if failures is not None:
                self.failures = bool(failures)
            if slow_seconds is not None:
                self.slow_seconds = float(slow_seconds)
            if force_status != "keep":
                self.force_status = int(force_status) if force_status is not None else None

    def messages(self, system: str = "") -> list[dict[str, Any]]:
        """Every request received (a copy), optionally of one system."""
        with self._lock:
            return [dict(m) for m in self._messages if not system or m["system"] == system]

    def _record(self, **entry: Any) -> dict[str, Any]:
        with self._lock:
            entry["seq"] = len(self._messages) + 1
            entry["received_at"] = _now()
            self._messages.append(entry)
            return entry

    def _fresh_nonce(self, nonce: str) -> bool:
        with self._lock:
            if nonce in self._nonces:
                return False
            if len(self._nonces) >= _MAX_NONCES:
                self._nonces.clear()
            self._nonces.add(nonce)
            return True

    # -- WSGI --------------------------------------------------------------------------------

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        method = environ.get("REQUEST_METHOD", "GET")
        path = environ.get("PATH_INFO", "")
        if path == "/_sim/health":
            return self._json(start_response, 200, {"status": "ok"})
        if path == "/_sim/messages" and method == "GET":
            query = parse_qs(environ.get("QUERY_STRING", ""))
            system = (query.get("system") or [""])[0]
            return self._json(start_response, 200, {"messages": self.messages(system)})
        if path == "/_sim/control" and method == "POST":
            return self._control(environ, start_response)
        operation = next((op for op in OPERATIONS.values() if op.path == path), None)
        if operation is None or method != "POST":
            return self._json(start_response, 404, {"error": "not_found"})
        return self._operation(operation, environ, start_response)

    def _control(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        try:
            body = json.loads(self._body(environ) or b"{}")
        except ValueError:
            return self._json(start_response, 400, {"error": "invalid_json"})
        if body.get("reset"):
            self.reset()
        self.configure(
            failures=body.get("failures"),
            slow_seconds=body.get("slow_seconds"),
            force_status=body.get("force_status", "keep"),
        )
        state = {
            "failures": self.failures,
            "slow_seconds": self.slow_seconds,
            "force_status": self.force_status,
        }
        return self._json(start_response, 200, state)

    def _operation(
        self, op: Operation, environ: dict[str, Any], start_response: StartResponse
    ) -> Iterable[bytes]:
        raw = self._body(environ)
        key_header = environ.get("HTTP_IDEMPOTENCY_KEY", "")
        base = {"system": str(op.system), "operation": op.name, "path": op.path}
        authorized = signing.verify(
            secret=self.secret,
            timestamp=environ.get("HTTP_X_THADS_TIMESTAMP", ""),
            nonce=environ.get("HTTP_X_THADS_NONCE", ""),
            given=environ.get("HTTP_X_THADS_SIGNATURE", ""),
            method="POST",
            path=op.path,
            body=raw,
        )
        if authorized and self.token:
            authorized = environ.get("HTTP_AUTHORIZATION", "") == f"Bearer {self.token}"
        if not authorized or not self._fresh_nonce(environ.get("HTTP_X_THADS_NONCE", "")):
            self._record(**base, idempotency_key=key_header, payload=None, outcome="unauthorized")
            return self._json(start_response, 401, {"error": "invalid_signature"})
        try:
            payload = json.loads(raw)
        except ValueError:
            payload = None
        missing = [
            name
            for name in op.request_fields
            if not isinstance(payload, dict) or not isinstance(payload.get(name), str)
        ]
        if missing or not key_header:
            self._record(**base, idempotency_key=key_header, payload=payload, outcome="bad_request")
            return self._json(
                start_response, 400, {"error": "bad_request", "missing": missing or ["key"]}
            )
        entry = dict(base, idempotency_key=key_header, payload=payload)
        generation, failing = self._generation, self.failures

        if self.force_status is not None:
            self._record(**entry, outcome="forced")
            return self._json(start_response, self.force_status, {"error": "forced"})
        kept = self._answers.get((op.path, key_header))
        if kept is not None:
            self._record(**entry, outcome="replayed")
            return self._json(start_response, *kept)
        digit = _last_digit(payload[op.key_field])
        if failing and digit in ("6", "7", "8", "9"):
            if digit == "9":
                self._record(**entry, outcome="slow")
                time.sleep(self.slow_seconds)
            elif digit == "8":
                self._record(**entry, outcome="garbage")
                start_response("200 OK", [("Content-Type", "text/html; charset=utf-8")])
                return [GARBAGE_BODY.encode()]
            elif digit == "7":
                self._record(**entry, outcome="unavailable")
                return self._json(start_response, 503, {"error": "unavailable"})
            else:
                self._record(**entry, outcome="refused")
                return self._json(start_response, 422, {"error": "refused"})
        status, answer = self._answer(op, payload, key_header, found=digit != "0")
        if (digit != "9" or not failing) and generation == self._generation:
            self._record(
                **entry,
                outcome="ok" if status == 200 else "not_found",
                message_id=answer.get("message_id", ""),
            )
        if status == 200:
            with self._lock:
                if generation == self._generation:
                    self._answers[(op.path, key_header)] = (status, answer)
        return self._json(start_response, status, answer)

    def _answer(
        self, op: Operation, payload: dict[str, Any], key: str, *, found: bool
    ) -> tuple[int, dict[str, Any]]:
        if op.name == "vneid.send_notice":
            if not found:
                return 404, {"error": "no_vneid_account"}
            return 200, {"message_id": _message_id("VNEID", key), "accepted_at": _now()}
        if op.name == "sms.send":
            return 200, {"message_id": _message_id("SMS", key), "accepted_at": _now()}
        if op.name == "procuracy.send_decision":
            with self._lock:
                self._procuracy_seq += 1
                seq = self._procuracy_seq
            year = dt.datetime.now(dt.UTC).year
            return 200, {"receipt_number": f"VKS-{year}-{seq:06d}", "received_at": _now()}
        builders = {
            "bank.account_inquiry": _bank,
            "land_registry.inquiry": _land,
            "vehicle_registry.inquiry": _vehicle,
            "population_db.lookup": _population,
        }
        answer = builders[op.name](payload, found)
        return 200, {"request_id": _request_id(op, key), **answer, "answered_at": _now()}

    @staticmethod
    def _body(environ: dict[str, Any]) -> bytes:
        try:
            length = int(environ.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        return environ["wsgi.input"].read(min(length, MAX_BODY_BYTES)) if length > 0 else b""

    @staticmethod
    def _json(start_response: StartResponse, status: int, data: Any) -> Iterable[bytes]:
        reasons = {
            200: "OK",
            400: "Bad Request",
            401: "Unauthorized",
            404: "Not Found",
            422: "Unprocessable Entity",
            503: "Service Unavailable",
        }
        body = json.dumps(data, ensure_ascii=False).encode()
        start_response(
            f"{status} {reasons.get(status, 'Status')}",
            [
                ("Content-Type", "application/json; charset=utf-8"),
                ("Content-Length", str(len(body))),
            ],
        )
        return [body]


class _ThreadingServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True
    allow_reuse_address = True


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        logger.debug("simulator: " + format, *args)


class SimulatorServer:
    """The simulator on a host and port (0: a free one), served from a background thread."""

    def __init__(
        self,
        *,
        secret: str,
        host: str = "127.0.0.1",
        port: int = 0,
        token: str = "",
        slow_seconds: float = DEFAULT_SLOW_SECONDS,
    ) -> None:
        self.app = Simulator(secret=secret, token=token, slow_seconds=slow_seconds)
        self.httpd = make_server(
            host, port, self.app, server_class=_ThreadingServer, handler_class=_QuietHandler
        )
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}"

    def start(self) -> SimulatorServer:
        """Serve from a daemon thread; returns self."""
        self._thread = threading.Thread(
            target=self.httpd.serve_forever, name="integrations-simulator", daemon=True
        )
        self._thread.start()
        return self

    def serve_forever(self) -> None:
        """Serve in the calling thread until interrupted (the management command)."""
        self.httpd.serve_forever()

    def stop(self) -> None:
        """Stop serving and close the socket."""
        self.httpd.shutdown()
        self.httpd.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
