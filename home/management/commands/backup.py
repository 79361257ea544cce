"""Write the database and the media files to one archive (home/backup.py; README, "Backup and restore")."""

import os
import sys
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from home.backup import write_backup


class Command(BaseCommand):
    help = (
        "Write every table of the database and every file of the media storage (local or S3) to one .tar.gz "
        "archive with a manifest of sizes and checksums; `manage.py restore` rebuilds a site from it."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            "-o",
            help="The archive's file name, a directory to write it in, or - for standard output. "
            "Default: BACKUP_DIR/portal-<date>-<time>.tar.gz.",
        )

    def handle(self, *args, output=None, **options):
        if output == "-":
            manifest = write_backup(sys.stdout.buffer, "default", self.stderr.write)
            self.stderr.write(self.summary("standard output", manifest))
            return
        path = Path(output or settings.BACKUP_DIR)
        if not output or path.is_dir():
            path.mkdir(parents=True, exist_ok=True)
            path = path / f"portal-{timezone.localtime():%Y%m%d-%H%M%S}.tar.gz"
        # Written under another name until complete, readable by its owner only (password hashes,
        # personal data of the forms, sign-in secrets).
        partial = path.with_name(path.name + ".partial")
        descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            with os.fdopen(descriptor, "wb") as out:
                manifest = write_backup(out, "default", self.stderr.write)
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
        os.replace(partial, path)
        self.stdout.write(self.summary(path, manifest))

    def summary(self, where, manifest):
        rows = sum(entry["rows"] for entry in manifest["tables"])
        files = manifest["media"]["files"]
        size = sum(entry["size"] for entry in files) / 1024 / 1024
        return (
            f"Wrote {where}: {rows:,} rows of {len(manifest['tables'])} tables, {len(files):,} media files "
            f"({size:,.1f} MB). Not in it: {', '.join(manifest['skipped'])} (see its manifest.json), and the "
            "settings from the environment: keep SECRET_KEY and FORM_DATA_KEY apart from the archive."
        )
