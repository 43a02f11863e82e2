"""Filter of the notification list; invalid values are ignored (the list is unfiltered)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from thads.notify.models import Channel
from thads.notify.models import Notification


class NotificationFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Trạng thái"),
        choices=[("", _("Tất cả")), *Notification.Status.choices],
        required=False,
    )
    channel = forms.ChoiceField(
        label=_("Kênh"), choices=[("", _("Tất cả")), *Channel.choices], required=False
    )
