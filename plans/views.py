import django_filters
from django.db.models import Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

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


class TaskViewSet(ModelViewSet):
    name = "plan_tasks"
    model = Task
    icon = "tasks"
    menu_label = pgettext_lazy("plan", "Tasks")
    filterset_class = TaskFilterSet
    search_fields = ["code", "title_vi", "title_en", "lead_units__name_vi", "lead_units__short_name"]
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
    export_headings = {
        "plan": _("Plan"),
        "code": _("Code"),
        "title": _("Title"),
        "lead_names": _("Lead units"),
        "coordinating_names": _("Coordinating units"),
        "time_frame": _("Time frame"),
        "status_label": _("Status"),
    }

    def get_queryset(self, request):
        return Task.objects.select_related("plan").prefetch_related(
            "lead_units", "coordinating_units", Prefetch("periods", DuePeriod.objects.prefetch_related("reports"))
        )


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
    edit_handler = ObjectList(ProgressReport.panels, base_form_class=ProgressReportForm)


class PlanViewSetGroup(ViewSetGroup):
    menu_label = _("External-information plan")
    menu_icon = "tasks"
    menu_order = 250
    items = (TaskViewSet, ProgressReportViewSet, PlanViewSet, UnitViewSet)
