"""The handling group's admin for its forms' submissions (personal data): every read, export and deletion
is written to Wagtail's audit log on the form page (who, when, which form, how many rows; never what the
rows say), where administrators see it in the page's history and in Reports → Site history. Beside
Wagtail's list and delete, the group finds one person's submissions across its forms by e-mail or
document number, to delete them on that person's request. The retention purge is `purge_form_submissions`.
"""

from collections import Counter

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, ngettext_lazy
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets import HeaderButton
from wagtail.contrib.forms.utils import get_forms_for_user
from wagtail.contrib.forms.views import DeleteSubmissionsView, SubmissionsListView
from wagtail.log_actions import LogFormatter, log

from .exports import NamedExportMixin
from .form_pages import PersonalFormSubmission, handled_models
from .personal_data import is_persons

VIEW = "home.form_submissions.view"
EXPORT = "home.form_submissions.export"
DELETE = "home.form_submissions.delete"
FIND_PERSON = "home.form_submissions.find_person"


def log_rows(page, action, user, rows, **data):
    if rows:
        log(page, action, user=user, data={"rows": rows, **data})


class SubmissionsLogFormatter(LogFormatter):
    """The history's message for an action on submissions: how many rows (`rows` in the entry's data)."""

    rows_message = None  # ngettext_lazy(…, "rows")

    def format_message(self, log_entry):
        data = log_entry.data or {}
        return self.rows_message % {"rows": data.get("rows", 0), "format": data.get("format", "")}


class DeletionLogFormatter(SubmissionsLogFormatter):
    label = _("Delete form submissions")
    rows_message = ngettext_lazy("Deleted %(rows)s submission", "Deleted %(rows)s submissions", "rows")
    at_request_message = ngettext_lazy(
        "Deleted %(rows)s submission at the person's request",
        "Deleted %(rows)s submissions at the person's request",
        "rows",
    )

    def format_message(self, log_entry):
        if (log_entry.data or {}).get("person"):
            return self.at_request_message % {"rows": log_entry.data.get("rows", 0)}
        return super().format_message(log_entry)


def register_log_actions(actions):
    """The `register_log_actions` hook: the actions on submissions, as the histories list them."""

    @actions.register_action(VIEW)
    class ViewFormatter(SubmissionsLogFormatter):
        label = _("View form submissions")
        rows_message = ngettext_lazy("Viewed %(rows)s submission", "Viewed %(rows)s submissions", "rows")

    @actions.register_action(EXPORT)
    class ExportFormatter(SubmissionsLogFormatter):
        label = _("Export form submissions")
        rows_message = ngettext_lazy(
            "Exported %(rows)s submission (%(format)s)", "Exported %(rows)s submissions (%(format)s)", "rows"
        )

    @actions.register_action(FIND_PERSON)
    class FindPersonFormatter(SubmissionsLogFormatter):
        label = _("Find a person's data")
        rows_message = ngettext_lazy(
            "Found %(rows)s submission of one person", "Found %(rows)s submissions of one person", "rows"
        )

    actions.register_action(DELETE)(DeletionLogFormatter)


class HandledSubmissionsListView(NamedExportMixin, SubmissionsListView):
    """A public form's submissions, exported under the form's Vietnamese title and the day; each page of
    the list and each export is logged with the number of rows it showed."""

    @property
    def export_filename(self):
        return getattr(self.form_page, f"title_{settings.LANGUAGE_CODE}", "") or self.form_page.title

    @property
    def header_buttons(self):
        return [HeaderButton(_("Delete a person's data"), url=reverse("form_personal_data"), icon_name="bin")]

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        if self.is_export:
            rows = context["submissions"].count()
            log_rows(self.form_page, EXPORT, self.request.user, rows, format=self.request.GET.get("export"))
        else:
            log_rows(self.form_page, VIEW, self.request.user, len(context["data_rows"]))
        return response


