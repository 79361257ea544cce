"""The monthly digest of press coverage (plan item 5.3): counts by outlet, tone and topic, and the
items that need a response, shown in the admin and exported to XLSX and Word."""

import calendar
import datetime
import io

from django.db.models import Count
from django.utils.translation import gettext as _
from docx import Document
from docx.shared import Pt
from openpyxl import Workbook
from openpyxl.styles import Font

from home.collation import collation_key

from .models import Coverage, Tone


def day(date):
    return date.strftime("%d/%m/%Y") if date else ""


class Digest:
    def __init__(self, year, month):
        self.year, self.month = year, month
        self.first = datetime.date(year, month, 1)
        self.last = datetime.date(year, month, calendar.monthrange(year, month)[1])
        self.items = Coverage.objects.filter(published_on__range=(self.first, self.last)).select_related(
            "outlet", "topic", "responding_unit"
        )

    @property
    def label(self):
        return f"{self.month:02d}/{self.year}"

    @property
    def total(self):
        return self.items.count()

    def by_outlet(self):
        rows = self.items.values("outlet__name").annotate(count=Count("pk"))
        return sorted(
            ((row["outlet__name"], row["count"]) for row in rows), key=lambda row: (-row[1], collation_key(row[0]))
        )

    def by_tone(self):
        counts = dict(self.items.values_list("tone").annotate(count=Count("pk")))
        return [(str(label), counts.get(value, 0)) for value, label in Tone.choices]

    def by_topic(self):
        counts = self.items.values("topic").annotate(count=Count("pk"))
        topics = {item.topic_id: item.topic for item in self.items}
        rows = [(str(topics[row["topic"]]), row["count"]) for row in counts]
        return sorted(rows, key=lambda row: (-row[1], collation_key(row[0])))

    def needing_response(self):
        return [item for item in self.items if item.needs_response]

    def tables(self):
        """The digest's tables as (title, headings, rows), the same for the screen and both exports."""
        return [
            (_("By outlet"), [_("Outlet"), _("Items")], self.by_outlet()),
            (_("By tone"), [_("Tone"), _("Items")], self.by_tone()),
            (_("By topic"), [_("Topic"), _("Items")], self.by_topic()),
            (
                _("Items needing a response"),
                [_("Outlet"), _("Date"), _("Title"), _("Responding unit"), _("Answer by"), _("Response")],
                [
                    (str(item.outlet), day(item.published_on), item.title, str(item.responding_unit or ""),
                     day(item.response_due), item.get_response_status_display())
                    for item in self.needing_response()
                ],
            ),
            (
                _("All items"),
                [_("Date"), _("Outlet"), _("Title"), _("Link"), _("Tone"), _("Topic")],
                [
                    (day(item.published_on), str(item.outlet), item.title, item.url,
                     item.get_tone_display(), str(item.topic))
                    for item in self.items
                ],
            ),
        ]  # fmt: skip

    def title(self):
        return _("Press coverage digest, %(month)s") % {"month": self.label}

    def xlsx(self):
        workbook = Workbook()
        sheet = workbook.active
        sheet.title = self.label.replace("/", "-")
        sheet.append([self.title()])
        sheet["A1"].font = Font(bold=True, size=14)
        sheet.append([_("Items in the month"), self.total])
        for title, headings, rows in self.tables():
            sheet.append([])
            sheet.append([title])
            sheet.cell(sheet.max_row, 1).font = Font(bold=True)
            sheet.append(headings)
            for cell in sheet[sheet.max_row]:
                cell.font = Font(bold=True)
            for row in rows:
                sheet.append(list(row))
        buffer = io.BytesIO()
        workbook.save(buffer)
        return buffer.getvalue()

    def docx(self):
        document = Document()
        document.styles["Normal"].font.name = "Times New Roman"
        document.styles["Normal"].font.size = Pt(13)
        document.add_heading(self.title(), level=1)
        document.add_paragraph(_("Items in the month: %(count)s") % {"count": self.total})
        for title, headings, rows in self.tables():
            document.add_heading(title, level=2)
            if not rows:
                document.add_paragraph(_("None."))
                continue
            table = document.add_table(rows=1, cols=len(headings))
            table.style = "Table Grid"
            for cell, heading in zip(table.rows[0].cells, headings, strict=True):
                cell.text = str(heading)
                cell.paragraphs[0].runs[0].bold = True
            for row in rows:
                for cell, value in zip(table.add_row().cells, row, strict=True):
                    cell.text = str(value)
        buffer = io.BytesIO()
        document.save(buffer)
        return buffer.getvalue()


def months_with_coverage():
    """(year, month, count) of every month with logged coverage, newest first."""
    from django.db.models.functions import TruncMonth

    rows = Coverage.objects.annotate(month=TruncMonth("published_on")).values("month").annotate(count=Count("pk"))
    return [(row["month"].year, row["month"].month, row["count"]) for row in rows.order_by("-month")]
