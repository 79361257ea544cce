"""Press coverage about the province, logged by staff each month (plan item 5.3), and the response
each item that needs one gets (item 5.4), followed until it is closed."""

import icu
from django.conf import global_settings, settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import get_language, to_locale
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.search import index

from home.edit_conflicts import ConflictCheckedModelForm
from home.form_pages import HandledFormPage

from .forms import ForeignPressForm


def language_name(code):
    """The language's name in the active language, from ICU's locale data (CLDR): Django's Vietnamese
    catalogue lacks 30 of the names in its list of languages."""
    return icu.Locale(to_locale(code)).getDisplayName(icu.Locale(to_locale(get_language() or "vi")))


# Django's list of languages, and the site's own (Lao is not in Django's).
LANGUAGE_CHOICES = [
    (code, lazy(language_name, str)(code))
    for code in sorted({code for code, _name in [*global_settings.LANGUAGES, *settings.LANGUAGES]})
]


class Outlet(index.Indexed, models.Model):
    """A newspaper, broadcaster or website; coverage is counted by outlet in the monthly digest."""

    name = models.CharField(_("name"), max_length=200, unique=True, help_text=_("E.g. Báo Nhân Dân, Vientiane Times."))
    country = models.CharField(_("country"), max_length=100, help_text=_("Where the outlet is based."))
    website = models.URLField(_("website"), blank=True)

    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]
    panels = [FieldPanel("name"), FieldRowPanel([FieldPanel("country"), FieldPanel("website")])]
    base_form_class = ConflictCheckedModelForm  # refuses to save over a version saved after it was loaded

    class Meta:
        ordering = ["name"]
        verbose_name = _("press outlet")
        verbose_name_plural = _("press outlets")

    def __str__(self):
        return self.name


class Tone(models.TextChoices):
    POSITIVE = "positive", _("Positive")
    NEUTRAL = "neutral", _("Neutral")
    NEGATIVE = "negative", _("Negative")


class ResponseStatus(models.TextChoices):
    NOT_NEEDED = "not-needed", _("No response needed")
    AWAITING = "awaiting", _("Awaiting response")
    IN_PROGRESS = "in-progress", _("Being verified and answered")
    ANSWERED = "answered", _("Answered")
    CLOSED = "closed", _("Closed without a response")


OPEN_STATUSES = (ResponseStatus.AWAITING, ResponseStatus.IN_PROGRESS)


