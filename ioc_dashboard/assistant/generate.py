"""Generated question sets: training questions and the evaluation set, from separate templates.

``generate_train(n, seed)`` draws questions from the TRAINING wording (``_TRAIN_*``);
``generate_eval(n, seed)`` from the EVALUATION wording (``_EVAL_*``): other sentence frames, other
ways of naming the figures and the breakdowns, other fillers, other unreadable questions. Both
share only the entity vocabulary (``phrases``: provinces, periods, case types, statuses,
offices, officers), whose answers are computed here, independently of the parser.

Each example: ``{"question", "today", "expected"}`` where ``expected`` is the intent JSON of
``manage.py ask`` or None for a question the assistant must not pretend to understand.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from pathlib import Path
from typing import Any

from ioc_dashboard.assistant import phrases as ph
from ioc_dashboard.types import FILTER_KEYS
from ioc_dashboard.types import GROUP_BYS
from ioc_dashboard.types import METRICS

DATA_DIR = Path(__file__).resolve().parent / "data"

# ---------------------------------------------------------------- training wording
# Figures are phrased by a small grammar: quantity word x noun x predicate, or verb first.
_Q = [
    "số",
    "số lượng",
    "tổng số",
    "lượng",
    "bao nhiêu",
    "có bao nhiêu",
    "mấy",
    "có mấy",
    "tổng cộng bao nhiêu",
    "số liệu",
    "thống kê số",
    "những",
    "",
]
_Q_SUFFIX = ["", "", "", "là bao nhiêu", "bao nhiêu", "được bao nhiêu", "là mấy", "hiện nay"]
_CASE = ["việc", "vụ việc", "hồ sơ", "việc thi hành án", "vụ", "việc thi hành"]
_PETITION = [
    "đơn",
    "đơn thư",
    "đơn khiếu nại",
    "đơn khiếu nại tố cáo",
    "đơn kiến nghị",
    "khiếu nại",
    "đơn khiếu nại, tố cáo",
    "khiếu nại tố cáo",
]
_RECEIPT = ["biên lai", "biên lai thu tiền", "biên lai thu", "tờ biên lai"]
_DECISION = ["quyết định", "quyết định thi hành án", "QĐ thi hành án", "quyết định THA"]
_MONEY = ["tiền", "số tiền", "tổng tiền", "giá trị", "khoản tiền"]
_PRED: dict[str, tuple[list[str], list[str]]] = {
    # metric: (nouns, predicates after the noun)
    "cases_received": (
        _CASE,
        [
            "thụ lý",
            "thụ lý mới",
            "mới thụ lý",
            "đã thụ lý",
            "nhận mới",
            "mới nhận",
            "đã nhận",
            "tiếp nhận",
            "nhận về",
            "thụ lý trong kỳ",
        ],
    ),
    "cases_completed": (
        _CASE,
        [
            "thi hành xong",
            "đã xong",
            "xong",
            "giải quyết xong",
            "hoàn thành",
            "đã hoàn thành",
            "kết thúc",
            "thi hành dứt điểm",
            "đã thi hành xong",
        ],
    ),
    "cases_pending": (
        _CASE,
        [
            "còn tồn",
            "tồn",
            "tồn đọng",
            "đang tồn",
            "chưa xong",
            "chưa thi hành xong",
            "đang thi hành",
            "đang giải quyết",
            "còn phải thi hành",
            "còn lại",
            "chuyển sang kỳ sau",
            "đang thụ lý",
        ],
    ),
    "cases_overdue": (
        _CASE,
        [
            "quá hạn",
            "trễ hạn",
            "bị quá hạn",
            "đã quá hạn",
            "chậm",
            "chậm tiến độ",
            "vượt thời hạn",
            "quá hạn xử lý",
            "bị trễ",
            "trễ",
            "quá thời hạn",
        ],
    ),
    "cases_with_conditions": (
        _CASE,
        [
            "có điều kiện",
            "có điều kiện thi hành",
            "đủ điều kiện thi hành",
            "có điều kiện thi hành án",
        ],
    ),
    "cases_without_conditions": (
        _CASE,
        [
            "chưa có điều kiện",
            "không có điều kiện",
            "chưa có điều kiện thi hành",
            "chưa đủ điều kiện",
            "chưa có điều kiện thi hành án",
        ],
    ),
    "petitions_received": (
        _PETITION,
        ["nhận được", "đã nhận", "tiếp nhận", "đã tiếp nhận", "mới", "gửi đến", "", "nhận"],
    ),
    "petitions_pending": (
        _PETITION,
        [
            "chưa giải quyết",
            "còn tồn",
            "tồn đọng",
            "đang xử lý",
            "chưa xử lý xong",
            "chưa trả lời",
            "đang giải quyết",
            "tồn",
            "chưa giải quyết xong",
        ],
    ),
    "complaints_overdue": (
        ["đơn khiếu nại", "khiếu nại", "đơn", "đơn thư"],
        [
            "quá hạn",
            "trễ hạn",
            "quá hạn giải quyết",
            "chậm giải quyết",
            "bị quá hạn",
            "trễ hạn giải quyết",
            "quá hạn trả lời",
        ],
    ),
    "receipts_issued": (
        _RECEIPT,
        [
            "phát hành",
            "đã phát hành",
            "đã lập",
            "đã in",
            "đã cấp",
            "sử dụng",
            "",
            "đã xuất",
            "xuất",
        ],
    ),
    "receipts_voided": (
        _RECEIPT,
        ["bị hủy", "đã hủy", "hủy", "hủy bỏ", "bị huỷ", "xóa bỏ", "bị hủy bỏ", "huỷ"],
    ),
    "decisions_issued": (
        _DECISION,
        ["đã ra", "ban hành", "đã ban hành", "được ban hành", "đã ký", "ra", "", "được ra"],
    ),
    "money_collected": (
        _MONEY,
        ["thu", "thu được", "đã thu", "thu về", "thu hồi", "đã thu hồi", "đã thu được"],
    ),
    "money_paid_out": (
        _MONEY,
        [
            "chi trả",
            "đã chi trả",
            "đã trả",
            "trả cho người được thi hành án",
            "chi",
            "đã chi",
            "trả cho đương sự",
            "chi trả cho người được thi hành án",
            "đã chi trả cho đương sự",
        ],
    ),
    "money_pending": (
        _MONEY,
        [
            "còn phải thi hành",
            "chưa thi hành",
            "tồn",
            "còn tồn",
            "tồn đọng",
            "chưa thu được",
            "còn phải thu",
            "chưa thu hồi",
            "chưa thi hành xong",
        ],
    ),
}
_VERB_FIRST: dict[str, list[str]] = {
    "cases_received": ["thụ lý {q} {n}", "nhận {q} {n}", "đã thụ lý {q} {n}", "thụ lý mới {q} {n}"],
    "cases_completed": [
        "thi hành xong {q} {n}",
        "giải quyết xong {q} {n}",
        "xong {q} {n}",
        "hoàn thành {q} {n}",
    ],
    "cases_pending": ["còn {q} {n}", "còn tồn {q} {n}", "tồn {q} {n}", "đang thi hành {q} {n}"],
    "cases_overdue": ["có {q} {n} quá hạn", "trễ hạn {q} {n}", "quá hạn {q} {n}"],
    "money_collected": [
        "thu được {q} tiền",
        "thu {q}",
        "đã thu {q}",
        "thu về {q}",
        "thu được {q}",
        "tổng thu",
        "thu được mấy tỷ",
        "thu hồi được {q}",
    ],
    "money_paid_out": [
        "chi trả {q}",
        "đã trả {q}",
        "chi trả được {q}",
        "đã chi {q} tiền",
        "trả cho người được thi hành án {q}",
        "tổng chi trả",
    ],
    "money_pending": [
        "còn {q} tiền phải thi hành",
        "còn tồn {q} tiền",
        "còn phải thu {q}",
        "tồn {q} tiền",
    ],
    "decisions_issued": [
        "ra {q} quyết định",
        "ban hành {q} quyết định",
        "đã ra {q} quyết định thi hành án",
    ],
    "receipts_issued": ["phát hành {q} biên lai", "lập {q} biên lai", "đã in {q} biên lai"],
    "receipts_voided": ["hủy {q} biên lai", "đã hủy {q} biên lai"],
    "petitions_received": ["nhận {q} đơn", "tiếp nhận {q} đơn", "nhận được {q} đơn khiếu nại"],
    "petitions_pending": ["còn {q} đơn chưa giải quyết", "tồn {q} đơn", "còn {q} đơn"],
    "complaints_overdue": ["có {q} đơn quá hạn", "{q} khiếu nại trễ hạn"],
}
_RATE_HEAD = ["tỷ lệ", "tỉ lệ", "tỷ lệ phần trăm", "tỉ lệ %"]
_RATE_WHAT = [
    "hoàn thành",
    "thi hành xong",
    "xong",
    "giải quyết xong",
    "thi hành",
    "kết quả thi hành",
]
_RATE_CASES = [
    "về việc",
    "theo việc",
    "tính theo việc",
    "trên số việc",
    "về số việc",
    "theo số việc",
    "tính trên việc",
    "",
    "",
    "",
]
_RATE_MONEY = [
    "về tiền",
    "theo tiền",
    "tính theo tiền",
    "về giá trị",
    "theo giá trị",
    "tính bằng tiền",
    "trên số tiền",
    "về số tiền",
    "theo số tiền",
]
_RATE_SUFFIX = [
    "",
    "",
    "đạt bao nhiêu",
    "là bao nhiêu",
    "bao nhiêu phần trăm",
    "đạt mấy phần trăm",
    "được bao nhiêu",
    "bao nhiêu %",
]


def _train_metric_phrase(metric: str, rng: random.Random) -> str:
    q = rng.choice(["bao nhiêu", "mấy", "được bao nhiêu", "tổng cộng bao nhiêu"])
    if metric in ("completion_rate_cases", "completion_rate_money"):
        tail = _RATE_CASES if metric == "completion_rate_cases" else _RATE_MONEY
        parts = [
            rng.choice(_RATE_HEAD),
            rng.choice(_RATE_WHAT),
            rng.choice(tail),
            rng.choice(_RATE_SUFFIX),
        ]
        return " ".join(p for p in parts if p)
    if metric in _VERB_FIRST and rng.random() < 0.3:
        nouns = _PRED[metric][0]
        return rng.choice(_VERB_FIRST[metric]).format(q=q, n=rng.choice(nouns))
    nouns, preds = _PRED[metric]
    parts = [rng.choice(_Q), rng.choice(nouns), rng.choice(preds), rng.choice(_Q_SUFFIX)]
    return " ".join(p for p in parts if p)


_G_PREFIX = [
    "theo",
    "theo từng",
    "chia theo",
    "phân theo",
    "từng",
    "mỗi",
    "ở từng",
    "của từng",
    "của các",
    "các",
    "cho từng",
    "tách theo",
    "phân tích theo",
    "liệt kê theo",
    "xếp theo",
    "so sánh giữa các",
    "theo các",
    "trên từng",
]
_G_UNIT: dict[str, list[str]] = {
    "province": [
        "tỉnh",
        "tỉnh thành",
        "địa phương",
        "tỉnh, thành phố",
        "tỉnh thành phố",
        "cục THADS tỉnh",
    ],
    "office": [
        "phòng",
        "đơn vị",
        "phòng thi hành án",
        "phòng THADS khu vực",
        "phòng khu vực",
        "cơ quan",
        "đơn vị trực thuộc",
    ],
    "officer": [
        "chấp hành viên",
        "CHV",
        "cán bộ",
        "người",
        "chấp hành viên phụ trách",
        "cán bộ thụ lý",
    ],
    "month": ["tháng"],
    "case_type": ["loại án", "loại việc", "loại", "lĩnh vực", "nhóm án", "loại vụ việc"],
}
_G_EXTRA = {
    "month": [
        "hàng tháng",
        "qua các tháng",
        "diễn biến theo tháng",
        "từng tháng một",
        "theo từng tháng trong kỳ",
    ]
}


def _train_group_phrase(group: str, rng: random.Random) -> str:
    if group in _G_EXTRA and rng.random() < 0.3:
        return rng.choice(_G_EXTRA[group])
    return f"{rng.choice(_G_PREFIX)} {rng.choice(_G_UNIT[group])}"


_T_OPEN = [
    "",
    "",
    "",
    "",
    "dạ cho em hỏi",
    "chị ơi",
    "anh ơi",
    "em cần",
    "nhờ xem giúp",
    "cho mình hỏi",
    "anh chị xem giúp",
    "cho tôi biết",
    "xem",
    "hãy cho biết",
    "tra cứu",
    "thống kê",
    "tổng hợp",
    "cho hỏi",
    "vui lòng cho biết",
    "tôi cần số liệu",
    "liệt kê",
    "hiển thị",
    "em hỏi",
    "cho xem",
    "hỏi",
    "kiểm tra",
    "tính giúp",
    "số liệu",
]
_T_CLOSE = [
    "",
    "",
    "",
    "",
    "ạ",
    "với ạ",
    "giúp em",
    "nhé anh",
    "chị nhé",
    "?",
    "là bao nhiêu?",
    "thế nào",
    "ra sao?",
    "nhé",
    "vậy?",
    "được không?",
    "nhỉ",
]
_T_PLACE_PREP = ["", "", "ở", "tại", "của", "thuộc", "bên"]
_T_PERIOD_PREP = ["", "", "", "trong", "vào", "kỳ", "giai đoạn"]


_SUPERLATIVE = [
    "nhiều nhất",
    "cao nhất",
    "thấp nhất",
    "ít nhất",
    "lớn nhất",
    "đứng đầu",
    "kém nhất",
]
_RANK_UNIT = {
    "province": ["tỉnh nào", "tỉnh thành nào", "địa phương nào", "những tỉnh nào"],
    "office": ["đơn vị nào", "phòng nào", "phòng khu vực nào", "những đơn vị nào"],
    "officer": ["chấp hành viên nào", "CHV nào", "ai", "cán bộ nào"],
    "month": ["tháng nào"],
    "case_type": ["loại án nào", "loại việc nào"],
}


def _ranking(rng: random.Random, group: str, metric_text: str) -> str:
    unit = rng.choice(_RANK_UNIT[group])
    pattern = rng.choice(
        [
            "{u} có {m} {s}",
            "{u} {m} {s}",
            "xếp hạng {g} {m}",
            "top 5 {g} {m}",
            "{m} {s} là {u}",
        ]
    )
    return pattern.format(
        u=unit, m=metric_text, s=rng.choice(_SUPERLATIVE), g=rng.choice(_G_UNIT[group])
    )


def _train_question(
    rng: random.Random,
    period: str,
    place: str,
    metric: str,
    extra: str,
    group: str,
    group_by: str | None = None,
) -> str:
    if group_by and rng.random() < 0.15:
        place_part = f"{rng.choice(_T_PLACE_PREP)} {place}" if place else ""
        chunks = [
            c
            for c in (
                place_part,
                period,
                _ranking(
                    rng,
                    group_by,
                    _train_metric_phrase(metric, rng) + (f" {extra}" if extra else ""),
                ),
            )
            if c
        ]
        rng.shuffle(chunks)
        return " ".join([rng.choice(_T_OPEN), *chunks, rng.choice(_T_CLOSE)])
    place_part = f"{rng.choice(_T_PLACE_PREP)} {place}" if place else ""
    period_part = f"{rng.choice(_T_PERIOD_PREP)} {period}" if period else ""
    body = [_train_metric_phrase(metric, rng)]
    if extra and metric == "cases_pending" and extra in _STATUS_TEXTS and rng.random() < 0.5:
        # "số việc đang cưỡng chế": cases now in that state are pending cases
        body = [f"{rng.choice(_Q)} {rng.choice(_CASE)}".strip()]
    if extra:
        body.append(extra) if rng.random() < 0.7 else body.insert(0, extra)
    chunks = [place_part, period_part, " ".join(body), group]
    chunks = [c for c in chunks if c]
    # the figure stays in order with its qualifier; other chunks move around
    rng.shuffle(chunks)
    return " ".join([rng.choice(_T_OPEN), *chunks, rng.choice(_T_CLOSE)])


_TRAIN_NONSENSE = [
    "thời tiết hôm nay thế nào",
    "xin chào",
    "bạn là ai",
    "giá vàng hôm nay",
    "mở nhạc",
    "ai là bộ trưởng",
    "viết cho tôi một bài thơ",
    "kết quả bóng đá",
    "cảm ơn",
    "đặt lịch họp chiều mai",
    "{place} {period}",
    "{place}",
    "{period} thế nào",
    "tin tức mới nhất",
    "dịch sang tiếng anh",
    "hướng dẫn sử dụng phần mềm",
    "làm sao để đổi mật khẩu",
    "quy định về án phí là gì",
    "{place} có đẹp không",
    "lịch nghỉ tết",
    "số điện thoại của {place}",
    "giờ làm việc của cơ quan",
    "ok",
    "alo",
    "test",
    "asdfgh",
    "hello",
    "bạn khỏe không",
    "giá xăng {period}",
    "dân số {place}",
    "diện tích {place}",
    "đường đi đến {place}",
    "nhà hàng ở {place}",
    "ngày mai có họp không",
    "gửi email cho trưởng phòng",
    "in tài liệu",
    "tắt máy",
    "cho tôi xem lịch",
    "mấy giờ tan làm",
    "chủ tịch {place} là ai",
    "lương tháng này bao nhiêu",
    "tuyển dụng {period}",
    "học tiếng anh",
    "{place} mưa không",
    "bóng đá {period}",
    "kể chuyện",
    "đổi giao diện",
    "đăng xuất",
    "cho tôi xem danh sách cán bộ",
    "danh sách phòng ban",
    "làm thế nào để in biên lai",
    "thủ tục cưỡng chế như thế nào",
    "mẫu quyết định thi hành án",
    "quy trình tiếp công dân",
    "hướng dẫn lập hồ sơ thi hành án",
    "sửa thông tin hồ sơ",
    "đăng nhập không được",
    "làm sao để hủy biên lai",
    "ai phụ trách việc này",
    "gửi văn bản cho {place}",
    "cách tính án phí",
    "luật thi hành án dân sự mới có gì",
    "nộp đơn khiếu nại ở đâu",
    "mở hồ sơ việc",
    "tạo quyết định mới",
    "xem hướng dẫn",
    "quy định xác minh điều kiện thi hành án",
    "thời hạn tự nguyện là bao lâu",
    "in báo cáo",
    "xuất file excel",
]


# ---------------------------------------------------------------- evaluation wording
_EVAL_METRIC: dict[str, list[str]] = {
    "cases_received": [
        "đã thụ lý tổng cộng mấy việc",
        "lượng việc thụ lý",
        "việc mới nhận về thi hành",
    ],
    "cases_completed": [
        "có mấy việc thi hành xong rồi",
        "kết quả thi hành xong về việc",
        "số việc xong",
    ],
    "cases_pending": ["còn tồn bao nhiêu việc", "lượng việc đang tồn", "việc chưa thi hành xong"],
    "cases_overdue": ["mấy việc bị trễ hạn", "những việc quá hạn", "số việc đã quá hạn xử lý"],
    "cases_with_conditions": ["mấy việc có điều kiện thi hành", "việc có điều kiện"],
    "cases_without_conditions": [
        "mấy việc chưa có điều kiện",
        "những việc chưa có điều kiện thi hành",
    ],
    "completion_rate_cases": [
        "tỷ lệ xong về việc đạt bao nhiêu",
        "tỉ lệ hoàn thành tính theo việc",
    ],
    "completion_rate_money": [
        "tỷ lệ xong về tiền đạt mấy phần trăm",
        "tỉ lệ hoàn thành tính theo tiền",
    ],
    "money_collected": ["đã thu về bao nhiêu tiền", "tổng số tiền thu", "thu được mấy tỷ"],
    "money_paid_out": [
        "đã trả cho người được thi hành án bao nhiêu",
        "tổng tiền chi trả",
        "chi trả được bao nhiêu",
    ],
    "money_pending": ["còn tồn bao nhiêu tiền", "số tiền tồn chưa thi hành"],
    "decisions_issued": [
        "đã ra mấy quyết định thi hành án",
        "lượng quyết định thi hành án ban hành",
    ],
    "receipts_issued": ["đã phát hành mấy biên lai", "lượng biên lai phát hành"],
    "receipts_voided": ["có mấy biên lai bị hủy", "biên lai hủy bỏ là bao nhiêu"],
    "petitions_received": ["đã nhận mấy đơn khiếu nại", "lượng đơn thư tiếp nhận"],
    "petitions_pending": ["còn mấy đơn chưa giải quyết", "đơn thư còn tồn đọng"],
    "complaints_overdue": ["mấy đơn khiếu nại bị quá hạn", "đơn khiếu nại trễ hạn giải quyết"],
}
_EVAL_GROUP: dict[str, list[str]] = {
    "province": ["chia theo tỉnh", "ở từng tỉnh"],
    "office": ["chia theo phòng", "ở từng đơn vị"],
    "officer": ["của từng chấp hành viên", "chia theo chấp hành viên"],
    "month": ["chia theo tháng", "mỗi tháng"],
    "case_type": ["chia theo loại án", "của từng loại án"],
}
_EVAL_FRAMES = [
    "Anh/chị cho hỏi {period} {place} {metric} {extra} {group}?",
    "Báo cáo giúp tôi {metric} {extra} {group} tại {place} trong {period}",
    "Trong {period}, {place} {metric} {extra} {group}?",
    "{metric} {extra} {group} tại {place} {period} là mấy",
    "Tôi muốn biết {period} tại {place} {metric} {extra} {group}",
]
_EVAL_NONSENSE = [
    "hôm nay trời có mưa không",
    "chào buổi sáng",
    "kể chuyện cười đi",
    "tỷ giá đô la",
    "{place} ở đâu",
    "món ăn ngon ở {place}",
    "mấy giờ rồi",
    "ai thắng trận hôm qua",
    "bật đèn giúp tôi",
    "tôi muốn nghỉ phép",
    "cách nấu phở",
    "{period} đi du lịch ở đâu",
]
_STATUS_METRICS = ("cases_pending", "cases_overdue")
_STATUS_TEXTS = {text for texts in ph.STATUS_PHRASES.values() for text in texts}


def _empty_filters() -> dict[str, Any]:
    return dict.fromkeys(FILTER_KEYS)


def _draw(
    rng: random.Random,
    today: dt.date,
    wording: str,
    catalogue: Any,
    p_nonsense: float,
) -> dict[str, Any]:
    nonsense = _TRAIN_NONSENSE if wording == "train" else _EVAL_NONSENSE
    filters = _empty_filters()
    period_text, period = "", None
    if rng.random() < 0.8:
        text, fn = rng.choice(ph.period_phrases(today, rng))
        period_text = text
        start, end = fn(today)
        period = {"from": start.isoformat(), "to": end.isoformat()}
    place = ""
    r = rng.random()
    if r < 0.55:
        place, filters["province"] = ph.province_variants(rng)
    elif r < 0.65:
        name, code = ph.province_variants(rng)
        n = rng.randint(1, 10)
        filters["province"], filters["office"] = code, f"T{code:02d}-KV{n:02d}"
        place = rng.choice(
            [f"phòng THADS khu vực {n} {name}", f"khu vực {n} {name}", f"KV{n} {name}"]
        )
    elif r < 0.7:
        code = rng.choice(sorted(ph.province_names()))
        n = rng.randint(1, 10)
        filters["province"], filters["office"] = code, f"T{code:02d}-KV{n:02d}"
        place = f"T{code:02d}-KV{n:02d}"
    elif r < 0.8:
        username, (full_name, _office) = rng.choice(sorted(catalogue.officers.items()))
        filters["officer"] = username
        place = rng.choice(["chấp hành viên ", "CHV ", "cán bộ ", ""]) + full_name
    if rng.random() < p_nonsense:
        frame = rng.choice(nonsense)
        q = frame.format(place=place or "Hà Tĩnh", period=period_text or "tháng này")
        return {"question": ph.noisy(_tidy(q), rng), "today": today.isoformat(), "expected": None}
    metric = rng.choice(METRICS)
    extra = ""
    if (rng.random() < 0.15 and metric.startswith("cases_")) or (
        metric == "cases_received" and rng.random() < 0.2
    ):
        case_type = rng.choice(sorted(ph.CASE_TYPE_PHRASES))
        filters["case_type"] = case_type
        extra = rng.choice(["", "", "án ", "loại "]) + rng.choice(ph.CASE_TYPE_PHRASES[case_type])
    elif metric in _STATUS_METRICS and rng.random() < (0.4 if wording == "train" else 0.25):
        status = rng.choice(sorted(ph.STATUS_PHRASES))
        filters["status"] = status
        extra = rng.choice(ph.STATUS_PHRASES[status])
    group_by = None
    group_text = ""
    if rng.random() < 0.35:
        group_by = rng.choice(GROUP_BYS)
        group_text = (
            _train_group_phrase(group_by, rng)
            if wording == "train"
            else rng.choice(_EVAL_GROUP[group_by])
        )
    expected = {"metric": metric, "filters": filters, "group_by": group_by, "period": period}
    if wording == "train":
        q = _train_question(rng, period_text, place, metric, extra, group_text, group_by)
        return {
            "question": ph.noisy(_tidy(q), rng),
            "today": today.isoformat(),
            "expected": expected,
        }
    frame = rng.choice(_EVAL_FRAMES)
    if not place:
        frame = frame.replace("ở {place}", "{place}").replace("tại {place}", "{place}")
        frame = frame.replace("của {place}", "{place}")
    if not period_text:
        frame = frame.replace("Trong {period},", "{period}").replace("trong {period}", "{period}")
    q = frame.format(
        period=period_text,
        place=place,
        metric=rng.choice(_EVAL_METRIC[metric]),
        extra=extra,
        group=group_text,
    )
    return {"question": ph.noisy(_tidy(q), rng), "today": today.isoformat(), "expected": expected}


def _tidy(q: str) -> str:
    q = " ".join(q.split())
    q = q.replace(" ?", "?").replace(" ,", ",").replace(", ,", ",")
    return q[0].upper() + q[1:] if q else q


def _today(rng: random.Random) -> dt.date:
    return dt.date(2026, 1, 1) + dt.timedelta(days=rng.randint(0, 364))


def generate_train(n: int = 12000, seed: int = 1, catalogue: Any = None) -> list[dict[str, Any]]:
    rng = random.Random(seed)  # noqa: S311 (training data)
    catalogue = catalogue or ph.synthetic_catalogue()
    return [_draw(rng, _today(rng), "train", catalogue, 0.08) for _ in range(n)]


def generate_eval(
    n: int = 300, seed: int = 20_261_123, catalogue: Any = None
) -> list[dict[str, Any]]:
    rng = random.Random(seed)  # noqa: S311 (evaluation data)
    catalogue = catalogue or ph.synthetic_catalogue()
    return [_draw(rng, _today(rng), "eval", catalogue, 0.05) for _ in range(n)]


def write_jsonl(path: Path, rows: list[dict[str, Any]]) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]
