"""The consolidated six-month or annual report as a Word document, in the administrative format of
Decree 30/2020/NĐ-CP: issuing body, number and symbol, national title and motto, place and date, the
kind of document and what it is about, the body (one section per task with its progress, results
and evidence), recipients and signature block, in Times New Roman on A4. The department edits the
draft, numbers and signs it.

The text is Vietnamese whatever the user's language: it is a Vietnamese administrative document.
"""

import io

from django.db.models import Prefetch
from django.utils import translation
from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from modeltranslation.utils import build_localized_fieldname

from home.collation import collated
from home.exports import file_name

from .models import DuePeriod, ProgressReport, ReportingDeadline, Status, evidence_pages

FONT = "Times New Roman"
# Each period's progress on the report's day, as the report words it: a period nobody has reported on
# before its deadline is not yet due, not "not carried out". In the order of the general assessment.
PROGRESS = {
    Status.DONE_ON_TIME: "đã hoàn thành đúng hạn",
    Status.DONE_LATE: "đã hoàn thành, chậm so với hạn",
    Status.IN_PROGRESS: "đang thực hiện, chưa đến hạn",
    Status.OVERDUE: "quá hạn, chưa hoàn thành",
    Status.NOT_STARTED: "chưa đến hạn, chưa có báo cáo",
}

# What each kind of report covers: in its file name, and in its title ("6 tháng đầu năm 2021").
PERIODS = {
    ReportingDeadline.Kind.SIX_MONTH: ("6 tháng", "6 tháng đầu năm"),
    ReportingDeadline.Kind.ANNUAL: ("năm", "năm"),
}


def report_file_name(deadline):
    """`bao-cao-6-thang-2021`, `bao-cao-nam-2021`."""
    return file_name("Báo cáo", PERIODS[deadline.kind][0], deadline.covers_to.year)


def vi(instance, field):
    return getattr(instance, build_localized_fieldname(field, "vi")) or getattr(instance, field)


def unit_names(units):
    return "; ".join(collated((vi(unit, "name") for unit in units), language="vi"))


def plan_subject(plan):
    """What the plan is about, to follow "về": its title without the leading "Kế hoạch"."""
    title = vi(plan, "title")
    subject = title[len("Kế hoạch ") :] if title.lower().startswith("kế hoạch ") else title
    return subject[:1].lower() + subject[1:]


def set_font(document):
    style = document.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(14)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    style.paragraph_format.space_after = Pt(6)
    section = document.sections[0]
    section.page_height, section.page_width = Mm(297), Mm(210)
    section.top_margin = section.bottom_margin = Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)


def line(cell_or_document, text, bold=False, italic=False, size=None, align=WD_ALIGN_PARAGRAPH.CENTER):
    paragraph = cell_or_document.add_paragraph()
    paragraph.alignment = align
    paragraph.paragraph_format.space_after = Pt(0)
    run = paragraph.add_run(text)
    run.bold, run.italic = bold, italic
    if size:
        run.font.size = Pt(size)
    return paragraph


def header(document, plan, deadline, unit):
    table = document.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    left, right = table.rows[0].cells
    left.width, right.width = Mm(65), Mm(100)
    for cell in (left, right):
        cell.paragraphs[0].text = ""
    line(left, vi(plan.issuing_body, "name").upper(), size=13)
    line(left, vi(unit, "name").upper(), bold=True, size=13)
    line(left, "Số:        /BC-……", size=13)  # the department numbers the signed report
    line(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold=True, size=13)
    line(right, "Độc lập - Tự do - Hạnh phúc", bold=True, size=14)
    line(right, f"{plan.place or '……'}, ngày      tháng      năm {deadline.due.year}", italic=True, size=14)
    document.add_paragraph()
    line(document, "BÁO CÁO", bold=True)
    period = f"{PERIODS[deadline.kind][1]} {deadline.covers_to.year}"
    line(document, f"Kết quả thực hiện Kế hoạch số {plan.number} {period}", bold=True)
    document.add_paragraph()


def task_section(document, task, periods, reports, pages):
    heading = document.add_paragraph()
    heading.add_run(f"{task.code}. {vi(task, 'title')}").bold = True
    leads = unit_names(task.lead_units.all())
    partners = unit_names(task.coordinating_units.all())
    if leads:
        document.add_paragraph(f"Đơn vị chủ trì: {leads}.")
    if partners:
        document.add_paragraph(f"Đơn vị phối hợp: {partners}.")
    if task.time_frame:
        document.add_paragraph(f"Thời gian thực hiện: {task.time_frame}.")
    document.add_paragraph("Tiến độ:")
    for period, status in periods:
        document.add_paragraph(f"{period.label} (hạn {period.due:%d/%m/%Y}): {PROGRESS[status]}.", style="List Bullet")
    if reports:
        document.add_paragraph("Kết quả:")
        for report in reports:
            done = f", hoàn thành ngày {report.completed_on:%d/%m/%Y}" if report.completed_on else ""
            document.add_paragraph(
                f"{vi(report.unit, 'name')} ({report.period.label}, {report.percent_done}%{done}): {report.text}",
                style="List Bullet",
            )
    else:
        document.add_paragraph("Kết quả: chưa có báo cáo của đơn vị.")
    evidence = list(pages)
    for report in reports:
        evidence += [page for page in report.evidence_pages() if page.live and page not in evidence]
    lines = [f"{page.specific.title}: {page.full_url}" for page in evidence]
    for report in reports:
        lines += [f"{item.title}: {item.url}" for item in report.evidence_documents.all()]
        lines += [link for link in report.evidence_links.split() if link]
    if lines:
        document.add_paragraph("Minh chứng:")
        for text in lines:
            document.add_paragraph(text, style="List Bullet")