class Coverage(index.Indexed, models.Model):
    outlet = models.ForeignKey(Outlet, verbose_name=_("outlet"), on_delete=models.PROTECT, related_name="coverage")
    published_on = models.DateField(_("published on"))
    title = models.CharField(_("title"), max_length=500, help_text=_("As published, in its own language."))
    url = models.URLField(_("link"), max_length=1000, blank=True, help_text=_("Address of the article or broadcast."))
    language = models.CharField(_("language"), max_length=15, choices=LANGUAGE_CHOICES, default="vi")
    tone = models.CharField(_("tone"), max_length=20, choices=Tone.choices)
    topic = models.ForeignKey(
        "news.Topic",
        verbose_name=_("topic"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("What it is about; topics are shared with the portal's news."),
    )
    summary = models.TextField(_("summary"), blank=True, help_text=_("What it says, and what is wrong or missing."))
    needs_response = models.BooleanField(
        _("needs a response"),
        default=False,
        help_text=_("False or incomplete information the province must verify and answer (plan item 5.4)."),
    )
    responding_unit = models.ForeignKey(
        "plans.Unit",
        verbose_name=_("responding unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The unit that verifies the information and answers."),
    )
    response_due = models.DateField(_("answer by"), null=True, blank=True)
    response_status = models.CharField(
        _("response"), max_length=20, choices=ResponseStatus.choices, default=ResponseStatus.NOT_NEEDED
    )
    responded_on = models.DateField(_("answered or closed on"), null=True, blank=True)
    response_note = models.TextField(
        _("what was done"),
        blank=True,
        help_text=_("Checks made, letters sent, clarifications published, or why it was closed."),
    )
    logged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("logged by"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+", editable=False,
    )  # fmt: skip
    logged_at = models.DateTimeField(_("logged at"), default=timezone.now, editable=False)

    search_fields = [
        index.SearchField("title"),
        index.SearchField("summary"),
        index.RelatedFields("outlet", [index.SearchField("name")]),
        index.FilterField("published_on"),
    ]
    panels = [
        FieldRowPanel([FieldPanel("outlet"), FieldPanel("published_on")]),
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("url"), FieldPanel("language")]),
        FieldRowPanel([FieldPanel("tone"), FieldPanel("topic")]),
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("needs_response"),
                FieldRowPanel([FieldPanel("responding_unit"), FieldPanel("response_due")]),
                FieldRowPanel([FieldPanel("response_status"), FieldPanel("responded_on")]),
                FieldPanel("response_note"),
            ],
            heading=_("Response"),
        ),
    ]
    base_form_class = ConflictCheckedModelForm

    class Meta:
        ordering = ["-published_on", "-pk"]
        verbose_name = _("press coverage")
        verbose_name_plural = _("press coverage")

    def __str__(self):
        return f"{self.outlet}, {self.published_on:%d/%m/%Y}: {self.title}"

    def clean(self):
        errors = {}
        if self.published_on and self.published_on > timezone.localdate():
            errors["published_on"] = _("Coverage cannot be published in the future.")
        if self.needs_response:
            if self.response_status == ResponseStatus.NOT_NEEDED:
                self.response_status = ResponseStatus.AWAITING
            if not self.responding_unit_id:
                errors["responding_unit"] = _("Say which unit answers.")
        elif self.response_status != ResponseStatus.NOT_NEEDED:
            errors["response_status"] = _("Tick “needs a response” first, or choose “No response needed”.")
        if self.response_status in (ResponseStatus.ANSWERED, ResponseStatus.CLOSED):
            if not self.responded_on:
                errors["responded_on"] = _("Say when it was answered or closed.")
            if not self.response_note.strip():
                errors["response_note"] = _("Say what was done, or why it was closed.")
        elif self.responded_on:
            errors["responded_on"] = _("Only an answered or closed item has this date.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_open(self):
        return self.response_status in OPEN_STATUSES

    @property
    def is_overdue(self):
        return self.is_open and self.response_due is not None and self.response_due < timezone.localdate()


class ForeignPressRegistrationPage(HandledFormPage):
    """Foreign journalists register their reporting in the province here (plan item 4.5)."""

    form_class = ForeignPressForm
    template = "home/handled_form_page.html"
    landing_page_template = "home/handled_form_page_landing.html"

    class Meta:
        verbose_name = _("foreign press registration form")


class Delegation(index.Indexed, models.Model):
    """A delegation the province received or sent (plan item 4.5), reported on by year."""

    class Direction(models.TextChoices):
        INCOMING = "incoming", _("Incoming (received by the province)")
        OUTGOING = "outgoing", _("Outgoing (sent by the province)")

    direction = models.CharField(_("direction"), max_length=10, choices=Direction.choices)
    starts = models.DateField(_("from"))
    ends = models.DateField(_("to"))
    partner_country = models.CharField(_("partner country"), max_length=100, help_text=_("E.g. Laos, Cambodia."))
    partner = models.CharField(
        _("partner organisation"), max_length=255, help_text=_("Who came, or whom the delegation visited.")
    )
    head = models.CharField(_("head of delegation"), max_length=255, help_text=_("Name and position."))
    members = models.TextField(_("members"), help_text=_("One member per line: name and position."))
    purpose = models.TextField(_("purpose"))
    results = models.TextField(_("results"), blank=True, help_text=_("Agreements signed, follow-up agreed."))
    host_unit = models.ForeignKey(
        "plans.Unit",
        verbose_name=_("province unit in charge"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The unit that hosted or sent the delegation."),
    )

    search_fields = [
        index.SearchField("partner_country"),
        index.SearchField("partner"),
        index.SearchField("head"),
        index.SearchField("purpose"),
        index.FilterField("starts"),
    ]
    panels = [
        FieldRowPanel([FieldPanel("direction"), FieldPanel("starts"), FieldPanel("ends")]),
        FieldRowPanel([FieldPanel("partner_country"), FieldPanel("partner")]),
        FieldRowPanel([FieldPanel("head"), FieldPanel("host_unit")]),
        FieldPanel("members"),
        FieldPanel("purpose"),
        FieldPanel("results"),
    ]
    base_form_class = ConflictCheckedModelForm

    class Meta:
        ordering = ["-starts", "-pk"]
        verbose_name = _("delegation")
        verbose_name_plural = _("delegations")

    def __str__(self):
        return f"{self.get_direction_display()}: {self.partner} ({self.partner_country}), {self.starts:%d/%m/%Y}"

    def clean(self):
        if self.starts and self.ends and self.ends < self.starts:
            raise ValidationError({"ends": _("A visit cannot end before it starts.")})
        if not self.member_list():
            raise ValidationError({"members": _("List at least one member.")})

    def member_list(self):
        return [line.strip() for line in (self.members or "").splitlines() if line.strip()]

    def member_count(self):
        return len(self.member_list())

    member_count.short_description = _("members")
