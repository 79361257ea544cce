from wagtail import hooks
from wagtail.permissions import register_permission_policy

from .models import ProgressReport
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