class LoggedDeleteSubmissionsView(DeleteSubmissionsView):
    """Wagtail's deletion of the selected submissions (for those who may read the form's), logged.

    It answers Wagtail's own address (`wagtailforms:delete_submissions`): its URL is registered before
    Wagtail's (tests/press/test_personal_data.py checks that it still is)."""

    def handle_delete(self, submissions):
        with transaction.atomic():
            log_rows(self.page, DELETE, self.request.user, submissions.count())
            super().handle_delete(submissions)


def readable_forms(user):
    """The handled form pages whose submissions the user may read (the handling group's, or all for superusers)."""
    types = ContentType.objects.get_for_models(*handled_models()).values()
    return list(get_forms_for_user(user).filter(content_type__in=types).specific().order_by("path"))


class PersonalDataMixin(WagtailAdminTemplateMixin):
    page_title = _("Delete a person's data")
    header_icon = "user"

    def dispatch(self, request, *args, **kwargs):
        self.forms = readable_forms(request.user)
        if not self.forms:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.get_page_title()}]


class PersonalDataView(PersonalDataMixin, TemplateView):
    """Search → list: one person's submissions to the user's forms, found by e-mail address or document number.

    The personal fields are encrypted, so each of these forms' submissions is decrypted and compared; the
    forms keep FORM_SUBMISSIONS_KEPT_DAYS of them. What was searched for is not logged, only the rows found."""

    template_name = "home/personal_data.html"
    max_query_length = 254  # an e-mail address at most

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.get("q", "")[: self.max_query_length].strip()
        found = []
        if query:
            pages = {page.pk: page for page in self.forms}
            submissions = PersonalFormSubmission.objects.filter(page__in=pages).order_by("submit_time", "pk")
            for submission in submissions:
                data = submission.get_data()
                if is_persons(data, query):
                    found.append({"pk": submission.pk, "page": pages[submission.page_id], "data": data})
            for page_id, rows in Counter(row["page"].pk for row in found).items():
                log_rows(pages[page_id], FIND_PERSON, self.request.user, rows)
        context.update(query=query, found=found, forms=self.forms)
        return context


class DeletePersonalDataView(PersonalDataMixin, TemplateView):
    """Confirm → delete the chosen submissions, each form's deletion logged as made at the person's request."""

    template_name = "home/personal_data_delete.html"
    page_title = _("Delete these submissions?")

    def get_breadcrumbs_items(self):
        search = {"url": reverse("form_personal_data"), "label": PersonalDataView.page_title}
        return self.breadcrumbs_items + [search, {"url": "", "label": self.get_page_title()}]

    def chosen(self):
        params = self.request.POST if self.request.method == "POST" else self.request.GET
        ids = [int(value) for value in params.getlist("submission") if value.isascii() and value.isdigit()]
        return PersonalFormSubmission.objects.filter(
            page__in=self.forms, pk__in=[pk for pk in ids if pk < 2**63]
        ).order_by("submit_time", "pk")

    def get(self, request, *args, **kwargs):
        if not self.chosen().exists():
            messages.warning(request, _("Choose the submissions to delete."))
            return redirect("form_personal_data")
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        pages = {page.pk: page for page in self.forms}
        context["submissions"] = [
            {"pk": submission.pk, "page": pages[submission.page_id], "data": submission.get_data()}
            for submission in self.chosen()
        ]
        return context

    def post(self, request, *args, **kwargs):
        submissions = self.chosen()
        pages = {page.pk: page for page in self.forms}
        with transaction.atomic():
            counts = Counter(submissions.values_list("page_id", flat=True))
            for page_id, rows in counts.items():
                log_rows(pages[page_id], DELETE, request.user, rows, person=True)
            PersonalFormSubmission.objects.filter(pk__in=list(submissions.values_list("pk", flat=True))).delete()
        total = sum(counts.values())
        messages.success(
            request,
            ngettext("%(count)s submission deleted.", "%(count)s submissions deleted.", total) % {"count": total},
        )
        return redirect("form_personal_data")
