"""Encrypt the personal fields of every form submission again with the first key of FORM_DATA_KEY.

To rotate the key: put a new key first in FORM_DATA_KEY, keeping the old one after it (both decrypt), restart,
run this command, then remove the old key."""

from django.core.management.base import BaseCommand
from django.db import transaction
from wagtail.contrib.forms.models import FormSubmission

from home.personal_data import rotate_fields


class Command(BaseCommand):
    help = "Encrypt the personal fields of form submissions again with the first key of FORM_DATA_KEY."

    def handle(self, *args, **options):
        rotated = 0
        with transaction.atomic():
            for submission in FormSubmission.objects.select_for_update().only("form_data").iterator(chunk_size=500):
                data = rotate_fields(submission.form_data)
                if data != submission.form_data:
                    submission.form_data = data
                    submission.save(update_fields=["form_data"])
                    rotated += 1
        self.stdout.write(f"Encrypted {rotated} form submissions again with the first key of FORM_DATA_KEY.")
