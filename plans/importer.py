"""Load a plan file (see plans/data/) into the database; a second run changes nothing.

The file is checked whole before anything is written: a malformed one is refused with a
message naming the line (for JSON syntax) or the field (e.g. `tasks[4].lead[0]`).
"""

import datetime
import json

from django.db import transaction
from modeltranslation.utils import build_localized_fieldname

from .models import Plan, ReportingDeadline, Task, Unit
from .periods import TimeFrameError, due_periods


class PlanFileError(ValueError):
    pass


def read(path):
    try:
        with open(path, encoding="utf-8") as handle:
            return json.load(handle)
    except OSError as error:
        raise PlanFileError(f"Cannot read {path}: {error.strerror}.") from error
    except json.JSONDecodeError as error:
        raise PlanFileError(f"{path}, line {error.lineno}, column {error.colno}: {error.msg}.") from error
    except UnicodeDecodeError as error:
        raise PlanFileError(f"{path} is not UTF-8 text.") from error


class Checker:
    """Checks one value of the file and says where it is when it is wrong."""

    def __init__(self, data, where=""):
        self.data, self.where = data, where

    def fail(self, message):
        raise PlanFileError(f"{self.where or 'the file'}: {message}")

    def child(self, key):
        where = f"{self.where}[{key}]" if isinstance(key, int) else f"{self.where}.{key}".lstrip(".")
        if isinstance(key, int):
            return Checker(self.data[key], where)
        if not isinstance(self.data, dict) or key not in self.data:
            Checker(None, where).fail("missing")
        return Checker(self.data[key], where)

    def optional(self, key, default=None):
        if isinstance(self.data, dict) and key in self.data:
            return self.child(key)
        return Checker(default, f"{self.where}.{key}")

    def text(self, allow_empty=False):
        if not isinstance(self.data, str) or not (allow_empty or self.data.strip()):
            self.fail("expected text" if allow_empty else "expected non-empty text")
        return self.data.strip()

    def translated(self, allow_empty=False):
        if not isinstance(self.data, dict):
            self.fail('expected {"vi": "...", "en": "..."}')
        self.child("vi").text(allow_empty)
        return {code: self.child(code).text(allow_empty=True) for code in self.data}

    def date(self):
        try:
            return datetime.date.fromisoformat(self.text())
        except ValueError:
            self.fail(f"“{self.data}” is not a date written YYYY-MM-DD")

    def integer(self):
        if not isinstance(self.data, int) or isinstance(self.data, bool):
            self.fail("expected a whole number")
        return self.data

    def items(self):
        if not isinstance(self.data, list):
            self.fail("expected a list")
        return [self.child(index) for index in range(len(self.data))]

    def choice(self, choices):
        value = self.text()
        if value not in choices:
            self.fail(f"“{value}” is not one of {', '.join(choices)}")
        return value

    def reference(self, known):
        key = self.text()
        if key not in known:
            self.fail(f"unknown unit “{key}”")
        return key


def check(data):
    """The file's content as plain values, or PlanFileError."""
    root = Checker(data)
    if not isinstance(data, dict):
        root.fail("expected an object with plan, units and tasks")
    units = []
    for unit in root.child("units").items():
        units.append(
            {
                "key": unit.child("key").text(),
                "name": unit.child("name").translated(),
                "short_name": unit.optional("short_name", "").text(allow_empty=True),
                "kind": unit.child("kind").choice(Unit.Kind.values),
                "aliases": [alias.text() for alias in unit.optional("aliases", []).items()],
                "active": unit.optional("active", True).data is not False,
                "where": unit,
            }
        )
    keys = [unit["key"] for unit in units]
    if len(set(keys)) != len(keys):
        root.child("units").fail(f"unit keys repeat: {', '.join(sorted({k for k in keys if keys.count(k) > 1}))}")
    for unit in units:
        where = unit.pop("where")
        unit["part_of"] = [group.reference(keys) for group in where.optional("part_of", []).items()]
        successor = where.optional("successor")
        unit["successor"] = successor.reference(keys) if successor.data is not None else None

    plan = root.child("plan")
    year = plan.child("year").integer()
    plan_values = {
        "number": plan.child("number").text(),
        "title": plan.child("title").translated(),
        "year": year,
        "date_issued": plan.child("date_issued").date(),
        "issuing_body": plan.child("issuing_body").reference(keys),
        "signer": plan.optional("signer", "").text(allow_empty=True),
        "place": plan.optional("place", "").text(allow_empty=True),
        "coordinating_unit": plan.child("coordinating_unit").reference(keys),
        "reporting_deadlines": [
            {
                "kind": deadline.child("kind").choice(ReportingDeadline.Kind.values),
                "name": deadline.child("name").translated(),
                "due": deadline.child("due").date(),
                "covers_from": deadline.child("covers_from").date(),
                "covers_to": deadline.child("covers_to").date(),
            }
            for deadline in plan.optional("reporting_deadlines", []).items()
        ],
    }

    tasks, codes = [], set()
    for task in root.child("tasks").items():
        code = task.child("code").text()
        if code in codes:
            task.child("code").fail(f"“{code}” appears twice")
        parent = task.optional("parent")
        if parent.data is not None and parent.text() not in codes:
            parent.fail(f"“{parent.data}” is not an item listed before this one")
        time_frame = task.optional("time_frame")
        try:
            due_periods(time_frame.data, year)
        except TimeFrameError as error:
            time_frame.fail(str(error))
        codes.add(code)
        tasks.append(
            {
                "code": code,
                "parent": parent.data,
                "title": task.child("title").translated(),
                "content": task.optional("content", {"vi": ""}).translated(allow_empty=True),
                "lead": [unit.reference(keys) for unit in task.optional("lead", []).items()],
                "coordinating": [unit.reference(keys) for unit in task.optional("coordinating", []).items()],
                "time_frame": time_frame.data or "",
            }
        )
    return {"plan": plan_values, "units": units, "tasks": tasks}


