"""A task's time frame as the plan words it, turned into the periods it is due in.

Plans word their deadlines as Vietnamese administrative text: "Quý II/2021", "Từ quý I/2021",
"01 lần/tháng", "Quý/cuộc", "Cả năm 2021", "Thường xuyên trong năm 2021". Each becomes one or
more due periods within the plan's year:

- a quarter ("Quý II/2021", "Quý III năm 2021"): one period, due at the quarter's end;
- "Từ quý I/2021" (starting in a quarter, no end stated): one period from that quarter to the end of the year;
- "01 lần/tháng" (monthly): twelve periods, each due at its month's end;
- "Quý/cuộc" (once a quarter) and "Thường xuyên" (ongoing): four quarterly periods;
- "Năm 2021", "Cả năm 2021", or no time stated: one period, the whole year.
"""

import calendar
import datetime
import re
import unicodedata
from dataclasses import dataclass

from django.utils.functional import lazy

ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4}
NUMERAL = {number: roman for roman, number in ROMAN.items()}
QUARTER = r"qu[ýy]\s+(?P<quarter>IV|I{1,3})"
YEAR = r"(?:\s*/\s*|\s+năm\s+)(?P<year>\d{4})"


class TimeFrameError(ValueError):
    pass


@dataclass(frozen=True)
class Period:
    label: str
    starts: datetime.date
    due: datetime.date


def quarter_period(year, quarter):
    first_month = 3 * quarter - 2
    last_day = calendar.monthrange(year, first_month + 2)[1]
    return Period(
        f"Quý {NUMERAL[quarter]}/{year}",
        datetime.date(year, first_month, 1),
        datetime.date(year, first_month + 2, last_day),
    )


def month_period(year, month):
    return Period(
        f"Tháng {month}/{year}",
        datetime.date(year, month, 1),
        datetime.date(year, month, calendar.monthrange(year, month)[1]),
    )


def year_period(year):
    return Period(f"Năm {year}", datetime.date(year, 1, 1), datetime.date(year, 12, 31))


def check_year(match, year, text):
    if match.group("year") and int(match.group("year")) != year:
        raise TimeFrameError(f"“{text}” names {match.group('year')}, not the plan's year {year}.")


def read_time_frame(time_frame, year):
    """What the wording says: (kind, quarter), kind one of "year", "quarter", "from-quarter", "monthly",
    "quarterly" and "ongoing"; or TimeFrameError naming what could not be read."""
    text = unicodedata.normalize("NFC", " ".join((time_frame or "").split()))
    lowered = text.lower()
    if not text or re.fullmatch(rf"(cả\s+)?năm\s+{year}", lowered):
        return "year", None
    if match := re.fullmatch(rf"(?P<from>từ\s+)?{QUARTER}{YEAR}", text, re.IGNORECASE):
        check_year(match, year, text)
        return ("from-quarter" if match.group("from") else "quarter"), ROMAN[match.group("quarter").upper()]
    if re.fullmatch(r"(0?1\s+lần\s*/\s*tháng|hằng tháng|hàng tháng)", lowered):
        return "monthly", None
    if re.fullmatch(r"(quý\s*/\s*cuộc|hằng quý|hàng quý)", lowered):
        return "quarterly", None
    if re.fullmatch(rf"thường xuyên( trong năm {year})?", lowered):
        return "ongoing", None
    raise TimeFrameError(
        f"Cannot read the time frame “{time_frame}”: expected e.g. “Quý II/{year}”, “Từ quý I/{year}”, "
        f"“01 lần/tháng”, “Quý/cuộc”, “Cả năm {year}” or “Thường xuyên trong năm {year}”."
    )


def due_periods(time_frame, year):
    """The periods a task is due in, or TimeFrameError naming what could not be read."""
    kind, quarter = read_time_frame(time_frame, year)
    if kind == "year":
        return [year_period(year)]
    if kind == "quarter":
        return [quarter_period(year, quarter)]
    if kind == "from-quarter":
        starts = quarter_period(year, quarter).starts
        return [Period(f"Từ quý {NUMERAL[quarter]}/{year}", starts, year_period(year).due)]
    if kind == "monthly":
        return [month_period(year, month) for month in range(1, 13)]
    return [quarter_period(year, quarter) for quarter in range(1, 5)]


def time_frame_name(time_frame, year):
    """The time frame in the reader's language ("Q2 2021", "Every month in 2021"); the plan's own
    wording for Vietnamese readers, and for wording that cannot be read."""
    from django.conf import settings
    from django.utils import translation
    from django.utils.translation import gettext

    if translation.get_language() == settings.LANGUAGE_CODE:
        return time_frame or str(year)
    try:
        kind, quarter = read_time_frame(time_frame, year)
    except TimeFrameError:
        return time_frame
    names = {
        "year": gettext("Throughout %(year)s"),
        "quarter": gettext("Q%(quarter)s %(year)s"),
        "from-quarter": gettext("From Q%(quarter)s %(year)s"),
        "monthly": gettext("Every month in %(year)s"),
        "quarterly": gettext("Every quarter in %(year)s"),
        "ongoing": gettext("Ongoing in %(year)s"),
    }
    return names[kind] % {"quarter": quarter, "year": year}


def period_name(period):
    """A due period in the reader's language, from its dates: "Q2 2021", "March 2021", "Year 2021"."""
    from django.conf import settings
    from django.utils import translation
    from django.utils.formats import date_format
    from django.utils.translation import gettext

    if translation.get_language() == settings.LANGUAGE_CODE:
        return period.label
    starts, due, year = period.starts, period.due, period.starts.year
    quarter = (starts.month - 1) // 3 + 1
    whole_year = (starts.month, starts.day, due.month, due.day) == (1, 1, 12, 31)
    if whole_year:
        return gettext("Year %(year)s") % {"year": year}
    if starts.day == 1 and starts.month == due.month:
        return date_format(starts, "YEAR_MONTH_FORMAT")
    if starts.day == 1 and starts.month % 3 == 1 and due == quarter_period(year, quarter).due:
        return gettext("Q%(quarter)s %(year)s") % {"quarter": quarter, "year": year}
    if starts.day == 1 and starts.month % 3 == 1 and due == year_period(year).due:
        return gettext("From Q%(quarter)s %(year)s") % {"quarter": quarter, "year": year}
    return f"{date_format(starts, 'SHORT_DATE_FORMAT')} – {date_format(due, 'SHORT_DATE_FORMAT')}"


def _quarter_label(number):
    from django.utils.translation import gettext

    return gettext("Quarter %(number)s") % {"number": number}


quarter_label = lazy(_quarter_label, str)  # translated when shown, in the reader's language
