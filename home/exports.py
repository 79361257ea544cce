"""Names of the files staff download: what the file holds, in Vietnamese without diacritics, and its
period ("bao-cao-6-thang-2021.docx", "tinh-trang-ban-dich-2026-12-03.xlsx"), whatever the admin's language."""

import datetime
import re

from anyascii import anyascii
from django.utils import timezone

NOT_ALPHANUMERIC = re.compile(r"[^a-z0-9]+")


def file_name(*parts):
    """The parts as one name: dates as 2026-12-03, text in lower-case ASCII words joined by hyphens
    ("17/KH-UBND" gives "17-kh-ubnd", "Đoàn" gives "doan"); empty parts are left out."""
    words = [
        part.isoformat() if isinstance(part, datetime.date) else NOT_ALPHANUMERIC.sub("-", anyascii(str(part)).lower())
        for part in parts
    ]
    return "-".join(word.strip("-") for word in words if word.strip("-"))


class NamedExportMixin:
    """For Wagtail's listings and reports (SpreadsheetExportMixin): the export is named by
    `export_filename`, in Vietnamese words, then by `export_period()`, the day of the export by default."""

    export_filename = ""

    def export_period(self):
        return (timezone.localdate(),)

    def get_filename(self):
        return file_name(self.export_filename, *self.export_period())
