"""iCalendar (RFC 5545) files for events, in the language of the address they are fetched at."""

import datetime

from django.http import HttpResponse
from django.utils import timezone
from django.utils.html import strip_tags

from home.models import absolute_url


def escape(text):
    return (
        str(text)
        .replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def fold(line):
    """Lines longer than 75 octets continue on the next line after a space (RFC 5545, 3.1)."""
    encoded = line.encode("utf-8")
    parts = []
    while len(encoded) > 75:
        cut = 75 if not parts else 74
        while cut and (encoded[cut] & 0xC0) == 0x80:  # do not split a UTF-8 character
            cut -= 1
        parts.append(encoded[:cut].decode("utf-8"))
        encoded = encoded[cut:]
    parts.append(encoded.decode("utf-8"))
    return "\r\n ".join(parts)


def utc(moment):
    return moment.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def event_lines(event, request):
    url = absolute_url(event, request)
    lines = [
        "BEGIN:VEVENT",
        f"UID:event-{event.pk}@{request.get_host().split(':')[0]}",
        f"DTSTAMP:{utc(event.last_published_at or timezone.now())}",
        f"DTSTART:{utc(event.start)}",
        f"DTEND:{utc(event.end)}",
        f"SUMMARY:{escape(event.title)}",
        f"DESCRIPTION:{escape(strip_tags(event.summary))}",
        f"URL:{url}",
        f"CATEGORIES:{escape(event.get_category_display())}",
    ]
    if event.venue:
        lines.append(f"LOCATION:{escape(event.venue)}")
    if event.latitude is not None and event.longitude is not None:
        lines.append(f"GEO:{event.latitude};{event.longitude}")
    return [*lines, "END:VEVENT"]


def calendar_response(request, events, filename):
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//portal-doingoai//events//EN", "CALSCALE:GREGORIAN"]
    for event in events:
        lines += event_lines(event, request)
    lines.append("END:VCALENDAR")
    response = HttpResponse(
        "\r\n".join(fold(line) for line in lines) + "\r\n", content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
