import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from plans.reminders import send_reminders


class Command(BaseCommand):
    help = "E-mail the plan reminders due today (run daily from cron); a second run the same day sends nothing."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="Act as if today were this day (YYYY-MM-DD).")

    def handle(self, *args, date=None, **options):
        try:
            today = datetime.date.fromisoformat(date) if date else timezone.localdate()
        except ValueError as error:
            raise CommandError(f"--date {date}: expected YYYY-MM-DD.") from error
        self.stdout.write(f"{send_reminders(today)} reminders sent for {today:%d/%m/%Y}.")
