"""Evidence pages move from a many-to-many field to orderable rows, which the page chooser edits several at once.

The rows of the old table are copied, in the order they were added, before it is dropped; going
back copies them the other way.
"""

import django.db.models.deletion
import modelcluster.fields
from django.conf import settings
from django.db import migrations, models


def copy_to_items(apps, schema_editor):
    ProgressReport = apps.get_model("plans", "ProgressReport")
    ProgressReportEvidencePage = apps.get_model("plans", "ProgressReportEvidencePage")
    order = {}
    items = []
    for row in ProgressReport.evidence_pages.through.objects.order_by("progressreport_id", "id"):
        sort_order = order[row.progressreport_id] = order.get(row.progressreport_id, -1) + 1
        items.append(
            ProgressReportEvidencePage(report_id=row.progressreport_id, page_id=row.page_id, sort_order=sort_order)
        )
    ProgressReportEvidencePage.objects.bulk_create(items)


def copy_from_items(apps, schema_editor):
    ProgressReport = apps.get_model("plans", "ProgressReport")
    ProgressReportEvidencePage = apps.get_model("plans", "ProgressReportEvidencePage")
    Through = ProgressReport.evidence_pages.through
    Through.objects.bulk_create(
        Through(progressreport_id=item.report_id, page_id=item.page_id)
        for item in ProgressReportEvidencePage.objects.order_by("report_id", "sort_order", "id")
    )


class Migration(migrations.Migration):

    dependencies = [
        ("plans", "0004_plan_library_and_press_tasks"),
        migrations.swappable_dependency(settings.WAGTAIL_PAGE_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="ProgressReportEvidencePage",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("sort_order", models.IntegerField(blank=True, editable=False, null=True)),
                (
                    "page",
                    models.ForeignKey(
                        help_text="A page of the portal that shows the work.",
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to=settings.WAGTAIL_PAGE_MODEL,
                        verbose_name="portal page",
                    ),
                ),
                (
                    "report",
                    modelcluster.fields.ParentalKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="evidence_page_items",
                        to="plans.progressreport",
                    ),
                ),
            ],
            options={
                "verbose_name": "evidence page",
                "verbose_name_plural": "evidence pages",
                "ordering": ["sort_order"],
                "abstract": False,
                "unique_together": {("report", "page")},
            },
        ),
        migrations.RunPython(copy_to_items, copy_from_items),
        migrations.RemoveField(model_name="progressreport", name="evidence_pages"),
    ]
