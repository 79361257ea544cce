"""Forms the public sends to one staff group (plan item 4.5): Wagtail form pages whose fields are
fixed in code, translated like the rest of the site and validated on the server.

Personal data in the submissions is read only by the page's handling group (and superusers): the
`filter_form_submissions_for_user` hook keeps everyone else, page editors included, out of the
submissions and their export. Each submission is e-mailed to that group. Readers are told above the
form what is kept, why, for how long and who reads it; the fields that say who they are are stored
encrypted (`personal_data`), and every read, export and deletion is in Wagtail's audit log
(`submissions`). Robots are kept out without third-party services: a honeypot field people never see,
and a limit of submissions per hour from one address (django-ratelimit), counted in the shared cache
so that it holds across application servers, and let through when the cache is down.

A submission is saved once, whatever happens next: each rendered form carries a token, and a second
POST with it (a double click, a reader retrying) shows the thank-you page again without saving. The
e-mail to the handling group is a task (django-tasks): when the mail server fails, the reader still
gets the thank-you page, the receipt records the failure, and the task is tried again later (by the
worker, or by `send_form_notifications`), never twice once it went.
"""

import datetime
import logging
import uuid

from django import forms
from django.conf import settings
from django.core.mail import send_mail
from django.core.validators import RegexValidator
from django.db import IntegrityError, models, transaction
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_ratelimit.core import is_ratelimited
from django_tasks import default_task_backend, task
from ipware import get_client_ip
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.admin.ui.components import Component
from wagtail.contrib.forms.models import FormMixin, FormSubmission
from wagtail.models import Page
from wagtail.search import index

from .forms import PortalPageForm
from .models import PortalPage
from .personal_data import PERSONAL_FIELDS, decrypt_fields, encrypt_fields

logger = logging.getLogger(__name__)
PHONE = RegexValidator(r"^\+?[0-9 ().-]{6,20}$", _("A phone number with its country code, e.g. +856 20 5555 1234."))


class PublicForm(forms.Form):
    """A public form. Django marks each invalid field (aria-invalid, aria-describedby to its help text
    and error); the page sums the errors up at the top, each linked to its field (GOV.UK's error summary).

    `personal_fields` are stored encrypted: those of its fields that say who the person is."""

    personal_fields = PERSONAL_FIELDS

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
TOKEN = "submission_token"  # one per rendered form: a second POST with it saves nothing
NOTIFY_ATTEMPTS = 8  # the task tries again after 1, 2, 4 … 64 minutes, then leaves it to the command


def client_address(group, request):
    """The reader's address (a django-ratelimit key); behind TRUSTED_PROXIES proxies that each add
    to X-Forwarded-For, the one the nearest of them saw, else the connection's."""
    hops = settings.TRUSTED_PROXIES
    if hops:
        address, _routable = get_client_ip(request, proxy_count=hops - 1, proxy_order="left-most")
    else:
        address, _routable = get_client_ip(request, request_header_order=["REMOTE_ADDR"])
    return address or request.META.get("REMOTE_ADDR", "")


class SubmissionReceipt(models.Model):
    """What became of one public submission: the token it was sent with, and its e-mail."""

    submission = models.OneToOneField("wagtailforms.FormSubmission", on_delete=models.CASCADE, related_name="receipt")
    token = models.UUIDField(null=True, unique=True, editable=False)
    notified_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.CharField(max_length=255, blank=True)

    class Meta:
        verbose_name = _("submission receipt")

    def __str__(self):
        return f"{self.submission_id}: {self.notified_at or self.last_error or '…'}"


class PersonalFormSubmission(FormSubmission):
    """A handled form's submission, read with its personal fields decrypted (the admin's list, exports)."""

    class Meta:
        proxy = True
        verbose_name = _("form submission")
        verbose_name_plural = _("form submissions")

    def get_data(self):
        return {**decrypt_fields(self.form_data), "submit_time": self.submit_time}


