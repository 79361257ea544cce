"""The foreign press registration form, and sample press coverage (September 2021) and delegations
(2021), so that the monthly digest and the year report have something to count. Outlets, articles and
delegations are invented and say so; links point to example.org."""

import json
from pathlib import Path

from home.demo_loading import load_form_page
from news.models import Topic
from plans.models import Unit
from press.models import Coverage, Delegation, Outlet

HERE = Path(__file__).resolve().parent


def load(pages, log):
    load_form_page(HERE / "form.json", "Báo chí nước ngoài: Tiếp nhận đăng ký", pages, log)
    content = json.loads((HERE / "coverage.json").read_text(encoding="utf-8"))
    outlets = [Outlet.objects.get_or_create(name=values["name"], defaults=values)[0] for values in content["outlets"]]
    for number, values in enumerate(content["coverage"]):
        _item, created = Coverage.objects.get_or_create(
            outlet=outlets[values["outlet"]],
            published_on=values["date"],
            title=values["title"],
            defaults={
                "url": f"https://example.org/sample-coverage-{number + 1}",
                "language": values["language"],
                "tone": values["tone"],
                "topic": Topic.objects.get(slug=values["topic"]),
                "needs_response": values.get("needs_response", False),
                "responding_unit": Unit.objects.filter(key=values.get("responding_unit")).first(),
                **{key: values[key] for key in ("response_due", "response_status", "responded_on", "response_note")
                   if key in values},
            },
        )  # fmt: skip
        if created:
            log(f"Logged sample press coverage {values['title']!r}")
    for values in content["delegations"]:
        facts = {key: value for key, value in values.items() if key != "host_unit"}
        _delegation, created = Delegation.objects.get_or_create(
            partner=values["partner"], starts=values["starts"],
            defaults={**facts, "host_unit": Unit.objects.get(key=values["host_unit"])},
        )  # fmt: skip
        if created:
            log(f"Logged sample delegation {values['partner']!r}")
