import datetime

from django.db.models import Prefetch
from django.utils import timezone
from wagtail.admin.ui.components import Component

from .models import DuePeriod, ProgressReport, Status
from .permissions import tasks_of


class MyUnitTasksPanel(Component):
    """On the dashboard: the periods of the tasks my unit leads that fall due in the next 30 days, and the
    overdue ones; the coordinating department sees every unit's."""

    name = "plan_tasks"
    template_name = "plans/panels/my_unit_tasks.html"
    order = 90
    horizon = datetime.timedelta(days=30)
    shown = 10

    def __init__(self, user, today=None):
        self.user = user
        self.today = today or timezone.localdate()

    def rows(self):
        tasks = tasks_of(self.user, lead_only=True)
        periods = (
            DuePeriod.objects.filter(task__in=tasks, starts__lte=self.today + self.horizon)
            .select_related("task", "task__plan")
            .prefetch_related(Prefetch("reports", ProgressReport.objects.all()), "task__lead_units")
            .order_by("due", "task__sort_order")
        )
        due_soon, overdue = [], []
        for period in periods:
            status = period.status(self.today, reports=list(period.reports.all()))
            if status == Status.OVERDUE:
                overdue.append((period, status))
            elif status in (Status.NOT_STARTED, Status.IN_PROGRESS) and period.due <= self.today + self.horizon:
                due_soon.append((period, status))
        return due_soon, overdue

    def get_context_data(self, parent_context=None):
        from .views import can_report, report_form_url

        due_soon, overdue = self.rows()
        reporting = can_report(self.user)

        def with_links(rows):
            return [(period, status, report_form_url(period) if reporting else None) for period, status in rows]

        return {
            "due_soon": with_links(due_soon[: self.shown]),
            "overdue": with_links(overdue[: self.shown]),
            "due_soon_count": len(due_soon),
            "overdue_count": len(overdue),
        }
