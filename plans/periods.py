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


def due_periods(time_frame, year):
    """The periods a task is due in, or TimeFrameError naming what could not be read."""
    text = unicodedata.normalize("NFC", " ".join((time_frame or "").split()))
    lowered = text.lower()
    if not text or re.fullmatch(rf"(cả\s+)?năm\s+{year}", lowered):
        return [year_period(year)]
    if match := re.fullmatch(rf"(?P<from>từ\s+)?{QUARTER}{YEAR}", text, re.IGNORECASE):
        check_year(match, year, text)
        period = quarter_period(year, ROMAN[match.group("quarter").upper()])
        if match.group("from"):
            return [Period(f"Từ quý {NUMERAL[ROMAN[match.group('quarter').upper()]]}/{year}", period.starts,
                           year_period(year).due)]
        return [period]
    if re.fullmatch(r"(0?1\s+lần\s*/\s*tháng|hằng tháng|hàng tháng)", lowered):
        return [month_period(year, month) for month in range(1, 13)]
    if re.fullmatch(rf"(quý\s*/\s*cuộc|hằng quý|hàng quý|thường xuyên( trong năm {year})?)", lowered):
        return [quarter_period(year, quarter) for quarter in range(1, 5)]
    raise TimeFrameError(
        f"Cannot read the time frame “{time_frame}”: expected e.g. “Quý II/{year}”, “Từ quý I/{year}”, "
        f"“01 lần/tháng”, “Quý/cuộc”, “Cả năm {year}” or “Thường xuyên trong năm {year}”."
    )


def _quarter_label(number):
    from django.utils.translation import gettext

    return gettext("Quarter %(number)s") % {"number": number}


quarter_label = lazy(_quarter_label, str)  # translated when shown, in the reader's language