def localized(field, values):
    return {build_localized_fieldname(field, code): value for code, value in values.items()}


class Import:
    def __init__(self):
        self.counts = {"created": 0, "updated": 0, "unchanged": 0}

    def upsert(self, model, lookup, values):
        """Create or update one row, writing only when something differs."""
        instance = model.objects.filter(**lookup).first()
        if instance is None:
            self.counts["created"] += 1
            return model.objects.create(**lookup, **values)
        changed = {name: value for name, value in values.items() if getattr(instance, name) != value}
        if changed:
            for name, value in changed.items():
                setattr(instance, name, value)
            instance.save()
            self.counts["updated"] += 1
        else:
            self.counts["unchanged"] += 1
        return instance

    def set_relation(self, manager, targets):
        if set(manager.values_list("pk", flat=True)) != {target.pk for target in targets}:
            manager.set(targets)

    @transaction.atomic
    def run(self, content):
        units = {}
        for values in content["units"]:
            units[values["key"]] = self.upsert(
                Unit,
                {"key": values["key"]},
                {
                    **localized("name", values["name"]),
                    "short_name": values["short_name"],
                    "kind": values["kind"],
                    "aliases": values["aliases"],
                    "active": values["active"],
                },
            )
        for values in content["units"]:
            unit = units[values["key"]]
            self.upsert(Unit, {"pk": unit.pk}, {"successor": units.get(values["successor"])})
            self.set_relation(unit.part_of, [units[key] for key in values["part_of"]])

        values = content["plan"]
        plan = self.upsert(
            Plan,
            {"number": values["number"]},
            {
                **localized("title", values["title"]),
                "year": values["year"],
                "date_issued": values["date_issued"],
                "issuing_body": units[values["issuing_body"]],
                "signer": values["signer"],
                "place": values["place"],
                "coordinating_unit": units[values["coordinating_unit"]],
            },
        )
        for deadline in values["reporting_deadlines"]:
            self.upsert(
                ReportingDeadline,
                {"plan": plan, "kind": deadline["kind"]},
                {
                    **localized("name", deadline["name"]),
                    "due": deadline["due"],
                    "covers_from": deadline["covers_from"],
                    "covers_to": deadline["covers_to"],
                },
            )

        tasks = {}
        for order, values in enumerate(content["tasks"]):
            task = self.upsert(
                Task,
                {"plan": plan, "code": values["code"]},
                {
                    "parent": tasks.get(values["parent"]),
                    "sort_order": order,
                    **localized("title", values["title"]),
                    **localized("content", values["content"]),
                    "time_frame": values["time_frame"],
                },
            )
            tasks[values["code"]] = task
            self.set_relation(task.lead_units, [units[key] for key in values["lead"]])
            self.set_relation(task.coordinating_units, [units[key] for key in values["coordinating"]])
        for task in tasks.values():
            task.sync_periods()
        return plan


def import_plan(path):
    content = check(read(path))
    importer = Import()
    plan = importer.run(content)
    return plan, importer.counts
