from django import forms
from django.utils.translation import gettext_lazy as _

from home.form_pages import PHONE, ConsentField, PublicForm


def sectors():
    from .models import Sector  # the models import this module

    return [("", "—"), *Sector.choices]


class InvestorEnquiryForm(PublicForm):
    """A question from a would-be investor to the province's investment promotion office."""

    full_name = forms.CharField(label=_("Full name"), max_length=200)
    organisation = forms.CharField(label=_("Company or organisation"), max_length=200)
    country = forms.CharField(label=_("Country"), max_length=100)
    sector = forms.ChoiceField(label=_("Sector"), choices=sectors)
    project = forms.CharField(
        label=_("Project of interest"), max_length=300, required=False,
        help_text=_("The name of a project on this portal, if the question is about one."),
    )  # fmt: skip
    message = forms.CharField(label=_("Your question"), max_length=3000, widget=forms.Textarea(attrs={"rows": 6}))
    email = forms.EmailField(label=_("E-mail"))
    phone = forms.CharField(label=_("Phone"), max_length=30, required=False, validators=[PHONE])
    consent = ConsentField()
