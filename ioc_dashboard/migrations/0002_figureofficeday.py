import django.db.models.deletion
from django.db import migrations
from django.db import models


class Migration(migrations.Migration):
    dependencies = [
        ("ioc_dashboard", "0001_figures"),
        ("org", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="FigureOfficeDay",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("received", models.BigIntegerField(default=0, verbose_name="số việc thụ lý mới")),
                (
                    "received_vnd",
                    models.BigIntegerField(default=0, verbose_name="số tiền thụ lý mới (đồng)"),
                ),
                ("done", models.BigIntegerField(default=0, verbose_name="số việc thi hành xong")),
                (
                    "done_vnd",
                    models.BigIntegerField(
                        default=0, verbose_name="số tiền của việc thi hành xong (đồng)"
                    ),
                ),
                ("ended", models.BigIntegerField(default=0, verbose_name="số việc kết thúc")),
                ("entrusted", models.BigIntegerField(default=0, verbose_name="số việc ủy thác đi")),
                (
                    "collected_vnd",
                    models.BigIntegerField(default=0, verbose_name="số tiền đã thu (đồng)"),
                ),
                (
                    "collected_cash_vnd",
                    models.BigIntegerField(default=0, verbose_name="trong đó thu tiền mặt (đồng)"),
                ),
                (
                    "paid_out_vnd",
                    models.BigIntegerField(default=0, verbose_name="số tiền đã chi (đồng)"),
                ),
                (
                    "receipts_issued",
                    models.BigIntegerField(default=0, verbose_name="số biên lai đã lập"),
                ),
                (
                    "receipts_voided",
                    models.BigIntegerField(default=0, verbose_name="số biên lai đã hủy"),
                ),
                (
                    "decisions_issued",
                    models.BigIntegerField(default=0, verbose_name="số quyết định đã ban hành"),
                ),
                (
                    "petitions_received",
                    models.BigIntegerField(default=0, verbose_name="số đơn đã nhận"),
                ),
                (
                    "open_d",
                    models.BigIntegerField(
                        default=0, verbose_name="thay đổi số việc đang thi hành"
                    ),
                ),
                (
                    "with_cond_d",
                    models.BigIntegerField(default=0, verbose_name="thay đổi số việc có điều kiện"),
                ),
                (
                    "with_cond_vnd_d",
                    models.BigIntegerField(
                        default=0, verbose_name="thay đổi số tiền có điều kiện (đồng)"
                    ),
                ),
                (
                    "without_cond_d",
                    models.BigIntegerField(
                        default=0, verbose_name="thay đổi số việc chưa có điều kiện"
                    ),
                ),
                (
                    "pending_vnd_d",
                    models.BigIntegerField(
                        default=0, verbose_name="thay đổi số tiền còn phải thi hành (đồng)"
                    ),
                ),
                (
                    "overdue_d",
                    models.BigIntegerField(default=0, verbose_name="thay đổi số bước quá hạn"),
                ),
                (
                    "petitions_open_d",
                    models.BigIntegerField(
                        default=0, verbose_name="thay đổi số đơn đang giải quyết"
                    ),
                ),
                (
                    "complaints_overdue_d",
                    models.BigIntegerField(
                        default=0, verbose_name="thay đổi số khiếu nại, tố cáo quá hạn"
                    ),
                ),
                ("day", models.DateField(verbose_name="ngày")),
                (
                    "case_type",
                    models.CharField(blank=True, max_length=4, verbose_name="loại vụ việc"),
                ),
                (
                    "office",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="org.office",
                        verbose_name="đơn vị",
                    ),
                ),
            ],
            options={
                "verbose_name": "số liệu theo ngày và đơn vị",
                "verbose_name_plural": "số liệu theo ngày và đơn vị",
                "indexes": [
                    models.Index(fields=["office", "day"], name="figureofficeday_office_day")
                ],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("day", "office", "case_type"), name="figureofficeday_key"
                    )
                ],
            },
        ),
    ]
