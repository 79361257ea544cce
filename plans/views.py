from urllib.parse import urlencode

import django_filters
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, ProtectedError, Q
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.panels import ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import HeaderButton
from wagtail.permissions import policy_registry

from home.collated_choices import CollatedFilterSet, CollatedModelChoiceFilter
from home.exports import NamedExportMixin
from home.query_params import BoundedSearchMixin, get_int

from .forms import ProgressReportForm
from .models import DuePeriod, Plan, ProgressReport, ProgressReportEvidencePage, Status, Task, Unit
from .periods import quarter_label
from .permissions import tasks_of

QUARTERS = [(quarter, quarter_label(quarter)) for quarter in range(1, 5)]


class TaskFilterSet(CollatedFilterSet):
    plan = django_filters.ModelChoiceFilter(label=_("Plan"), queryset=Plan.objects.all())
    unit = CollatedModelChoiceFilter(
        label=_("Unit (lead or coordinating)"), queryset=Unit.objects.all(), method="filter_unit"
    )
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Status.choices, method="filter_status")
    quarter = django_filters.ChoiceFilter(label=_("Due in quarter"), choices=QUARTERS, method="filter_quarter")
    overdue = django_filters.BooleanFilter(label=_("Overdue"), method="filter_overdue")

    class Meta:
        model = Task
        fields = ["plan"]

    def filter_unit(self, queryset, name, unit):
        units = unit.responsible_units()
        return queryset.filter(Q(lead_units__in=units) | Q(coordinating_units__in=units)).distinct()

    def filter_quarter(self, queryset, name, quarter):
        return queryset.filter(periods__due__quarter=int(quarter)).distinct()

    def filter_status(self, queryset, name, status):
        return self.by_period_status(queryset, lambda statuses: status in statuses)

    def filter_overdue(self, queryset, name, overdue):
        return self.by_period_status(queryset, lambda statuses: (Status.OVERDUE in statuses) == overdue)

    def by_period_status(self, queryset, keep):
        """Statuses come from dates and reports, so they are computed here, not in SQL.

        The listing's queryset already prefetches the periods and their reports (get_base_queryset).
        """
        today = timezone.localdate()
        return queryset.filter(pk__in=[t.pk for t in queryset if keep({s for _p, s in t.period_statuses(today)})])


class ProtectedDeleteView(generic.DeleteView):
    """Refuses, with a message, to delete what plans, tasks or reports still refer to."""

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ProtectedError:
            messages.error(self.request, _("This cannot be deleted: plans, tasks or progress reports refer to it."))
            return redirect(self.get_success_url())


def can_report(user):
    return policy_registry.get_by_type(ProgressReport).user_has_permission(user, "add")


def report_form_url(period):
    """The progress report form with the period and its task chosen (see `ReportCreateView`)."""
    return f"{reverse('plan_reports:add')}?{urlencode({'task': period.task_id, 'period': period.pk})}"


def report_progress_url(user, task):
    """The report form for the task's current period, for users who may report on the task; None for the
    others and for items that are not due themselves."""
    if not can_report(user) or not tasks_of(user).filter(pk=task.pk).exists():
        return None
    period = task.current_status()[0]
    return report_form_url(period) if period else None


def report_evidence(report, request):
    """The report's evidence as (title, address) pairs by kind; the address is None where there is none
    to follow (a page that is not live), and only web addresses of the typed links become links."""
    pages = [(item.page.title, item.page.get_url(request) if item.page.live else None)
             for item in report.evidence_page_items.all()]  # fmt: skip
    documents = [(document.title, document.url) for document in report.evidence_documents.all()]
    links = [(link, link if link.startswith(("http://", "https://")) else None)
             for link in report.evidence_links.split()]  # fmt: skip
    return {"pages": pages, "documents": documents, "links": links}


def evidence_list(items):
    return render_to_string("plans/includes/evidence_list.html", {"items": items})


class EvidenceColumn(Column):
    cell_template_name = "plans/tables/evidence_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        evidence = report_evidence(instance, parent_context["request"])
        context["items"] = [item for items in evidence.values() for item in items]
        return context


class IndexView(BoundedSearchMixin, generic.IndexView):
    base_filterset_class = CollatedFilterSet  # units listed in Vietnamese order


