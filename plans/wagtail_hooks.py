from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from .models import ProgressReport, Task
from .permissions import ProgressReportPermissionPolicy
from .views import PlanViewSetGroup

register_permission_policy(ProgressReport, ProgressReportPermissionPolicy(ProgressReport))


@hooks.register("register_admin_viewset")
def register_plan_viewsets():
    return PlanViewSetGroup()


@hooks.register("construct_homepage_panels")
def add_my_unit_tasks_panel(request, panels):
    from .panels import MyUnitTasksPanel
    from .permissions import is_coordinator, units_of

    if units_of(request.user) or is_coordinator(request.user):
        panels.append(MyUnitTasksPanel(request.user))


@hooks.register("register_admin_urls")
def register_plan_report_urls():
    from django.urls import path

    from .reports import ConsolidatedReportsView, TimelineReportView, UnitStatusReportView, consolidated_report_docx

    return [
        path("plans/reports/units/", UnitStatusReportView.as_view(), name="plan_unit_status"),
        path("plans/reports/units/results/", UnitStatusReportView.as_view(results_only=True),
             name="plan_unit_status_results"),
        path("plans/reports/timeline/", TimelineReportView.as_view(), name="plan_timeline"),
        path("plans/reports/timeline/results/", TimelineReportView.as_view(results_only=True),
             name="plan_timeline_results"),
        path("plans/reports/consolidated/", ConsolidatedReportsView.as_view(), name="plan_consolidated_reports"),
        path("plans/reports/consolidated/<int:deadline_id>.docx", consolidated_report_docx,
             name="plan_consolidated_report"),
    ]


class PlanReportMenuItem(MenuItem):
    def is_shown(self, request):
        return ModelPermissionPolicy(Task).user_has_permission(request.user, "view")


@hooks.register("register_reports_menu_item")
def register_unit_status_menu_item():
    return PlanReportMenuItem(_("Units × status"), reverse("plan_unit_status"), icon_name="group", order=160)


@hooks.register("register_reports_menu_item")
def register_timeline_menu_item():
    return PlanReportMenuItem(
        pgettext_lazy("plan", "Tasks by quarter"), reverse("plan_timeline"), icon_name="calendar-alt", order=161
    )


@hooks.register("register_reports_menu_item")
def register_consolidated_menu_item():
    return PlanReportMenuItem(
        _("Consolidated reports"), reverse("plan_consolidated_reports"), icon_name="doc-full", order=162
    )
