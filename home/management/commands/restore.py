"""Rebuild a site's database and media files from an archive of `manage.py backup` (home/backup.py)."""

from django.core.management.base import BaseCommand

from home.backup import restore


class Command(BaseCommand):
    help = (
        "Restore the database and the media files from an archive of `manage.py backup`: check it, migrate the "
        "database to its state, load it in one transaction, write the files, rebuild the search and reference "
        "indexes. Refuses a site that has content unless --force."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="The .tar.gz file `manage.py backup` wrote.")
        parser.add_argument(
            "--force",
            action="store_true",
            help=(
                "Restore into a site that has content: every row of its database is deleted first, and every file "
                "of its storage that the archive does not have."
            ),
        )

    def handle(self, *args, archive, force, **options):
        restore(archive, force, self.stdout.write)
