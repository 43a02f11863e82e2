"""The two documents of a petition as Decree 30 layouts (``thads.documents.pdf.AdminDocument``):
the acknowledgement (giấy biên nhận, TT13 Art 5; ND152 Art 9(4)) with the tracking code and a QR
to ``/tra-cuu/don/<code>``, and the resolution (decision on a complaint, conclusion on a
denunciation, or written answer). Pure: no database access; the caller passes loaded rows.
The documents' own words are Vietnamese whatever the interface language (never translated).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from thads.documents.pdf import AdminDocument

__all__ = [
    "AcknowledgementData",
    "ResolutionData",
    "acknowledgement_document",
    "resolution_document",
]


@dataclass(frozen=True)
class AcknowledgementData:
    """What the acknowledgement prints (loaded by the service)."""

    agency_parent: str
    agency: str
    place: str
    received_on: dt.date
    code: str
    kind_label: str
    channel_label: str
    subject: str
    petitioner_name: str
    petitioner_id: str
    petitioner_address: str
    attachments: tuple[str, ...]
    deadlines: tuple[tuple[str, dt.date], ...]
    responsible_office: str
    receiver_name: str
    tracking_url: str


@dataclass(frozen=True)
class ResolutionData:
    """What the resolution document prints (loaded by the service)."""

    agency_parent: str
    agency: str
    place: str
    day: dt.date
    number_symbol: str
    kind: str
    complaint_level: int | None
    code: str
    received_on: dt.date
    accepted_on: dt.date | None
    petitioner_name: str
    respondent: str
    subject: str
    summary: str
    legal_bases: tuple[str, ...]
    signer_name: str
    appeal_office: str


def acknowledgement_document(data: AcknowledgementData, verify_url: str = "") -> AdminDocument:
    """The acknowledgement; ``verify_url`` (the document's verification page) is printed in
    the body, the QR code leads to the tracking page."""
    who = data.petitioner_name or "người gửi không ghi họ tên"
    body = [
        f"{data.agency} đã nhận đơn của ông/bà: {who}"
        + (f"; giấy tờ tùy thân: {data.petitioner_id}" if data.petitioner_id else "")
        + (f"; địa chỉ: {data.petitioner_address}" if data.petitioner_address else "")
        + ".",
        f"Loại đơn: {data.kind_label}. Trích yếu: {data.subject}.",
        f"Hình thức nhận: {data.channel_label}; ngày nhận đơn: {data.received_on:%d/%m/%Y}.",
    ]
    if data.attachments:
        body.append("Tài liệu kèm theo: " + "; ".join(data.attachments) + ".")
    else:
        body.append("Tài liệu kèm theo: không có.")
    if data.responsible_office and data.responsible_office != data.agency:
        body.append(f"Đơn được chuyển đến {data.responsible_office} để giải quyết theo thẩm quyền.")
    for title, due in data.deadlines:
        body.append(f"Thời hạn {title[0].lower()}{title[1:]}: chậm nhất ngày {due:%d/%m/%Y}.")
    body.append(
        f"Mã tra cứu: {data.code}. Ông/bà tra cứu tiến độ giải quyết đơn tại {data.tracking_url} "
        "hoặc quét mã QR trên giấy này."
    )
    if verify_url:
        body.append("Kiểm tra tính xác thực của giấy biên nhận tại địa chỉ:")
        body.append(verify_url)
    return AdminDocument(
        agency_parent=data.agency_parent,
        agency=data.agency,
        number_symbol=f"{data.code}/GBN",
        place=data.place,
        date=data.received_on,
        doc_type="Giấy biên nhận",
        summary="Tiếp nhận đơn",
        body=body,
        recipients=("Người gửi đơn", "Lưu: hồ sơ đơn"),
        signer_title="Người tiếp nhận",
        signer_name=data.receiver_name,
        verify_url=data.tracking_url,
    )


def resolution_document(data: ResolutionData) -> AdminDocument:
    """The resolution: a decision on a complaint (lần đầu / lần hai), a conclusion on a
    denunciation, or a written answer to a proposal, report or enforcement request."""
    if data.kind == "complaint":
        word = "lần hai" if data.complaint_level == 2 else "lần đầu"
        doc_type, summary = "Quyết định", f"Giải quyết khiếu nại {word}"
        issuer = "THỦ TRƯỞNG CƠ QUAN THI HÀNH ÁN DÂN SỰ"
    elif data.kind == "denunciation":
        doc_type, summary, issuer = "Kết luận", "Nội dung tố cáo", ""
    else:
        doc_type, summary, issuer = "Văn bản", "Trả lời đơn", ""
    body: list[str] = []
    facts = f"Đơn mã {data.code} nhận ngày {data.received_on:%d/%m/%Y}"
    if data.accepted_on:
        facts += f", thụ lý ngày {data.accepted_on:%d/%m/%Y}"
    if data.kind == "denunciation":
        # The denouncer's identity is kept secret (Luật Tố cáo 2018 Art 9): the conclusion goes
        # to the accused too, so it never names the denouncer.
        facts += " của người tố cáo"
    else:
        facts += f" của ông/bà {data.petitioner_name or 'người gửi đơn'}"
    if data.respondent:
        facts += f" đối với {data.respondent}"
    facts += f" về việc: {data.subject}."
    body.append(facts)
    if doc_type == "Quyết định":
        body.append("QUYẾT ĐỊNH:")
        body.append(f"Điều 1. {data.summary}")
        if data.complaint_level == 2 or not data.appeal_office:
            body.append("Điều 2. Quyết định này có hiệu lực thi hành kể từ ngày ký.")
        else:
            body.append(
                "Điều 2. Trường hợp không đồng ý với quyết định này, người khiếu nại có quyền "
                f"khiếu nại lần hai đến {data.appeal_office} trong thời hạn 15 ngày kể từ ngày "
                "nhận được quyết định."
            )
        body.append(
            "Điều 3. Các cá nhân, đơn vị có liên quan chịu trách nhiệm thi hành quyết định này."
        )
    else:
        body.append(data.summary)
    bases = [b if b.startswith("Căn cứ") else f"Căn cứ {b}" for b in data.legal_bases]
    if data.kind == "complaint":
        bases.append("Căn cứ kết quả xác minh, làm rõ nội dung khiếu nại")
    elif data.kind == "denunciation":
        bases.append("Căn cứ kết quả xác minh nội dung tố cáo")
    return AdminDocument(
        agency_parent=data.agency_parent,
        agency=data.agency,
        number_symbol=data.number_symbol,
        place=data.place,
        date=data.day,
        doc_type=doc_type,
        summary=summary,
        legal_bases=bases,
        body=body,
        recipients=("Người gửi đơn", "Người bị khiếu nại, tố cáo (nếu có)", "Lưu: hồ sơ đơn"),
        signer_title="Thủ trưởng",
        signer_name=data.signer_name,
        issuer_title=issuer,
    )
