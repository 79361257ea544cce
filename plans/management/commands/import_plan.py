from django.core.management.base import BaseCommand, CommandError

from plans.importer import PlanFileError, import_plan


class Command(BaseCommand):
    help = "Load a plan file (JSON, as plans/data/ke-hoach-17-KH-UBND-2021.json); running it again changes nothing."

    def add_arguments(self, parser):
        parser.add_argument("file")

    def handle(self, *args, file, **options):
        try:
            plan, counts = import_plan(file)
        except PlanFileError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"{plan.number}: {plan.tasks.count()} tasks; "
            f"{counts['created']} rows created, {counts['updated']} updated, {counts['unchanged']} unchanged."
        )
