"""The evidence pages progress reports had before the page chooser are kept, in the order they were added."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from plans.models import Plan, ProgressReport, Task, Unit
from tests.browser.tools import leave_migrated_data, live_server_db  # noqa: F401  (a fixture)
from tests.factories import make_home, make_standard_page

# Migrating changes the schema, which needs committed data rather than a test transaction.
pytestmark = [live_server_db, pytest.mark.usefixtures("leave_migrated_data")]

BEFORE = [("plans", "0004_plan_library_and_press_tasks")]


def migrate(targets=None):
    """Migrate to `targets` (the latest state if None) and return the models as they were there."""
    executor = MigrationExecutor(connection)
    targets = targets or executor.loader.graph.leaf_nodes()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def test_evidence_pages_move_to_the_chooser_rows_and_back():
    home = make_home()
    first, second = (
        make_standard_page(home, titles={"vi": title}, slugs={"vi": slug})
        for title, slug in (("Tin một", "tin-mot"), ("Tin hai", "tin-hai"))
    )
    unit = Unit.objects.create(key="bao-bac-kan", name="Báo Bắc Kạn")
    plan = Plan.objects.create(number="17/KH-UBND", title="Kế hoạch", year=2021, date_issued=datetime.date(2021, 1, 18),
                               issuing_body=unit, coordinating_unit=unit)  # fmt: skip
    task = Task.objects.create(plan=plan, code="4.3", title="Nhiệm vụ 4.3", time_frame="Cả năm 2021")
    period = task.periods.get()
    reports = [ProgressReport.objects.create(period=period, unit=unit, text=text, percent_done=50) for text in "AB"]
    given = [(reports[0].pk, second.pk), (reports[0].pk, first.pk), (reports[1].pk, first.pk)]  # as added
    try:
        old = migrate(BEFORE)
        through = old.get_model("plans", "ProgressReport").evidence_pages.through
        for report_id, page_id in given:
            through.objects.create(progressreport_id=report_id, page_id=page_id)

        migrate()
        assert [page.pk for page in ProgressReport.objects.get(text="A").evidence_pages()] == [second.pk, first.pk]
        assert [page.pk for page in ProgressReport.objects.get(text="B").evidence_pages()] == [first.pk]

        old = migrate(BEFORE)
        through = old.get_model("plans", "ProgressReport").evidence_pages.through
        assert sorted(through.objects.values_list("progressreport_id", "page_id")) == sorted(given)
    finally:
        migrate()
