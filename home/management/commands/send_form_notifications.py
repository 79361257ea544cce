"""E-mail the public forms' submissions whose e-mail has not gone yet (the mail server was down, or
the task gave up after its retries). Safe to run at any time: a sent e-mail is never sent again.
Run it from cron every few minutes, or after a mail outage."""

from django.core.management.base import BaseCommand

from home.form_pages import SubmissionReceipt, notify_submission


class Command(BaseCommand):
    help = "Send the e-mails of public form submissions that have not gone yet."

    def handle(self, *args, **options):
        pending = list(SubmissionReceipt.objects.filter(notified_at=None).values_list("pk", flat=True))
        for pk in pending:
            notify_submission.call(pk)
        left = SubmissionReceipt.objects.filter(pk__in=pending, notified_at=None).count()
        self.stdout.write(f"{len(pending) - left} of {len(pending)} waiting e-mails sent; {left} still waiting.")
        if left:
            self.stderr.write("The mail server still fails: see the log, and run this again later.")
