from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from home.edit_conflicts import EditConflictFormMixin

from .models import DuePeriod, Unit
from .permissions import is_coordinator, tasks_of, units_of


def period_choice_label(period):
    """Staff pick the period by its task's number and title: the period's label alone repeats across tasks."""
    return f"{period.task.code} – {Truncator(period.task.title).chars(100)} – {period.label}"


class ProgressReportForm(EditConflictFormMixin, WagtailAdminModelForm):
    """Unit staff report only for their units, on the periods of tasks those units lead or coordinate; nobody
    saves over a version saved after their form was loaded (see `home.edit_conflicts`).

    Only the coordinating department chooses what the portal shows: the public plan page is not
    a page revision, so that choice is its approval.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.for_user
        periods = DuePeriod.objects.select_related("task", "task__plan")
        periods = periods.order_by("task__plan", "task__sort_order", "due")
        self.coordinator = user is None or is_coordinator(user)
        if not self.coordinator:
            self.fields["unit"].queryset = Unit.objects.filter(pk__in=units_of(user))
            periods = periods.filter(task__in=tasks_of(user))
            self.fields["unit"].error_messages["invalid_choice"] = _("Your unit cannot report for this unit.")
            self.fields["period"].error_messages["invalid_choice"] = _(
                "Your unit neither leads nor coordinates this task."
            )
            self.fields["published"].disabled = True
            self.fields["published"].help_text = _("The coordinating department decides what the portal shows.")
        self.fields["period"].queryset = periods
        self.fields["period"].label_from_instance = period_choice_label

    def clean(self):
        cleaned_data = super().clean()
        period, unit = cleaned_data.get("period"), cleaned_data.get("unit")
        if period and unit:
            if not period.task.assigned_unit_ids() & unit.responsible_units():
                self.add_error("unit", _("This unit neither leads nor coordinates the task."))
        completed_on = cleaned_data.get("completed_on")
        if cleaned_data.get("percent_done") == 100 and not completed_on:
            self.add_error("completed_on", _("Say when the work was finished."))
        if period and completed_on and completed_on < period.starts:
            self.add_error("completed_on", _("The work cannot be finished before its period starts."))
        return cleaned_data

    def save(self, commit=True):
        """A report counts from when it was last saved, so editing one cannot change past statuses."""
        if self.instance.pk is None and self.for_user is not None:
            self.instance.submitted_by = self.for_user
        self.instance.submitted_at = timezone.now()
        return super().save(commit)
