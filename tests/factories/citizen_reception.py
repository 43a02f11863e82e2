"""Builders of citizen-reception test data: intakes (``PetitionIntake``) and small files.

Petitions themselves are made through ``citizen_reception.services.petition_receive`` (the
fixture ``receive_petition``), never by factory, so the code, routing and clocks are real."""

from __future__ import annotations

import datetime as dt
from typing import Any

from citizen_reception.types import PetitionIntake
from citizen_reception.types import UploadedFileLike

PETITIONER = {
    "petitioner_name": "Nguyễn Văn An",
    "petitioner_id_number": "001080001234",
    "petitioner_address": "Số 5 phố Hàng Bạc, phường Hoàn Kiếm",
    "petitioner_birth_year": 1980,
}


def make_intake(**fields: Any) -> PetitionIntake:
    """A complete counter complaint (first level, against a coercion measure); ``fields``
    override any value."""
    values: dict[str, Any] = {
        "kind": "complaint",
        "channel": "counter",
        "subject": "Khiếu nại quyết định cưỡng chế kê biên tài sản",
        "content": "Chấp hành viên kê biên căn nhà khi chưa hết thời hạn tự nguyện thi hành.",
        "complaint_level": 1,
        "complaint_object": "coercion",
        "respondent": "Chấp hành viên Phòng THADS khu vực 1",
        "received_on": None,
        **PETITIONER,
    }
    values.update(fields)
    if isinstance(values.get("received_on"), str):
        values["received_on"] = dt.date.fromisoformat(values["received_on"])
    return PetitionIntake(**values)


def png_file(name: str = "don.png") -> UploadedFileLike:
    """A valid 1x1 PNG image."""
    import base64

    data = base64.b64decode(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
    )
    return UploadedFileLike(name=name, content_type="image/png", content=data)