class TaskIndexView(NamedExportMixin, IndexView):
    def get_base_queryset(self):
        reports = ProgressReport.objects.select_related("unit")
        periods = DuePeriod.objects.prefetch_related(Prefetch("reports", reports))
        return (
            super()
            .get_base_queryset()
            .select_related("plan")
            .prefetch_related("lead_units__successor", "coordinating_units", Prefetch("periods", periods))
        )

    def search_queryset(self, queryset):
        return super().search_queryset(queryset).distinct()


def yes_no(value):
    return _("Yes") if value else _("No")


class YesNoColumn(Column):
    def get_value(self, instance):
        return yes_no(super().get_value(instance))


class InspectView(generic.InspectView):
    """Yes/No and a dash for booleans and empty values, in the admin's language, not True/False/None."""

    def get_field_display_value(self, field_name, field):
        value = super().get_field_display_value(field_name, field)
        if isinstance(value, bool):
            return yes_no(value)
        return "—" if value is None or value == "" else value


class TaskInspectView(InspectView):
    @cached_property
    def header_buttons(self):
        url = report_progress_url(self.request.user, self.object)
        if not url:
            return []
        attrs = {"data-report-progress": self.object.pk}
        return [HeaderButton(_("Report progress"), url=url, icon_name="clipboard-list", attrs=attrs)]


class ReportIndexView(NamedExportMixin, IndexView):
    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .select_related("period__task", "unit", "submitted_by")
            .prefetch_related(
                Prefetch("evidence_page_items", ProgressReportEvidencePage.objects.select_related("page")),
                "evidence_documents",
            )
        )

    def search_queryset(self, queryset):
        return super().search_queryset(queryset).distinct()

    @cached_property
    def changeable_ids(self):
        reports = self.permission_policy.instances_user_has_permission_for(self.request.user, "change")
        return set(reports.values_list("pk", flat=True))

    def get_edit_url(self, instance):
        """Only on the reports the user may change: every unit sees the others' reports, but edits its own."""
        return super().get_edit_url(instance) if instance.pk in self.changeable_ids else None


class ReportCreateView(generic.CreateView):
    """Other screens link here with the report filled in for the user to check: the dashboard and a task's
    page give the task and its period (`?task=…&period=…`), the monthly press digest the period, text and link.

    Only a task the user may report on is chosen (with the user's unit, when one of theirs is assigned to
    it); a period of another task is left out. The form refuses the others anyway.
    """

    def get_initial(self):
        initial = {name: self.request.GET[name] for name in ("text", "evidence_links") if name in self.request.GET}
        period = self.chosen_period()
        if period is not None:
            initial["period"] = period.pk
            assigned = period.task.assigned_unit_ids()
            own = Unit.objects.filter(staff=self.request.user)
            units = [unit for unit in own if unit.responsible_units() & assigned]
            if len(units) == 1:
                initial["unit"] = units[0].pk
        return initial

    def chosen_period(self):
        tasks = tasks_of(self.request.user)
        periods = DuePeriod.objects.filter(task__in=tasks).select_related("task")
        task = None
        if "task" in self.request.GET:
            task_id = get_int(self.request.GET, "task", minimum=1)
            task = tasks.filter(pk=task_id).first() if task_id else None
            if task is None:
                return None
            periods = periods.filter(task=task)
        period_id = get_int(self.request.GET, "period", minimum=1)
        period = periods.filter(pk=period_id).first() if period_id else None
        if period is None and task is not None:
            period = task.current_status()[0]
        return period


class ReportInspectView(InspectView):
    @cached_property
    def evidence(self):
        return report_evidence(self.object, self.request)

    def get_evidence_pages_display_value(self):
        return evidence_list(self.evidence["pages"])

    def get_evidence_documents_display_value(self):
        return evidence_list(self.evidence["documents"])

    def get_evidence_links_display_value(self):
        return evidence_list(self.evidence["links"])

    def get_edit_url(self):
        """Only for those who may change this report (another unit of its group reads it)."""
        return super().get_edit_url() if self.user_has_permission_for_instance("change", self.object) else None


class ReportEditView(generic.EditView):
    """Unit staff open only the reports of their units on their tasks (the policy decides)."""

    def get_object(self, queryset=None):
        report = super().get_object(queryset)
        if not self.permission_policy.user_has_permission_for_instance(self.request.user, "change", report):
            raise PermissionDenied
        return report


