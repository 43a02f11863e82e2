from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NumberingConfig(AppConfig):
    name = "thads.numbering"
    label = "numbering"
    verbose_name = _("Đánh số văn bản, biên lai")
