"""Admin reports of the plan tracker: units × status and tasks by quarter, exportable to XLSX and CSV."""


import django_filters
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.views.reports import ReportView
from wagtail.permission_policies import ModelPermissionPolicy

from home.collation import collated
from home.exports import NamedExportMixin

from .documents import consolidated_report, report_file_name
from .models import DuePeriod, Plan, ReportingDeadline, Status, Task
from .periods import quarter_label


class PlanReportFilterSet(WagtailFilterSet):
    plan = django_filters.ModelChoiceFilter(
        label=_("Plan"), queryset=Plan.objects.all(), method="keep", empty_label=_("Latest plan")
    )
    date = django_filters.DateFilter(label=_("Status on"), method="keep")

    class Meta:
        model = Task
        fields = []

    def keep(self, queryset, name, value):
        return queryset


class PlanReportView(NamedExportMixin, ReportView):
    """Statuses are computed per due period on the chosen day, from the plan's tasks and reports."""

    filterset_class = PlanReportFilterSet
    permission_policy = ModelPermissionPolicy(Task)
    any_permission_required = ["view"]
    paginate_by = None

    def chosen(self):
        values = self.filters.form.cleaned_data if self.filters and self.filters.is_valid() else {}
        return values.get("plan") or Plan.objects.first(), values.get("date") or timezone.localdate()

    def export_period(self):
        plan, today = self.chosen()
        return ("kế hoạch", plan.number, today) if plan else (today,)

    def periods(self):
        plan, today = self.chosen()
        periods = DuePeriod.objects.filter(task__plan=plan).select_related("task").prefetch_related(
            "reports", Prefetch("task__lead_units")
        )
        return [(period, period.status(today, reports=list(period.reports.all()))) for period in periods], today

    def get_queryset(self):
        return Task.objects.none()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["plan"], context["today"] = self.chosen()
        context["statuses"] = Status.choices
        return context


class UnitStatusRow:
    def __init__(self, unit):
        self.unit = unit
        self.name = unit.name
        self.counts = {status: 0 for status in Status.values}

    def __getattr__(self, name):
        if name.startswith("count_"):
            return self.counts[name.removeprefix("count_")]
        raise AttributeError(name)

    @property
    def total(self):
        return sum(self.counts.values())

    def cells(self):
        return [self.counts[status] for status in Status.values]


class UnitStatusReportView(PlanReportView):
    page_title = _("Units × status")
    header_icon = "group"
    index_url_name = "plan_unit_status"
    index_results_url_name = "plan_unit_status_results"
    results_template_name = "plans/reports/unit_status_results.html"
    export_filename = "Tình trạng theo đơn vị"
    list_export = ["name", *(f"count_{status}" for status in Status.values), "total"]
    export_headings = {
        "name": _("Lead unit"),
        **{f"count_{status}": label for status, label in Status.choices},
        "total": _("Due periods"),
    }

    def get_filtered_queryset(self):
        periods, _today = self.periods()
        rows = {}
        for period, status in periods:
            for unit in period.task.lead_units.all():
                rows.setdefault(unit.pk, UnitStatusRow(unit)).counts[status] += 1
        return collated(rows.values(), key=lambda row: row.name)


class TimelineRow:
    def __init__(self, task):
        self.task = task
        self.code, self.title = task.code, task.title
        self.quarters = {quarter: [] for quarter in range(1, 5)}

    def __getattr__(self, name):
        if name.startswith("quarter_"):
            cells = self.quarters[int(name.removeprefix("quarter_"))]
            return "; ".join(f"{period.label}: {status.label}" for period, status in cells)
        raise AttributeError(name)

    def cells(self):
        return list(self.quarters.values())


class TimelineReportView(PlanReportView):
    page_title = pgettext_lazy("plan", "Tasks by quarter")
    header_icon = "calendar-alt"
    index_url_name = "plan_timeline"
    index_results_url_name = "plan_timeline_results"
    results_template_name = "plans/reports/timeline_results.html"
    export_filename = "Nhiệm vụ theo quý"
    list_export = ["code", "title", "quarter_1", "quarter_2", "quarter_3", "quarter_4"]
    export_headings = {
        "code": _("Code"),
        "title": pgettext_lazy("plan", "Task"),
        **{f"quarter_{q}": quarter_label(q) for q in range(1, 5)},
    }

    def get_filtered_queryset(self):
        periods, _today = self.periods()
        rows = {}
        for period, status in periods:
            row = rows.setdefault(period.task.pk, TimelineRow(period.task))
            row.quarters[(period.due.month - 1) // 3 + 1].append((period, status))
        return sorted(rows.values(), key=lambda row: row.task.sort_order)


class ConsolidatedReportsView(TemplateView):
    """Each plan's reporting deadlines, with the draft report of each as a Word document."""

    template_name = "plans/reports/consolidated.html"

    def dispatch(self, request, *args, **kwargs):
        if not ModelPermissionPolicy(Task).user_has_permission(request.user, "view"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["plans"] = Plan.objects.prefetch_related("reporting_deadlines")
        context["header_icon"] = "doc-full"
        return context


def consolidated_report_docx(request, deadline_id):
    if not ModelPermissionPolicy(Task).user_has_permission(request.user, "view"):
        raise PermissionDenied
    deadline = get_object_or_404(ReportingDeadline.objects.select_related("plan"), pk=deadline_id)
    filename = f"{report_file_name(deadline)}.docx"
    return HttpResponse(
        consolidated_report(deadline.plan, deadline),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )
