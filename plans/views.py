import django_filters
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, ProtectedError, Q
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from home.exports import NamedExportMixin

from .forms import ProgressReportForm
from .models import DuePeriod, Plan, ProgressReport, Status, Task, Unit
from .periods import quarter_label

QUARTERS = [(quarter, quarter_label(quarter)) for quarter in range(1, 5)]


class TaskFilterSet(WagtailFilterSet):
    plan = django_filters.ModelChoiceFilter(label=_("Plan"), queryset=Plan.objects.all())
    unit = django_filters.ModelChoiceFilter(
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
        """Statuses come from dates and reports, so they are computed here, not in SQL."""
        today = timezone.localdate()
        tasks = queryset.prefetch_related(Prefetch("periods", DuePeriod.objects.prefetch_related("reports")))
        return queryset.filter(pk__in=[t.pk for t in tasks if keep({s for _p, s in t.period_statuses(today)})])


class ProtectedDeleteView(generic.DeleteView):
    """Refuses, with a message, to delete what plans, tasks or reports still refer to."""

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ProtectedError:
            messages.error(self.request, _("This cannot be deleted: plans, tasks or progress reports refer to it."))
            return redirect(self.get_success_url())


class TaskIndexView(NamedExportMixin, generic.IndexView):
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


class ReportIndexView(NamedExportMixin, generic.IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("period__task", "unit", "submitted_by")

    def search_queryset(self, queryset):
        return super().search_queryset(queryset).distinct()


class ReportCreateView(generic.CreateView):
    """Other screens (the monthly press digest) link here with the report filled in for the user to check."""

    def get_initial(self):
        names = ("period", "text", "evidence_links")
        return {name: self.request.GET[name] for name in names if name in self.request.GET}


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
    list_display = ["name", "short_name", "kind", "active", "successor"]
    list_filter = ["kind", "active"]
    search_fields = ["name_vi", "name_en", "short_name", "key"]
    search_backend_name = None
    inspect_view_enabled = True
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
    inspect_view_enabled = True
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


class ProgressReportViewSet(ModelViewSet):
    name = "plan_reports"
    model = ProgressReport
    icon = "clipboard-list"
    menu_label = _("Progress reports")
    list_display = ["period", "unit", "percent_done", "completed_on", "submitted_by", "submitted_at"]
    list_filter = ["unit", "period__task__plan", "published"]
    search_fields = ["text", "period__task__code", "period__task__title_vi", "unit__name_vi", "unit__short_name"]
    search_backend_name = None
    inspect_view_enabled = True
    copy_view_enabled = False
    list_export = ["period", "unit", "percent_done", "completed_on", "text", "evidence_links", "submitted_at"]
    export_filename = "Báo cáo tiến độ"
    edit_handler = ObjectList(ProgressReport.panels, base_form_class=ProgressReportForm)
    index_view_class = ReportIndexView
    add_view_class = ReportCreateView
    edit_view_class = ReportEditView
    delete_view_class = ReportDeleteView


class PlanViewSetGroup(ViewSetGroup):
    menu_label = _("External-information plan")
    menu_icon = "tasks"
    menu_order = 250
    items = (TaskViewSet, ProgressReportViewSet, PlanViewSet, UnitViewSet)
