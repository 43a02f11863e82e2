"""Small hand-written judgments for the extraction tests (invented people, not real documents)."""

from __future__ import annotations

from decisions.types import PageInput

CIVIL_PAGE_1 = """TÒA ÁN NHÂN DÂN        CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
HUYỆN ĐÔNG ANH          Độc lập - Tự do - Hạnh phúc
THÀNH PHỐ HÀ NỘI
Bản án số: 76/2025/DS-ST
Ngày: 12 - 3 - 2025
NHÂN DANH
NƯỚC CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
TÒA ÁN NHÂN DÂN HUYỆN ĐÔNG ANH, THÀNH PHỐ HÀ NỘI
- Thành phần Hội đồng xét xử sơ thẩm gồm có: Thẩm phán Bà Đào Thị Mến.
Ngày 12 tháng 3 năm 2025, tại trụ sở Tòa án nhân dân huyện Đông Anh, thành phố Hà Nội
xét xử sơ thẩm vụ án dân sự thụ lý số 20/2024/TLST-DS giữa các đương sự:
- Nguyên đơn: Bà Phùng Thị Lựu, sinh năm 1970; CCCD số 001170001234; địa chỉ: thôn Bắc,
xã Nguyên Khê, huyện Đông Anh, thành phố Hà Nội; có mặt.
- Bị đơn: Ông Kiều Văn
Tám, sinh năm 1968; địa chỉ: thôn Nam, xã Nguyên Khê, huyện Đông Anh, thành phố Hà Nội.
Người đại diện theo ủy quyền của bị đơn: Ông Lò Văn Sáu, sinh năm 1980.
- Người có quyền lợi, nghĩa vụ liên quan: Bà Mạc Thị Hoa, sinh năm 1972.
NỘI DUNG VỤ ÁN:
Năm 2022 ông Tám vay của bà Lựu 500.000.000 đồng, đã trả 350.000.000 đồng.
Tại phiên tòa, đại diện Viện kiểm sát đề nghị buộc ông Tám trả 200.000.000 đồng.
"""

CIVIL_PAGE_2 = """Vì các lẽ trên,
QUYẾT ĐỊNH:
1. Buộc ông Kiều Văn Tám phải trả cho bà Phùng Thị Lựu số tiền 150.000.000 đồng (Một trăm
năm mươi triệu đồng), gồm nợ gốc 140.000.000 đồng và tiền lãi 10.000.000 đồng.
Kể từ ngày có đơn yêu cầu thi hành án, ông Tám còn phải tiếp tục chịu lãi đối với số tiền
chưa thi hành án theo mức lãi suất quy định tại khoản 2 Điều 468 Bộ luật Dân sự.
2. Ông Kiều Văn Tám và bà Mạc Thị Hoa có trách nhiệm liên đới trả cho bà Phùng Thị Lựu
số tiền 20 triệu đồng.
3. Về án phí: Ông Kiều Văn Tám phải chịu 7.500.000 đồng (Bảy triệu năm trăm nghìn đồng)
án phí dân sự sơ thẩm.
Hoàn trả cho bà Phùng Thị Lựu số tiền tạm ứng án phí đã nộp là 3.750.000 đồng theo Biên lai
thu số 0001234 ngày 02/02/2024 của Chi cục Thi hành án dân sự huyện Đông Anh.
4. Các đương sự có quyền kháng cáo trong hạn 15 ngày kể từ ngày tuyên án.
Nơi nhận:
- Các đương sự;
"""

CRIMINAL = """TÒA ÁN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
TỈNH BẮC KẠN Độc lập - Tự do - Hạnh phúc
Bản án số: 08/2024/HS-PT
Ngày: 05/4/2024
NHÂN DANH
NƯỚC CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
TÒA ÁN NHÂN DÂN TỈNH BẮC KẠN
Ngày 05 tháng 4 năm 2024 xét xử phúc thẩm công khai vụ án hình sự theo Quyết định đưa
vụ án ra xét xử số 10/2024/QĐXXPT-HS ngày 20 tháng 3 năm 2024 đối với bị cáo:
Hà Văn Quý, sinh năm 1995; nơi cư trú: thôn Nà Làng, xã Cẩm Giàng, huyện Bạch Thông, tỉnh
Bắc Kạn; có mặt.
- Bị hại: Ông Nông Văn Kha, sinh năm 1960; có mặt.
- Người làm chứng: Bà Hoàng Thị Nhài.
NỘI DUNG VỤ ÁN:
Bị cáo lấy trộm của ông Kha 02 con trâu trị giá 60.000.000 đồng.
Đại diện Viện kiểm sát đề nghị phạt bổ sung bị cáo 10.000.000 đồng.
Vì các lẽ trên,
QUYẾT ĐỊNH:
1. Xử phạt bị cáo Hà Văn Quý 12 tháng tù.
2. Phạt bổ sung bị cáo Hà Văn Quý 5.000.000 đồng sung ngân sách Nhà nước.
3. Buộc bị cáo Hà Văn Quý bồi thường cho ông Nông Văn Kha 60.000.000 đồng.
4. Tịch thu sung ngân sách Nhà nước 01 xe mô tô biển số 97B1-123.45 thu giữ của bị cáo.
5. Hoàn trả cho bị cáo Hà Văn Quý 01 điện thoại di động.
6. Về án phí: Bị cáo Hà Văn Quý phải chịu 200.000 đồng án phí hình sự phúc thẩm và
3.000.000 đồng án phí dân sự sơ thẩm.
Nơi nhận:
- Bị cáo;
"""

#: A scan-like header as OCR reads it: diacritics of capitals lost, "Ð" for "Đ", stray spaces.
OCR_HEADER = """TÒA ÁN NHÂN DẪN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
THÀNH PHÓ BIÊN HÒA Độc lập - Tự do —- Hạnh phúc
TỈNH ĐÒNG NAI
Số: 42 /2025/QĐÐST-KDTM Thành phố Biên Hòa, ngày 7 tháng 8 năm 2025
QUYÉT ĐỊNH
CÔNG NHẬN SỰ THỎA THUẬN CỦA CÁC ĐƯƠNG SỰ
Căn cứ Điều 212 Bộ luật Tố tụng dân sự; vụ án thụ lý tại Tòa án nhân dân thành phố
Biên Hòa, tỉnh Đồng Nai.
QUYÉT ĐỊNH:
1. Công nhận sự thỏa thuận của các đương sự:
Nguyên đơn: Ngân hàng TMCP Sông Hồng;
Bị đơn: Công ty Cô phần Cơ khí Long Bình;
2. Sự thỏa thuận của các đương sự cụ thể như sau:
Công ty CP Cơ khí Long Bình có trách nhiệm trả cho Ngân hàng Thương mại Cổ phần Sông Hồng
số tiền 300.000.000 đồng.
Nơi nhận:
"""


def pages(*texts: str, confidence: float | None = None) -> list[PageInput]:
    return [
        PageInput(number=i + 1, text=t, mean_confidence=confidence) for i, t in enumerate(texts)
    ]
