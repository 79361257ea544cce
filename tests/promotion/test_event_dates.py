"""Event dates in each language's date and time format, each day named once."""

import datetime
import re
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Template
from django.utils import translation

from tests.conftest import LANGUAGES

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")


def event(start, end):
    return type("Event", (), {"start": start, "end": end})


def when(start, end, language):
    with translation.override(language):
        rendered = Template("{% load promotion_tags %}{% event_when event %}").render(
            Context({"event": event(start, end)})
        )
    return re.sub(r"<[^>]+>", "", rendered), rendered


ONE_DAY = {
    "vi": "Ngày 10 tháng 5 năm 2027, 08:00–17:00",
    "en": "10 May 2027, 08:00–17:00",
    "lo": "10 ພຶດສະພາ 2027, 08:00–17:00",
    "km": "10 ខែ ឧសភា ឆ្នាំ 2027, 8:00–17:00",
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_one_day_event_names_its_day_once_with_a_time_range(language):
    start = datetime.datetime(2027, 5, 10, 8, 0, tzinfo=HANOI)
    text, markup = when(start, start.replace(hour=17), language)
    assert text == ONE_DAY[language]
    assert f'<time datetime="{start.isoformat()}">' in markup
    assert '<time datetime="2027-05-10T17:00:00+07:00">' in markup


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_several_day_event_shows_one_date_range(language):
    start = datetime.datetime(2027, 5, 10, 8, 0, tzinfo=HANOI)
    text, _markup = when(start, datetime.datetime(2027, 5, 12, 17, 0, tzinfo=HANOI), language)
    first, last = ONE_DAY[language].split(", ")[0], ONE_DAY[language].split(", ")[0].replace("10", "12", 1)
    assert text == f"{first} – {last}"


def test_event_times_are_shown_in_vietnam_time():
    start = datetime.datetime(2027, 5, 10, 1, 0, tzinfo=datetime.UTC)  # 08:00 in Vietnam
    text, _markup = when(start, start + datetime.timedelta(hours=9), "en")
    assert text == "10 May 2027, 08:00–17:00"
