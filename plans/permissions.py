"""Unit staff see every task but write progress reports only where their unit leads or coordinates.

The coordinating department (the permission "Can follow up every unit's tasks and reports")
sees and edits everything. A report in the name of a group of units ("all departments") is the
filing unit's: the group's other units read it but do not change it. The rules are in the
permission policy, so every admin view and every form that asks Wagtail obeys them.
"""

from django.db.models import Q
from wagtail.permission_policies import ModelPermissionPolicy

from .models import Task, Unit


def is_coordinator(user):
    return user.is_active and (user.is_superuser or user.has_perm("plans.coordinate_plans"))


def units_of(user):
    """The units a user reports for: their own, those they took over from, and the groups they belong to."""
    units = set()
    for unit in Unit.objects.filter(staff=user):
        units |= unit.responsible_units()
    return units


def own_units_of(user):
    """The units whose reports a user answers for: their own and those they took over from, not the groups."""
    units = set()
    for unit in Unit.objects.filter(staff=user):
        units |= unit.lineage()
    return units


def tasks_of(user, lead_only=False):
    """The tasks a user's units lead or coordinate (or only lead); every task for the coordinators."""
    if is_coordinator(user):
        return Task.objects.all()
    units = units_of(user)
    assigned = Q(lead_units__in=units) if lead_only else Q(lead_units__in=units) | Q(coordinating_units__in=units)
    return Task.objects.filter(assigned).distinct()


class ProgressReportPermissionPolicy(ModelPermissionPolicy):
    def user_has_permission_for_instance(self, user, action, instance):
        if not self.user_has_permission(user, action):
            return False
        if action == "view" or is_coordinator(user):
            return True
        return self.instances_user_has_permission_for(user, action).filter(pk=instance.pk).exists()

    def instances_user_has_any_permission_for(self, user, actions):
        reports = super().instances_user_has_any_permission_for(user, actions)
        if "view" in actions or is_coordinator(user):
            return reports
        own = own_units_of(user)
        reports = reports.filter(unit__in=units_of(user), period__task__in=tasks_of(user))
        # A group's report is changed by the unit whose staff filed it, not by every unit of the group.
        return reports.filter(Q(unit__in=own) | Q(submitted_by__plan_units__in=own)).distinct()
