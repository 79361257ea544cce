"""Forms the public sends to one staff group (plan item 4.5): Wagtail form pages whose fields are
fixed in code, translated like the rest of the site and validated on the server.

Personal data in the submissions is read only by the page's handling group (and superusers): the
`filter_form_submissions_for_user` hook keeps everyone else, page editors included, out of the
submissions and their export. Each submission is e-mailed to that group. Robots are kept out
without third-party services: a honeypot field people never see, and a limit of submissions per
hour from one address, counted in the shared cache so that it holds across application servers.
"""

import logging

from django import forms
from django.conf import settings
from django.core.cache import cache
from django.core.mail import send_mail
from django.core.validators import RegexValidator
from django.db import models
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.admin.ui.components import Component
from wagtail.contrib.forms.models import FormMixin
from wagtail.models import Page
from wagtail.search import index

from .forms import PortalPageForm
from .models import PortalPage

logger = logging.getLogger(__name__)
PHONE = RegexValidator(r"^\+?[0-9 ().-]{6,20}$", _("A phone number with its country code, e.g. +856 20 5555 1234."))


class PublicForm(forms.Form):
    """A public form. Django marks each invalid field (aria-invalid, aria-describedby to its help text
    and error); the page sums the errors up at the top, each linked to its field (GOV.UK's error summary)."""

    def __init__(self, *args, page=None, user=None, **kwargs):  # what Wagtail passes its form builder's forms
        super().__init__(*args, **kwargs)

    def error_summary(self):
        """(id of the field, or None for the whole form; message) for each error, in the form's order.

        A field's generic message ("This field is required.") is given with the field's name, or its
        `summary_label` when its label is a sentence (the consent)."""
        items = [(None, error) for error in self.non_field_errors()]
        for bound in self:
            name = getattr(bound.field, "summary_label", bound.label)
            items += [
                (bound.id_for_label, gettext("%(field)s: %(error)s") % {"field": name, "error": error})
                for error in bound.errors
            ]
        return items


class DateInput(forms.DateInput):
    input_type = "date"


class ConsentField(forms.BooleanField):
    def __init__(self, **kwargs):
        super().__init__(
            label=_("I agree that the province's office handling this form keeps and uses these personal data to "
                    "answer it, and for no other purpose."),
            error_messages={"required": _("We cannot handle the form without your agreement.")},
            **kwargs,
        )  # fmt: skip
        self.summary_label = _("Consent to the use of your personal data")


HONEYPOT = "website"  # a field people never see; robots fill it in
RATE_WINDOW = 3600  # seconds


def client_address(request):
    """The reader's address; behind TRUSTED_PROXIES proxies, the one the nearest of them saw."""
    hops = settings.TRUSTED_PROXIES
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if hops and len(forwarded) >= hops:
        return forwarded[-hops]
    return request.META.get("REMOTE_ADDR", "")


class HandledFormPage(FormMixin, PortalPage):
    form_class = None  # the Django form, set by each page type
    intro = models.TextField(_("introduction"), blank=True, help_text=_("What the form is for, shown above it."))
    thank_you = models.TextField(
        _("thank-you text"), help_text=_("Shown after sending, e.g. when and how the office will answer.")
    )
    handling_group = models.ForeignKey(
        "auth.Group",
        verbose_name=_("handling group"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The staff group that reads the submissions and is e-mailed each one; nobody else may read them."),
    )

    base_form_class = PortalPageForm
    # Editors preview each language, as for every page (not Wagtail's form and landing modes).
    preview_modes = PortalPage.preview_modes
    serve_preview = PortalPage.serve_preview
    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("thank_you"),
        MultiFieldPanel([FieldPanel("handling_group")], heading=_("Submissions")),
    ]
    search_fields = PortalPage.search_fields + [index.SearchField("intro")]
    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = []

    class Meta:
        abstract = True

    def get_form_class(self):
        return self.form_class

    def get_submissions_list_view_class(self):
        from .views import HandledSubmissionsListView  # the admin's views import the page models

        return HandledSubmissionsListView

    def get_data_fields(self):
        return [("submit_time", _("Submission date"))] + [
            (name, field.label) for name, field in self.get_form_class().base_fields.items()
        ]

    def serve(self, request, *args, **kwargs):
        if request.method == "POST":
            if request.POST.get(HONEYPOT):
                logger.info("Form %s: a submission with the honeypot filled in was dropped", self.pk)
                return self.render_landing_page(request)
            if not self.within_rate(request):
                form = self.get_form(request.POST, page=self, user=request.user)
                form.is_valid()
                form.add_error(None, _("Too many forms were sent from your connection. Please try again in an hour."))
                context = self.get_context(request)
                context["form"] = form
                return TemplateResponse(request, self.get_template(request), context, status=429)
        return super().serve(request, *args, **kwargs)

    def within_rate(self, request):
        """Counts this attempt; False once an address has sent more than FORM_SUBMISSIONS_PER_HOUR."""
        key = f"form-rate:{self.pk}:{client_address(request)}"
        cache.add(key, 0, RATE_WINDOW)
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, RATE_WINDOW)
            count = 1
        return count <= settings.FORM_SUBMISSIONS_PER_HOUR

    def process_form_submission(self, form):
        submission = super().process_form_submission(form)
        self.notify(form, submission)
        return submission

    def notify(self, form, submission):
        """E-mail the handling group's active members: what was sent, and where to read it in the admin."""
        recipients = list(
            self.handling_group.user_set.filter(is_active=True).exclude(email="").values_list("email", flat=True)
        )
        if not recipients:
            logger.warning("Form %s has a submission but its handling group has no e-mail address", self.pk)
            return
        lines = [f"{field.label}: {form.cleaned_data.get(name, '')}" for name, field in form.fields.items()]
        link = settings.WAGTAILADMIN_BASE_URL + reverse("wagtailforms:list_submissions", args=[self.pk])
        send_mail(
            gettext("New submission: %(form)s") % {"form": self.title},
            "\n".join([*lines, "", link]),
            None,
            recipients,
        )


def handled_models():
    from django.apps import apps

    return [model for model in apps.get_models() if issubclass(model, HandledFormPage)]


def handled_forms_for_user(user, editable_forms):
    """The `filter_form_submissions_for_user` hook: a handled form's submissions are its group's alone."""
    from django.contrib.contenttypes.models import ContentType

    if user.is_superuser:
        return editable_forms
    types = ContentType.objects.get_for_models(*handled_models()).values()
    allowed = [page.pk for page in handled_forms(user)]
    # Members of the group read its forms even without permission to edit the pages.
    return editable_forms.exclude(content_type__in=types) | Page.objects.filter(pk__in=allowed)


class HandledFormsPanel(Component):
    """On the dashboard of a handling group's members: their forms, with the submissions received.
    (Wagtail's list of forms is for page editors; these members may edit no page.)"""

    name = "handled_forms"
    template_name = "home/panels/handled_forms.html"
    order = 95

    def __init__(self, forms):
        self.forms = forms

    def get_context_data(self, parent_context=None):
        from django.db.models import Count
        from wagtail.contrib.forms.models import FormSubmission

        counts = dict(
            FormSubmission.objects.filter(page__in=self.forms).values_list("page").annotate(count=Count("pk"))
        )
        return {"forms": [(page, counts.get(page.pk, 0)) for page in self.forms]}


def handled_forms(user):
    """The handled form pages whose group the user is in."""
    groups = user.groups.all()
    return [page for model in handled_models() for page in model.objects.filter(handling_group__in=groups)]
