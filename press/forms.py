from django import forms
from django.core.validators import RegexValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from home.form_pages import PHONE, ConsentField, DateInput, PublicForm

DOCUMENT_NUMBER = RegexValidator(
    r"^[A-Za-z0-9][A-Za-z0-9 -]{3,28}[A-Za-z0-9]$", _("Letters, digits and hyphens, as printed on the document.")
)
class ForeignPressForm(PublicForm):
    """Registration of a foreign journalist's reporting in the province (Decree 88/2012, plan item 4.5)."""

    full_name = forms.CharField(label=_("Full name"), max_length=200)
    outlet = forms.CharField(label=_("Press outlet"), max_length=200)
    country = forms.CharField(label=_("Country of the outlet"), max_length=100)
    document_number = forms.CharField(
        label=_("Passport or press card number"), max_length=30, validators=[DOCUMENT_NUMBER]
    )
    arrival = forms.DateField(label=_("First day of reporting"), widget=DateInput)
    departure = forms.DateField(label=_("Last day of reporting"), widget=DateInput)
    places = forms.CharField(
        label=_("Places"), max_length=1000, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Districts, communes or sites you plan to visit."),
    )  # fmt: skip
    topics = forms.CharField(label=_("Topics"), max_length=2000, widget=forms.Textarea(attrs={"rows": 4}))
    email = forms.EmailField(label=_("E-mail"))
    phone = forms.CharField(label=_("Phone"), max_length=30, required=False, validators=[PHONE])
    consent = ConsentField()

    def clean(self):
        cleaned_data = super().clean()
        arrival, departure = cleaned_data.get("arrival"), cleaned_data.get("departure")
        if arrival and arrival < timezone.localdate():
            self.add_error("arrival", _("Reporting cannot start in the past."))
        if arrival and departure and departure < arrival:
            self.add_error("departure", _("The last day cannot be before the first."))
        return cleaned_data
