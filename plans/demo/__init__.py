"""The demo's plan: plan 17/KH-UBND imported from plans/data, a public plan page, sample progress
reports (reports.json, marked as samples) and the news articles that carry out some tasks."""

import datetime
import json
from pathlib import Path

from home.demo_loading import load_pages
from plans.importer import import_plan
from plans.models import DuePeriod, Unit

HERE = Path(__file__).resolve().parent
PLAN_FILE = HERE.parent / "data" / "ke-hoach-17-KH-UBND-2021.json"


def load(pages, log):
    plan, counts = import_plan(PLAN_FILE)
    if counts["created"] or counts["updated"]:
        log(f"Imported plan {plan.number}")
    content = json.loads((HERE / "page.json").read_text(encoding="utf-8"))
    entry = {"key": "plan", "type": "plans.PlanPage", "parent": "official-information",
             "previous_parent": "home", "show_in_menus": True,
             "facts": {"plan_id": plan.pk}, **{key: content[key] for key in ("title", "slug", "intro")}}
    load_pages([entry], pages, log)
    recorded = {name: plan.tasks.get(code=code).pk for name, code in content["recorded_tasks"].items()}
    if any(getattr(plan, f"{name}_id") != pk for name, pk in recorded.items()):
        plan.__dict__.update({f"{name}_id": pk for name, pk in recorded.items()})
        plan.save()
    for key, code in content["evidence"].items():
        page, task = pages[key], plan.tasks.get(code=code)
        if page.plan_task_id != task.pk:
            page.plan_task = task
            page.save_revision().publish()
    load_reports(plan, json.loads((HERE / "reports.json").read_text(encoding="utf-8")), log)


def load_reports(plan, reports, log):
    for values in reports:
        period = DuePeriod.objects.get(task__plan=plan, task__code=values["task"], label=values["period"])
        unit = Unit.objects.get(key=values["unit"])
        submitted_at = datetime.datetime.fromisoformat(values["submitted_at"])
        _report, created = period.reports.get_or_create(
            unit=unit,
            submitted_at=submitted_at,
            defaults={
                key: values[key] for key in ("text", "percent_done", "published")
            } | {"completed_on": values["completed_on"] and datetime.date.fromisoformat(values["completed_on"])},
        )
        if created:
            log(f"Created sample report on task {values['task']} ({values['period']})")

