"""Delete the public forms' submissions older than FORM_SUBMISSIONS_KEPT_DAYS: they hold personal
data, kept only as long as the office needs to answer. Run it daily from cron."""

import datetime

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone
from wagtail.contrib.forms.models import FormSubmission

from home.form_pages import handled_models


class Command(BaseCommand):
    help = "Delete public form submissions older than FORM_SUBMISSIONS_KEPT_DAYS days."

    def handle(self, *args, **options):
        days = settings.FORM_SUBMISSIONS_KEPT_DAYS
        cutoff = timezone.now() - datetime.timedelta(days=days)
        pages = [pk for model in handled_models() for pk in model.objects.values_list("pk", flat=True)]
        deleted, _ = FormSubmission.objects.filter(page__in=pages, submit_time__lt=cutoff).delete()
        self.stdout.write(f"Deleted {deleted} form submissions older than {days} days.")