class ReportDeleteView(ProtectedDeleteView):
    def get_object(self, queryset=None):
        report = super().get_object(queryset)
        if not self.permission_policy.user_has_permission_for_instance(self.request.user, "delete", report):
            raise PermissionDenied
        return report


class UnitViewSet(ModelViewSet):
    name = "plan_units"
    model = Unit
    icon = "group"
    menu_label = _("Units")
    list_display = ["name", "short_name", "kind", YesNoColumn("active", label=_("active")), "successor"]
    list_filter = ["kind", "active"]
    search_fields = ["name_vi", "name_en", "short_name", "key"]
    search_backend_name = None
    index_view_class = IndexView
    inspect_view_enabled = True
    inspect_view_class = InspectView
    copy_view_enabled = False
    delete_view_class = ProtectedDeleteView


class PlanViewSet(ModelViewSet):
    name = "plans"
    model = Plan
    icon = "doc-full"
    menu_label = _("Plans")
    list_display = ["number", "title", "year", "date_issued"]
    list_filter = ["year"]
    search_fields = ["number", "title_vi", "title_en"]
    search_backend_name = None
    index_view_class = IndexView
    inspect_view_enabled = True
    inspect_view_class = InspectView
    copy_view_enabled = False
    delete_view_class = ProtectedDeleteView


class TaskViewSet(ModelViewSet):
    name = "plan_tasks"
    model = Task
    icon = "tasks"
    menu_label = pgettext_lazy("plan", "Tasks")
    filterset_class = TaskFilterSet
    search_fields = [
        "code", "title_vi", "title_en", "lead_units__name_vi", "lead_units__short_name",
        "coordinating_units__name_vi", "coordinating_units__short_name",
    ]  # fmt: skip
    search_backend_name = None
    inspect_view_enabled = True
    copy_view_enabled = False
    list_per_page = 50
    inspect_view_fields = [
        "plan", "code", "parent", "title_vi", "title_en", "content_vi", "content_en", "lead_units",
        "coordinating_units", "time_frame", "period_summary", "report_summary", "evidence_summary",
    ]  # fmt: skip
    list_display = [
        "code",
        "title",
        Column("lead", label=_("Lead units"), accessor="lead_names"),
        "time_frame",
        Column("status", label=_("Status"), accessor="status_label"),
    ]
    list_export = ["plan", "code", "title", "lead_names", "coordinating_names", "time_frame", "status_label"]
    export_filename = "Nhiệm vụ kế hoạch"
    export_headings = {
        "plan": _("Plan"),
        "code": _("Code"),
        "title": _("Title"),
        "lead_names": _("Lead units"),
        "coordinating_names": _("Coordinating units"),
        "time_frame": _("Time frame"),
        "status_label": _("Status"),
    }

    index_view_class = TaskIndexView
    inspect_view_class = TaskInspectView


class ProgressReportViewSet(ModelViewSet):
    name = "plan_reports"
    model = ProgressReport
    icon = "clipboard-list"
    menu_label = _("Progress reports")
    list_display = [
        "period",
        "unit",
        "percent_done",
        "completed_on",
        EvidenceColumn("evidence", label=_("Evidence")),
        "submitted_by",
        "submitted_at",
    ]
    list_filter = ["unit", "period__task__plan", "published"]
    search_fields = ["text", "period__task__code", "period__task__title_vi", "unit__name_vi", "unit__short_name"]
    search_backend_name = None
    inspect_view_enabled = True
    copy_view_enabled = False
    list_export = ["period", "unit", "percent_done", "completed_on", "text", "evidence_links", "submitted_at"]
    export_filename = "Báo cáo tiến độ"
    inspect_view_fields = [
        "period", "unit", "text", "percent_done", "completed_on", "evidence_pages", "evidence_documents",
        "evidence_links", "published", "submitted_by", "submitted_at",
    ]  # fmt: skip
    edit_handler = ObjectList(ProgressReport.panels, base_form_class=ProgressReportForm)
    index_view_class = ReportIndexView
    inspect_view_class = ReportInspectView
    add_view_class = ReportCreateView
    edit_view_class = ReportEditView
    delete_view_class = ReportDeleteView


class PlanViewSetGroup(ViewSetGroup):
    menu_label = _("External-information plan")
    menu_icon = "tasks"
    menu_order = 250
    items = (TaskViewSet, ProgressReportViewSet, PlanViewSet, UnitViewSet)
