from django import template
from django.utils import timezone
from django.utils.dateformat import format as format_date
from django.utils.formats import get_format
from django.utils.html import format_html

register = template.Library()


@register.filter
def capital_usd(project, rate):
    return project.capital_usd(rate)


@register.filter
def dossiers_in_language(project, language):
    return project.dossiers_for(language)


def _time(moment, text):
    return format_html('<time datetime="{}">{}</time>', moment.isoformat(), text)


@register.simple_tag
def event_when(event):
    """When an event takes place, in the reader's date and time format, each day named once:
    "10 May 2027, 08:00–17:00" for a day, "10 May 2027 – 12 May 2027" for several days."""
    start, end = timezone.localtime(event.start), timezone.localtime(event.end)
    day_format, time_format = get_format("DATE_FORMAT"), get_format("TIME_FORMAT")
    if start.date() != end.date():
        return format_html(
            "{} – {}", _time(start, format_date(start, day_format)), _time(end, format_date(end, day_format))
        )
    day = format_date(start, day_format)
    if start == end:
        return _time(start, f"{day}, {format_date(start, time_format)}")
    return format_html(
        "{}–{}", _time(start, f"{day}, {format_date(start, time_format)}"), _time(end, format_date(end, time_format))
    )
