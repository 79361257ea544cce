from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from .models import DuePeriod, Unit
from .permissions import is_coordinator, tasks_of, units_of


class ProgressReportForm(WagtailAdminModelForm):
    """Unit staff choose only their units and the periods of tasks those units lead or coordinate."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.for_user
        periods = DuePeriod.objects.select_related("task", "task__plan")
        periods = periods.order_by("task__plan", "task__sort_order", "due")
        if user is not None and not is_coordinator(user):
            self.fields["unit"].queryset = Unit.objects.filter(pk__in=units_of(user))
            periods = periods.filter(task__in=tasks_of(user))
            self.fields["unit"].error_messages["invalid_choice"] = _("Your unit cannot report for this unit.")
            self.fields["period"].error_messages["invalid_choice"] = _(
                "Your unit neither leads nor coordinates this task."
            )
        self.fields["period"].queryset = periods

    def save(self, commit=True):
        if self.instance.pk is None and self.for_user is not None:
            self.instance.submitted_by = self.for_user
        return super().save(commit)