@task()
def notify_submission(receipt_id):
    """E-mail one submission to its handling group, once; on failure, try again later."""
    with transaction.atomic():
        receipt = (
            SubmissionReceipt.objects.select_for_update()
            .select_related("submission__page")
            .filter(pk=receipt_id, notified_at=None)
            .first()
        )
        if receipt is None:
            return  # already sent (or the submission was purged)
        try:
            with translation.override(settings.LANGUAGE_CODE):
                receipt.submission.page.specific.notify(receipt.submission)
        except Exception as error:  # noqa: BLE001 (SMTP, socket, TLS…: the reader's submission is safe)
            receipt.attempts += 1
            receipt.last_error = f"{type(error).__name__}: {error}"[:255]
            receipt.save(update_fields=["attempts", "last_error"])
            logger.warning("Submission %s: e-mail failed (attempt %s): %s", receipt.submission_id,
                           receipt.attempts, receipt.last_error)  # fmt: skip
        else:
            receipt.notified_at = timezone.now()
            receipt.save(update_fields=["notified_at"])
            return
    if default_task_backend.supports_defer and receipt.attempts < NOTIFY_ATTEMPTS:
        delay = datetime.timedelta(minutes=2 ** (receipt.attempts - 1))
        notify_submission.using(run_after=timezone.now() + delay).enqueue(receipt_id)


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

    def get_submission_class(self):
        return PersonalFormSubmission

    def get_submissions_list_view_class(self):
        from .submissions import HandledSubmissionsListView  # the admin's views import the page models

        return HandledSubmissionsListView

    def personal_field_names(self):
        form_class = self.get_form_class()
        return [name for name in form_class.personal_fields if name in form_class.base_fields]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        fields = self.get_form_class().base_fields
        context["privacy_notice"] = {
            "kept": ", ".join(str(field.label) for field in fields.values() if not isinstance(field, ConsentField)),
            "encrypted": ", ".join(str(fields[name].label) for name in self.personal_field_names()),
            "days": settings.FORM_SUBMISSIONS_KEPT_DAYS,
        }
        return context

    def get_data_fields(self):
        return [("submit_time", _("Submission date"))] + [
            (name, field.label) for name, field in self.get_form_class().base_fields.items()
        ]

    def serve(self, request, *args, **kwargs):
        if request.method == "POST":
            if request.POST.get(HONEYPOT):
                logger.info("Form %s: a submission with the honeypot filled in was dropped", self.pk)
                return self.render_landing_page(request)
            sent = self.already_sent(request.POST.get(TOKEN))
            if sent:
                return self.render_landing_page(request, sent.submission)
            if not self.within_rate(request):
                form = self.get_form(request.POST, page=self, user=request.user)
                form.is_valid()
                form.add_error(None, _("Too many forms were sent from your connection. Please try again in an hour."))
                context = self.get_context(request)
                context["form"] = form
                return TemplateResponse(request, self.get_template(request), context, status=429)
        return super().serve(request, *args, **kwargs)

    def within_rate(self, request):
        """Counts this attempt; False once an address has sent more than FORM_SUBMISSIONS_PER_HOUR.
        When the cache cannot count (Redis down), the form is let through (RATELIMIT_FAIL_OPEN)."""
        return not is_ratelimited(
            request,
            group=f"public-form:{self.pk}",
            key=client_address,
            rate=f"{settings.FORM_SUBMISSIONS_PER_HOUR}/h",
            increment=True,
        )

    @staticmethod
    def token(value):
        try:
            return uuid.UUID(str(value))
        except ValueError:
            return None

    def already_sent(self, token):
        """The receipt of this page's submission sent with `token`, if there is one."""
        token = self.token(token)
        return token and SubmissionReceipt.objects.filter(token=token, submission__page=self).first()

    def get_form(self, *args, **kwargs):
        form = super().get_form(*args, **kwargs)
        data = args[0] if args else kwargs.get("data")
        # The token goes back with a refused form, so that its corrected version is still one submission.
        form.submission_token = (data and self.token(data.get(TOKEN))) or uuid.uuid4()
        return form

    def process_form_submission(self, form):
        """Saves the submission, its personal fields encrypted, and its receipt together (once per token),
        then e-mails it."""
        try:
            with transaction.atomic():
                submission = self.get_submission_class().objects.create(
                    form_data=encrypt_fields(form.cleaned_data, self.personal_field_names()), page=self
                )
                receipt = SubmissionReceipt.objects.create(submission=submission, token=form.submission_token)
        except IntegrityError:  # the same form sent twice at the same moment: the other request saved it
            return SubmissionReceipt.objects.get(token=form.submission_token).submission
        notify_submission.enqueue(receipt.pk)
        return submission

    def notify(self, submission):
        """E-mail the handling group's active members: what was sent, and where to read it in the admin."""
        recipients = list(
            self.handling_group.user_set.filter(is_active=True).exclude(email="").values_list("email", flat=True)
        )
        if not recipients:
            logger.warning("Form %s has a submission but its handling group has no e-mail address", self.pk)
            return
        data = decrypt_fields(submission.form_data)
        lines = [f"{field.label}: {data.get(name, '')}" for name, field in self.get_form_class().base_fields.items()]
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
