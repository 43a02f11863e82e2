"""Filter of the integration call list; invalid values are ignored (the list is unfiltered)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from thads.integrations.models import IntegrationCall


class IntegrationCallFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Trạng thái"),
        choices=[("", _("Tất cả")), *IntegrationCall.Status.choices],
        required=False,
    )
    system = forms.ChoiceField(
        label=_("Hệ thống"),
        choices=[("", _("Tất cả")), *IntegrationCall.System.choices],
        required=False,
    )
