"""Downloaded files are named for what they hold and its period, in Vietnamese without diacritics."""

import datetime
import re

import pytest
from django.utils import timezone

from home.exports import file_name
from tests.home.test_translation_status import editor, report, report_tree  # noqa: F401


def attachment_name(response):
    """The file name a browser saves the response as."""
    return re.fullmatch(r'attachment; filename="([^"]+)"', response["Content-Disposition"]).group(1)


@pytest.mark.parametrize(
    ("parts", "expected"),
    [
        (("Báo cáo 6 tháng", 2021), "bao-cao-6-thang-2021"),
        (("Tình trạng bản dịch", datetime.date(2026, 12, 3)), "tinh-trang-ban-dich-2026-12-03"),
        (("Đoàn ra, đoàn vào", "", "năm", 2021), "doan-ra-doan-vao-nam-2021"),
        (("Kế hoạch", "17/KH-UBND"), "ke-hoach-17-kh-ubnd"),
    ],
)
def test_file_names_are_ascii_words_and_dates(parts, expected):
    assert file_name(*parts) == expected


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_the_translation_status_report_is_named_for_its_day(editor, site_tree, report_tree, kind):  # noqa: F811
    response = report(editor, export=kind)
    assert attachment_name(response) == f"tinh-trang-ban-dich-{timezone.localdate():%Y-%m-%d}.{kind}"