def consolidated_report(plan, deadline):
    """The report's .docx bytes, in Vietnamese; statuses as on the deadline, from the reports received by then."""
    with translation.override("vi"):
        return build_report(plan, deadline)


def build_report(plan, deadline):
    unit = plan.current_coordinating_unit()
    as_of = deadline.due
    received = ProgressReport.objects.filter(submitted_at__date__lte=as_of).select_related("unit", "period")
    received = received.prefetch_related("evidence_documents", "evidence_page_items__page")
    periods = DuePeriod.objects.filter(due__gte=deadline.covers_from, starts__lte=deadline.covers_to)
    tasks = list(
        plan.tasks.order_by("sort_order")
        .prefetch_related(
            "lead_units",
            "coordinating_units",
            Prefetch("periods", periods.prefetch_related(Prefetch("reports", received))),
        )
    )
    pages = evidence_pages(tasks, published_by=as_of)

    document = Document()
    set_font(document)
    header(document, plan, deadline, unit)
    document.add_paragraph(
        f"Thực hiện Kế hoạch số {plan.number} ngày {plan.date_issued:%d/%m/%Y} của {vi(plan.issuing_body, 'name')} "
        f"về {plan_subject(plan)}, {vi(unit, 'name')} tổng hợp, báo cáo kết quả "
        f"thực hiện đến ngày {as_of:%d/%m/%Y} như sau:"
    ).alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    line(document, "I. KẾT QUẢ THỰC HIỆN", bold=True, align=WD_ALIGN_PARAGRAPH.LEFT)
    totals = dict.fromkeys(Status, 0)
    due_in_period = {task.pk for task in tasks if task.periods.all()}
    for task in tasks:
        if task.parent_id is None and task.pk not in due_in_period:
            if any(child.parent_id == task.pk and child.pk in due_in_period for child in tasks):
                document.add_paragraph().add_run(f"{task.code}. {vi(task, 'title')}").bold = True  # a heading
            continue
        if task.pk not in due_in_period:
            continue  # not due in the period this report covers
        periods = [(period, period.status(as_of, reports=list(period.reports.all()))) for period in task.periods.all()]
        for _period, status in periods:
            totals[status] += 1
        reports = [report for period in task.periods.all() for report in period.reports.all()]
        task_section(document, task, periods, reports, pages.get(task.pk, []))
    line(document, "II. ĐÁNH GIÁ CHUNG", bold=True, align=WD_ALIGN_PARAGRAPH.LEFT)
    counted = "; ".join(f"{totals[status]} kỳ {phrase}" for status, phrase in PROGRESS.items() if totals[status])
    document.add_paragraph(
        f"Tính đến ngày {as_of:%d/%m/%Y}, các nhiệm vụ có {sum(totals.values())} kỳ thực hiện trong kỳ báo cáo"
        + (f", trong đó: {counted}." if counted else ".")
    )
    line(document, "III. ĐỀ XUẤT, KIẾN NGHỊ", bold=True, align=WD_ALIGN_PARAGRAPH.LEFT)
    document.add_paragraph("(Đơn vị bổ sung trước khi trình ký.)")
    signature(document, plan, unit)
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()


def signature(document, plan, unit):
    table = document.add_table(rows=1, cols=2)
    left, right = table.rows[0].cells
    for cell in (left, right):
        cell.paragraphs[0].text = ""
    receivers = line(left, "Nơi nhận:", bold=True, italic=True, size=12, align=WD_ALIGN_PARAGRAPH.LEFT)
    receivers.paragraph_format.space_after = Pt(0)
    for receiver in (f"- {vi(plan.issuing_body, 'name')} (b/c);", "- Lưu: VT."):
        line(left, receiver, size=11, align=WD_ALIGN_PARAGRAPH.LEFT)
    line(right, "GIÁM ĐỐC" if unit.kind == unit.Kind.DEPARTMENT else "THỦ TRƯỞNG ĐƠN VỊ", bold=True)
    line(right, "(Ký, ghi rõ họ tên, đóng dấu)", italic=True, size=12)
