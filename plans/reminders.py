"""The daily reminders of `manage.py send_plan_reminders`.

Lead units hear a configurable number of days before each due period (PLAN_REMINDER_DAYS,
default 7 and 1) and then weekly while it is overdue; the coordinating unit hears before each
reporting deadline. Each e-mail is recorded, so a second run on the same day sends nothing.
"""

import datetime
import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import translation

from .models import DuePeriod, ReportingDeadline, SentReminder, Status

logger = logging.getLogger(__name__)


def reminder_days():
    return sorted(getattr(settings, "PLAN_REMINDER_DAYS", (7, 1)), reverse=True)


def send_once(key, user, template, context, today):
    try:
        with transaction.atomic():
            record = SentReminder.objects.create(key=key, recipient=user.email, sent_on=today)
    except IntegrityError:
        return False
    language = getattr(getattr(user, "wagtail_userprofile", None), "preferred_language", "") or settings.LANGUAGE_CODE
    with translation.override(language):
        context = {**context, "user": user, "base_url": settings.WAGTAILADMIN_BASE_URL}
        subject = render_to_string(f"plans/reminders/{template}_subject.txt", context).strip()
        body = render_to_string(f"plans/reminders/{template}.txt", context)
    try:
        send_mail(subject, body, None, [user.email])
    except Exception:  # the mail server failed: a later run today tries again
        logger.exception("Plan reminder %s to %s not sent", key, user.email)
        record.delete()
        return False
    return True


def send_reminders(today):
    sent = 0
    days = reminder_days()
    recent = DuePeriod.objects.filter(due__gte=today - datetime.timedelta(days=366))
    periods = recent.select_related("task", "task__plan")
    for period in periods.prefetch_related("reports", "task__lead_units"):
        status = period.status(today, reports=list(period.reports.all()))
        left = (period.due - today).days
        if status in (Status.NOT_STARTED, Status.IN_PROGRESS) and left in days:
            template, key = "due_soon", f"period:{period.pk}:due:{left}"
        elif status == Status.OVERDUE and -left % 7 == 1:
            template, key = "overdue", f"period:{period.pk}:overdue:{-left}"
        else:
            continue
        for unit in period.task.lead_units.all():
            for user in unit.recipients():
                context = {"period": period, "task": period.task, "unit": unit, "days_left": left, "days_late": -left}
                sent += send_once(key, user, template, context, today)
    for deadline in ReportingDeadline.objects.filter(due__gte=today).select_related("plan__coordinating_unit"):
        left = (deadline.due - today).days
        if left in days:
            for user in deadline.plan.coordinating_unit.recipients():
                context = {"deadline": deadline, "plan": deadline.plan, "days_left": left}
                sent += send_once(f"deadline:{deadline.pk}:{left}", user, "reporting_deadline", context, today)
    return sent
